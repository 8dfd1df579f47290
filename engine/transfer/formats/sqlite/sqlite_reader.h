#pragma once

#include "engine/transfer/import_source.h"

#include <memory>

namespace strata::transfer {

//! Reads the tables of a SQLite database file through Qt Sql's QSQLITE driver, opened
//! read-only. Column types come from the declared types (SQLite's affinity rules, plus the
//! DATE, TIMESTAMP and BOOLEAN names Strata writes); a column declared without a type is
//! inferred from its values. Primary keys and NOT NULL are kept.
std::unique_ptr<Reader> createSqliteReader(const ReadSource &source, const ImportSpec &spec);

//! The Strata type for a SQLite declared type; nullopt for none (infer from the values).
std::optional<engine::LogicalType> typeForSqliteDeclared(const std::string &declared);

} // namespace strata::transfer
