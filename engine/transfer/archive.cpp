#include "engine/transfer/archive.h"

#include "engine/transfer/formats/json/json_writer.h"
#include "engine/transfer/formats/text_out.h"
#include "engine/transfer/naming.h"
#include "engine/transfer/output_file.h"
#include "engine/transfer/sha256.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cstdlib>
#include <fcntl.h>
#include <map>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>
#include <unistd.h>

namespace strata::transfer {

using engine::Status;
using engine::StatusCode;

namespace {

const char *scopeName(ExportScope s)
{
    return s == ExportScope::Full ? "full" : s == ExportScope::Tables ? "tables" : "query";
}

void appendKey(std::string &b, const char *key)
{
    appendJsonString(b, key);
    b += ": ";
}

//! Counts data rows of a file Strata wrote, by format, independently of the writer.
int64_t countRows(const QByteArray &bytes, const std::string &format, bool &ok)
{
    ok = true;
    if (format == "csv") {
        // Records: line ends outside quotes, minus the header line.
        int64_t records = 0;
        bool quoted = false;
        for (int i = 0; i < bytes.size(); ++i) {
            const char c = bytes[i];
            if (c == '"')
                quoted = !quoted;
            else if (c == '\n' && !quoted)
                ++records;
        }
        return records - 1;
    }
    if (format == "json") {
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError) {
            // JSON lines: one object a line.
            int64_t lines = 0;
            for (const auto &line : bytes.split('\n')) {
                if (line.trimmed().isEmpty())
                    continue;
                if (!QJsonDocument::fromJson(line).isObject()) {
                    ok = false;
                    return 0;
                }
                ++lines;
            }
            return lines;
        }
        const auto root = doc.object();
        if (root.contains("tables")) {
            int64_t n = 0;
            for (const auto &t : root["tables"].toObject())
                n += t.toObject()["data"].toArray().size();
            return n;
        }
        if (root.contains("table"))
            return root["table"].toObject()["data"].toArray().size();
        return root["data"].toArray().size();
    }
    ok = false; // no independent row count for this format
    return 0;
}

} // namespace

std::string manifestJson(const ExportSpec &spec, const ExportResult &result, int64_t created)
{
    std::string b = "{\n  ";
    appendKey(b, "tool");
    appendJsonString(b, "Strata " STRATA_VERSION);
    b += ",\n  ";
    appendKey(b, "created");
    appendJsonString(b, engine::formatTimestamp(created));
    b += ",\n  ";
    appendKey(b, "snapshot_commit_ts");
    appendJsonString(b, engine::formatTimestamp(static_cast<int64_t>(result.snapshotTs)));
    b += ",\n  ";
    appendKey(b, "spec");
    b += "{";
    appendKey(b, "scope");
    appendJsonString(b, scopeName(spec.scope));
    if (!spec.query.empty()) {
        b += ", ";
        appendKey(b, "query");
        appendJsonString(b, spec.query);
    }
    b += ", ";
    appendKey(b, "tables");
    b += "[";
    for (size_t i = 0; i < spec.tables.size(); ++i) {
        const auto &t = spec.tables[i];
        b += i ? ", {" : "{";
        appendKey(b, "table");
        appendJsonString(b, t.table);
        if (!t.columns.empty()) {
            b += ", ";
            appendKey(b, "columns");
            b += "[";
            for (size_t c = 0; c < t.columns.size(); ++c) {
                if (c)
                    b += ", ";
                appendJsonString(b, t.columns[c]);
            }
            b += "]";
        }
        if (!t.where.empty()) {
            b += ", ";
            appendKey(b, "where");
            appendJsonString(b, t.where);
        }
        b += "}";
    }
    b += "], ";
    appendKey(b, "formats");
    b += "[";
    for (size_t i = 0; i < spec.formats.size(); ++i) {
        b += i ? ", {" : "{";
        appendKey(b, "id");
        appendJsonString(b, spec.formats[i].id);
        for (const auto &[k, v] : spec.formats[i].options) {
            b += ", ";
            appendJsonString(b, k);
            b += ": ";
            appendJsonString(b, v);
        }
        b += "}";
    }
    b += "], ";
    appendKey(b, "sanitize");
    appendJsonString(b, spec.sanitize == SanitizeMode::Drop   ? "drop"
                        : spec.sanitize == SanitizeMode::Mask ? "mask"
                                                              : "none");
    b += "},\n  ";
    appendKey(b, "files");
    b += "[";
    for (size_t i = 0; i < result.files.size(); ++i) {
        const auto &f = result.files[i];
        b += i ? ",\n    {" : "\n    {";
        appendKey(b, "name");
        appendJsonString(b, QFileInfo(QString::fromStdString(f.path)).fileName().toStdString());
        b += ", ";
        appendKey(b, "format");
        appendJsonString(b, f.format);
        b += ", ";
        appendKey(b, "table");
        if (f.table.empty())
            b += "null";
        else
            appendJsonString(b, f.table);
        b += ", ";
        appendKey(b, "rows");
        text::appendInt(b, f.rows);
        b += ", ";
        appendKey(b, "bytes");
        text::appendInt(b, f.bytes);
        b += ", ";
        appendKey(b, "sha256");
        appendJsonString(b, f.sha256);
        b += "}";
    }
    b += "\n  ]\n}\n";
    return b;
}

