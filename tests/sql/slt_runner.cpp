// strata_slt: runs files of SQLite's sqllogictest format against Strata and counts what
// passes. Written for Strata from the format's description (about.wiki of sqllogictest):
//
//   statement ok | statement error          SQL up to a blank line
//   query TYPES [nosort|rowsort|valuesort] [LABEL]
//       SQL, a line "----", then the expected values, one per line (or a row per line with
//       values separated by spaces), or "N values hashing to MD5"
//   hash-threshold N    results with more values than N are compared by their MD5
//   halt                stop reading the file
//   skipif DB / onlyif DB   a condition on the next record (Strata runs as "sqlite")
//
// TYPES has a letter per column: I (integer, printed as SQLite's sqlite3_column_int64 would
// give it), R (real, "%.3f"), T (text; "(empty)" for '', characters outside ' '..'~' as '@').
// NULL prints as "NULL". Each file runs on a fresh in-memory database.
//
//   strata_slt [--verbose] [--baseline FILE] FILE...
//
// Prints "FILE: P passed, F failed, S skipped (X%)" per file and in total. With --baseline,
// a file of "PATH PASSED" lines, exits 1 when any file passes fewer records than its line
// says (a regression), else 0.
#include "engine/api/database.h"
#include "engine/common/ascii.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace strata::engine;

namespace {

std::string md5Hex(const std::string &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_md5(), nullptr);
    std::string out;
    char hex[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(hex, sizeof hex, "%02x", digest[i]);
        out += hex;
    }
    return out;
}

//! The leading number of a text, as SQLite converts text to a number (0 when none).
double leadingNumber(const std::string &s)
{
    char *end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    return end == s.c_str() ? 0.0 : d;
}

std::string formatValue(const Value &v, char type)
{
    if (v.isNull())
        return "NULL";
    char buf[64];
    switch (type) {
    case 'I': {
        int64_t i = 0;
        if (v.type == LogicalType::Double)
            i = std::isfinite(v.d) ? static_cast<int64_t>(v.d) : 0;
        else if (v.type == LogicalType::Text || v.type == LogicalType::Blob)
            i = static_cast<int64_t>(leadingNumber(v.s));
        else
            i = v.i;
        std::snprintf(buf, sizeof buf, "%" PRId64, i);
        return buf;
    }
    case 'R': {
        double d = 0;
        if (v.type == LogicalType::Double)
            d = v.d;
        else if (v.type == LogicalType::Text || v.type == LogicalType::Blob)
            d = leadingNumber(v.s);
        else
            d = static_cast<double>(v.i);
        std::snprintf(buf, sizeof buf, "%.3f", d);
        // SQLite's own printf gives no more than 16 significant digits and zeros after them.
        if (std::fabs(d) >= 1e16 && std::isfinite(d)) {
            char digits[64];
            std::snprintf(digits, sizeof digits, "%.15e", std::fabs(d));
            std::string mantissa;
            for (const char *p = digits; *p && *p != 'e'; ++p)
                if (*p != '.')
                    mantissa += *p;
            const int exponent = std::atoi(std::strchr(digits, 'e') + 1);
            mantissa.resize(static_cast<size_t>(exponent) + 1, '0');
            return (d < 0 ? "-" : "") + mantissa + ".000";
        }
        return buf;
    }
    default: {
        std::string s
            = v.type == LogicalType::Text || v.type == LogicalType::Blob ? v.s : v.toString();
        if (s.empty())
            return "(empty)";
        for (char &c : s)
            if (c < ' ' || c > '~')
                c = '@';
        return s;
    }
    }
}

struct FileResult {
    int passed = 0, failed = 0, skipped = 0;
    int triggers = 0; //!< of the skipped: CREATE/DROP TRIGGER records
};

std::vector<std::string> splitWords(const std::string &line)
{
    std::istringstream in(line);
    std::vector<std::string> words;
    std::string w;
    while (in >> w)
        words.push_back(w);
    return words;
}

class Runner {
public:
    Runner(std::string path, bool verbose)
        : m_path(std::move(path))
        , m_verbose(verbose)
    {
    }

