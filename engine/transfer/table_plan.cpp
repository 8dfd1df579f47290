#include "engine/transfer/table_plan.h"

#include "engine/transfer/job_support.h"

#include <algorithm>

namespace strata::transfer {

std::string TablePlan::columnName(int column) const
{
    return column > 0 && static_cast<size_t>(column) <= columns.size()
               ? columns[static_cast<size_t>(column) - 1].name
               : std::string();
}

namespace {

std::string columnSql(const SourceColumn &c, engine::LogicalType type)
{
    std::string sql = engine::quoteIdentifier(c.name) + " ";
    // A declared type of the same kind keeps its length limit (VARCHAR(40)).
    engine::LogicalType declared;
    const std::string base = c.declaredType.substr(0, c.declaredType.find('('));
    const bool safe = c.declaredType.find_first_of(";'\"") == std::string::npos; // no injection
    if (!c.declaredType.empty() && safe && engine::typeFromName(base, declared) && declared == type)
        sql += c.declaredType;
    else
        sql += engine::typeName(type);
    if (c.notNull)
        sql += " NOT NULL";
    if (c.unique && !c.primaryKey)
        sql += " UNIQUE";
    if (c.sensitive)
        sql += " SENSITIVE";
    if (c.defaultSql)
        sql += " DEFAULT " + *c.defaultSql;
    return sql;
}

class Planner {
public:
    Planner(const TablePlanContext &context, TablePlan &plan, TableOutcome &outcome)
        : m_conn(context.connection)
        , m_spec(context.spec)
        , m_file(context.file)
        , m_warnings(context.warnings)
        , m_plan(plan)
        , m_outcome(outcome)
    {
    }

    TableStep plan(const SourceTable &source, const InferredTable *inferred, bool firstPassMade)
    {
        m_plan = {};
        m_plan.name = source.name;
        m_plan.columns = source.columns;
        const bool declaredTypes = settleTypes(inferred);
        const bool typed = std::all_of(m_plan.columns.begin(), m_plan.columns.end(),
                                       [](const SourceColumn &c) { return c.type.has_value(); });

        const auto existing = m_conn.table(source.name);
        const bool exists = existing.isOk();
        if (!exists && existing.status().code() != engine::StatusCode::NotFound)
            throw engine::EngineError(existing.status().code(), existing.status().message());
        // Columns that come with the rows (JSON objects), or a table to create without
        // types: only a first pass over the rows can say what they are.
        if (!firstPassMade && (m_plan.columns.empty() || (!exists && !typed)))
            return TableStep::NeedsTypes;
        if (!exists && !typed) {
            for (auto &c : m_plan.columns)
                if (!c.type)
                    c.type = engine::LogicalType::Text; // no value anywhere to go by
        }
        m_outcome.rowsBefore = exists ? static_cast<int64_t>(existing.value().rowCount) : -1;
        bool create = !exists;
        switch (m_spec.mode) {
        case ImportMode::Create:
            if (exists)
                throw engine::EngineError(
                    engine::StatusCode::Invalid,
                    m_file + ": table " + quoteForMessage(source.name)
                        + " already exists (choose the append, replace or merge "
                          "mode, or another table name)");
            m_outcome.action = ImportAction::Create;
            break;
        case ImportMode::Append:
            m_outcome.action = exists ? ImportAction::Append : ImportAction::Create;
            break;
        case ImportMode::Merge:
            m_outcome.action = exists ? ImportAction::Merge : ImportAction::Create;
            break;
        case ImportMode::Replace:
            m_outcome.action = exists ? ImportAction::Replace : ImportAction::Create;
            if (exists && declaredTypes) {
                // The file says what the table is: it becomes exactly that.
                check(m_conn.execute("DROP TABLE " + engine::quoteIdentifier(source.name)));
                create = true;
            } else if (exists) {
                check(m_conn.execute("DELETE FROM " + engine::quoteIdentifier(source.name)));
            }
            break;
        }
        m_plan.startsEmpty = create || m_spec.mode == ImportMode::Replace;
        if (create) {
            if (m_plan.columns.empty()) {
                m_warnings.push_back(m_file + ": table " + quoteForMessage(source.name)
                                     + " has no columns and was not created");
                return TableStep::Skip;
            }
            createTable();
        }
        mapColumns(create ? check(m_conn.table(source.name)) : existing.value(), exists && !create);
        if (exists)
            describeDifferences(existing.value());
        for (size_t i = 0; i < m_plan.columns.size(); ++i)
            if (m_plan.sourceToTarget[i] >= 0)
                m_outcome.columns.push_back(m_plan.columns[i].name + " "
                                            + typeLabel(m_plan.types[i]));
        return TableStep::Load;
    }

private:
    //! Adds the columns only a first pass saw and gives each column its type: chosen by the
    //! user, else declared, else inferred. True when the file itself typed every column.
    bool settleTypes(const InferredTable *inferred)
    {
        auto &columns = m_plan.columns;
        // The columns the file has: declared, or (a first pass) every key seen anywhere.
        if (inferred)
            for (const auto &name : inferred->columns)
                if (std::none_of(columns.begin(), columns.end(),
                                 [&](const SourceColumn &c) { return c.name == name; }))
                    columns.push_back(SourceColumn::named(name));
        const bool declaredTypes
            = !columns.empty()
              && std::all_of(columns.begin(), columns.end(),
                             [](const SourceColumn &c) { return c.type.has_value(); });
        for (auto &c : columns) {
            auto chosen = m_spec.columnTypes.find(c.name);
            engine::LogicalType t;
            if (chosen != m_spec.columnTypes.end()) {
                if (!engine::typeFromName(chosen->second, t))
                    throw engine::EngineError(engine::StatusCode::Invalid,
                                              "column " + c.name + ": unknown type '"
                                                  + chosen->second + "'");
                c.type = t;
            } else if (!c.type && inferred) {
                c.type = inferred->typeOf(c.name);
            }
        }
        if (inferred && !inferred->earlyTypes.empty())
            for (size_t i = 0; i < inferred->columns.size() && i < inferred->earlyTypes.size(); ++i)
                if (inferred->earlyTypes[i] != inferred->guesses[i].type()
                    && !m_spec.columnTypes.count(inferred->columns[i]))
                    m_warnings.push_back(
                        m_file + ": column " + quoteForMessage(inferred->columns[i]) + " looked "
                        + typeLabel(inferred->earlyTypes[i]) + " in the first "
                        + std::to_string(InferredTable::kEarlyRows) + " rows and was widened to "
                        + typeLabel(inferred->guesses[i].type()) + " to hold every value"
                        + (i < inferred->widenings.size() && inferred->widenings[i]
                               ? " (" + inferred->widenings[i]->at + ": "
                                     + inferred->widenings[i]->value + ")"
                               : std::string()));
        return declaredTypes;
    }

