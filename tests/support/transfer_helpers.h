#pragma once
// Helpers shared by the export and import suites: files in a temporary folder, queries whose
// failure stops the test run, exact value comparison, and a progress sink that cancels.

#include "engine/api/database.h"
#include "engine/transfer/import_spec.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtGlobal>
#include <cstring>
#include <string>

namespace strata::test {

//! Writes `bytes` to `name` in `dir`; returns the path.
inline std::string writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(name));
    return dir.filePath(name).toStdString();
}

//! Runs a query a test depends on (not one it tests): a failure ends the run.
inline engine::QueryResult query(engine::Connection &c, const std::string &sql)
{
    auto r = c.execute(sql);
    if (!r)
        qFatal("query failed: %s", r.status().toString().c_str());
    return *r;
}

inline transfer::ImportSpec importOf(const std::string &file)
{
    transfer::ImportSpec spec;
    spec.files.push_back(file);
    return spec;
}

//! Equal values; DOUBLEs bit for bit (NaN too).
inline bool identical(const engine::Value &a, const engine::Value &b)
{
    if (a.type != b.type)
        return false;
    if (a.type == engine::LogicalType::Double)
        return std::memcmp(&a.d, &b.d, sizeof a.d) == 0;
    return engine::sameValue(a, b);
}

//! The first difference between two results' rows ("" when identical()): row, column and both
//! values, for a failure message.
inline std::string firstDifference(const std::vector<engine::Row> &a,
                                   const std::vector<engine::Row> &b)
{
    if (a.size() != b.size())
        return std::to_string(a.size()) + " rows against " + std::to_string(b.size());
    for (size_t r = 0; r < a.size(); ++r) {
        if (a[r].size() != b[r].size())
            return "row " + std::to_string(r) + " has another width";
        for (size_t c = 0; c < a[r].size(); ++c)
            if (!identical(a[r][c], b[r][c]))
                return "row " + std::to_string(r) + " column " + std::to_string(c) + ": "
                       + a[r][c].toSqlLiteral() + " against " + b[r][c].toSqlLiteral();
    }
    return {};
}

//! Asks a job to stop once it reports `rows` rows.
class CancelAfter : public transfer::ProgressSink {
public:
    explicit CancelAfter(int64_t rows)
        : m_after(rows)
    {
    }
    void setTotal(int64_t rows) override { total = rows; }
    void advance(int64_t rows, const std::string &) override { seen = rows; }
    bool isCanceled() const override { return seen >= m_after; }
    int64_t total = -1, seen = 0;

private:
    int64_t m_after;
};

} // namespace strata::test
