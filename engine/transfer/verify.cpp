#include "engine/transfer/verify.h"

#include "engine/transfer/formats/csv/csv_writer.h"
#include "engine/transfer/sha256.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>
#include <quazip.h>
#include <quazipfile.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <set>

namespace strata::transfer {

namespace {

constexpr qint64 kChunk = 1 << 20;

//! A RapidJSON input stream over a QIODevice that also hashes and counts every byte it reads,
//! so one pass over an entry checks its digest, its size and its content.
class DeviceStream {
public:
    using Ch = char;
    DeviceStream(QIODevice &device, Sha256 &sha)
        : m_device(device)
        , m_sha(sha)
        , m_buffer(kChunk, Qt::Uninitialized)
    {
    }
    Ch Peek()
    {
        if (m_pos == m_end && !refill())
            return '\0';
        return *m_pos;
    }
    Ch Take()
    {
        if (m_pos == m_end && !refill())
            return '\0';
        ++m_consumed;
        return *m_pos++;
    }
    size_t Tell() const { return m_consumed; }
    // Output members RapidJSON's interface names; only in-situ parsing calls them.
    Ch *PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    size_t PutEnd(Ch *) { return 0; }

    //! The unread rest of the current chunk, then the next chunks; empty at the end.
    std::string_view next()
    {
        if (m_pos == m_end && !refill())
            return {};
        std::string_view chunk(m_pos, static_cast<size_t>(m_end - m_pos));
        m_consumed += chunk.size();
        m_pos = m_end;
        return chunk;
    }
    //! Reads whatever is left, so that the digest and size cover the whole entry.
    void drain()
    {
        while (!next().empty()) {
        }
    }
    int64_t bytes() const { return m_bytes; }
    bool failed() const { return m_failed; }

private:
    bool refill()
    {
        if (m_failed)
            return false;
        const qint64 n = m_device.read(m_buffer.data(), m_buffer.size());
        if (n < 0)
            m_failed = true;
        if (n <= 0)
            return false;
        m_sha.add({m_buffer.constData(), static_cast<size_t>(n)});
        m_bytes += n;
        m_pos = m_buffer.constData();
        m_end = m_pos + n;
        return true;
    }

    QIODevice &m_device;
    Sha256 &m_sha;
    QByteArray m_buffer;
    const char *m_pos = nullptr;
    const char *m_end = nullptr;
    size_t m_consumed = 0;
    int64_t m_bytes = 0;
    bool m_failed = false;
};

//! What a JSON export holds, gathered by a SAX pass: the rows of "$.data", "$.table.data" or
//! each "$.tables.NAME.data", and the parts a backup must have. Numbers stay text (as the
//! reader takes them), so a NaN or a huge integer is no error here either.
class JsonShape : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, JsonShape> {
public:
    struct Table {
        bool dataIsArray = false;
        bool hasColumns = false;
    };
    bool rootIsObject = false;
    bool hasMetadata = false;
    bool hasTables = false;
    bool hasData = false; //!< "$.data" or "$.table.data" is an array
    int64_t recordCount = -1;
    int64_t rows = 0;
    std::map<std::string, Table> tables;

    bool Null() { return value(false, false); }
    bool Bool(bool) { return value(false, false); }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool)
    {
        if (at({"export_metadata", "record_count"}))
            recordCount = std::strtoll(std::string(s, n).c_str(), nullptr, 10);
        return value(false, false);
    }
    bool String(const char *, rapidjson::SizeType, bool) { return value(false, false); }
    bool Key(const char *s, rapidjson::SizeType n, bool)
    {
        m_path.back() = std::string(s, n);
        return true;
    }
    bool StartObject() { return value(true, false); }
    bool StartArray() { return value(true, true); }
    bool EndObject(rapidjson::SizeType) { return end(); }
    bool EndArray(rapidjson::SizeType) { return end(); }

private:
    //! Whether the value now starting sits at `path` (keys from the root; "*" is any).
    bool at(std::initializer_list<const char *> path) const
    {
        if (m_path.size() != path.size())
            return false;
        size_t i = 0;
        for (const char *key : path) {
            if (std::string_view(key) != "*" && m_path[i] != key)
                return false;
            ++i;
        }
        return true;
    }
    bool value(bool container, bool array)
    {
        if (m_depth > 512)
            return false; // hostile nesting: refused before it can exhaust the stack
        if (!m_inArray.empty() && m_inArray.back()) {
            // An element of an array: a row when the array is one of the data arrays.
            if (m_dataDepth == m_inArray.size())
                ++rows;
        } else if (m_path.empty()) {
            rootIsObject = container && !array;
        } else if (at({"export_metadata"})) {
            hasMetadata = container && !array;
        } else if (at({"tables"})) {
            hasTables = container && !array;
        } else if (at({"tables", "*"})) {
            if (hasTables)
                tables[m_path[1]];
        } else if (hasTables && at({"tables", "*", "data"})) {
            tables[m_path[1]].dataIsArray = array;
            if (array)
                m_dataDepth = m_inArray.size() + 1;
        } else if (hasTables && at({"tables", "*", "schema", "columns"})) {
            tables[m_path[1]].hasColumns = array;
        } else if (at({"data"}) || at({"table", "data"})) {
            hasData |= array;
            if (array && !hasTables)
                m_dataDepth = m_inArray.size() + 1;
        }
        if (container) {
            ++m_depth;
            m_inArray.push_back(array);
            if (!array)
                m_path.emplace_back();
        }
        return true;
    }
    bool end()
    {
        --m_depth;
        if (m_dataDepth == m_inArray.size())
            m_dataDepth = 0;
        if (!m_inArray.back())
            m_path.pop_back();
        m_inArray.pop_back();
        return true;
    }

