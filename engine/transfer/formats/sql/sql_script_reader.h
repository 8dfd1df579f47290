#pragma once

#include "engine/transfer/import_source.h"

#include <memory>

namespace strata::transfer {

//! A SQL script as a source of statements (translateSqlScript); the import job runs them
//! (script_runner.h).
std::unique_ptr<Reader> createSqlScriptReader(const ReadSource &source, const ImportSpec &spec);

} // namespace strata::transfer
