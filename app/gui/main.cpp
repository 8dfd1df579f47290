// strata: the desktop application.
#include "app/common/logging.h"
#include "engine/api/database.h"
#include "engine/transfer/demo/demo_database.h"
#include "engine/transfer/format.h"
#include "ui/main_window/first_start.h"
#include "ui/main_window/main_window.h"
#include "ui/models/table_list_model.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>
#include <spdlog/spdlog.h>

#include <cstdio>

using namespace strata;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("strata");
    QApplication::setOrganizationName("Strata");
    QApplication::setDesktopFileName("io.github.strata.Strata");
    QApplication::setWindowIcon(QIcon(":/icons/io.github.strata.Strata.png"));
    QApplication::setApplicationDisplayName("Strata");
    QApplication::setApplicationVersion(STRATA_VERSION);
    app::setupLogging("strata", false);
    transfer::registerBuiltinFormats();

    // The language chosen in Settings, else the system's.
    QTranslator translator;
    const QString language = QSettings().value(QStringLiteral("language")).toString();
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    if (translator.load(locale, "strata", "_", ":/i18n"))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Get data out of a database and back in."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        "database-or-files",
        QApplication::translate("main",
                                "A database folder to open (default: the last one, else the demo "
                                "database), and files to import into it (CSV, JSON, SQL, SQLite, "
                                "GeoJSON, zip) — as a file manager passes them."),
        "[DATABASE] [FILE...]");
    const QCommandLineOption smoke(
        "smoke-test",
        QApplication::translate("main", "Show the window, report it on standard output and quit "
                                        "(installation checks)."));
    parser.addOption(smoke);
    parser.process(app);

    // Folders are databases; files are to be imported into the database.
    QString path;
    QStringList files;
    for (const QString &arg : parser.positionalArguments()) {
        const QFileInfo info(arg);
        if (info.isFile())
            files << info.absoluteFilePath();
        else if (path.isEmpty())
            path = arg;
    }
    // Where installer/build-and-run.sh and the README put it (beside the logs).
    const QString demoPath
        = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/strata/demo";
    if (path.isEmpty()) {
        const QStringList recent = ui::MainWindow::recentDatabases();
        if (!recent.isEmpty() && QFileInfo(recent.front()).isDir())
            path = recent.front();
        else if (QDir(demoPath).exists() || parser.isSet(smoke))
            path = demoPath;
        else // the very first start: ask (the demo is the default answer)
            path = ui::askForFirstDatabase(demoPath);
        if (path.isEmpty())
            return 0;
    }
    const bool demo = path == demoPath;
    const bool fresh = demo && !engine::Database::exists(path.toStdString());
    engine::OpenOptions options;
    options.programName = "strata";
    auto db = engine::Database::open(path.toStdString(), options);
    if (!db && db.status().code() == engine::StatusCode::Locked) {
        options.readOnly = true;
        db = engine::Database::open(path.toStdString(), options);
    }
    if (!db) {
        spdlog::error("cannot open {}: {}", path.toStdString(), db.status().toString());
        QMessageBox::critical(nullptr, QApplication::applicationDisplayName(),
                              QApplication::translate("main", "Cannot open %1:\n%2")
                                  .arg(path, QString::fromStdString(db.status().message())));
        return 1;
    }
    if (fresh) {
        auto conn = (*db)->connect();
        if (auto st = transfer::createDemoDatabase(*conn, 5000); !st)
            spdlog::error("cannot create the demo database: {}", st.toString());
    }
    ui::MainWindow::rememberDatabase(path);
    ui::MainWindow window(*db, path);
    window.resize(1200, 760);
    window.show();
    if (parser.isSet(smoke)) {
        QTimer::singleShot(0, &app, [&window, &app] {
            std::printf("strata: window shown, %d tables\n", window.tableModel()->rowCount());
            std::fflush(stdout);
            app.quit();
        });
    } else if (!files.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, files] { window.importFiles(files); });
    }
    return app.exec();
}
