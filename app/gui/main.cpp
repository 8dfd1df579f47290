// strata: the desktop application.
#include "app/common/logging.h"
#include "engine/api/database.h"
#include "engine/transfer/demo/demo_database.h"
#include "engine/transfer/format.h"
#include "ui/main_window/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>
#include <spdlog/spdlog.h>

using namespace strata;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("strata");
    QApplication::setOrganizationName("Strata");
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
        "database",
        QApplication::translate("main", "Database folder to open (default: the demo database)."));
    parser.process(app);

    QString path = parser.positionalArguments().value(0);
    const bool demo = path.isEmpty();
    if (demo)
        path = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + "/demo";
    const bool fresh
        = demo && !QDir(path).exists("checkpoint.db") && !QDir(path).exists("wal-000001.log");
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
    window.resize(1000, 640);
    window.show();
    return app.exec();
}
