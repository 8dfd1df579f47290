#include "engine/transfer/verify.h"

#include "engine/transfer/format.h"
#include "engine/transfer/job_support.h"
#include "engine/transfer/sha256.h"
#include "engine/transfer/verify_stream.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>
#include <quazip.h>
#include <quazipfile.h>
#include <set>

namespace strata::transfer {

namespace {

const std::map<std::string, std::string> kNoOptions;

//! Each format's options in the manifest (the export wrote every file of a format with
//! them); options this version does not take count as the defaults.
std::map<std::string, std::map<std::string, std::string>>
formatOptionsOf(const QJsonObject &manifest)
{
    std::map<std::string, std::map<std::string, std::string>> byFormat;
    for (const auto &v : manifest["spec"].toObject()["formats"].toArray()) {
        const auto f = v.toObject();
        FormatRequest request;
        request.id = f["id"].toString().toStdString();
        for (auto it = f.begin(); it != f.end(); ++it)
            if (it.key() != "id")
                request.options[it.key().toStdString()] = it.value().toString().toStdString();
        if (FormatRegistry::instance().validate(request))
            byFormat[request.id] = std::move(request.options);
    }
    return byFormat;
}

//! The format that wrote a file of this name: the one writing its extension (".xlsx" is a
//! zip to an importer, ".md" has no reader), else the one that would read it.
const FormatInfo *writerOf(const std::string &path)
{
    const auto &registry = FormatRegistry::instance();
    const std::string name
        = asciiLower(QFileInfo(QString::fromStdString(path)).fileName().toStdString());
    for (const auto &f : registry.formats())
        if (f.canExport() && name.ends_with("." + f.extension))
            return &f;
    const auto format = registry.detect(path);
    return format ? registry.find(*format) : nullptr;
}

//! The records in `in` by its format's check, or -1 when the format has none (or the file is
//! not what the writer writes: then `problems` says why).
int64_t countRecords(const std::string &format, VerifyStream &in, const std::string &name,
                     const std::map<std::string, std::string> &options,
                     std::vector<std::string> &problems)
{
    const FormatInfo *info = FormatRegistry::instance().find(format);
    if (!info || !info->countRecords)
        return -1;
    return info->countRecords(in, name, options, problems);
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
    const auto options = formatOptionsOf(manifest);
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
        VerifyStream in(entry, sha);
        const std::string format = f["format"].toString().toStdString();
        auto formatOptions = options.find(format);
        const int64_t rows = countRecords(
            format, in, label, formatOptions == options.end() ? kNoOptions : formatOptions->second,
            report.problems);
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
    const FormatInfo *info = writerOf(pathText);
    if (!info || !info->countRecords) {
        report.problems.push_back(
            pathText + ": " + (info ? info->name : std::string("this file"))
            + " carries no record count or digest to check (verify reads Strata's zip "
              "archives, and JSON and CSV exports)");
        return report;
    }
    report.filesChecked = 1;
    Sha256 sha; // unused digest: the stream hashes as it reads
    VerifyStream in(file, sha);
    report.rowsChecked
        = std::max<int64_t>(info->countRecords(in, pathText, kNoOptions, report.problems), 0);
    if (in.failed())
        report.problems.push_back(pathText + ": a read failed");
    return report;
}

} // namespace strata::transfer
