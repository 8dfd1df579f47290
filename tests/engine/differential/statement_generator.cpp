#include "tests/engine/differential/statement_generator.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>

namespace strata::differential {

namespace {

// Text values that stress quoting and encoding without leaving what both engines accept.
const char *const kTexts[] = {"a",
                              "b",
                              "ab",
                              "",
                              "O''Brien",
                              "\xc3\xa9t\xc3\xa9",
                              "\xe6\x97\xa5",
                              "x y",
                              "line\nbreak",
                              "cr\rhere",
                              "%_",
                              "tab\there",
                              "Z",
                              "a\\b"};

} // namespace

std::string typeName(ColumnType type, bool forSqlite)
{
    switch (type) {
    case ColumnType::Integer:
        return "INTEGER";
    case ColumnType::Double:
        return forSqlite ? "REAL" : "DOUBLE";
    case ColumnType::Text:
        return "TEXT";
    case ColumnType::Blob:
        return "BLOB";
    }
    return "TEXT";
}

std::string StatementGenerator::literal(ColumnType type, bool keyColumn)
{
    if (!keyColumn && chance(0.12))
        return "NULL";
    switch (type) {
    case ColumnType::Integer: {
        if (keyColumn)
            return std::to_string(pick(24));
        // Big, but summing a table of them stays inside 64 bits (SQLite fails on the way).
        if (chance(0.01))
            return chance(0.5) ? "576460752303423488" : "-576460752303423487";
        return std::to_string(pick(101) - 50);
    }
    case ColumnType::Double: {
        if (chance(0.03))
            return chance(0.5) ? "1e300" : "2.5e-300";
        // Quarters are exact, so sums agree whatever order the engines add in.
        const int q = pick(801) - 400;
        std::string s = std::to_string(q / 4);
        if (q < 0 && q / 4 == 0)
            s = "-0";
        const int frac = std::abs(q % 4);
        static const char *const kFrac[] = {".0", ".25", ".5", ".75"};
        return s + kFrac[frac];
    }
    case ColumnType::Text:
        if (keyColumn)
            return "'k" + std::to_string(pick(16)) + "'";
        return std::string("'") + kTexts[pick(int(std::size(kTexts)))] + "'";
    case ColumnType::Blob: {
        static const char *const kBlobs[] = {"X''", "X'00'", "X'00ff10'", "X'41'", "X'deadbeef'"};
        if (keyColumn)
            return "X'0" + std::to_string(pick(10)) + "'";
        return kBlobs[pick(int(std::size(kBlobs)))];
    }
    }
    return "NULL";
}

Statement StatementGenerator::createTable(const Schema &schema)
{
    const std::string name = "t" + std::to_string(pick(7));
    const int ncols = 1 + pick(5);
    std::vector<ModelColumn> cols;
    for (int c = 0; c < ncols; ++c) {
        ModelColumn col;
        col.name = "c" + std::to_string(c);
        const int t = pick(10);
        col.type = t < 4   ? ColumnType::Integer
                   : t < 6 ? ColumnType::Double
                   : t < 9 ? ColumnType::Text
                           : ColumnType::Blob;
        cols.push_back(col);
    }
    const int keyKind = pick(8); // 0-4 one key column, 5 two, 6-7 none
    if (keyKind <= 4)
        cols[0].inKey = true;
    else if (keyKind == 5 && ncols >= 2)
        cols[0].inKey = cols[1].inKey = true;
    auto render = [&](bool forSqlite) {
        std::string sql = "CREATE TABLE " + name + " (";
        std::vector<std::string> key;
        for (size_t c = 0; c < cols.size(); ++c) {
            if (c)
                sql += ", ";
            sql += cols[c].name + " " + typeName(cols[c].type, forSqlite);
            if (cols[c].inKey) {
                sql += " NOT NULL";
                key.push_back(cols[c].name);
            }
        }
        if (!key.empty()) {
            sql += ", PRIMARY KEY (";
            for (size_t k = 0; k < key.size(); ++k)
                sql += (k ? ", " : "") + key[k];
            sql += ")";
        }
        sql += ")";
        if (forSqlite)
            sql += " STRICT";
        return sql;
    };
    (void)schema;
    return {render(false), render(true)};
}

Statement StatementGenerator::createIndex(const Schema &schema)
{
    const ModelTable &t = anyTable(schema);
    const bool unique = chance(0.3);
    std::string sql = std::string("CREATE ") + (unique ? "UNIQUE " : "") + "INDEX i"
                      + std::to_string(pick(6)) + " ON " + t.name + " (";
    const int n = 1 + pick(std::min<int>(2, int(t.columns.size())));
    std::vector<int> used;
    for (int k = 0; k < n; ++k) {
        int c = pick(int(t.columns.size()));
        if (std::find(used.begin(), used.end(), c) != used.end())
            continue;
        used.push_back(c);
        sql += (used.size() > 1 ? ", " : "") + t.columns[c].name;
    }
    sql += ")";
    return {sql, sql};
}

Statement StatementGenerator::alter(const Schema &schema)
{
    const ModelTable &t = anyTable(schema);
    const int kind = pick(3);
    if (kind == 0) {
        const std::string name = "t" + std::to_string(pick(7));
        const std::string sql = "ALTER TABLE " + t.name + " RENAME TO " + name;
        return {sql, sql};
    }
    if (kind == 1) {
        const ModelColumn &c = t.columns[pick(int(t.columns.size()))];
        const std::string sql = "ALTER TABLE " + t.name + " RENAME COLUMN " + c.name + " TO c"
                                + std::to_string(pick(8));
        return {sql, sql};
    }
    const ColumnType type = static_cast<ColumnType>(pick(3));
    std::string tail = " c" + std::to_string(pick(8)) + " ";
    std::string def;
    if (chance(0.5)) {
        def = literal(type, false);
        if (def != "NULL")
            def = " DEFAULT " + def;
        else
            def.clear();
    }
    return {"ALTER TABLE " + t.name + " ADD COLUMN" + tail + typeName(type, false) + def,
            "ALTER TABLE " + t.name + " ADD COLUMN" + tail + typeName(type, true) + def};
}

Statement StatementGenerator::insert(const ModelTable &t, int rows)
{
    std::vector<int> cols;
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].inKey || t.columns[c].notNull || chance(0.8))
            cols.push_back(int(c));
    // Now and then a row that meets a key is ignored, replaces the rows in its way, or
    // updates the row there (SQLite's forms, row by row in both engines).
    const int resolve = rows <= 20 ? pick(10) : 9;
    std::string sql = resolve == 0   ? "INSERT OR IGNORE INTO "
                      : resolve == 1 ? "INSERT OR REPLACE INTO "
                      : resolve == 2 ? "REPLACE INTO "
                                     : "INSERT INTO ";
    sql += t.name + " (";
    for (size_t k = 0; k < cols.size(); ++k)
        sql += (k ? ", " : "") + t.columns[cols[k]].name;
    sql += ") VALUES ";
    for (int r = 0; r < rows; ++r) {
        sql += r ? ", (" : "(";
        for (size_t k = 0; k < cols.size(); ++k) {
            const ModelColumn &c = t.columns[cols[k]];
            std::string v = literal(c.type, c.inKey);
            if (c.inKey && rows > 20)
                v = c.type == ColumnType::Integer ? std::to_string(1000 + r + 1000 * pick(1000))
                    : c.type == ColumnType::Text
                        ? "'bulk" + std::to_string(r) + "_" + std::to_string(pick(1000000)) + "'"
                        : v;
            sql += (k ? ", " : "") + v;
        }
        sql += ")";
    }
    std::string keyList;
    for (const auto &c : t.columns)
        if (c.inKey)
            keyList += (keyList.empty() ? "" : ", ") + c.name;
    if (resolve == 3) {
        sql += " ON CONFLICT DO NOTHING";
    } else if (resolve == 4 && !keyList.empty()) {
        std::string sets;
        for (int k : cols)
            if (!t.columns[k].inKey && chance(0.7))
                sets += (sets.empty() ? "" : ", ") + t.columns[k].name + " = excluded."
                        + t.columns[k].name;
        sql += " ON CONFLICT (" + keyList + ") "
               + (sets.empty() ? "DO NOTHING" : "DO UPDATE SET " + sets);
    }
    return {sql, sql};
}

