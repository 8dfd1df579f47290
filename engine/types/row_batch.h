#pragma once

#include "engine/types/value.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine {

//! One column of a RowBatch: a type, validity, and the values in typed arrays. Integers,
//! booleans, dates and timestamps live in `ints`, doubles in `doubles`, text and blobs as
//! `offsets` into one `bytes` buffer (value i is bytes[offsets[i], offsets[i+1])).
struct ColumnVector {
    LogicalType type = LogicalType::Null;
    //! The column had no type of its own (json_extract, a NULL literal): it took its first
    //! value's, and becomes TEXT when a later value is of another type that does not convert.
    bool dynamic = false;
    std::vector<uint8_t> valid; //!< 1 = has a value, 0 = NULL
    std::vector<int64_t> ints;
    std::vector<double> doubles;
    std::vector<uint32_t> offsets{0};
    std::string bytes;

    bool isNull(size_t row) const { return !valid[row]; }
    int64_t intAt(size_t row) const { return ints[row]; }
    double doubleAt(size_t row) const { return doubles[row]; }
    std::string_view bytesAt(size_t row) const
    {
        return {bytes.data() + offsets[row], offsets[row + 1] - offsets[row]};
    }
    //! The value as a Value (for tests and slow paths).
    Value valueAt(size_t row) const;
    void clear();
    void reserve(size_t rows);
    //! Lays out the NULLs appended so far for the type just taken.
    void retype();
    //! Turns every value so far into text (a dynamic column met a value of another type).
    void toText();
    //! Appends a value; converts it to the column type when they differ.
    void append(const Value &v);
    void appendNull();
    void appendInt(int64_t v);
    void appendDouble(double v);
    void appendBytes(std::string_view v);
};

//! Up to a few thousand rows stored column by column: the unit that flows from scans to
//! writers and from readers to inserts.
class RowBatch {
public:
    std::vector<std::string> names;
    std::vector<ColumnVector> columns;

    size_t rowCount() const { return m_rows; }
    size_t columnCount() const { return columns.size(); }
    //! Sets the shape and empties the batch.
    void reset(const std::vector<std::string> &columnNames, const std::vector<LogicalType> &types);
    void clear();
    void appendRow(const Row &row);
    //! Counts a row the caller appended column by column.
    void commitRow() { ++m_rows; }
    Value value(size_t row, size_t column) const { return columns[column].valueAt(row); }
    Row row(size_t r) const;

private:
    size_t m_rows = 0;
};

} // namespace strata::engine