    FileResult run()
    {
        std::ifstream in(m_path);
        if (!in) {
            std::cerr << m_path << ": cannot read\n";
            m_result.failed = 1;
            return m_result;
        }
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') // some corpus files end lines with CR LF
                line.pop_back();
            m_lines.push_back(line);
        }
        m_db = Database::openInMemory();
        m_conn = m_db->connect();
        size_t i = 0;
        while (i < m_lines.size()) {
            // A record: its first line is not blank; it ends at a blank line.
            if (isBlank(m_lines[i]) || m_lines[i][0] == '#') {
                ++i;
                continue;
            }
            const size_t start = i;
            std::vector<std::string> record;
            while (i < m_lines.size() && !isBlank(m_lines[i]))
                record.push_back(m_lines[i++]);
            if (!runRecord(record, static_cast<int>(start + 1)))
                break; // halt
        }
        return m_result;
    }

private:
    static bool isBlank(const std::string &l)
    {
        return l.find_first_not_of(" \t\r") == std::string::npos;
    }

    //! False when the file halts here.
    bool runRecord(std::vector<std::string> record, int lineNumber)
    {
        bool run = true;
        size_t k = 0;
        while (k < record.size()) {
            const auto words = splitWords(record[k]);
            if (words.empty() || words[0][0] == '#') {
                ++k;
                continue;
            }
            if (words[0] == "skipif" && words.size() > 1) {
                run &= words[1] != "sqlite";
                ++k;
            } else if (words[0] == "onlyif" && words.size() > 1) {
                run &= words[1] == "sqlite";
                ++k;
            } else {
                break;
            }
        }
        if (k >= record.size())
            return true;
        const auto head = splitWords(record[k]);
        const std::vector<std::string> body(record.begin() + static_cast<long>(k) + 1,
                                            record.end());
        if (head[0] == "halt")
            return !run;
        if (head[0] == "hash-threshold")
            return true; // each expected result says whether it is hashed
        if (head[0] != "statement" && head[0] != "query")
            return true; // not a record this runner knows: skipped silently
        if (!run) {
            ++m_result.skipped;
            return true;
        }
        // Triggers are outside Strata's SQL (issue 15 leaves them out): their records are
        // counted apart, as skipped, and said so in the summary.
        if (!body.empty()) {
            const auto words = splitWords(body[0]);
            if (words.size() > 1
                && (asciiUpper(words[0]) == "CREATE" || asciiUpper(words[0]) == "DROP")
                && asciiUpper(words[1]) == "TRIGGER") {
                ++m_result.skipped;
                ++m_result.triggers;
                return true;
            }
        }
        if (m_trace)
            std::cerr << m_path << ":" << lineNumber << "\n";
        if (head[0] == "statement")
            statement(head, body, lineNumber);
        else
            query(head, body, lineNumber);
        return true;
    }

    void fail(int line, const std::string &sql, const std::string &why)
    {
        ++m_result.failed;
        if (m_verbose)
            std::cout << m_path << ":" << line << ": " << why << "\n  " << sql << "\n";
    }

    static std::string joined(const std::vector<std::string> &lines)
    {
        std::string s;
        for (const auto &l : lines)
            s += (s.empty() ? "" : "\n") + l;
        return s;
    }

    void statement(const std::vector<std::string> &head, const std::vector<std::string> &body,
                   int line)
    {
        const std::string sql = joined(body);
        const bool expectOk = head.size() > 1 && head[1] == "ok";
        auto r = m_conn->execute(sql);
        if (bool(r) == expectOk)
            ++m_result.passed;
        else
            fail(line, sql, r ? "succeeded, expected an error" : r.status().toString());
    }

    void query(const std::vector<std::string> &head, const std::vector<std::string> &body, int line)
    {
        const std::string types = head.size() > 1 ? head[1] : "";
        const std::string sort = head.size() > 2 ? head[2] : "nosort";
        const std::string label = head.size() > 3 ? head[3] : "";
        auto separator = std::find(body.begin(), body.end(), "----");
        const std::string sql = joined({body.begin(), separator});
        std::vector<std::string> expected;
        if (separator != body.end())
            expected.assign(separator + 1, body.end());
        auto r = m_conn->execute(sql);
        if (!r) {
            fail(line, sql, r.status().toString());
            return;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto &row : r->rows) {
            std::vector<std::string> out;
            for (size_t c = 0; c < row.size(); ++c)
                out.push_back(formatValue(row[c], c < types.size() ? types[c] : 'T'));
            rows.push_back(std::move(out));
        }
        if (!types.empty() && !rows.empty() && rows[0].size() != types.size()) {
            fail(line, sql,
                 "returned " + std::to_string(rows[0].size()) + " columns, expected "
                     + std::to_string(types.size()));
            return;
        }
        if (sort == "rowsort")
            std::sort(rows.begin(), rows.end());
        std::vector<std::string> values;
        for (const auto &row : rows)
            values.insert(values.end(), row.begin(), row.end());
        if (sort == "valuesort")
            std::sort(values.begin(), values.end());
        std::string hashInput;
        for (const auto &v : values)
            hashInput += v + "\n";
        const std::string hash = md5Hex(hashInput);
        if (!label.empty()) {
            auto [it, fresh] = m_labels.emplace(label, hash);
            if (!fresh && it->second != hash) {
                fail(line, sql, "differs from the earlier results of label " + label);
                return;
            }
        }
        // Expected: "N values hashing to H", or values (one per line, or a row per line).
        if (expected.size() == 1) {
            const auto words = splitWords(expected[0]);
            if (words.size() == 5 && words[1] == "values" && words[2] == "hashing") {
                if (std::to_string(values.size()) == words[0] && words[4] == hash)
                    ++m_result.passed;
                else
                    fail(line, sql,
                         std::to_string(values.size()) + " values hashing to " + hash
                             + ", expected " + expected[0]);
                return;
            }
        }
        std::vector<std::string> want;
        if (expected.size() == values.size()) {
            want = expected;
        } else {
            for (const auto &l : expected)
                for (const auto &w : splitWords(l))
                    want.push_back(w);
        }
        if (want == values || (expected.size() != values.size() && [&] {
                std::vector<std::string> got;
                for (const auto &v : values)
                    for (const auto &w : splitWords(v))
                        got.push_back(w);
                return got == want;
            }())) {
            ++m_result.passed;
            return;
        }
        std::string got;
        for (size_t v = 0; v < values.size() && v < 12; ++v)
            got += (v ? " " : "") + values[v];
        fail(line, sql, "got " + std::to_string(values.size()) + " values (" + got + " ...)");
    }

    std::string m_path;
    bool m_verbose;
    bool m_trace = std::getenv("STRATA_SLT_TRACE") != nullptr; //!< each record's line, first
    std::vector<std::string> m_lines;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<Connection> m_conn;
    std::map<std::string, std::string> m_labels;
    FileResult m_result;
};

} // namespace

