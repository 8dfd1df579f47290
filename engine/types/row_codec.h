#pragma once

#include "engine/types/value.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace strata::engine {

//! Compact row bytes as stored in a version: a column count, a null bitmap, one 8-byte slot
//! per column (the value, or offset+length of variable data), then the variable data.
//! Any column can be read in O(1) without decoding the rest.
namespace rowcodec {

//! Appends the encoding of `row` to `out`.
void encode(const Row &row, std::string &out);

//! Read-only view over encoded row bytes.
class RowView {
public:
    RowView() = default;
    RowView(const char *data, uint32_t size)
        : m_data(data)
        , m_size(size)
    {
        std::memcpy(&m_columns, data, 2);
    }
    uint32_t columnCount() const { return m_columns; }
    //! Column beyond columnCount() (added later by ALTER TABLE) reads as NULL.
    bool isNull(uint32_t col) const
    {
        if (col >= m_columns)
            return true;
        return (static_cast<unsigned char>(m_data[2 + col / 8]) >> (col % 8)) & 1;
    }
    int64_t getInt(uint32_t col) const
    {
        int64_t v;
        std::memcpy(&v, slot(col), 8);
        return v;
    }
    double getDouble(uint32_t col) const
    {
        double v;
        std::memcpy(&v, slot(col), 8);
        return v;
    }
    std::string_view getBytes(uint32_t col) const
    {
        uint32_t off, len;
        std::memcpy(&off, slot(col), 4);
        std::memcpy(&len, slot(col) + 4, 4);
        return {m_data + off, len};
    }
    //! Decodes one column as a Value of the declared type.
    Value get(uint32_t col, LogicalType type) const;
    const char *data() const { return m_data; }
    uint32_t size() const { return m_size; }

private:
    const char *slot(uint32_t col) const { return m_data + 2 + (m_columns + 7) / 8 + 8 * col; }
    const char *m_data = nullptr;
    uint32_t m_size = 0;
    uint32_t m_columns = 0;
};

} // namespace rowcodec
} // namespace strata::engine
