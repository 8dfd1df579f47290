// The window's life around its database: opened on a worker, switched, refused, read-only,
// and quit while a job runs.
#include "engine/api/database.h"
#include "engine/transfer/demo/demo_database.h"
#include "engine/transfer/format.h"
#include "tests/ui/window_test_helpers.h"
#include "ui/export/export_dialog.h"
#include "ui/import/import_dialog.h"
#include "ui/jobs/job_list.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/single_instance.h"
#include "ui/settings/translations.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialogButtonBox>
#include <QFrame>
#include <QLabel>
#include <QLocalSocket>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>
#include <atomic>
#include <thread>

using namespace strata;
using namespace strata::ui_test;

namespace {

QAction *actionNamed(ui::MainWindow &window, const QString &text)
{
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text().remove(QLatin1Char('&')) == text)
            return a;
    return nullptr;
}

bool openedIn(ui::MainWindow &window, const QString &path, bool *ok)
{
    QSignalSpy done(&window, &ui::MainWindow::databaseOpened);
    window.openDatabase(path);
    if (!done.wait(kPatience))
        return false;
    *ok = done.front().front().toBool();
    return true;
}

void makeDatabase(const QString &path, const std::string &sql)
{
    auto db = engine::Database::open(path.toStdString());
    QVERIFY(db);
    QVERIFY((*db)->connect()->execute(sql));
}

} // namespace