    void createTable()
    {
        std::string sql = "CREATE TABLE " + engine::quoteIdentifier(m_plan.name) + " (";
        std::vector<std::string> pk;
        for (size_t i = 0; i < m_plan.columns.size(); ++i) {
            const auto &c = m_plan.columns[i];
            sql += (i ? ", " : "") + columnSql(c, *c.type);
            if (c.primaryKey)
                pk.push_back(engine::quoteIdentifier(c.name));
        }
        if (!pk.empty())
            sql += ", PRIMARY KEY (" + joined(pk) + ")";
        sql += ")";
        auto created = m_conn.execute(sql);
        if (!created)
            throw engine::EngineError(created.status().code(), m_file + ": cannot create table "
                                                                   + quoteForMessage(m_plan.name)
                                                                   + ": "
                                                                   + created.status().message());
    }

    //! Finds each file column's table column; reports every problem at once, before any
    //! row is written.
    void mapColumns(const engine::TableInfo &info, bool existing)
    {
        const auto &columns = m_plan.columns;
        m_plan.sourceToTarget.assign(columns.size(), -1);
        m_plan.types.assign(columns.size(), engine::LogicalType::Text);
        m_plan.targetNames.clear();
        std::vector<std::string> unmapped;
        std::vector<bool> used(info.columns.size(), false);
        const bool byPosition
            = m_spec.match == ColumnMatch::ByPosition || (existing && !sourceHasNames());
        if (existing && byPosition && m_spec.match != ColumnMatch::ByPosition)
            m_warnings.push_back(m_file
                                 + ": the file has no header, so its columns go "
                                   "into the table's columns by position");
        auto findByName = [&](const std::string &wanted) {
            for (size_t t = 0; t < info.columns.size(); ++t)
                if (info.columns[t].name == wanted)
                    return static_cast<int>(t);
            for (size_t t = 0; t < info.columns.size(); ++t)
                if (engine::equalsIgnoreCase(info.columns[t].name, wanted))
                    return static_cast<int>(t);
            return -1;
        };
        for (size_t i = 0; i < columns.size(); ++i) {
            const std::string &name = columns[i].name;
            int target = -1;
            auto mapped = m_spec.columnMap.find(name);
            if (mapped != m_spec.columnMap.end()) {
                if (mapped->second.empty())
                    continue; // mapped to nothing: left out on purpose
                target = findByName(mapped->second);
                if (target < 0)
                    throw engine::EngineError(engine::StatusCode::Invalid,
                                              "the column map sends " + quoteForMessage(name)
                                                  + " to " + quoteForMessage(mapped->second)
                                                  + ", which table " + quoteForMessage(info.name)
                                                  + " does not have");
            } else if (byPosition) {
                target = i < info.columns.size() ? static_cast<int>(i) : -1;
            } else {
                target = findByName(name);
            }
            if (target < 0 || used[static_cast<size_t>(target)]) {
                unmapped.push_back(name);
                continue;
            }
            used[static_cast<size_t>(target)] = true;
            m_plan.sourceToTarget[i] = static_cast<int>(m_plan.targetNames.size());
            m_plan.targetNames.push_back(info.columns[static_cast<size_t>(target)].name);
            m_plan.types[i] = info.columns[static_cast<size_t>(target)].type;
        }
        std::vector<std::string> required, defaulted;
        for (size_t t = 0; t < info.columns.size(); ++t) {
            if (used[t])
                continue;
            const auto &c = info.columns[t];
            if (c.notNull && !c.hasDefault)
                required.push_back(c.name);
            else
                defaulted.push_back(c.name);
        }
        std::string problems;
        if (!unmapped.empty()) {
            std::vector<std::string> names;
            for (const auto &c : info.columns)
                names.push_back(c.name);
            problems += "the file has columns that table " + quoteForMessage(info.name)
                        + " lacks: " + joined(unmapped) + " (the table has: " + joined(names)
                        + "); map them to the table's columns, or leave them out";
        }
        if (!required.empty())
            problems += std::string(problems.empty() ? "" : "; ") + "table "
                        + quoteForMessage(info.name)
                        + " needs values the file does not have, for NOT NULL columns without a "
                          "default: "
                        + joined(required);
        if (!problems.empty())
            throw engine::EngineError(engine::StatusCode::Invalid, m_file + ": " + problems);
        if (!defaulted.empty() && existing)
            m_warnings.push_back(m_file
                                 + ": columns not in the file take their "
                                   "defaults (or NULL) in table "
                                 + info.name + ": " + joined(defaulted));
    }

