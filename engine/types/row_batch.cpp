#include "engine/types/row_batch.h"

namespace strata::engine {

Value ColumnVector::valueAt(size_t row) const
{
    if (!valid[row])
        return Value::null();
    switch (type) {
    case LogicalType::Null:
        return Value::null();
    case LogicalType::Double:
        return Value::real(doubles[row]);
    case LogicalType::Text:
    case LogicalType::Blob:
        return Value::stringy(type, std::string(bytesAt(row)));
    default:
        return Value::integral(type, ints[row]);
    }
}

void ColumnVector::clear()
{
    valid.clear();
    ints.clear();
    doubles.clear();
    offsets.assign(1, 0);
    bytes.clear();
}

void ColumnVector::reserve(size_t rows)
{
    valid.reserve(rows);
    if (type == LogicalType::Double)
        doubles.reserve(rows);
    else if (type == LogicalType::Text || type == LogicalType::Blob)
        offsets.reserve(rows + 1);
    else
        ints.reserve(rows);
}

void ColumnVector::appendNull()
{
    valid.push_back(0);
    switch (type) {
    case LogicalType::Double:
        doubles.push_back(0);
        break;
    case LogicalType::Text:
    case LogicalType::Blob:
        offsets.push_back(static_cast<uint32_t>(bytes.size()));
        break;
    default:
        ints.push_back(0);
        break;
    }
}

void ColumnVector::appendInt(int64_t v)
{
    valid.push_back(1);
    ints.push_back(v);
}

void ColumnVector::appendDouble(double v)
{
    valid.push_back(1);
    doubles.push_back(v);
}

void ColumnVector::appendBytes(std::string_view v)
{
    valid.push_back(1);
    bytes.append(v);
    offsets.push_back(static_cast<uint32_t>(bytes.size()));
}

void ColumnVector::append(const Value &v)
{
    if (v.isNull()) {
        appendNull();
        return;
    }
    if (type == LogicalType::Null && valid.empty())
        type = v.type; // an untyped column takes the type of its first value
    if (v.type != type) {
        append(castValue(v, type));
        return;
    }
    switch (type) {
    case LogicalType::Double:
        appendDouble(v.d);
        break;
    case LogicalType::Text:
    case LogicalType::Blob:
        appendBytes(v.s);
        break;
    default:
        appendInt(v.i);
        break;
    }
}

void RowBatch::reset(const std::vector<std::string> &columnNames,
                     const std::vector<LogicalType> &types)
{
    names = columnNames;
    columns.assign(types.size(), ColumnVector());
    for (size_t c = 0; c < types.size(); ++c)
        columns[c].type = types[c];
    m_rows = 0;
}

void RowBatch::clear()
{
    for (auto &c : columns)
        c.clear();
    m_rows = 0;
}

void RowBatch::appendRow(const Row &row)
{
    for (size_t c = 0; c < columns.size(); ++c)
        columns[c].append(c < row.size() ? row[c] : Value::null());
    ++m_rows;
}

Row RowBatch::row(size_t r) const
{
    Row out;
    out.reserve(columns.size());
    for (const auto &c : columns)
        out.push_back(c.valueAt(r));
    return out;
}

} // namespace strata::engine