std::string StatementGenerator::comparison(const ModelTable &t)
{
    const ModelColumn &c = t.columns[pick(int(t.columns.size()))];
    switch (pick(7)) {
    case 0:
        return c.name + " IS NULL";
    case 1:
        return c.name + " IS NOT NULL";
    case 2:
        return c.name + " = " + literal(c.type, c.inKey);
    case 3:
        return c.name + " <> " + literal(c.type, c.inKey);
    case 4:
        if (c.type == ColumnType::Blob)
            return c.name + " = " + literal(c.type, true);
        return c.name + (chance(0.5) ? " < " : " >= ") + literal(c.type, c.inKey);
    case 5:
        return c.name + " IN (" + literal(c.type, c.inKey) + ", " + literal(c.type, c.inKey) + ")";
    default:
        if (c.type == ColumnType::Integer || c.type == ColumnType::Double)
            return c.name + " BETWEEN " + literal(c.type, true) + " AND " + literal(c.type, true);
        return "NOT (" + c.name + " = " + literal(c.type, true) + ")";
    }
}

std::string StatementGenerator::predicate(const ModelTable &t)
{
    std::string p = comparison(t);
    if (chance(0.3))
        p = "(" + p + (chance(0.5) ? " AND " : " OR ") + comparison(t) + ")";
    return p;
}

