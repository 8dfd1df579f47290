#include "engine/types/row_batch.h"

#include "engine/common/status.h"

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

void ColumnVector::retype()
{
    const size_t n = valid.size();
    ints.clear();
    doubles.clear();
    offsets.assign(1, 0);
    bytes.clear();
    valid.clear();
    for (size_t i = 0; i < n; ++i)
        appendNull(); // only NULLs came before
}

void ColumnVector::toText()
{
    std::vector<Value> values;
    values.reserve(valid.size());
    for (size_t i = 0; i < valid.size(); ++i)
        values.push_back(valueAt(i));
    type = LogicalType::Text;
    clear();
    for (const auto &v : values)
        append(v.isNull() ? v : castValue(v, LogicalType::Text));
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
    if (type == LogicalType::Null) {
        // An untyped column takes the type of its first value; the NULLs before it are
        // NULLs of that type.
        type = v.type;
        dynamic = true;
        retype();
    }
    if (v.type != type) {
        Value converted;
        try {
            converted = castValue(v, type);
        } catch (const EngineError &) {
            if (!dynamic)
                throw;
            toText();
            converted = castValue(v, LogicalType::Text);
        }
        append(converted);
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
