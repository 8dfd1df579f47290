#pragma once

#include "engine/api/database.h"

#include <cstdint>

namespace strata::transfer {

//! Fills a database with the demo tables: users, products, orders and county parcels.
//! Deterministic for a given `rows` (the number of users; the other tables scale from it).
//! Fails if any of the tables already exists.
engine::Status createDemoDatabase(engine::Connection &connection, int64_t rows);

} // namespace strata::transfer