Statement StatementGenerator::update(const ModelTable &t, const Schema &schema)
{
    // Unique columns change only to constants: "c = c + 1" over several rows collides or not
    // depending on the order rows are visited (SQLite and Strata check each row as it goes).
    auto inUniqueIndex = [&](const std::string &column) {
        for (const auto &i : schema.indexes)
            if (i.table == t.name && i.unique
                && std::find(i.columns.begin(), i.columns.end(), column) != i.columns.end())
                return true;
        return false;
    };
    std::string sql = "UPDATE " + t.name + " SET ";
    const int n = 1 + pick(std::min<int>(2, int(t.columns.size())));
    std::vector<int> used;
    std::string guard;
    for (int k = 0; k < n; ++k) {
        const int ci = pick(int(t.columns.size()));
        if (std::find(used.begin(), used.end(), ci) != used.end())
            continue;
        used.push_back(ci);
        const ModelColumn &c = t.columns[ci];
        std::string value;
        if (c.inKey)
            value = literal(c.type, true); // key changes collide deterministically
        else if (inUniqueIndex(c.name))
            value = literal(c.type, false);
        else if (c.type == ColumnType::Integer && chance(0.4)) {
            value = c.name + " + 1";
            guard = " AND " + c.name + " BETWEEN -1000 AND 1000";
        } else if (c.type == ColumnType::Double && chance(0.4))
            value = c.name + " + 0.25";
        else if (c.type == ColumnType::Text && chance(0.3))
            value = c.name + " || 'x'";
        else
            value = literal(c.type, false);
        sql += (used.size() > 1 ? ", " : "") + c.name + " = " + value;
    }
    bool keyChanged = false;
    for (int ci : used)
        keyChanged = keyChanged || t.columns[ci].inKey;
    if (keyChanged) {
        // Only one row: several rows set to one key collide, whatever order the engines visit.
        std::string where;
        for (const auto &c : t.columns)
            if (c.inKey)
                where += (where.empty() ? "" : " AND ") + c.name + " = " + literal(c.type, true);
        sql += " WHERE " + where;
    } else if (chance(0.9)) {
        sql += " WHERE " + predicate(t) + guard;
    } else if (!guard.empty()) {
        sql += " WHERE " + guard.substr(5);
    }
    return {sql, sql};
}

Statement StatementGenerator::remove(const ModelTable &t)
{
    std::string sql = "DELETE FROM " + t.name;
    if (chance(0.92))
        sql += " WHERE " + predicate(t);
    return {sql, sql};
}

