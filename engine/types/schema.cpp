#include "engine/types/schema.h"

#include "engine/common/ascii.h"
#include "engine/common/bytes.h"

#include <cctype>

namespace strata::engine {

int TableSchema::findColumn(std::string_view n) const
{
    for (size_t i = 0; i < columns.size(); ++i)
        if (equalsIgnoreCase(columns[i].name, n))
            return static_cast<int>(i);
    return -1;
}

std::vector<uint32_t> TableSchema::identityColumns() const
{
    if (!primaryKey.empty())
        return primaryKey;
    std::vector<uint32_t> all(columns.size());
    for (uint32_t i = 0; i < all.size(); ++i)
        all[i] = i;
    return all;
}

void writeValue(ByteWriter &w, const Value &v)
{
    w.put<uint8_t>(static_cast<uint8_t>(v.type));
    switch (v.type) {
    case LogicalType::Null:
        break;
    case LogicalType::Double:
        w.put<double>(v.d);
        break;
    case LogicalType::Text:
    case LogicalType::Blob:
        w.putString(v.s);
        break;
    default:
        w.put<int64_t>(v.i);
        break;
    }
}

Value readValue(ByteReader &r)
{
    const auto t = r.get<uint8_t>();
    if (t > static_cast<uint8_t>(LogicalType::Timestamp))
        throwError(StatusCode::Corrupt, "unknown value type " + std::to_string(t));
    const auto type = static_cast<LogicalType>(t);
    switch (type) {
    case LogicalType::Null:
        return Value::null();
    case LogicalType::Double:
        return Value::real(r.get<double>());
    case LogicalType::Text:
    case LogicalType::Blob:
        return Value::stringy(type, std::string(r.getString()));
    default:
        return Value::integral(type, r.get<int64_t>());
    }
}

void writeSchema(ByteWriter &w, const TableSchema &s)
{
    w.put<uint64_t>(s.id);
    w.putString(s.name);
    w.put<int64_t>(s.createdAt);
    w.put<uint32_t>(static_cast<uint32_t>(s.columns.size()));
    for (const auto &c : s.columns) {
        w.putString(c.name);
        w.put<uint8_t>(static_cast<uint8_t>(c.type));
        w.put<uint32_t>(c.maxLength);
        const uint8_t flags = (c.notNull ? 1 : 0) | (c.primaryKey ? 2 : 0) | (c.unique ? 4 : 0)
                              | (c.sensitive ? 8 : 0) | (c.hasDefault ? 16 : 0)
                              | (c.defaultIsNow ? 32 : 0);
        w.put<uint8_t>(flags);
        writeValue(w, c.defaultValue);
        w.putString(c.declaredType);
    }
    w.put<uint32_t>(static_cast<uint32_t>(s.primaryKey.size()));
    for (auto k : s.primaryKey)
        w.put<uint32_t>(k);
    w.put<uint32_t>(static_cast<uint32_t>(s.uniqueKeys.size()));
    for (const auto &u : s.uniqueKeys) {
        w.put<uint32_t>(static_cast<uint32_t>(u.size()));
        for (auto k : u)
            w.put<uint32_t>(k);
    }
}

void writeIndexDef(ByteWriter &w, const IndexDef &def)
{
    w.putString(def.name);
    w.put<uint64_t>(def.tableId);
    w.put<uint8_t>(def.unique ? 1 : 0);
    w.put<uint32_t>(static_cast<uint32_t>(def.columns.size()));
    for (auto c : def.columns)
        w.put<uint32_t>(c);
}

IndexDef readIndexDef(ByteReader &r)
{
    IndexDef def;
    def.name = std::string(r.getString());
    def.tableId = r.get<uint64_t>();
    def.unique = r.get<uint8_t>() != 0;
    const auto n = r.get<uint32_t>();
    for (uint32_t k = 0; k < n; ++k)
        def.columns.push_back(r.get<uint32_t>());
    return def;
}

void writeViewDef(ByteWriter &w, const ViewDef &def)
{
    w.putString(def.name);
    w.putString(def.sql);
    w.put<int64_t>(def.createdAt);
    w.put<uint32_t>(static_cast<uint32_t>(def.columns.size()));
    for (const auto &c : def.columns)
        w.putString(c);
}

ViewDef readViewDef(ByteReader &r)
{
    ViewDef def;
    def.name = std::string(r.getString());
    def.sql = std::string(r.getString());
    def.createdAt = r.get<int64_t>();
    const auto n = r.get<uint32_t>();
    for (uint32_t k = 0; k < n; ++k)
        def.columns.push_back(std::string(r.getString()));
    return def;
}

TableSchema readSchema(ByteReader &r)
{
    TableSchema s;
    s.id = r.get<uint64_t>();
    s.name = std::string(r.getString());
    s.createdAt = r.get<int64_t>();
    const auto n = r.get<uint32_t>();
    if (n > 100000)
        throwError(StatusCode::Corrupt, "implausible column count " + std::to_string(n));
    for (uint32_t i = 0; i < n; ++i) {
        ColumnDef c;
        c.name = std::string(r.getString());
        c.type = static_cast<LogicalType>(r.get<uint8_t>());
        c.maxLength = r.get<uint32_t>();
        const auto flags = r.get<uint8_t>();
        c.notNull = flags & 1;
        c.primaryKey = flags & 2;
        c.unique = flags & 4;
        c.sensitive = flags & 8;
        c.hasDefault = flags & 16;
        c.defaultIsNow = flags & 32;
        c.defaultValue = readValue(r);
        c.declaredType = std::string(r.getString());
        s.columns.push_back(std::move(c));
    }
    auto readList = [&](std::vector<uint32_t> &out) {
        const auto k = r.get<uint32_t>();
        if (k > n)
            throwError(StatusCode::Corrupt, "implausible key column count");
        for (uint32_t i = 0; i < k; ++i) {
            const auto col = r.get<uint32_t>();
            if (col >= n)
                throwError(StatusCode::Corrupt, "key column out of range");
            out.push_back(col);
        }
    };
    readList(s.primaryKey);
    const auto u = r.get<uint32_t>();
    if (u > n)
        throwError(StatusCode::Corrupt, "implausible unique key count");
    for (uint32_t i = 0; i < u; ++i) {
        s.uniqueKeys.emplace_back();
        readList(s.uniqueKeys.back());
    }
    return s;
}

} // namespace strata::engine
