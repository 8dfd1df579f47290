#pragma once

#include "engine/common/ascii.h"
#include "engine/types/value.h"

#include <cstdint>
#include <string>
#include <vector>

namespace strata::engine {

//! One column as declared by CREATE TABLE or ALTER TABLE ADD COLUMN.
struct ColumnDef {
    std::string name;
    LogicalType type = LogicalType::Text;
    uint32_t maxLength = 0; //!< VARCHAR(n)/CHAR(n) limit in characters; 0 = none
    bool notNull = false;
    bool primaryKey = false;
    bool unique = false;
    bool sensitive = false; //!< exports mask or drop this column
    bool hasDefault = false;
    bool defaultIsNow = false; //!< DEFAULT CURRENT_TIMESTAMP / CURRENT_DATE
    Value defaultValue;
    //! The declared type as written ("VARCHAR(40)"), for round-tripping schemas.
    std::string declaredType;
};

//! A table's shape at one catalog version.
struct TableSchema {
    uint64_t id = 0; //!< stable across renames; identifies the table in the log
    std::string name;
    std::vector<ColumnDef> columns;
    std::vector<uint32_t> primaryKey; //!< column indexes, in key order
    //! UNIQUE constraints (each a set of column indexes), primary key excluded.
    std::vector<std::vector<uint32_t>> uniqueKeys;
    int64_t createdAt = 0; //!< commit timestamp of CREATE TABLE (µs UTC)

    //! Index of the column named `name` (case-insensitive), or -1.
    int findColumn(std::string_view name) const;
    //! Columns that identify a row for change tracking: the primary key, else all columns.
    std::vector<uint32_t> identityColumns() const;
};

//! A secondary (or unique) index declared with CREATE INDEX.
struct IndexDef {
    std::string name;
    uint64_t tableId = 0;
    std::vector<uint32_t> columns;
    bool unique = false;
};

//! A view: a named query, kept as its text and planned where it is read. Views share the
//! names of tables (one name is one or the other).
struct ViewDef {
    std::string name;
    std::string sql;                  //!< the SELECT, as written
    std::vector<std::string> columns; //!< CREATE VIEW v (a, b): names for its columns
    int64_t createdAt = 0;            //!< commit timestamp, µs UTC
};

class ByteWriter;
class ByteReader;
void writeSchema(ByteWriter &w, const TableSchema &schema);
TableSchema readSchema(ByteReader &r);
//! An index definition as the log and the checkpoint store it.
void writeIndexDef(ByteWriter &w, const IndexDef &def);
IndexDef readIndexDef(ByteReader &r);
void writeViewDef(ByteWriter &w, const ViewDef &def);
ViewDef readViewDef(ByteReader &r);
void writeValue(ByteWriter &w, const Value &v);
Value readValue(ByteReader &r);

} // namespace strata::engine