Statement StatementGenerator::select(const ModelTable &t)
{
    std::string sql;
    if (chance(0.25) && !t.columns.empty()) {
        // A compound of two or three members, each one column of the same type (SQLite's
        // forms: UNION [ALL], INTERSECT, EXCEPT; combined left to right).
        const auto &first = t.columns[pick(int(t.columns.size()))];
        std::vector<const ModelColumn *> same;
        for (const auto &c : t.columns)
            if (c.type == first.type)
                same.push_back(&c);
        auto member = [&] {
            std::string m = "SELECT " + same[pick(int(same.size()))]->name + " FROM " + t.name;
            if (chance(0.8))
                m += " WHERE " + predicate(t);
            return m;
        };
        static const char *const kOps[] = {" UNION ", " UNION ALL ", " INTERSECT ", " EXCEPT "};
        sql = member();
        const int more = 1 + pick(2);
        for (int k = 0; k < more; ++k)
            sql += kOps[pick(4)] + member();
        return {sql, sql};
    }
    if (chance(0.1)) {
        // WITH: a filtered copy of the table read twice, or a counter joined to it.
        if (chance(0.5)) {
            sql = "WITH w AS (SELECT * FROM " + t.name + " WHERE " + predicate(t)
                  + ") SELECT count(*) FROM w" + (chance(0.5) ? ", w AS w2" : "");
        } else {
            const auto &c = t.columns[pick(int(t.columns.size()))];
            sql = "WITH RECURSIVE n(x) AS (SELECT " + std::to_string(pick(3))
                  + (chance(0.5) ? " UNION ALL " : " UNION ") + "SELECT x + 1 FROM n WHERE x < "
                  + std::to_string(1 + pick(20)) + ") SELECT count(*), sum(x) FROM n";
            if (c.type == ColumnType::Integer && chance(0.7))
                sql += " JOIN " + t.name + " ON " + t.name + "." + c.name + " = n.x";
        }
        return {sql, sql};
    }
    if (chance(0.05) && t.columns.size() >= 2) {
        // JSON made of the table's values and read back: json_object, json_array,
        // json_group_array, json_extract, -> and ->> (DOUBLE columns only read back as values:
        // the engines write doubles in JSON text differently).
        std::string object, array;
        std::vector<std::string> keys;
        for (size_t c = 0; c < t.columns.size(); ++c) {
            const auto &col = t.columns[c];
            if (col.type == ColumnType::Blob)
                continue;
            const std::string key = "k" + std::to_string(c);
            object += (object.empty() ? "" : ", ") + ("'" + key + "', ") + col.name;
            if (col.type != ColumnType::Double)
                array += (array.empty() ? "" : ", ") + col.name;
            keys.push_back(key);
        }
        if (!keys.empty()) {
            const std::string doc = "json_object(" + object + ")";
            const std::string key = keys[pick(int(keys.size()))];
            switch (pick(4)) {
            case 0:
                sql = "SELECT json_extract(" + doc + ", '$." + key + "'), " + doc + " ->> '" + key
                      + "', json_type(" + doc + ", '$." + key + "') FROM " + t.name;
                break;
            case 1:
                sql = "SELECT json_array(" + (array.empty() ? std::string("1") : array) + ") FROM "
                      + t.name;
                break;
            case 2:
                sql = "SELECT count(*) FROM " + t.name + " WHERE " + doc + " ->> '" + key
                      + "' IS NOT NULL";
                break;
            default:
                sql = "SELECT json_array_length(json_group_array("
                      + t.columns[pick(int(t.columns.size()))].name + ")) FROM " + t.name;
            }
            if (chance(0.3))
                sql += " WHERE " + predicate(t);
            if (sql.find(" WHERE ") != sql.rfind(" WHERE "))
                sql = sql.substr(0, sql.rfind(" WHERE ")); // one WHERE only
            return {sql, sql};
        }
    }
    if (chance(0.05)) {
        // SQLite's date and time functions with a chain of modifiers (whole ms, the
        // precision SQLite keeps), on times written as SQLite reads them.
        static const char *const kTimes[] = {"'2024-01-31'",
                                             "'2024-02-29 23:59:59'",
                                             "'2000-01-01T12:00:00'",
                                             "'1999-12-31 00:00:00.5'",
                                             "'2024-03-10 12:30'",
                                             "'garbage'",
                                             "'12:30:45'",
                                             "2460310.5",
                                             "'1969-07-20 20:17:40'",
                                             "'2100-12-31 23:59:59.999'"};
        auto modifier = [&]() -> std::string {
            const int n = pick(40) - 20;
            switch (pick(9)) {
            case 0:
                return "'" + std::string(n < 0 ? "" : "+") + std::to_string(n) + " days'";
            case 1:
                return "'" + std::to_string(n) + " hours'";
            case 2:
                return "'" + std::string(n < 0 ? "" : "+") + std::to_string(n * 7) + " minutes'";
            case 3:
                return "'" + std::to_string(n * 1000) + " seconds'";
            case 4:
                return "'" + std::string(n < 0 ? "" : "+") + std::to_string(n) + " months'";
            case 5:
                return "'" + std::to_string(n) + " years'";
            case 6: {
                static const char *const kStarts[]
                    = {"'start of month'", "'start of year'", "'start of day'"};
                return kStarts[pick(3)];
            }
            case 7:
                return "'weekday " + std::to_string(pick(7)) + "'";
            default:
                return "'+1.5 days'";
            }
        };
        auto call = [&](const std::string &function, const std::string &before) {
            std::string c = function + "(" + before + kTimes[pick(10)];
            for (int k = pick(4); k > 0; --k)
                c += ", " + modifier();
            return c + ")";
        };
        static const char *const kFormats[]
            = {"'%Y-%m-%d %H:%M:%S'", "'%j %w %W'", "'%s'", "'%f'", "'%H%%%M'", "'%d.%m.%Y'"};
        sql = "SELECT CAST(" + call("date", "") + " AS TEXT), " + call("time", "") + ", "
              + call("datetime", "") + ", "
              + call("strftime", std::string(kFormats[pick(6)]) + ", ") + ", "
              + call("julianday", "") + ", datetime(" + std::to_string(pick(2000000000))
              + ", 'unixepoch'" + (chance(0.5) ? ", " + modifier() : std::string()) + ")";
        return {sql, sql};
    }
    if (chance(0.1)) {
        // Window functions whose results do not depend on how ties are ordered: ranks, counts
        // and integer sums over peers, min/max over ROWS frames ordered by every column.
        auto column = [&] { return t.columns[pick(int(t.columns.size()))].name; };
        std::string allColumns;
        for (const auto &c : t.columns)
            allColumns += (allColumns.empty() ? "" : ", ") + c.name;
        std::vector<std::string> integers;
        for (const auto &c : t.columns)
            if (c.type == ColumnType::Integer)
                integers.push_back(c.name);
        auto window = [&] {
            std::string w = chance(0.5) ? "PARTITION BY " + column() + " " : "";
            return w + "ORDER BY " + column() + (chance(0.5) ? " DESC" : "");
        };
        sql = "SELECT " + allColumns;
        const int calls = 1 + pick(3);
        for (int k = 0; k < calls; ++k) {
            switch (pick(6)) {
            case 0:
                sql += ", rank() OVER (" + window() + ")";
                break;
            case 1:
                sql += ", dense_rank() OVER (" + window() + ")";
                break;
            case 2:
                sql += ", count(*) OVER (" + window() + ")";
                break;
            case 3:
                sql += ", cume_dist() OVER (" + window() + ")";
                break;
            case 4:
                if (!integers.empty()) {
                    sql += ", sum(" + integers[pick(int(integers.size()))] + ") OVER ("
                           + (chance(0.3) ? std::string() : window()) + ")";
                    break;
                }
                [[fallthrough]];
            default:
                sql += std::string(", ") + (chance(0.5) ? "min(" : "max(") + column()
                       + ") OVER (ORDER BY " + allColumns + " ROWS BETWEEN "
                       + std::to_string(pick(3)) + " PRECEDING AND " + std::to_string(pick(3))
                       + " FOLLOWING)";
            }
        }
        sql += " FROM " + t.name;
        if (chance(0.5))
            sql += " WHERE " + predicate(t);
        return {sql, sql};
    }
    if (chance(0.5)) {
        sql = "SELECT * FROM " + t.name;
    } else {
        sql = "SELECT count(*)";
        for (const auto &c : t.columns) {
            if (c.type == ColumnType::Integer || c.type == ColumnType::Double)
                sql += chance(0.5) ? ", sum(" + c.name + ")" : ", max(" + c.name + ")";
            else if (chance(0.5))
                sql += ", min(" + c.name + "), count(" + c.name + ")";
        }
        sql += " FROM " + t.name;
    }
    if (chance(0.7))
        sql += " WHERE " + predicate(t);
    return {sql, sql};
}

