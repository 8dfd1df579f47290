#include "ui/main_window/database_opener.h"

#include "engine/transfer/demo/demo_database.h"
#include "engine/transfer/format.h"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent>
#include <spdlog/spdlog.h>

namespace strata::ui {

namespace {

//! The files of `dir` that a registered format imports.
QStringList importableFilesIn(const QDir &dir)
{
    QStringList patterns;
    for (const auto &ext : transfer::FormatRegistry::instance().importExtensions())
        patterns << QStringLiteral("*.") + QString::fromStdString(ext);
    QStringList files;
    for (const QFileInfo &info : dir.entryInfoList(patterns, QDir::Files, QDir::Name))
        files << info.absoluteFilePath();
    return files;
}

OpenedDatabase open(const QString &path, bool mayCreateInForeignFolder, int demoRows)
{
    OpenedDatabase opened;
    opened.path = path;
    const std::string dir = path.toStdString();
    const bool existed = engine::Database::exists(dir);
    if (!existed) {
        const QDir folder(path);
        if (folder.exists()
            && !folder.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
            && !mayCreateInForeignFolder) {
            opened.foreignFolder = true;
            opened.importableFiles = importableFilesIn(folder);
            opened.status
                = engine::Status(engine::StatusCode::NotFound,
                                 path.toStdString() + " holds files but no Strata database");
            return opened;
        }
    }
    engine::OpenOptions options;
    options.programName = "strata";
    auto db = engine::Database::open(dir, options);
    if (!db && db.status().code() == engine::StatusCode::Locked) {
        // The engine's advice ("open it read-only or …") is what happens next: not repeated.
        opened.readOnlyReason = QString::fromStdString(db.status().message())
                                    .section(QStringLiteral("; open it read-only"), 0, 0);
        options.readOnly = true; // another program writes it: look, do not touch
        db = engine::Database::open(dir, options);
    }
    if (!db) {
        opened.status = db.status();
        return opened;
    }
    opened.database = *db;
    if (!existed && demoRows > 0 && !opened.database->readOnly()) {
        auto conn = opened.database->connect();
        if (auto st = transfer::createDemoDatabase(*conn, demoRows); !st)
            spdlog::error("cannot create the demo database: {}", st.toString());
        else
            opened.createdDemo = true;
    }
    return opened;
}

} // namespace

QFuture<OpenedDatabase> openDatabaseInBackground(const QString &path, bool mayCreateInForeignFolder,
                                                 int demoRows)
{
    return QtConcurrent::run([path, mayCreateInForeignFolder, demoRows] {
        try {
            return open(path, mayCreateInForeignFolder, demoRows);
        } catch (const std::exception &e) { // said in the window, never a crash
            OpenedDatabase failed;
            failed.path = path;
            failed.status = engine::Status(engine::StatusCode::Internal, e.what());
            return failed;
        }
    });
}

} // namespace strata::ui
