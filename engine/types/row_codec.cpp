#include "engine/types/row_codec.h"

#include "engine/common/status.h"

namespace strata::engine::rowcodec {

void encode(const Row &row, std::string &out)
{
    const auto n = static_cast<uint16_t>(row.size());
    STRATA_ASSERT(row.size() < 65536, "too many columns");
    const size_t start = out.size();
    const size_t bitmap = (n + 7) / 8;
    const size_t fixed = 2 + bitmap + 8 * n;
    size_t varSize = 0;
    for (const auto &v : row)
        if (v.type == LogicalType::Text || v.type == LogicalType::Blob)
            varSize += v.s.size();
    out.resize(start + fixed + varSize);
    char *base = out.data() + start;
    std::memcpy(base, &n, 2);
    std::memset(base + 2, 0, bitmap);
    char *slots = base + 2 + bitmap;
    uint32_t varOff = static_cast<uint32_t>(fixed);
    for (uint16_t c = 0; c < n; ++c) {
        const Value &v = row[c];
        char *slot = slots + 8 * c;
        switch (v.type) {
        case LogicalType::Null:
            base[2 + c / 8] = static_cast<char>(base[2 + c / 8] | (1 << (c % 8)));
            std::memset(slot, 0, 8);
            break;
        case LogicalType::Double:
            std::memcpy(slot, &v.d, 8);
            break;
        case LogicalType::Text:
        case LogicalType::Blob: {
            const auto len = static_cast<uint32_t>(v.s.size());
            std::memcpy(slot, &varOff, 4);
            std::memcpy(slot + 4, &len, 4);
            std::memcpy(base + varOff, v.s.data(), len);
            varOff += len;
            break;
        }
        default:
            std::memcpy(slot, &v.i, 8);
            break;
        }
    }
}

Value RowView::get(uint32_t col, LogicalType type) const
{
    if (isNull(col))
        return Value::null();
    switch (type) {
    case LogicalType::Null:
        return Value::null();
    case LogicalType::Double:
        return Value::real(getDouble(col));
    case LogicalType::Text:
    case LogicalType::Blob:
        return Value::stringy(type, std::string(getBytes(col)));
    default:
        return Value::integral(type, getInt(col));
    }
}

} // namespace strata::engine::rowcodec