engine::Result<std::string> writeArchive(const std::string &dir, const std::string &stamp,
                                         const std::vector<FileResult> &files,
                                         const std::vector<std::string> &names,
                                         const std::string &manifest)
{
    std::string temp;
    const int fd = createTemporary(dir, "export_" + stamp + ".zip", temp);
    if (fd < 0)
        return Status(StatusCode::Io, "cannot create an archive in " + dir);
    struct Cleanup { // the descriptor holds the temporary's lock until it is published
        std::string path;
        int fd;
        bool keep = false;
        ~Cleanup()
        {
            if (!keep)
                ::unlink(path.c_str());
            ::close(fd);
        }
    } cleanup{temp, fd};
    QuaZip zip(QString::fromStdString(temp));
    if (!zip.open(QuaZip::mdCreate))
        return Status(StatusCode::Io, "cannot write the archive " + temp);
    auto add = [&](const QString &name, const QByteArray &bytes) {
        QuaZipFile entry(&zip);
        QuaZipNewInfo info(name);
        info.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                            | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        if (!entry.open(QIODevice::WriteOnly, info))
            return false;
        const bool ok = entry.write(bytes) == bytes.size();
        entry.close();
        return ok && entry.getZipError() == 0;
    };
    for (size_t i = 0; i < files.size(); ++i) {
        const FileResult &f = files[i];
        QFile in(QString::fromStdString(f.path));
        if (!in.open(QIODevice::ReadOnly))
            return Status(StatusCode::Io, "cannot read " + f.path + " for the archive");
        if (!add(QString::fromStdString(names[i]), in.readAll()))
            return Status(StatusCode::Io, "cannot add " + f.path + " to the archive");
    }
    if (!add("manifest.json", QByteArray::fromStdString(manifest)))
        return Status(StatusCode::Io, "cannot add manifest.json to the archive");
    zip.close();
    if (zip.getZipError() != 0)
        return Status(StatusCode::Io, "cannot finish the archive " + temp);
    {
        QFile sync(QString::fromStdString(temp));
        if (sync.open(QIODevice::ReadWrite))
            ::fdatasync(sync.handle());
    }
    auto path = publishFile(temp, dir, "export_" + stamp, "zip");
    cleanup.keep = path.isOk();
    return path;
}