    bool sourceHasNames() const
    {
        // A CSV without a header names its columns column_1, column_2, ...
        for (size_t i = 0; i < m_plan.columns.size(); ++i)
            if (m_plan.columns[i].name != "column_" + std::to_string(i + 1))
                return true;
        return false;
    }

    //! How the file's columns differ from the live table's (before a replace drops it).
    void describeDifferences(const engine::TableInfo &info)
    {
        std::vector<bool> matched(info.columns.size(), false);
        for (const auto &c : m_plan.columns) {
            size_t t = 0;
            while (t < info.columns.size()
                   && !engine::equalsIgnoreCase(info.columns[t].name, c.name))
                ++t;
            if (t == info.columns.size()) {
                m_outcome.schemaDifferences.push_back(
                    c.name + ": in the file, not in the database"
                    + (c.type ? " (" + typeLabel(*c.type) + ")" : std::string()));
                continue;
            }
            matched[t] = true;
            if (c.type && *c.type != info.columns[t].type)
                m_outcome.schemaDifferences.push_back(
                    c.name + ": " + typeLabel(*c.type) + " in the file, "
                    + typeLabel(info.columns[t].type) + " in the database");
        }
        for (size_t t = 0; t < info.columns.size(); ++t)
            if (!matched[t])
                m_outcome.schemaDifferences.push_back(info.columns[t].name
                                                      + ": in the database, not in the file");
    }

    engine::Connection &m_conn;
    const ImportSpec &m_spec;
    const std::string &m_file;
    std::vector<std::string> &m_warnings;
    TablePlan &m_plan;
    TableOutcome &m_outcome;
};

} // namespace

TableStep planTable(const TablePlanContext &context, const SourceTable &source,
                    const InferredTable *inferred, bool firstPassMade, TablePlan &plan,
                    TableOutcome &outcome)
{
    return Planner(context, plan, outcome).plan(source, inferred, firstPassMade);
}

} // namespace strata::transfer