Statement StatementGenerator::one(const Schema &schema)
{
    const int r = pick(100);
    if (schema.tables.empty() || (r < 6 && schema.tables.size() < 5))
        return createTable(schema);
    const ModelTable &t = anyTable(schema);
    if (r < 9) {
        const std::string sql = std::string("DROP TABLE ") + (chance(0.3) ? "IF EXISTS " : "")
                                + (chance(0.85) ? t.name : "t" + std::to_string(pick(7)));
        return {sql, sql};
    }
    if (r < 13)
        return createIndex(schema);
    if (r < 15) {
        std::string name = !schema.indexes.empty() && chance(0.8)
                               ? schema.indexes[pick(int(schema.indexes.size()))].name
                               : "i" + std::to_string(pick(6));
        return {"DROP INDEX " + name, "DROP INDEX " + name};
    }
    if (r < 19)
        return alter(schema);
    if (r < 50)
        return insert(t, 1 + pick(4));
    if (r < 52)
        return insert(t, 40 + pick(200));
    if (r < 70)
        return update(t, schema);
    if (r < 80)
        return remove(t);
    return select(t);
}

Unit StatementGenerator::next(const Schema &schema)
{
    if (schema.tables.empty() || chance(0.7))
        return {one(schema)};
    Unit unit{{"BEGIN", "BEGIN"}};
    const int n = 1 + pick(6);
    for (int k = 0; k < n; ++k)
        unit.push_back(one(schema)); // later statements may name what earlier ones dropped
    if (chance(0.8))
        unit.push_back({"COMMIT", "COMMIT"});
    else
        unit.push_back({"ROLLBACK", "ROLLBACK"});
    return unit;
}

} // namespace strata::differential