VerifyReport verifyFile(const std::string &pathText)
{
    VerifyReport report;
    const QString path = QString::fromStdString(pathText);
    if (!QFileInfo::exists(path)) {
        report.problems.push_back(pathText + ": no such file");
        return report;
    }
    if (path.endsWith(".zip", Qt::CaseInsensitive)) {
        QuaZip zip(path);
        if (!zip.open(QuaZip::mdUnzip)) {
            report.problems.push_back(pathText + ": not a readable zip archive");
            return report;
        }
        auto read = [&](const QString &name, QByteArray &out) {
            if (!zip.setCurrentFile(name))
                return false;
            QuaZipFile entry(&zip);
            if (!entry.open(QIODevice::ReadOnly))
                return false;
            out = entry.readAll();
            entry.close();
            return entry.getZipError() == 0;
        };
        QByteArray manifestBytes;
        if (!read("manifest.json", manifestBytes)) {
            report.problems.push_back(pathText + ": no manifest.json (not a Strata archive)");
            return report;
        }
        const auto manifest = QJsonDocument::fromJson(manifestBytes).object();
        const auto files = manifest["files"].toArray();
        if (files.isEmpty())
            report.problems.push_back(pathText + ": manifest.json lists no files");
        for (const auto &v : files) {
            const auto f = v.toObject();
            const QString name = f["name"].toString();
            QByteArray bytes;
            if (!read(name, bytes)) {
                report.problems.push_back(name.toStdString()
                                          + ": listed in the manifest but missing");
                continue;
            }
            ++report.filesChecked;
            if (bytes.size() != f["bytes"].toInteger())
                report.problems.push_back(name.toStdString() + ": " + std::to_string(bytes.size())
                                          + " bytes, the manifest says "
                                          + std::to_string(f["bytes"].toInteger()));
            Sha256 sha;
            sha.add({bytes.constData(), static_cast<size_t>(bytes.size())});
            if (QString::fromStdString(sha.hex()) != f["sha256"].toString())
                report.problems.push_back(name.toStdString()
                                          + ": SHA-256 differs from the manifest");
            bool countable = false;
            const int64_t rows = countRows(bytes, f["format"].toString().toStdString(), countable);
            if (countable) {
                report.rowsChecked += rows;
                if (rows != f["rows"].toInteger())
                    report.problems.push_back(name.toStdString() + ": " + std::to_string(rows)
                                              + " rows, the manifest says "
                                              + std::to_string(f["rows"].toInteger()));
            }
        }
        const QStringList entries = zip.getFileNameList();
        for (const auto &e : entries) {
            bool listed = e == "manifest.json";
            for (const auto &v : files)
                listed |= v.toObject()["name"].toString() == e;
            if (!listed)
                report.problems.push_back(e.toStdString()
                                          + ": in the archive but not in the manifest");
        }
        return report;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report.problems.push_back(pathText + ": cannot be read");
        return report;
    }
    const QByteArray bytes = file.readAll();
    report.filesChecked = 1;
    if (path.endsWith(".json", Qt::CaseInsensitive)) {
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError) {
            report.problems.push_back(pathText + ": invalid JSON at byte "
                                      + std::to_string(error.offset) + ": "
                                      + error.errorString().toStdString());
            return report;
        }
        const auto root = doc.object();
        if (root.contains("tables")) {
            if (!root["export_metadata"].isObject())
                report.problems.push_back(pathText + ": $.export_metadata is missing");
            int64_t total = 0;
            const auto tables = root["tables"].toObject();
            for (auto it = tables.begin(); it != tables.end(); ++it) {
                const auto t = it.value().toObject();
                const std::string where = "$.tables." + it.key().toStdString();
                if (!t["schema"].toObject()["columns"].isArray())
                    report.problems.push_back(pathText + ": " + where
                                              + ".schema.columns is missing");
                if (!t["data"].isArray()) {
                    report.problems.push_back(pathText + ": " + where + ".data is not an array");
                    continue;
                }
                total += t["data"].toArray().size();
            }
            report.rowsChecked = total;
            const auto meta = root["export_metadata"].toObject();
            if (meta.contains("record_count") && meta["record_count"].toInteger() != total)
                report.problems.push_back(pathText + ": $.export_metadata.record_count is "
                                          + std::to_string(meta["record_count"].toInteger())
                                          + " but " + std::to_string(total) + " rows are present");
        } else if (!root["data"].isArray() && !root["table"].toObject()["data"].isArray()) {
            report.problems.push_back(pathText + ": neither $.tables, $.table.data nor $.data");
        }
        return report;
    }
    bool countable = false;
    report.rowsChecked = countRows(bytes, "csv", countable);
    return report;
}

