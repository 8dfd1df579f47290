#include "tests/support/sqllogic_runner.h"

#include "engine/api/database.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace strata::test {

namespace {

std::string render(const engine::Value &v)
{
    if (v.isNull())
        return "NULL";
    if (v.type == engine::LogicalType::Blob)
        return v.toSqlLiteral();
    return v.toString();
}

std::string trim(const std::string &s)
{
    const size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return {};
    const size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

} // namespace

std::vector<SqlLogicFailure> runSqlLogicFile(const std::string &path, int &records)
{
    std::vector<SqlLogicFailure> failures;
    records = 0;
    std::ifstream in(path);
    if (!in) {
        failures.push_back({0, "cannot open " + path});
        return failures;
    }
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        lines.push_back(l);
    auto db = engine::Database::openInMemory();
    std::map<int, std::unique_ptr<engine::Connection>> connections;
    auto connection = [&](int n) -> engine::Connection & {
        auto &c = connections[n];
        if (!c)
            c = db->connect();
        return *c;
    };
    size_t i = 0;
    while (i < lines.size()) {
        const std::string header = trim(lines[i]);
        if (header.empty() || header[0] == '#') {
            ++i;
            continue;
        }
        const int headerLine = static_cast<int>(i + 1);
        ++i;
        int conn = 1;
        std::string head = header;
        if (auto at = head.rfind(" @"); at != std::string::npos) {
            conn = std::stoi(head.substr(at + 2));
            head = trim(head.substr(0, at));
        }
        std::string sql;
        while (i < lines.size() && trim(lines[i]) != "" && trim(lines[i]) != "----") {
            sql += lines[i] + "\n";
            ++i;
        }
        ++records;
        auto &c = connection(conn);
        if (head == "statement ok") {
            auto r = c.executeScript(sql);
            if (!r)
                failures.push_back({headerLine, "expected success, got: " + r.status().toString()});
        } else if (head.rfind("statement error", 0) == 0) {
            const std::string expected = trim(head.substr(15));
            auto r = c.executeScript(sql);
            if (r)
                failures.push_back({headerLine, "expected an error containing '" + expected
                                                    + "', but the statement succeeded"});
            else if (r.status().message().find(expected) == std::string::npos)
                failures.push_back({headerLine, "expected an error containing '" + expected
                                                    + "', got: " + r.status().message()});
        } else if (head.rfind("query", 0) == 0) {
            const bool rowsort = head.find("rowsort") != std::string::npos;
            std::vector<std::string> expected;
            if (i < lines.size() && trim(lines[i]) == "----") {
                ++i;
                while (i < lines.size() && trim(lines[i]) != "") {
                    expected.push_back(trim(lines[i]));
                    ++i;
                }
            }
            auto r = c.execute(sql);
            if (!r) {
                failures.push_back({headerLine, "query failed: " + r.status().toString()});
                continue;
            }
            std::vector<std::string> actual;
            for (const auto &row : r->rows) {
                std::string text;
                for (size_t k = 0; k < row.size(); ++k)
                    text += (k ? " | " : "") + render(row[k]);
                actual.push_back(trim(text));
            }
            if (rowsort) {
                std::sort(actual.begin(), actual.end());
                std::sort(expected.begin(), expected.end());
            }
            if (actual != expected) {
                std::ostringstream msg;
                msg << "result differs\n  expected:";
                for (const auto &e : expected)
                    msg << "\n    " << e;
                msg << "\n  actual:";
                for (const auto &a : actual)
                    msg << "\n    " << a;
                failures.push_back({headerLine, msg.str()});
            }
        } else {
            failures.push_back({headerLine, "unknown record: " + header});
        }
    }
    return failures;
}

} // namespace strata::test
