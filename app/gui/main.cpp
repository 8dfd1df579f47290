// strata: the desktop application.
#include "app/common/logging.h"
#include "engine/transfer/format.h"
#include "ui/main_window/first_start.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/single_instance.h"
#include "ui/models/table_list_model.h"
#include "ui/settings/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <cstdio>
#include <spdlog/spdlog.h>

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
    const QString language = QSettings().value(QStringLiteral("language")).toString();
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(language)); // its numbers and dates too, not only words
    const ui::Translations translations{QLocale()};

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
            path = info.absoluteFilePath();
    }
    // One window per user: a running one takes this start's request (what a file manager's
    // "Open with Strata" runs), and this process quits. The smoke test checks this binary's
    // own window, whatever else runs.
    ui::SingleInstance instance;
    if (!parser.isSet(smoke)) {
        switch (instance.claim({path, files})) {
        case ui::SingleInstance::Role::HandedOver:
            std::printf("strata: handed to the Strata window already running\n");
            return 0;
        case ui::SingleInstance::Role::Alone:
            spdlog::warn("no single-instance socket ({}): this window runs on its own",
                         instance.error().toStdString());
            break;
        case ui::SingleInstance::Role::Primary:
            break;
        }
    }
    const QString demoPath = ui::MainWindow::demoPath();
    if (path.isEmpty()) {
        const QStringList recent = ui::MainWindow::recentDatabases();
        if (!recent.isEmpty())
            path = recent.front(); // when it is gone, the window says so and offers others
        else if (QDir(demoPath).exists() || parser.isSet(smoke))
            path = demoPath;
        else // the very first start: ask (the demo is the default answer)
            path = ui::askForFirstDatabase(demoPath);
        if (path.isEmpty())
            return 0;
    }
    // The window paints first; the database opens behind its progress bar.
    ui::MainWindow window;
    window.resize(1200, 760);
    window.show();
    window.openRequested(path, parser.isSet(smoke) ? QStringList() : files);
    QObject::connect(&instance, &ui::SingleInstance::requested, &window,
                     [&window](const ui::OpenRequest &request) {
                         spdlog::info("another start asked to open '{}' and import: {}",
                                      request.database.toStdString(),
                                      request.files.join(QStringLiteral(", ")).toStdString());
                         spdlog::default_logger()->flush();
                         window.openRequested(request.database, request.files);
                     });
    if (parser.isSet(smoke)) {
        // Reported once the database is open and its tables are listed (or it failed).
        QObject::connect(&window, &ui::MainWindow::databaseOpened, &app,
                         [&app, &window](bool opened) {
                             if (!opened) {
                                 std::printf("strata: window shown, database not opened: %s\n",
                                             qPrintable(window.welcomeText()));
                                 std::fflush(stdout);
                                 app.exit(1);
                             }
                         });
        QObject::connect(&window, &ui::MainWindow::tablesRefreshed, &app, [&window, &app] {
            std::printf("strata: window shown, %d tables\n", window.tableModel()->rowCount());
            std::fflush(stdout);
            app.quit();
        });
    }
    return app.exec();
}