    std::vector<std::string> m_path; //!< one key per open object (arrays add none)
    std::vector<bool> m_inArray;     //!< per open container: whether it is an array
    size_t m_dataDepth = 0;          //!< m_inArray.size() inside a data array, else 0
    int m_depth = 0;
};

constexpr unsigned kJsonFlags
    = rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseNanAndInfFlag;

//! Rows of a CSV Strata wrote with `options`: line ends outside quotes, less the header.
int64_t countCsvRows(DeviceStream &in, const CsvOptions &options)
{
    int64_t records = 0;
    bool quoted = false;
    bool partial = false; // bytes after the last line end (a last record without one)
    for (std::string_view chunk = in.next(); !chunk.empty(); chunk = in.next())
        for (const char c : chunk) {
            if (c == options.quote)
                quoted = !quoted;
            else if (c == '\n' && !quoted) {
                ++records;
                partial = false;
                continue;
            }
            partial = true;
        }
    records += partial ? 1 : 0;
    return options.header ? std::max<int64_t>(records - 1, 0) : records;
}

//! Rows of JSON lines: one object a line; -1 with `problem` set when a line is not one.
int64_t countJsonLines(DeviceStream &in, std::string &problem)
{
    int64_t rows = 0, lineNumber = 0;
    std::string line;
    auto finishLine = [&] {
        ++lineNumber;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            return true;
        rapidjson::MemoryStream stream(line.data(), line.size());
        rapidjson::Reader reader;
        JsonShape shape;
        const auto result = reader.Parse<kJsonFlags>(stream, shape);
        if (result.IsError() || !shape.rootIsObject) {
            problem = "line " + std::to_string(lineNumber) + " is not a JSON object"
                      + (result.IsError()
                             ? std::string(" (") + rapidjson::GetParseError_En(result.Code()) + ")"
                             : std::string());
            return false;
        }
        line.clear();
        ++rows;
        return true;
    };
    for (std::string_view chunk = in.next(); !chunk.empty(); chunk = in.next()) {
        size_t from = 0;
        for (size_t nl; (nl = chunk.find('\n', from)) != std::string_view::npos; from = nl + 1) {
            line.append(chunk.substr(from, nl - from));
            if (!finishLine())
                return -1;
        }
        line.append(chunk.substr(from));
    }
    return finishLine() ? rows : -1;
}

//! The manifest's CSV options (the export wrote every CSV of the run with them).
CsvOptions csvOptionsOf(const QJsonObject &manifest)
{
    for (const auto &v : manifest["spec"].toObject()["formats"].toArray()) {
        const auto f = v.toObject();
        if (f["id"].toString() != "csv")
            continue;
        std::map<std::string, std::string> options;
        for (auto it = f.begin(); it != f.end(); ++it)
            if (it.key() != "id")
                options[it.key().toStdString()] = it.value().toString().toStdString();
        try {
            return CsvOptions::fromMap(options);
        } catch (const std::exception &) {
            break; // an option this version does not know: count as the default writes
        }
    }
    return {};
}

//! Checks the structure of a JSON export read from `in` into `report`; `label` names it.
//! Returns the rows found, or -1 when the text is not JSON.
int64_t checkJson(DeviceStream &in, const std::string &label, VerifyReport &report)
{
    rapidjson::Reader reader;
    JsonShape shape;
    const auto result = reader.Parse<kJsonFlags>(in, shape);
    if (result.IsError()) {
        report.problems.push_back(label + ": invalid JSON at byte "
                                  + std::to_string(result.Offset()) + ": "
                                  + rapidjson::GetParseError_En(result.Code()));
        return -1;
    }
    if (!shape.rootIsObject) {
        report.problems.push_back(label + ": the top-level value is not an object");
        return -1;
    }
    if (shape.hasTables) {
        if (!shape.hasMetadata)
            report.problems.push_back(label + ": $.export_metadata is missing");
        for (const auto &[name, table] : shape.tables) {
            const std::string where = "$.tables." + name;
            if (!table.hasColumns)
                report.problems.push_back(label + ": " + where + ".schema.columns is missing");
            if (!table.dataIsArray)
                report.problems.push_back(label + ": " + where + ".data is not an array");
        }
        if (shape.recordCount >= 0 && shape.recordCount != shape.rows)
            report.problems.push_back(label + ": $.export_metadata.record_count is "
                                      + std::to_string(shape.recordCount) + " but "
                                      + std::to_string(shape.rows) + " rows are present");
    } else if (!shape.hasData) {
        report.problems.push_back(label + ": neither $.tables, $.table.data nor $.data");
    }
    return shape.rows;
}

bool isJsonLines(const QString &name)
{
    return name.endsWith(".jsonl", Qt::CaseInsensitive)
           || name.endsWith(".ndjson", Qt::CaseInsensitive);
}

void verifyArchive(const std::string &pathText, VerifyReport &report)
{
    QuaZip zip(QString::fromStdString(pathText));
    if (!zip.open(QuaZip::mdUnzip)) {
        report.problems.push_back(pathText + ": not a readable zip archive");
        return;
    }
    // Entry names once each: a duplicate makes "the entry NAME" mean two things, and readers
    // differ in which one they take.
    std::set<QString> names;
    for (const auto &name : zip.getFileNameList())
        if (!names.insert(name).second)
            report.problems.push_back(pathText + ": entry " + name.toStdString()
                                      + " appears more than once");
    if (!report.problems.empty())
        return;
    auto open = [&](const QString &name, QuaZipFile &entry) {
        return zip.setCurrentFile(name) && entry.open(QIODevice::ReadOnly);
    };
    QJsonObject manifest;
    {
        QuaZipFile entry(&zip);
        if (!open("manifest.json", entry)) {
            report.problems.push_back(pathText + ": no manifest.json (not a Strata archive)");
            return;
        }
        if (entry.size() > (64 << 20)) {
            report.problems.push_back(pathText + ": manifest.json is larger than 64 MiB");
            return;
        }
        QJsonParseError error;
        manifest = QJsonDocument::fromJson(entry.readAll(), &error).object();
        if (error.error != QJsonParseError::NoError) {
            report.problems.push_back(pathText + ": manifest.json is not valid JSON ("
                                      + error.errorString().toStdString() + ")");
            return;
        }
    }
    const CsvOptions csv = csvOptionsOf(manifest);
    const auto files = manifest["files"].toArray();
    if (files.isEmpty())
        report.problems.push_back(pathText + ": manifest.json lists no files");
    std::set<QString> listed{"manifest.json"};
    for (const auto &v : files) {
        const auto f = v.toObject();
        const QString name = f["name"].toString();
        listed.insert(name);
        const std::string label = name.toStdString();
        QuaZipFile entry(&zip);
        if (!open(name, entry)) {
            report.problems.push_back(label + ": listed in the manifest but missing");
            continue;
        }
        ++report.filesChecked;
        Sha256 sha;
        DeviceStream in(entry, sha);
        const std::string format = f["format"].toString().toStdString();
        int64_t rows = -1;
        if (format == "csv") {
            rows = countCsvRows(in, csv);
        } else if (format == "json" && isJsonLines(name)) {
            std::string problem;
            rows = countJsonLines(in, problem);
            if (rows < 0)
                report.problems.push_back(label + ": " + problem);
        } else if (format == "json") {
            rows = checkJson(in, label, report);
        }
        in.drain();
        entry.close();
        if (in.failed() || entry.getZipError() != 0) {
            report.problems.push_back(label + ": damaged (cannot be unpacked, or fails its CRC)");
            continue;
        }
        if (in.bytes() != f["bytes"].toInteger())
            report.problems.push_back(label + ": " + std::to_string(in.bytes())
                                      + " bytes, the manifest says "
                                      + std::to_string(f["bytes"].toInteger()));
        if (QString::fromStdString(sha.hex()) != f["sha256"].toString())
            report.problems.push_back(label + ": SHA-256 differs from the manifest");
        if (rows >= 0) {
            report.rowsChecked += rows;
            if (rows != f["rows"].toInteger())
                report.problems.push_back(label + ": " + std::to_string(rows)
                                          + " rows, the manifest says "
                                          + std::to_string(f["rows"].toInteger()));
        }
    }
    for (const auto &name : names)
        if (!listed.count(name))
            report.problems.push_back(name.toStdString()
                                      + ": in the archive but not in the manifest");
}

} // namespace

VerifyReport verifyFile(const std::string &pathText)
{
    VerifyReport report;
    const QString path = QString::fromStdString(pathText);
    if (!QFileInfo::exists(path)) {
        report.problems.push_back(pathText + ": no such file");
        return report;
    }
    if (path.endsWith(".zip", Qt::CaseInsensitive)) {
        verifyArchive(pathText, report);
        return report;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report.problems.push_back(pathText + ": cannot be read");
        return report;
    }
    report.filesChecked = 1;
    Sha256 sha; // unused digest: the stream hashes as it reads
    DeviceStream in(file, sha);
    if (isJsonLines(path)) {
        std::string problem;
        report.rowsChecked = countJsonLines(in, problem);
        if (report.rowsChecked < 0) {
            report.rowsChecked = 0;
            report.problems.push_back(pathText + ": " + problem);
        }
    } else if (path.endsWith(".json", Qt::CaseInsensitive)) {
        report.rowsChecked = std::max<int64_t>(checkJson(in, pathText, report), 0);
    } else {
        report.rowsChecked = countCsvRows(in, CsvOptions{});
    }
    if (in.failed())
        report.problems.push_back(pathText + ": a read failed");
    return report;
}

} // namespace strata::transfer
