#include "engine/transfer/formats/zip/zip_input.h"

#include "engine/transfer/format.h"
#include "engine/transfer/verify.h"

#include <QDir>
#include <QFile>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>
#include <set>

namespace strata::transfer {

using engine::EngineError;
using engine::StatusCode;

namespace {

bool unsafeName(const QString &name)
{
    if (name.isEmpty() || name.startsWith('/') || name.startsWith('\\') || name.contains('\\')
        || (name.size() > 1 && name[1] == ':'))
        return true;
    for (const auto &part : name.split('/'))
        if (part == "..")
            return true;
    return false;
}

std::string extensionOf(const QString &name)
{
    const int dot = name.lastIndexOf('.');
    return dot < 0 ? std::string() : name.mid(dot + 1).toLower().toStdString();
}

} // namespace

std::vector<ZipEntry> unpackZip(const std::string &archive, const ImportSpec &spec,
                                const std::string &dir, std::vector<std::string> &warnings)
{
    QuaZip zip(QString::fromStdString(archive));
    if (!zip.open(QuaZip::mdUnzip))
        throw EngineError(StatusCode::Invalid, archive + ": not a readable zip archive (error "
                                                   + std::to_string(zip.getZipError()) + ")");
    const QList<QuaZipFileInfo64> infos = zip.getFileInfoList64();
    bool manifest = false;
    std::set<QString> seen;
    for (const auto &info : infos) {
        const std::string name = info.name.toStdString();
        // Zip readers differ in which of two same-named entries they take: refuse to guess.
        if (!seen.insert(info.name).second)
            throw EngineError(StatusCode::Invalid,
                              archive + ": entry " + name
                                  + " appears more than once (which one is meant is "
                                    "ambiguous); nothing was imported");
        if (unsafeName(info.name))
            throw EngineError(StatusCode::Invalid,
                              archive + ": entry " + name
                                  + " has an unsafe path (expected a name inside the archive, "
                                    "without '..' or a leading '/')");
        if (static_cast<int64_t>(info.uncompressedSize) > spec.maxEntryBytes)
            throw EngineError(StatusCode::Invalid, archive + ": entry " + name + " expands to "
                                                       + std::to_string(info.uncompressedSize)
                                                       + " bytes, more than the limit of "
                                                       + std::to_string(spec.maxEntryBytes));
        if (info.uncompressedSize > (1u << 20)
            && static_cast<int64_t>(info.uncompressedSize)
                   > spec.maxCompressionRatio
                         * static_cast<int64_t>(std::max<quint64>(info.compressedSize, 1)))
            throw EngineError(StatusCode::Invalid,
                              archive + ": entry " + name + " expands "
                                  + std::to_string(info.uncompressedSize
                                                   / std::max<quint64>(info.compressedSize, 1))
                                  + " times (more than " + std::to_string(spec.maxCompressionRatio)
                                  + "): it looks like a zip bomb and is not unpacked");
        manifest |= info.name == "manifest.json";
    }
    if (manifest) {
        const VerifyReport report = verifyFile(archive);
        if (!report.problems.empty()) {
            std::string problems;
            for (const auto &p : report.problems)
                problems += (problems.empty() ? "" : "; ") + p;
            throw EngineError(StatusCode::Invalid,
                              archive
                                  + ": the archive does not match its manifest.json, so "
                                    "nothing was imported: "
                                  + problems);
        }
    }
    auto &registry = FormatRegistry::instance();
    std::vector<ZipEntry> entries;
    int index = 0;
    // Entries in the order of the directory, each reached by stepping (locating one by name
    // scans the directory: quadratic in the number of entries).
    bool more = zip.goToFirstFile();
    for (const auto &info : infos) {
        if (!more)
            throw EngineError(StatusCode::Invalid, archive + ": the directory ends before entry "
                                                       + info.name.toStdString() + " (damaged)");
        struct Step { // the next entry, however this iteration ends
            QuaZip &zip;
            bool &more;
            ~Step() { more = zip.goToNextFile(); }
        } step{zip, more};
        if (zip.getCurrentFileName() != info.name)
            throw EngineError(StatusCode::Invalid, archive + ": entry " + info.name.toStdString()
                                                       + " cannot be read (damaged directory)");
        if (info.name.endsWith('/') || info.name == "manifest.json")
            continue;
        const std::string ext = extensionOf(info.name);
        const std::string format = registry.importerForExtension(ext);
        if (format.empty() || format == "zip") {
            warnings.push_back(archive + ": entry " + info.name.toStdString()
                               + " skipped (not a format Strata imports here)");
            continue;
        }
        QuaZipFile in(&zip);
        if (!in.open(QIODevice::ReadOnly))
            throw EngineError(StatusCode::Invalid, archive + ": entry " + info.name.toStdString()
                                                       + " cannot be read (error "
                                                       + std::to_string(in.getZipError()) + ")");
        // Each entry in a folder of its own keeps its file name (tables are named after it).
        const QString folder = QString::fromStdString(dir) + "/" + QString::number(index++);
        QDir().mkpath(folder);
        const QString target = folder + "/" + info.name.section('/', -1);
        QFile out(target);
        if (!out.open(QIODevice::WriteOnly))
            throw EngineError(StatusCode::Io, target.toStdString() + ": cannot write ("
                                                  + out.errorString().toStdString() + ")");
        // The sizes in the directory were checked; the data itself is counted too, in case the
        // directory lies.
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        int64_t total = 0;
        for (;;) {
            const qint64 n = in.read(chunk.data(), chunk.size());
            if (n < 0)
                throw EngineError(StatusCode::Invalid, archive + ": entry "
                                                           + info.name.toStdString()
                                                           + " is damaged (cannot be unpacked)");
            if (n == 0)
                break;
            total += n;
            if (total > static_cast<int64_t>(info.uncompressedSize) || total > spec.maxEntryBytes)
                throw EngineError(StatusCode::Invalid,
                                  archive + ": entry " + info.name.toStdString()
                                      + " holds more data than its header says; not imported");
            if (out.write(chunk.constData(), n) != n)
                throw EngineError(StatusCode::Io, target.toStdString() + ": cannot write ("
                                                      + out.errorString().toStdString() + ")");
        }
        in.close();
        if (in.getZipError() != 0)
            throw EngineError(StatusCode::Invalid, archive + ": entry " + info.name.toStdString()
                                                       + " fails its CRC check (damaged)");
        entries.push_back({info.name.toStdString(), target.toStdString()});
    }
    if (entries.empty())
        throw EngineError(StatusCode::Invalid,
                          archive
                              + ": holds no file Strata can import (CSV, JSON, SQL, SQLite, "
                                "GeoJSON)");
    return entries;
}

} // namespace strata::transfer