void applyLinksAndRetention(const ExportSpec &spec, ExportResult &result)
{
    const QString dir = QString::fromStdString(spec.outputDir);
    // Stems and extensions of the files just written: "users_export" + "csv".
    static const QRegularExpression kStamped(
        QStringLiteral("^(.+)_(\\d{8}_\\d{6})(?:_(\\d+))?\\.([A-Za-z0-9]+)$"));
    std::map<std::pair<QString, QString>, QString> newest;
    for (const auto &f : result.files) {
        const QString name = QFileInfo(QString::fromStdString(f.path)).fileName();
        const auto m = kStamped.match(name);
        if (m.hasMatch())
            newest[{m.captured(1), m.captured(4)}] = name;
    }
    if (spec.latestLinks) {
        for (const auto &[key, name] : newest) {
            const QString link = dir + "/" + key.first + "_latest." + key.second;
            const QFileInfo existing(link);
            if (existing.exists() && !existing.isSymLink()) {
                result.warnings.push_back(link.toStdString()
                                          + " is a regular file, so it was left as it is");
                continue;
            }
            // A new link under a temporary name, renamed over the old one: never half there.
            const QString temp = dir + "/." + key.first + "_latest." + key.second + ".new";
            QFile::remove(temp);
            if (::symlink(name.toLocal8Bit().constData(), temp.toLocal8Bit().constData()) != 0
                || ::rename(temp.toLocal8Bit().constData(), link.toLocal8Bit().constData()) != 0) {
                QFile::remove(temp);
                result.warnings.push_back("cannot link " + link.toStdString());
            }
        }
    }
    if (spec.keepNewest <= 0 && spec.archiveMaxAgeDays <= 0 && spec.archiveMaxFiles <= 0)
        return;
    const QString archiveDir = dir + "/archive";
    for (const auto &group : newest) {
        const auto &key = group.first; // named, not a structured binding: lambdas capture it
        auto collect = [&](const QString &folder) {
            std::vector<std::pair<QString, QString>> files; // (stamp+n sortable, name)
            for (const auto &entry : QDir(folder).entryList(QDir::Files | QDir::NoSymLinks)) {
                const auto m = kStamped.match(entry);
                if (m.hasMatch() && m.captured(1) == key.first && m.captured(4) == key.second)
                    files.emplace_back(
                        m.captured(2)
                            + QString("_%1").arg(m.captured(3).toInt(), 6, 10, QChar('0')),
                        entry);
            }
            std::sort(files.begin(), files.end(), std::greater<>());
            return files;
        };
        if (spec.keepNewest > 0) {
            const auto files = collect(dir);
            for (size_t i = static_cast<size_t>(spec.keepNewest); i < files.size(); ++i) {
                QDir().mkpath(archiveDir);
                const QString from = dir + "/" + files[i].second;
                if (::renameat2(AT_FDCWD, from.toLocal8Bit().constData(), AT_FDCWD,
                                (archiveDir + "/" + files[i].second).toLocal8Bit().constData(),
                                RENAME_NOREPLACE)
                    == 0)
                    result.archived.push_back((archiveDir + "/" + files[i].second).toStdString());
            }
        }
        const auto archived = collect(archiveDir);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (size_t i = 0; i < archived.size(); ++i) {
            const QString path = archiveDir + "/" + archived[i].second;
            const bool tooMany
                = spec.archiveMaxFiles > 0 && i >= static_cast<size_t>(spec.archiveMaxFiles);
            const bool tooOld
                = spec.archiveMaxAgeDays > 0
                  && QFileInfo(path).lastModified().daysTo(now) > spec.archiveMaxAgeDays;
            if ((tooMany || tooOld) && QFile::remove(path))
                result.deleted.push_back(path.toStdString());
        }
    }
}

} // namespace strata::transfer
