#include "engine/transfer/archive.h"

#include "engine/transfer/json_builder.h"
#include "engine/transfer/naming.h"
#include "engine/transfer/output_file.h"
#include "engine/transfer/sha256.h"

#include <QBuffer>
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
#include <set>
#include <unistd.h>

namespace strata::transfer {

using engine::Status;
using engine::StatusCode;

namespace {

const char *scopeName(ExportScope s)
{
    return s == ExportScope::Full ? "full" : s == ExportScope::Tables ? "tables" : "query";
}

} // namespace

std::string manifestJson(const ExportSpec &spec, const ExportResult &result, int64_t created)
{
    JsonBuilder j(true);
    j.beginObject();
    j.key("tool").value("Strata " STRATA_VERSION);
    j.key("created").value(engine::formatTimestamp(created));
    j.key("snapshot_commit_ts")
        .value(engine::formatTimestamp(static_cast<int64_t>(result.snapshotTs)));
    j.key("spec").beginObject();
    j.key("scope").value(scopeName(spec.scope));
    if (!spec.query.empty())
        j.key("query").value(spec.query);
    j.key("tables").beginArray();
    for (const auto &t : spec.tables) {
        j.beginObject().key("table").value(t.table);
        if (!t.columns.empty())
            j.key("columns").strings(t.columns);
        if (!t.where.empty())
            j.key("where").value(t.where);
        j.endObject();
    }
    j.endArray();
    j.key("formats").beginArray();
    for (const auto &f : spec.formats) {
        j.beginObject().key("id").value(f.id);
        for (const auto &[k, v] : f.options)
            j.key(k).value(v);
        j.endObject();
    }
    j.endArray();
    j.key("sanitize")
        .value(spec.sanitize == SanitizeMode::Drop   ? "drop"
               : spec.sanitize == SanitizeMode::Mask ? "mask"
                                                     : "none");
    j.endObject();
    j.key("files").beginArray();
    for (const auto &f : result.files) {
        j.beginObject();
        j.key("name").value(QFileInfo(QString::fromStdString(f.path)).fileName().toStdString());
        j.key("format").value(f.format);
        j.key("table").valueOrNull(f.table);
        j.key("rows").value(f.rows);
        j.key("bytes").value(f.bytes);
        j.key("sha256").value(f.sha256);
        j.endObject();
    }
    j.endArray();
    j.endObject();
    return j.text() + "\n";
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
    // Entries are copied a chunk at a time: memory stays flat however large the files are.
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    auto add = [&](const QString &name, QIODevice &in) {
        QuaZipFile entry(&zip);
        QuaZipNewInfo info(name);
        info.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                            | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        if (!entry.open(QIODevice::WriteOnly, info))
            return false;
        bool ok = true;
        for (qint64 n; ok && (n = in.read(chunk.data(), chunk.size())) != 0;)
            ok = n > 0 && entry.write(chunk.constData(), n) == n;
        entry.close();
        return ok && entry.getZipError() == 0;
    };
    if (files.size() != names.size())
        return Status(StatusCode::Internal, "an archive needs one name per file");
    std::set<std::string> unique(names.begin(), names.end());
    if (unique.size() != names.size() || unique.count("manifest.json"))
        return Status(StatusCode::Internal, "two files of one archive share a name");
    for (size_t i = 0; i < files.size(); ++i) {
        const FileResult &f = files[i];
        QFile in(QString::fromStdString(f.path));
        if (!in.open(QIODevice::ReadOnly))
            return Status(StatusCode::Io, "cannot read " + f.path + " for the archive");
        if (!add(QString::fromStdString(names[i]), in))
            return Status(StatusCode::Io, "cannot add " + f.path + " to the archive");
    }
    QByteArray manifestBytes = QByteArray::fromStdString(manifest);
    QBuffer manifestIn(&manifestBytes);
    manifestIn.open(QIODevice::ReadOnly);
    if (!add("manifest.json", manifestIn))
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