int main(int argc, char **argv)
{
    bool verbose = false;
    std::string baselinePath;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--verbose")
            verbose = true;
        else if (a == "--baseline" && i + 1 < argc)
            baselinePath = argv[++i];
        else
            files.push_back(a);
    }
    std::map<std::string, int> baseline;
    if (!baselinePath.empty()) {
        std::ifstream in(baselinePath);
        std::string name;
        int passed;
        while (in >> name >> passed)
            baseline[name] = passed;
    }
    FileResult total;
    bool regressed = false;
    for (const auto &file : files) {
        const FileResult r = Runner(file, verbose).run();
        const int ran = r.passed + r.failed;
        std::printf("%s: %d passed, %d failed, %d skipped%s (%.1f%%)\n", file.c_str(), r.passed,
                    r.failed, r.skipped,
                    r.triggers ? (" (" + std::to_string(r.triggers) + " triggers)").c_str() : "",
                    ran ? 100.0 * r.passed / ran : 0.0);
        total.passed += r.passed;
        total.failed += r.failed;
        total.skipped += r.skipped;
        total.triggers += r.triggers;
        const std::string name
            = file.substr(file.rfind("slt/") == std::string::npos ? 0 : file.rfind("slt/") + 4);
        if (auto it = baseline.find(name); it != baseline.end() && r.passed < it->second) {
            std::printf("  regression: %s passed %d, the baseline says %d\n", name.c_str(),
                        r.passed, it->second);
            regressed = true;
        }
    }
    const int ran = total.passed + total.failed;
    std::printf("total: %d passed, %d failed, %d skipped (%d of them triggers) (%.1f%%)\n",
                total.passed, total.failed, total.skipped, total.triggers,
                ran ? 100.0 * total.passed / ran : 0.0);
    return regressed ? 1 : 0;
}
