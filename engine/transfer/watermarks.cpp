#include "engine/transfer/watermarks.h"

#include "engine/api/database.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace strata::transfer {

using engine::EngineError;
using engine::StatusCode;

namespace {

const char *kStateFile = ".strata-incremental.json";

} // namespace

//! Watermarks of an incremental profile: table -> commit timestamp of the last export.
std::map<std::string, uint64_t> loadWatermarks(const std::string &dir, const std::string &profile)
{
    std::map<std::string, uint64_t> out;
    QFile file(QString::fromStdString(dir + "/" + kStateFile));
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        throw EngineError(StatusCode::Corrupt, dir + "/" + kStateFile + " is not valid JSON (byte "
                                                   + std::to_string(error.offset)
                                                   + "); move it "
                                                     "away to start the profile afresh");
    const auto tables = doc["profiles"][QString::fromStdString(profile)]["tables"].toObject();
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        const auto ts = engine::parseTimestamp(it.value().toString().toStdString());
        if (ts)
            out[it.key().toStdString()] = static_cast<uint64_t>(*ts);
    }
    return out;
}

//! Records the snapshot as each table's new watermark; the file is replaced atomically.
void saveWatermarks(const std::string &dir, const std::string &profile,
                    const std::vector<std::string> &tables, uint64_t snapshotTs)
{
    const QString path = QString::fromStdString(dir + "/" + kStateFile);
    QJsonObject root;
    QFile in(path);
    if (in.open(QIODevice::ReadOnly))
        root = QJsonDocument::fromJson(in.readAll()).object();
    in.close();
    QJsonObject profiles = root["profiles"].toObject();
    QJsonObject entry = profiles[QString::fromStdString(profile)].toObject();
    QJsonObject marks = entry["tables"].toObject();
    const QString stamp
        = QString::fromStdString(engine::formatTimestamp(static_cast<int64_t>(snapshotTs)));
    for (const auto &t : tables)
        marks[QString::fromStdString(t)] = stamp;
    entry["tables"] = marks;
    entry["updated"] = stamp;
    profiles[QString::fromStdString(profile)] = entry;
    root["profiles"] = profiles;
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(root).toJson()) < 0
        || !out.commit())
        throw EngineError(StatusCode::Io, "cannot write " + path.toStdString());
}

} // namespace strata::transfer
