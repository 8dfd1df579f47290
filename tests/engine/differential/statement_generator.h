#pragma once

// Random SQL for the differential test: units (one transaction each) that Strata and SQLite
// must agree on. The generator reads the current schema from the oracle before each unit, so
// most statements are valid and some collide (duplicate keys, missing tables, taken names).

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace strata::differential {

enum class ColumnType { Integer, Double, Text, Blob };

struct ModelColumn {
    std::string name;
    ColumnType type = ColumnType::Integer;
    bool notNull = false;
    bool inKey = false; //!< part of the primary key
};

struct ModelTable {
    std::string name;
    std::vector<ModelColumn> columns;
};

struct ModelIndex {
    std::string name;
    std::string table;
    std::vector<std::string> columns;
    bool unique = false;
};

struct Schema {
    std::vector<ModelTable> tables;
    std::vector<ModelIndex> indexes;
};

//! One statement, spelled for each engine (they differ only in type names and STRICT).
struct Statement {
    std::string strata;
    std::string sqlite;
};

//! Statements that commit or roll back together: one auto-commit statement, or
//! BEGIN ... COMMIT/ROLLBACK.
using Unit = std::vector<Statement>;

class StatementGenerator {
public:
    explicit StatementGenerator(uint64_t seed)
        : m_rng(seed)
    {
    }
    Unit next(const Schema &schema);

private:
    Statement one(const Schema &schema);
    Statement createTable(const Schema &schema);
    Statement createIndex(const Schema &schema);
    Statement alter(const Schema &schema);
    Statement insert(const ModelTable &t, int rows);
    Statement update(const ModelTable &t, const Schema &schema);
    Statement remove(const ModelTable &t);
    Statement select(const ModelTable &t);
    std::string literal(ColumnType type, bool keyColumn);
    std::string predicate(const ModelTable &t);
    std::string comparison(const ModelTable &t);

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    bool chance(double p) { return std::bernoulli_distribution(p)(m_rng); }
    const ModelTable &anyTable(const Schema &s) { return s.tables[pick(int(s.tables.size()))]; }

    std::mt19937_64 m_rng;
};

std::string typeName(ColumnType type, bool forSqlite);

} // namespace strata::differential