class TestWindowLifecycle : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { startWindowTests(); }

    void opensOnAWorkerSwitchesAndUnlocksThePrevious()
    {
        QTemporaryDir tmp;
        const QString first = tmp.filePath("first"), second = tmp.filePath("second");
        makeDatabase(first, "CREATE TABLE here (a INTEGER)");
        makeDatabase(second, "CREATE TABLE elsewhere (a INTEGER)");
        ui::MainWindow window;
        QVERIFY(shownAtReviewSize(window)); // painted before any database is there
        QVERIFY(!actionNamed(window, "Import…")->isEnabled()); // nothing to import into yet
        bool ok = false;
        {
            const GuiThreadWork work; // the open runs on a worker
            QVERIFY(openedIn(window, first, &ok));
            QVERIFY(ok);
            QCOMPARE(work.calls(), uint64_t(0));
        }
        QTRY_COMPARE_WITH_TIMEOUT(window.dataModel()->table(), QStringLiteral("here"), kPatience);
        QVERIFY(actionNamed(window, "Import…")->isEnabled());
        QVERIFY(openedIn(window, second, &ok));
        QVERIFY(ok);
        QTRY_COMPARE_WITH_TIMEOUT(window.dataModel()->table(), QStringLiteral("elsewhere"),
                                  kPatience);
        QCOMPARE(window.databasePath(), second);
        QCOMPARE(ui::MainWindow::recentDatabases().value(0), second);
        QCOMPARE(ui::MainWindow::recentDatabases().value(1), first);
        // The first one is closed: another program may write it now.
        bool writable = false;
        (void)QTest::qWaitFor(
            [&] { return writable = bool(engine::Database::open(first.toStdString())); },
            kPatience);
        QVERIFY(writable);
    }

    void aDatabaseThatCannotOpenLeavesTheWindowOfferingOthers()
    {
        QTemporaryDir tmp;
        const QString broken = tmp.filePath("broken");
        makeDatabase(broken, "CREATE TABLE t (a INTEGER)");
        // Its files made unreadable garbage: the open fails with a reason.
        for (const QString &name : QDir(broken).entryList(QDir::Files)) {
            if (name == "LOCK")
                continue;
            QFile f(broken + "/" + name);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QByteArray(64, 'x'));
        }
        ui::MainWindow window;
        window.show();
        bool ok = true;
        QVERIFY(openedIn(window, broken, &ok));
        QVERIFY(!ok);
        QVERIFY2(window.welcomeText().contains(broken), qPrintable(window.welcomeText()));
        QVERIFY(window.isVisible());
        QVERIFY(!actionNamed(window, "Backup now")->isEnabled());
        screenshot(window, "cannot_open.png");
        // A good one opens from there.
        const QString good = tmp.filePath("good");
        makeDatabase(good, "CREATE TABLE fine (a INTEGER)");
        QVERIFY(openedIn(window, good, &ok));
        QVERIFY(ok);
        QVERIFY(actionNamed(window, "Backup now")->isEnabled());
    }

    void aDatabaseHeldElsewhereOpensReadOnlyWithABannerAndRetry()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath("held");
        auto holder = engine::Database::open(path.toStdString());
        QVERIFY(holder);
        QVERIFY((*holder)->connect()->execute("CREATE TABLE t (a INTEGER)"));
        ui::MainWindow window;
        QVERIFY(shownAtReviewSize(window));
        bool ok = false;
        QVERIFY(openedIn(window, path, &ok));
        QVERIFY(ok);
        QVERIFY(window.database()->readOnly());
        auto *banner = window.findChild<QFrame *>(QStringLiteral("readOnlyBanner"));
        QVERIFY(banner && banner->isVisible());
        // It names who holds it (the LOCK file's holder: this process).
        QVERIFY2(window.readOnlyReason().contains(QString::number(::getpid())),
                 qPrintable(window.readOnlyReason()));
        QVERIFY(!actionNamed(window, "Import…")->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(window.dataModel()->table(), QStringLiteral("t"), kPatience);
        screenshot(window, "read_only.png");
        // Writes are refused before they start, saying why.
        auto dropped = window.dropTable("t");
        QCOMPARE(dropped.result().code(), engine::StatusCode::ReadOnly);
        // The other program lets go; Retry opens it for writing.
        holder->reset();
        QSignalSpy reopened(&window, &ui::MainWindow::databaseOpened);
        QPushButton *retry = nullptr;
        for (auto *b : banner->findChildren<QPushButton *>())
            retry = b;
        QVERIFY(retry);
        retry->click();
        QVERIFY(reopened.wait(kPatience));
        QVERIFY(reopened.front().front().toBool());
        QVERIFY(!window.database()->readOnly());
        QVERIFY(!banner->isVisible());
        QVERIFY(actionNamed(window, "Import…")->isEnabled());
    }

    void aFolderOfOtherFilesIsAskedAboutAndLeftAlone()
    {
        QTemporaryDir tmp;
        const QString folder = tmp.filePath("data");
        QVERIFY(QDir().mkpath(folder));
        QFile csv(folder + "/people.csv");
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("id,name\n1,Ann\n");
        csv.close();
        ui::MainWindow window;
        window.show();
        QString asked;
        answerWhenAsked(QStringLiteral("Cancel"), &asked);
        bool ok = true;
        QVERIFY(openedIn(window, folder, &ok));
        QVERIFY(!ok);
        QVERIFY2(asked.contains(folder) && asked.contains("people.csv"), qPrintable(asked));
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList{"people.csv"}); // nothing written into it
        // Said yes to, it becomes a database beside the file.
        answerWhenAsked(QStringLiteral("Make a database here"));
        QVERIFY(openedIn(window, folder, &ok));
        QVERIFY(ok);
        QVERIFY(engine::Database::exists(folder.toStdString()));
        QVERIFY(QFile::exists(folder + "/people.csv"));
    }

    void anEmptyDatabaseSaysHowToFillIt()
    {
        auto db = engine::Database::openInMemory();
        ui::MainWindow window(db, QStringLiteral("memory"));
        QSignalSpy listed(&window, &ui::MainWindow::tablesRefreshed);
        QVERIFY(shownAtReviewSize(window));
        QVERIFY(waitFor(listed));
        auto *empty = window.findChild<QWidget *>(QStringLiteral("emptyDatabase"));
        QVERIFY(empty && empty->isVisible());
        screenshot(window, "empty_database.png");
        // Once it has a table, the grid shows it.
        writeElsewhere(*db, "CREATE TABLE first (a INTEGER)");
        listed.clear();
        window.refresh();
        QVERIFY(waitFor(listed));
        QVERIFY(!empty->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(window.dataModel()->table(), QStringLiteral("first"), kPatience);
    }

    void quittingWhileAJobRunsWaitsOrCancelsAsChosen()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        {
            auto conn = db->connect();
            QVERIFY(transfer::createDemoDatabase(*conn, 20000));
        }
        for (const auto choice :
             {ui::MainWindow::WhileJobsRun::StayOpen, ui::MainWindow::WhileJobsRun::CancelThenQuit,
              ui::MainWindow::WhileJobsRun::WaitThenQuit}) {
            ui::MainWindow window(db, QStringLiteral("memory"));
            window.show();
            window.setExportFolder(tmp.filePath("out"));
            window.setWhileJobsRun(choice);
            window.backupNow();
            QVERIFY(window.jobs()->anyRunning());
            window.close();
            // The job runs on: the window stays until it has ended (or for good).
            QVERIFY(window.isVisible());
            if (choice == ui::MainWindow::WhileJobsRun::StayOpen) {
                QTRY_VERIFY_WITH_TIMEOUT(!window.jobs()->anyRunning(), kPatience);
                QVERIFY(window.isVisible());
                continue;
            }
            QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), kPatience);
            QCOMPARE(window.jobs()->state(0), choice == ui::MainWindow::WhileJobsRun::WaitThenQuit
                                                  ? ui::JobList::State::Done
                                                  : ui::JobList::State::Canceled);
        }
    }

    void aSecondStartHandsItsRequestToTheRunningWindow()
    {
        QTemporaryDir tmp;
        const QString socket = tmp.filePath("run/strata.socket");
        const QString dbPath = tmp.filePath("db"), otherPath = tmp.filePath("other");
        makeDatabase(dbPath, "CREATE TABLE t (a INTEGER)");
        makeDatabase(otherPath, "CREATE TABLE u (b INTEGER)");
        const QString csv = tmp.filePath("people.csv");
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("name,age\nAda,36\n");
        }
        ui::SingleInstance first(socket);
        QCOMPARE(first.claim({dbPath, {}}), ui::SingleInstance::Role::Primary);
        ui::MainWindow window;
        window.show();
        bool ok = false;
        QVERIFY(openedIn(window, dbPath, &ok) && ok);
        connect(&first, &ui::SingleInstance::requested, &window,
                [&window](const ui::OpenRequest &request) {
                    window.openRequested(request.database, request.files);
                });
        // A second start (what a file manager runs for a CSV) waits for the window's answer,
        // so it runs on its own thread while this one serves.
        const auto secondStart = [&](const ui::OpenRequest &request) {
            std::atomic<bool> done{false};
            ui::SingleInstance::Role role = ui::SingleInstance::Role::Alone;
            std::thread start([&] {
                ui::SingleInstance second(socket);
                role = second.claim(request);
                done = true;
            });
            const bool ended = QTest::qWaitFor([&] { return done.load(); }, kPatience);
            start.join();
            return ended ? role : ui::SingleInstance::Role::Alone;
        };
        QCOMPARE(secondStart({{}, {csv}}), ui::SingleInstance::Role::HandedOver);
        // The running window opens the import dialog for it, into the database it has open.
        ui::ImportDialog *dialog = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] { return (dialog = window.findChild<ui::ImportDialog *>()) != nullptr; },
            kPatience));
        QCOMPARE(dialog->spec().files.size(), size_t(1));
        QCOMPARE(QString::fromStdString(dialog->spec().files[0]), csv);
        QCOMPARE(window.databasePath(), dbPath);
        dialog->reject();
        // A start naming another database switches the window to it (and unlocks this one).
        QCOMPARE(secondStart({otherPath, {}}), ui::SingleInstance::Role::HandedOver);
        QVERIFY(QTest::qWaitFor([&] { return window.databasePath() == otherPath; }, kPatience));
        QVERIFY(QTest::qWaitFor([&] { return rowOf(*window.tableModel(), "u") >= 0; }, kPatience));
        // What is not a Strata request is answered so and changes nothing.
        QSignalSpy asked(&first, &ui::SingleInstance::requested);
        {
            std::atomic<bool> done{false};
            QByteArray answer;
            std::thread stranger([&] {
                QLocalSocket s;
                s.connectToServer(socket);
                if (s.waitForConnected(kPatience)) {
                    s.write("GET / HTTP/1.0\n");
                    s.waitForBytesWritten(kPatience);
                    while (!s.canReadLine() && s.waitForReadyRead(kPatience)) {
                    }
                    answer = s.readLine();
                }
                done = true;
            });
            QVERIFY(QTest::qWaitFor([&] { return done.load(); }, kPatience));
            stranger.join();
            QVERIFY2(answer.startsWith("error"), answer.constData());
        }
        QCOMPARE(asked.count(), 0);
    }

    void aStartAfterACrashTakesOverItsLeftSocket()
    {
        // A window killed leaves its socket file; nobody answers on it, so the next start
        // listens there itself instead of handing its request to nobody.
        QTemporaryDir tmp;
        const QString socket = tmp.filePath("strata.socket");
        {
            QFile left(socket);
            QVERIFY(left.open(QIODevice::WriteOnly));
        }
        auto start = std::make_unique<ui::SingleInstance>(socket);
        QCOMPARE(start->claim({}), ui::SingleInstance::Role::Primary);
        // When that window ends, its socket goes, and the next start is the window again.
        start.reset();
        QVERIFY(!QFileInfo::exists(socket));
        ui::SingleInstance next(socket);
        QCOMPARE(next.claim({}), ui::SingleInstance::Role::Primary);
    }

    void anOpenRequestSurvivesItsWireFormAndAMalformedOneIsRefused()
    {
        const ui::OpenRequest request{"/data/db", {"/data/a b,\"c\".csv", "/data/ü.json"}};
        const auto back = ui::SingleInstance::decode(ui::SingleInstance::encode(request));
        QVERIFY(back);
        QCOMPARE(back->database, request.database);
        QCOMPARE(back->files, request.files);
        for (const char *bad :
             {"", "{", "[]", "null", "{\"files\": []}", "{\"database\": 1, \"files\": []}",
              "{\"database\": \"\", \"files\": [3]}", "{\"database\": \"\", \"files\": \"a.csv\"}"})
            QVERIFY2(!ui::SingleInstance::decode(bad), bad);
    }

    void qtsOwnButtonsAreTranslatedToo()
    {
        QDialogButtonBox english(QDialogButtonBox::Cancel);
        QCOMPARE(english.button(QDialogButtonBox::Cancel)->text().remove('&'),
                 QStringLiteral("Cancel"));
        {
            const ui::Translations german(QLocale(QLocale::German, QLocale::Germany));
            QVERIFY2(german.loaded().contains("qtbase_de"), qPrintable(german.loaded().join(", ")));
            QDialogButtonBox box(QDialogButtonBox::Cancel | QDialogButtonBox::Open);
            QCOMPARE(box.button(QDialogButtonBox::Cancel)->text().remove('&'),
                     QStringLiteral("Abbrechen"));
            QCOMPARE(box.button(QDialogButtonBox::Open)->text().remove('&'),
                     QStringLiteral("Öffnen"));
        }
        QDialogButtonBox after(QDialogButtonBox::Cancel); // English again once it is gone
        QCOMPARE(after.button(QDialogButtonBox::Cancel)->text().remove('&'),
                 QStringLiteral("Cancel"));
    }

    void germanAndFrenchLabelsFit_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("de") << QStringLiteral("de_DE");
        QTest::newRow("fr") << QStringLiteral("fr_FR");
    }

    void germanAndFrenchLabelsFit()
    {
        // Every button, check box and one-line label of the window and its dialogs shows its
        // whole text at the review size: longer words must not be cut off.
        QFETCH(QString, language);
        const ui::Translations translations{QLocale(language), QStringLiteral(STRATA_QM_DIR)};
        QVERIFY2(translations.loaded().contains("strata_" + language.left(2)),
                 qPrintable(translations.loaded().join(", ")));
        auto db = engine::Database::openInMemory();
        QVERIFY(transfer::createDemoDatabase(*db->connect(), 50));
        ui::MainWindow window(db, QStringLiteral("demo"));
        QVERIFY(shownAtReviewSize(window));
        QVERIFY(QTest::qWaitFor([&] { return window.tableModel()->rowCount() > 0; }, kPatience));
        QStringList cut;
        const auto check = [&](QWidget &top) {
            QCoreApplication::processEvents();
            for (auto *button : top.findChildren<QAbstractButton *>()) {
                if (!button->isVisible() || button->text().isEmpty()
                    || qobject_cast<QToolButton *>(button))
                    continue;
                const QString text = QString(button->text()).remove('&');
                const int needed = button->fontMetrics().horizontalAdvance(text);
                if (needed > button->width() - 8)
                    cut << QStringLiteral("%1 (%2 of %3 px)")
                               .arg(text)
                               .arg(needed)
                               .arg(button->width());
            }
            for (auto *label : top.findChildren<QLabel *>()) {
                if (!label->isVisible() || label->wordWrap() || label->text().isEmpty()
                    || label->text().contains('<') || label->text().contains('\n'))
                    continue;
                const QString text = QString(label->text()).remove('&');
                const int needed = label->fontMetrics().horizontalAdvance(text);
                if (needed > label->contentsRect().width())
                    cut << QStringLiteral("%1 (%2 of %3 px)")
                               .arg(text)
                               .arg(needed)
                               .arg(label->contentsRect().width());
            }
        };
        check(window);
        ui::ExportDialog *exporter = window.openExportDialog();
        QVERIFY(exporter);
        QVERIFY(QTest::qWaitForWindowExposed(exporter));
        check(*exporter);
        screenshot(*exporter, "export_dialog_" + language.left(2) + ".png");
        exporter->reject();
        screenshot(window, "window_" + language.left(2) + ".png");
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join("; ")));
    }
};

QTEST_MAIN(TestWindowLifecycle)
#include "tst_window_lifecycle.moc"
