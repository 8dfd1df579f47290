// The first window: the table list model over a real database, and the window rendered
// offscreen to a PNG under the build folder for a person to look at.
#include "engine/api/database.h"
#include "engine/transfer/audit.h"
#include "engine/transfer/demo/demo_database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "tests/support/engine_helpers.h"
#include "tests/support/transfer_helpers.h"
#include "tests/ui/window_test_helpers.h"
#include "ui/browser/grid_view.h"
#include "ui/browser/table_data_model.h"
#include "ui/console/sql_console.h"
#include "ui/export/export_dialog.h"
#include "ui/export/export_profiles.h"
#include "ui/history/history_model.h"
#include "ui/import/import_dialog.h"
#include "ui/jobs/job_list.h"
#include "ui/main_window/first_start.h"
#include "ui/main_window/main_window.h"
#include "ui/models/table_list_model.h"
#include "ui/settings/settings_dialog.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>
#include <condition_variable>
#include <fcntl.h>
#include <functional>
#include <mutex>
#include <random>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace strata;
using namespace strata::ui_test;

//! The export dialog plans its preview on a worker: this waits for the newest answer.
void waitForPreview(ui::ExportDialog &dialog)
{
    QSignalSpy ready(&dialog, &ui::ExportDialog::previewReady);
    while (dialog.previewPending())
        QVERIFY(ready.wait(600000) || !dialog.previewPending());
}

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { startWindowTests(); }

    void modelListsTablesWithCounts()
    {
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 100));
        ui::TableListModel model;
        auto listed = conn->tables();
        QVERIFY(listed);
        model.setTables(std::move(*listed));
        QCOMPARE(model.rowCount(), 4);
        QStringList names;
        for (int r = 0; r < model.rowCount(); ++r)
            names << model.data(model.index(r, ui::TableListModel::Name)).toString();
        QCOMPARE(names, (QStringList{"orders", "parcels", "products", "users"}));
        // Row counts come from the database, formatted for the locale.
        QCOMPARE(model.data(model.index(3, ui::TableListModel::Rows)).toString(),
                 QLocale().toString(100));
        QCOMPARE(model.data(model.index(0, ui::TableListModel::Rows)).toString(),
                 QLocale().toString(300));
        const QString tip
            = model.data(model.index(3, ui::TableListModel::Columns), Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains("email TEXT (sensitive)"), qPrintable(tip));
        QVERIFY(tip.contains("id INTEGER (primary key)"));
        // A table created later shows after a reload.
        QVERIFY(conn->execute("CREATE TABLE zeta (a INTEGER)"));
        listed = conn->tables();
        QVERIFY(listed);
        model.setTables(std::move(*listed));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.headerData(ui::TableListModel::Rows, Qt::Horizontal).toString(),
                 QStringLiteral("Rows"));
        // Under each table, its columns with type and markers.
        const QModelIndex users = model.index(rowOf(model, "users"), 0);
        QCOMPARE(model.rowCount(users), 5);
        const QModelIndex email = model.index(2, 0, users);
        QCOMPARE(model.data(email).toString(), QStringLiteral("email"));
        QCOMPARE(model.data(model.index(2, ui::TableListModel::Rows, users)).toString(),
                 QStringLiteral("TEXT"));
        QCOMPARE(model.data(model.index(2, ui::TableListModel::Columns, users)).toString(),
                 QStringLiteral("unique, sensitive"));
        QCOMPARE(model.data(model.index(0, ui::TableListModel::Columns, users)).toString(),
                 QStringLiteral("key"));
        QCOMPARE(model.tableOf(email), QStringLiteral("users"));
        QCOMPARE(model.parent(email), users);
    }

    void tableBrowserLoadsLazilySortsAndFilters()
    {
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->execute("CREATE TABLE big (n INTEGER PRIMARY KEY, s TEXT)"));
        std::vector<engine::Row> rows;
        for (int i = 0; i < 50000; ++i)
            rows.push_back(
                {engine::Value::integer(i), engine::Value::text("row " + std::to_string(i))});
        QVERIFY(conn->insertRows("big", {}, rows));
        ui::TableDataModel model;
        const GuiThreadWork work; // every read runs on the model's reader thread
        model.setTable(db, "big");
        QCOMPARE(model.rowCount(), 0); // nothing until the reader answers
        QVERIFY(answered(model));
        // Every row is counted; only the first batch is read with the count.
        QCOMPARE(model.rowCount(), 50000);
        QCOMPARE(model.keptBatches(), size_t(1));
        QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("row 0"));
        // A row not read yet shows "…" until its batch arrives.
        QVERIFY(!model.holds(20000));
        QCOMPARE(model.data(model.index(20000, 1)).toString(), QStringLiteral("…"));
        QCOMPARE(cell(model, 20000, 1).toString(), QStringLiteral("row 20000"));
        // Scrolling through all of it keeps at most kKeptBatches batches: memory stays flat.
        for (int r = 0; r < 50000; r += 97)
            QCOMPARE(cell(model, r, 0).toInt(), r);
        QCOMPARE(model.keptBatches(), ui::TableDataModel::kKeptBatches);
        // A jump (the scroll bar dragged) reads from there, and back again.
        QCOMPARE(cell(model, 49999, 1).toString(), QStringLiteral("row 49999"));
        QCOMPARE(cell(model, 5, 1).toString(), QStringLiteral("row 5"));
        QCOMPARE(cell(model, 30000, 0).toInt(), 30000);
        // Rows written after the model's snapshot do not show until it reads again.
        writeElsewhere(*db, "INSERT INTO big VALUES (50000, 'late')");
        QCOMPARE(model.rowCount(), 50000);
        model.sort(0, Qt::DescendingOrder);
        QCOMPARE(model.sortColumn(), -1); // shown once read
        QVERIFY(answered(model));
        QCOMPARE(model.sortColumn(), 0);
        QCOMPARE(model.rowCount(), 50001);
        QCOMPARE(cell(model, 0, 0).toString(), QStringLiteral("50000"));
        QCOMPARE(cell(model, 50000, 0).toString(), QStringLiteral("0"));
        model.setTable(db, "big", "n < 10 AND s <> 'row 3'");
        QVERIFY(answered(model));
        QCOMPARE(model.rowCount(), 9);
        QCOMPARE(cell(model, 8, 0).toInt(), 9);
        // A bad filter says why and keeps the rows shown (and their headers).
        QSignalSpy failed(&model, &ui::TableDataModel::failed);
        model.setTable(db, "big", "n <");
        QVERIFY(!answered(model));
        QCOMPARE(failed.count(), 1);
        QVERIFY2(QString::fromStdString(model.lastError().message())
                     .contains("at character 4 of the filter"), // just past "n <"
                 model.lastError().message().c_str());
        QCOMPARE(model.rowCount(), 9);
        QCOMPARE(model.filter(), QStringLiteral("n < 10 AND s <> 'row 3'"));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("s"));
        QCOMPARE(work.calls(), uint64_t(0));
    }

    void aFilterErrorPointsAtTheCharacterInTheUsersText()
    {
        // Generated filters: valid pieces (some with text beyond ASCII, one outside the BMP),
        // one unknown column among them; the error must point at that column in the text as
        // typed (a QString index, so the line edit can select it), not into Strata's SQL.
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->execute("CREATE TABLE \"tä 李\" (n INTEGER, s TEXT)"));
        QVERIFY(conn->execute("INSERT INTO \"tä 李\" VALUES (1, 'a'), (2, 'ü')"));
        const QStringList pieces = {"n > 0",    "s <> 'ü'",        "s LIKE '李%'", "n IN (1, 2)",
                                    "s <> '🚀'", "(n + 1) * 2 > n", "s IS NOT NULL"};
        const unsigned seed = 20261203;
        std::mt19937 random(seed);
        ui::TableDataModel model;
        for (int round = 0; round < 40; ++round) {
            QStringList parts;
            const int count = 1 + int(random() % 4);
            const int bad = int(random() % uint32_t(count + 1));
            int badAt = -1;
            QString filter;
            for (int i = 0; i <= count; ++i) {
                if (!filter.isEmpty())
                    filter += random() % 2 ? " AND " : " OR ";
                if (i == bad) {
                    badAt = int(filter.size());
                    filter += QStringLiteral("zz_nosuch%1 = 1").arg(round);
                } else {
                    filter += pieces[int(random() % uint32_t(pieces.size()))];
                }
            }
            QSignalSpy failed(&model, &ui::TableDataModel::failed);
            model.setTable(db, "tä 李", filter);
            QVERIFY(!answered(model));
            const QString repro
                = QStringLiteral("seed %1 round %2: %3").arg(seed).arg(round).arg(filter);
            QVERIFY2(model.lastErrorPosition() == badAt,
                     qPrintable(repro + " at " + QString::number(model.lastErrorPosition())));
            const QString message = QString::fromStdString(model.lastError().message());
            QVERIFY2(message.contains(QStringLiteral("at character %1 of the filter")
                                          .arg(filter.left(badAt).toUcs4().size() + 1)),
                     qPrintable(repro + " -> " + message));
            QVERIFY2(!message.contains("line 1"), qPrintable(message));
        }
        // A syntax error at the end of what was typed points at its end.
        model.setTable(db, "tä 李", "n >");
        QVERIFY(!answered(model));
        QCOMPARE(model.lastErrorPosition(), 3);
        // In the window: the filter box is marked and the unknown word selected.
        ui::MainWindow window(db, QStringLiteral("memory"));
        QVERIFY(shownAtReviewSize(window));
        window.showTable("tä 李");
        QVERIFY(answered(*window.dataModel()));
        auto *box = window.findChild<QLineEdit *>();
        box->setText("s <> 'ü' AND nope > 1");
        QTest::keyClick(box, Qt::Key_Return);
        QVERIFY(!answered(*window.dataModel()));
        QCOMPARE(box->selectedText(), QStringLiteral("nope"));
        QCOMPARE(box->selectionStart(), 13);
        QCOMPARE(window.dataModel()->rowCount(), 2); // the rows shown stay
        // Rows at one line's height, as a native list has them (QHeaderView's default is
        // about twice that).
        for (auto *grid : window.findChildren<QTableView *>())
            if (grid->model() == window.dataModel()) {
                QVERIFY2(grid->rowHeight(0) < grid->fontMetrics().height() * 2,
                         qPrintable(QString::number(grid->rowHeight(0))));
                QVERIFY(grid->rowHeight(0) > grid->fontMetrics().height());
            }
        screenshot(window, "filter_error.png");
    }

    void aNewerReadSupersedesAndCancelKeepsTheRowsShown()
    {
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->execute("CREATE TABLE t (n INTEGER, s TEXT)"));
        std::vector<engine::Row> rows;
        for (int i = 0; i < 20000; ++i)
            rows.push_back({engine::Value::integer(i), engine::Value::text(std::to_string(i))});
        QVERIFY(conn->insertRows("t", {}, rows));
        ui::TableDataModel model;
        model.setTable(db, "t");
        QVERIFY(answered(model));
        // Three sorts asked at once: only the newest is shown, and it is shown once.
        QSignalSpy loaded(&model, &ui::TableDataModel::loaded);
        model.sort(0, Qt::DescendingOrder);
        model.sort(1, Qt::AscendingOrder);
        model.sort(0, Qt::AscendingOrder);
        QVERIFY(answered(model));
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(model.sortColumn(), 0);
        QCOMPARE(model.sortOrder(), Qt::AscendingOrder);
        QCOMPARE(cell(model, 19999, 0).toInt(), 19999);
        // A canceled sort leaves the rows as they were, whether or not the reader had finished.
        model.sort(0, Qt::DescendingOrder);
        QVERIFY(model.isOpening());
        model.cancel();
        QVERIFY(!model.isOpening());
        QCOMPARE(model.lastError().code(), engine::StatusCode::Canceled);
        QVERIFY(QTest::qWaitFor([&] { return !model.isBusy(); }, kPatience));
        QCoreApplication::processEvents(); // any late answer of the canceled read
        QCOMPARE(model.sortOrder(), Qt::AscendingOrder);
        QCOMPARE(cell(model, 0, 0).toInt(), 0);
        QCOMPARE(loaded.count(), 1);
        // The model is destroyed while a read runs: it stops the read and waits for its thread.
        auto late = std::make_unique<ui::TableDataModel>();
        late->setTable(db, "t");
        late->sort(1, Qt::DescendingOrder);
        late.reset();
        // An empty table name empties the model at once.
        model.setTable(db, QString());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
        QVERIFY(!model.headerData(3, Qt::Horizontal).isValid());
    }

    void tenMillionRowsBrowseWithFlatMemoryAndNoGuiThreadWork()
    {
        // The scale: 10,000,000 rows. The view asks only for the rows on screen; a jump
        // (the scroll bar dragged) skips to its batch without reading the rows before it, and
        // at most kKeptBatches batches are held, so memory stays flat however far one scrolls.
        // Open, jump, filter, refresh and sort run on workers: the GUI thread makes no database
        // call. The longest event-loop stall of each is reported (not asserted: it depends on
        // the machine's load).
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->execute("CREATE TABLE huge (n INTEGER, s TEXT)"));
        constexpr int64_t kRows = 10'000'000;
        for (int64_t start = 0; start < kRows; start += 1'000'000) {
            std::vector<engine::Row> rows;
            rows.reserve(1'000'000);
            for (int64_t i = start; i < start + 1'000'000; ++i)
                rows.push_back({engine::Value::integer(i), engine::Value::text("r")});
            QVERIFY(conn->insertRows("huge", {}, rows));
        }
        const GuiThreadWork work;
        QElapsedTimer shown;
        shown.start();
        ui::MainWindow window(db, QStringLiteral("huge"));
        QVERIFY(shownAtReviewSize(window));
        const qint64 shownMs = shown.elapsed(); // building the widgets and the first paint
        StallMeter openStall; // then: the tables listed, the first table counted and shown
        ui::TableDataModel &model = *window.dataModel();
        QVERIFY(QTest::qWaitFor([&] { return model.totalRows() > 0; }, kPatience));
        QVERIFY(answered(model));
        const qint64 openMs = openStall.stop();
        QCOMPARE(model.totalRows(), int(kRows));
        QCOMPARE(model.rowCount(), ui::TableDataModel::kWindowRows); // what the view's header holds
        ui::GridView *grid = window.grid();
        QTableView *view = grid->table();
        QCOMPARE(view->model(), &model);
        QCoreApplication::processEvents();
        const int64_t before = residentBytes();
        std::mt19937 random(11);
        StallMeter jumpStall;
        for (int jump = 0; jump < 60; ++jump) {
            // The scroll bar dragged there: the row is the first shown, and read.
            const int row = jump == 0 ? grid->rowsBar()->maximum()
                                      : int(random() % uint32_t(grid->rowsBar()->maximum()));
            grid->rowsBar()->setValue(row);
            QCOMPARE(grid->topRow(), row);
            const QModelIndex top = view->indexAt(QPoint(1, 1));
            QCOMPARE(model.windowStart() + top.row(), row);
            QCOMPARE(cell(model, row, 0).toLongLong(), qlonglong(row));
            QCOMPARE(model.data(top).toLongLong(), qlonglong(row));
            QCOMPARE(model.headerData(top.row(), Qt::Vertical).toLongLong(), qlonglong(row) + 1);
        }
        const qint64 jumpMs = jumpStall.stop();
        const int64_t growth = residentBytes() - before;
        QVERIFY(model.keptBatches() <= ui::TableDataModel::kKeptBatches);
        QVERIFY2(growth < (64 << 20), qPrintable(QString::number(growth)));
        // Filter (typed in the box, Enter), refresh (F5), sort (the header clicked).
        auto *filter = window.findChild<QLineEdit *>();
        QVERIFY(filter);
        StallMeter filterStall;
        filter->setText("n % 1000 = 7");
        QTest::keyClick(filter, Qt::Key_Return);
        QVERIFY(answered(model));
        const qint64 filterMs = filterStall.stop();
        QCOMPARE(model.totalRows(), int(kRows / 1000));
        QCOMPARE(cell(model, 1, 0).toLongLong(), 1007);
        StallMeter refreshStall;
        writeElsewhere(*db, "INSERT INTO huge VALUES (10000007, 'late')");
        QTest::keyClick(view, Qt::Key_F5);
        QVERIFY(answered(model));
        const qint64 refreshMs = refreshStall.stop();
        QCOMPARE(model.totalRows(), int(kRows / 1000 + 1)); // the commit since is shown
        StallMeter sortStall;
        view->horizontalHeader()->setSortIndicator(0, Qt::DescendingOrder);
        QVERIFY(answered(model));
        QCOMPARE(cell(model, 0, 0).toLongLong(), 10000007);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier); // on the sorted rows
        QCOMPARE(grid->currentRow(), model.totalRows() - 1);
        QCOMPARE(cell(model, model.totalRows() - 1, 0).toLongLong(), 7);
        const qint64 sortMs = sortStall.stop();
        qInfo("10M rows: window built and shown in %lld ms; longest GUI stall: open %lld ms, "
              "60 jumps %lld ms, filter %lld ms, refresh %lld ms, sort and jump to the end %lld "
              "ms; memory over the jumps %+lld KiB",
              shownMs, openMs, jumpMs, filterMs, refreshMs, sortMs, qlonglong(growth / 1024));
        QCOMPARE(work.calls(), uint64_t(0));
    }

    // A database on disk as big as one likes (STRATA_BROWSE_DB, table STRATA_BROWSE_TABLE or
    // t; skipped without): the window opens it, 60 jumps read the rows they show, a filter
    // and (with STRATA_BROWSE_SORT=1) a sort of the first column run on the reader, and the
    // GUI thread does no database work. Times, stalls and the peak memory are reported: the
    // benchmark of docs/benchmarks.md ("100,000,000 rows") runs it on the 100M-row table.
    void aDatabaseOnDiskBrowsesInBoundedMemory()
    {
        const QString dir = qEnvironmentVariable("STRATA_BROWSE_DB");
        if (dir.isEmpty())
            QSKIP("set STRATA_BROWSE_DB to a database folder to browse");
        const QString table = qEnvironmentVariable("STRATA_BROWSE_TABLE", QStringLiteral("t"));
        resetPeakResident();
        QElapsedTimer clock;
        clock.start();
        auto opened = engine::Database::open(dir.toStdString());
        QVERIFY2(opened, opened.status().toString().c_str());
        auto db = *opened;
        const qint64 openedMs = clock.elapsed();
        const GuiThreadWork work;
        ui::MainWindow window(db, table);
        QVERIFY(shownAtReviewSize(window));
        StallMeter openStall;
        ui::TableDataModel &model = *window.dataModel();
        QVERIFY(QTest::qWaitFor([&] { return model.totalRows() > 0; }, kPatience));
        QVERIFY(answered(model));
        const qint64 firstRowsMs = clock.elapsed();
        const qint64 openMs = openStall.stop();
        const int total = model.totalRows();
        ui::GridView *grid = window.grid();
        QTableView *view = grid->table();
        std::mt19937 random(11);
        QElapsedTimer jumps;
        jumps.start();
        StallMeter jumpStall;
        for (int jump = 0; jump < 60; ++jump) {
            const int row = jump == 0 ? grid->rowsBar()->maximum()
                                      : int(random() % uint32_t(grid->rowsBar()->maximum()));
            grid->rowsBar()->setValue(row);
            QVERIFY(cell(model, row, 0).isValid());
        }
        const qint64 jumpsMs = jumps.elapsed();
        const qint64 jumpStallMs = jumpStall.stop();
        const QString column = model.headerData(0, Qt::Horizontal).toString();
        auto *filter = window.findChild<QLineEdit *>();
        QVERIFY(filter);
        QElapsedTimer filtered;
        filtered.start();
        StallMeter filterStall;
        filter->setText(column + " % 1000 = 7");
        QTest::keyClick(filter, Qt::Key_Return);
        QVERIFY(answered(model));
        QVERIFY(cell(model, 0, 0).isValid());
        const qint64 filterMs = filtered.elapsed();
        const qint64 filterStallMs = filterStall.stop();
        const int filteredRows = model.totalRows();
        qint64 sortMs = -1, sortStallMs = -1;
        if (qEnvironmentVariable("STRATA_BROWSE_SORT") == "1") {
            filter->clear();
            QTest::keyClick(filter, Qt::Key_Return);
            QVERIFY(answered(model));
            QElapsedTimer sorted;
            sorted.start();
            StallMeter sortStall;
            view->horizontalHeader()->setSortIndicator(0, Qt::DescendingOrder);
            QVERIFY(answered(model));
            QVERIFY(cell(model, 0, 0).isValid());
            sortMs = sorted.elapsed();
            sortStallMs = sortStall.stop();
        }
        qInfo("%s (%d rows): open %lld ms, first rows shown %lld ms (longest GUI stall %lld "
              "ms); 60 jumps %lld ms (stall %lld ms); filter to %d rows %lld ms (stall %lld ms); "
              "sort %lld ms (stall %lld ms); peak memory %lld MB",
              qPrintable(table), total, openedMs, firstRowsMs, openMs, jumpsMs, jumpStallMs,
              filteredRows, filterMs, filterStallMs, sortMs, sortStallMs,
              qlonglong(peakResidentBytes() >> 20));
        QCOMPARE(work.calls(), uint64_t(0));
    }

    void aGridOverMoreRowsThanItsWindowKeepsItsPlaceAndSelection()
    {
        // 250,000 rows: more than the model's window, so the grid moves its window as one
        // drags its bar, scrolls near the window's edge or presses Ctrl+End; the rows shown,
        // the current cell and the selection stay on the same rows of the table throughout.
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->execute("CREATE TABLE t (n INTEGER, s TEXT)"));
        constexpr int kRows = 250'000;
        std::vector<engine::Row> rows;
        for (int i = 0; i < kRows; ++i)
            rows.push_back({engine::Value::integer(i), engine::Value::text("r")});
        QVERIFY(conn->insertRows("t", {}, rows));
        const GuiThreadWork work;
        ui::TableDataModel model;
        ui::GridView grid(&model);
        grid.resize(640, 400);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));
        QTableView *view = grid.table();
        QScrollBar *bar = grid.rowsBar();
        view->setSortingEnabled(true); // as the window's grid is
        view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        model.setTable(db, "t");
        QVERIFY(answered(model));
        QCOMPARE(model.totalRows(), kRows);
        QCOMPARE(model.rowCount(), ui::TableDataModel::kWindowRows);
        QVERIFY(bar->isVisible());
        QVERIFY(!view->verticalScrollBar()->isVisible());
        QVERIFY(bar->maximum() > ui::TableDataModel::kWindowRows && bar->maximum() < kRows);
        // Rows 10 to 12 selected as a user does, then the bar dragged far down.
        view->setFocus();
        grid.goToRow(10);
        QTest::keyClick(view, Qt::Key_Down, Qt::ShiftModifier);
        QTest::keyClick(view, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(grid.currentRow(), 12);
        QCOMPARE(view->selectionModel()->selectedIndexes().size(), 3);
        bar->setValue(200'000);
        QCOMPARE(grid.topRow(), 200'000);
        QVERIFY(model.windowStart() > 0);
        QModelIndex top = view->indexAt(QPoint(1, 1));
        QCOMPARE(model.windowStart() + top.row(), 200'000);
        QCOMPARE(cell(model, 200'000, 0).toInt(), 200'000);
        QCOMPARE(model.data(top).toInt(), 200'000);
        QCOMPARE(model.headerData(top.row(), Qt::Vertical).toInt(), 200'001);
        QCOMPARE(grid.currentRow(), 12); // out of the window, not forgotten
        QVERIFY(view->selectionModel()->selectedIndexes().isEmpty());
        // The row header is as wide as the numbers it shows now.
        QVERIFY(view->verticalHeader()->width()
                >= view->verticalHeader()->fontMetrics().horizontalAdvance("200000"));
        bar->setValue(0);
        QCOMPARE(model.windowStart(), 0);
        QCOMPARE(view->currentIndex().row(), 12);
        QCOMPARE(view->selectionModel()->selectedIndexes().size(), 3);
        for (const QModelIndex &selected : view->selectionModel()->selectedIndexes())
            QVERIFY(selected.row() >= 10 && selected.row() <= 12);
        // Scrolled by the table itself (wheel, keys) near the window's end: the window moves
        // after that event, and the rows shown stay where they were.
        QScrollBar *own = view->verticalScrollBar();
        own->setValue(own->maximum() - 5);
        const int shown = grid.topRow();
        QCOMPARE(bar->value(), shown);
        QTRY_VERIFY(model.windowStart() > 0);
        QCOMPARE(grid.topRow(), shown);
        QCOMPARE(bar->value(), shown);
        QCOMPARE(model.windowStart() + view->indexAt(QPoint(1, 1)).row(), shown);
        // A key press moves on from the current row, wherever the view is now.
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(grid.currentRow(), 13);
        QVERIFY(grid.topRow() <= 13);
        QCOMPARE(model.data(view->currentIndex()).toInt(), 13);
        // Ctrl+End and Ctrl+Home go to the last and first row of all.
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(grid.currentRow(), kRows - 1);
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(cell(model, kRows - 1, 0).toInt(), kRows - 1);
        QCOMPARE(model.data(view->currentIndex()).toInt(), kRows - 1);
        screenshot(grid, "grid_far_down.png");
        QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(grid.currentRow(), 0);
        QCOMPARE(model.windowStart(), 0);
        QCOMPARE(grid.topRow(), 0);
        // Read again (F5), the grid keeps its place; sorted, it starts at the first row.
        bar->setValue(180'000);
        model.reload();
        QVERIFY(answered(model));
        QCOMPARE(grid.topRow(), 180'000);
        QCOMPARE(model.windowStart() + view->indexAt(QPoint(1, 1)).row(), 180'000);
        view->horizontalHeader()->setSortIndicator(0, Qt::DescendingOrder);
        QVERIFY(answered(model));
        QCOMPARE(model.windowStart(), 0);
        QCOMPARE(grid.topRow(), 0);
        QCOMPARE(cell(model, 0, 0).toInt(), kRows - 1);
        QCOMPARE(work.calls(), uint64_t(0));
    }

    void exportDialogGivesTheSpecItShowsAndTheNamesItPreviews()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 300));
        ui::ExportDialog dialog(db, {"users"}, tmp.path());
        dialog.selectTables({"users", "orders"});
        dialog.setColumnChecked("users", "email", false);
        dialog.setFilter("users", "age > 30");
        dialog.setFormats({"csv", "json"});
        dialog.setFormatOption("csv", "preset", "excel");
        dialog.setFolder(tmp.filePath("out"));
        dialog.setZip(false);
        const auto spec = dialog.spec();
        QCOMPARE(spec.scope, transfer::ExportScope::Tables);
        QCOMPARE(spec.tables.size(), size_t(2));
        const auto &users = spec.tables[0].table == "users" ? spec.tables[0] : spec.tables[1];
        QCOMPARE(users.where, std::string("age > 30"));
        QCOMPARE(users.columns, (std::vector<std::string>{"id", "name", "age", "created"}));
        QCOMPARE(spec.formats.size(), size_t(2));
        QCOMPARE(spec.formats[0].id, std::string("csv"));
        QCOMPARE(spec.formats[0].options.at("preset"), std::string("excel"));
        QCOMPARE(spec.outputDir, tmp.filePath("out").toStdString());
        QVERIFY(spec.nameTime.has_value());
        waitForPreview(dialog);
        screenshot(dialog, "export_dialog.png");
        // The CSV options, made from the format's schema (the tab follows the last format
        // checked; the first tab is CSV's).
        auto *optionTabs = dialog.findChild<QTabWidget *>();
        QVERIFY(optionTabs);
        optionTabs->setCurrentIndex(0);
        QCOMPARE(optionTabs->tabText(0), QStringLiteral("CSV"));
        screenshot(dialog, "export_dialog_csv.png");
        // The preview names exactly the files the export then writes.
        waitForPreview(dialog);
        QStringList preview = dialog.previewNames();
        QCOMPARE(preview.size(), 4);
        auto result = transfer::runExport(*db, spec);
        QVERIFY2(result, result ? "" : result.status().toString().c_str());
        QStringList written;
        for (const auto &f : result->files)
            written << QFileInfo(QString::fromStdString(f.path)).fileName();
        preview.sort();
        written.sort();
        QCOMPARE(written, preview);
        // A bad filter shows in the preview instead of names.
        dialog.setFilter("users", "age >");
        waitForPreview(dialog);
        QVERIFY(dialog.previewNames().isEmpty());
        // Export waits for choices that can run.
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY2(!dialog.previewProblem().isEmpty(), "no problem shown");
        dialog.setFilter("users", "");

        // CSV fields beyond the preset, GeoJSON's geometry column and the size limit reach the
        // spec, and the file written follows them.
        dialog.selectTables({"parcels"});
        dialog.setFormats({"csv", "geojson"});
        dialog.setFormatOption("csv", "preset", "rfc4180");
        dialog.setFormatOption("csv", "delimiter", ";");
        dialog.setFormatOption("csv", "header", "false");
        dialog.setFormatOption("csv", "null", "\\N");
        dialog.setFormatOption("geojson", "geometry", "boundary");
        dialog.setMaxMegabytes(5);
        auto fields = dialog.spec();
        QCOMPARE(fields.maxBytes, int64_t(5) << 20);
        // What differs from the format's defaults (rfc4180 is the default preset).
        const std::map<std::string, std::string> csvOptions{
            {"delimiter", ";"}, {"header", "false"}, {"null", "\\N"}};
        QCOMPARE(fields.formats[0].options, csvOptions);
        QCOMPARE(fields.formats[1].options.at("geometry"), std::string("boundary"));
        waitForPreview(dialog);
        QVERIFY2(dialog.previewProblem().contains("boundary"), // parcels has no such column
                 qPrintable(dialog.previewProblem()));
        dialog.setFormatOption("geojson", "geometry", "");
        dialog.setFormats({"csv"});
        fields = dialog.spec();
        fields.outputDir = tmp.filePath("fields").toStdString();
        QVERIFY(QDir().mkpath(tmp.filePath("fields")));
        result = transfer::runExport(*db, fields);
        QVERIFY2(result, result ? "" : result.status().toString().c_str());
        const QByteArray csv = [&] {
            QFile f(QString::fromStdString(result->files[0].path));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        const QByteArray first = csv.left(csv.indexOf('\n'));
        QVERIFY2(!first.startsWith("id") && first.contains(';'), first.constData());
    }

    void sqlConsoleCancelsAndShowsTheFirstRowsOfABigResult()
    {
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->execute("CREATE TABLE t (a INTEGER)"));
        constexpr int kRows = ui::SqlConsole::kShownRows * 5 / 2;
        std::vector<engine::Row> rows;
        for (int i = 0; i < kRows; ++i)
            rows.push_back({engine::Value::integer(i)});
        QVERIFY(conn->insertRows("t", {}, rows));
        ui::SqlConsole console(db);
        console.show();
        console.activateWindow(); // Esc is a shortcut of the active window
        QVERIFY(QTest::qWaitForWindowActive(&console));
        QSignalSpy done(&console, &ui::SqlConsole::finished);
        // A statement far too long to finish by itself: Esc stops it.
        console.editor()->setPlainText("SELECT count(*) FROM t x, t y, t z");
        console.run();
        QVERIFY(console.isRunning());
        QTest::keyClick(console.editor(), Qt::Key_Escape);
        QVERIFY(done.wait(kPatience));
        QVERIFY2(console.message().startsWith("Error:") && console.message().contains("cancel"),
                 qPrintable(console.message()));
        // The next run is not stopped by that cancel; a big result shows its first rows, built
        // off the GUI thread, and says how many there are.
        const GuiThreadWork work;
        console.editor()->setPlainText("SELECT a, a * 2 AS b FROM t ORDER BY a DESC");
        console.run();
        QVERIFY(done.wait(kPatience));
        QCOMPARE(console.result()->rowCount(), ui::SqlConsole::kShownRows);
        QCOMPARE(console.result()->item(0, 0)->text(), QString::number(kRows - 1));
        QVERIFY2(console.message().startsWith(QLocale().toString(kRows) + " rows in "),
                 qPrintable(console.message()));
        QVERIFY2(console.message().contains(QLocale().toString(ui::SqlConsole::kShownRows)),
                 qPrintable(console.message()));
        QCOMPARE(console.lastQuery(),
                 QStringLiteral("SELECT a, a * 2 AS b FROM t ORDER BY a DESC"));
        // A million rows: the rows not shown are counted as they stream by, not held.
        constexpr int kMillion = 1'000'000;
        bool filled = false;
        std::thread([&] { // not the GUI thread's work
            auto writer = db->connect();
            std::vector<engine::Row> many;
            many.reserve(kMillion);
            for (int i = 0; i < kMillion; ++i)
                many.push_back({engine::Value::integer(i), engine::Value::text("some text")});
            filled = writer->execute("CREATE TABLE m (a INTEGER, s TEXT)")
                     && writer->insertRows("m", {}, many);
        })
            .join();
        QVERIFY(filled);
        const int64_t before = residentBytes();
        resetPeakResident();
        console.editor()->setPlainText("SELECT * FROM m");
        console.run();
        QVERIFY(done.wait(kPatience));
        const int64_t growth = peakResidentBytes() - before;
        QVERIFY2(console.message().startsWith(QLocale().toString(kMillion) + " rows in "),
                 qPrintable(console.message()));
        QCOMPARE(console.result()->rowCount(), ui::SqlConsole::kShownRows);
        qInfo("console, SELECT of 1,000,000 rows: peak memory %+lld KiB", qlonglong(growth / 1024));
        QVERIFY2(growth < (48 << 20), qPrintable(QString::number(growth))); // held: 140 MB
        QCOMPARE(work.calls(), uint64_t(0));
    }

    void sqlConsoleRunsOffTheGuiThreadAndPointsAtErrors()
    {
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 200));
        ui::MainWindow window(db, QStringLiteral("demo"));
        QVERIFY(shownAtReviewSize(window));
        window.tabs()->setCurrentWidget(window.console());
        ui::SqlConsole *console = window.console();
        QSignalSpy done(console, &ui::SqlConsole::finished);
        console->editor()->setPlainText(
            "SELECT category, count(*) AS n\nFROM products GROUP BY category ORDER BY n DESC, 1");
        QTest::keyClick(console->editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(done.wait(kPatience));
        QVERIFY(console->result()->rowCount() > 0);
        QCOMPARE(console->result()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("n"));
        // The row count (in the locale's digits) and how long it took.
        const QRegularExpression said(QStringLiteral("^(\\d+) rows in [\\d.,]+ (ms|s)$"));
        const auto match = said.match(console->message());
        QVERIFY2(match.hasMatch(), qPrintable(console->message()));
        QCOMPARE(match.captured(1).toInt(), console->result()->rowCount());
        QPushButton *exportResult = nullptr;
        for (auto *b : console->findChildren<QPushButton *>())
            if (b->text().remove('&').startsWith("Export result"))
                exportResult = b;
        QVERIFY(exportResult && exportResult->isEnabled());
        screenshot(window, "sql_console.png");
        const QString grouped = console->editor()->toPlainText();
        // An error says where, and the cursor goes there.
        console->editor()->setPlainText("SELECT id\nFROM users\nWHERE nosuch = 1");
        console->run();
        QVERIFY(done.wait(kPatience));
        QVERIFY2(console->message().startsWith("Error:"), qPrintable(console->message()));
        QVERIFY2(console->message().contains("nosuch"), qPrintable(console->message()));
        QCOMPARE(console->editor()->textCursor().blockNumber(), 2);
        QVERIFY(!exportResult->isEnabled()); // the rows shown are not this statement's
        // Earlier statements come back with Ctrl+Up, and Ctrl+Down returns; a new console (the
        // next run of Strata) has them too.
        const QString failing = console->editor()->toPlainText();
        QTest::keyClick(console->editor(), Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(console->editor()->toPlainText(), failing);
        QTest::keyClick(console->editor(), Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(console->editor()->toPlainText(), grouped);
        QTest::keyClick(console->editor(), Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(console->editor()->toPlainText(), failing);
        {
            ui::SqlConsole next(nullptr);
            next.show();
            next.activateWindow(); // its shortcuts work in the active window
            QVERIFY(QTest::qWaitForWindowActive(&next));
            QTest::keyClick(next.editor(), Qt::Key_Up, Qt::ControlModifier);
            QCOMPARE(next.editor()->toPlainText(), failing);
        }
        // A statement that changes data refreshes the table list.
        console->editor()->setPlainText(
            "CREATE TABLE made_here (a INTEGER); INSERT INTO made_here VALUES (1), (2)");
        console->run();
        QVERIFY(done.wait(kPatience));
        // (Earlier runs' listings may land first: the tree is listed on a worker.)
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(*window.tableModel(), "made_here") >= 0, kPatience);
        // Dropping it (the context menu's Drop, after its question) removes it from the tree.
        window.showTable("made_here");
        QVERIFY(answered(*window.dataModel()));
        QCOMPARE(window.dataModel()->rowCount(), 2);
        QTemporaryDir exports;
        window.setExportFolder(exports.path());
        const GuiThreadWork work; // the drop runs on a worker
        auto dropped = window.dropTable("made_here");
        QCOMPARE(window.dataModel()->rowCount(), 0); // the grid lets go of it at once
        QTRY_VERIFY_WITH_TIMEOUT(dropped.isFinished(), kPatience);
        QVERIFY(dropped.result());
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(*window.tableModel(), "made_here"), -1, kPatience);
        QCOMPARE(work.calls(), uint64_t(0));
        // Nothing is lost: the copy it kept brings the table back, rows and types.
        QTRY_VERIFY_WITH_TIMEOUT(!window.lastDropCopy().isEmpty(), kPatience);
        QVERIFY(window.lastDropCopy().startsWith(window.droppedFolder()));
        transfer::ImportSpec back;
        back.files = {window.lastDropCopy().toStdString()};
        auto restored = transfer::runImport(*db, back);
        QVERIFY2(restored, restored ? "" : restored.status().toString().c_str());
        QCOMPARE(test::scalar(*conn, "SELECT sum(a) FROM made_here"), int64_t(3));
        auto info = conn->table("made_here");
        QVERIFY(info);
        QCOMPARE(info->columns[0].type, engine::LogicalType::Integer);
        // No copy, no drop: with the export folder a plain file, the table stays.
        QFile notAFolder(exports.filePath("not a folder"));
        QVERIFY(notAFolder.open(QIODevice::WriteOnly));
        notAFolder.close();
        window.setExportFolder(notAFolder.fileName());
        auto refused = window.dropTable("made_here");
        QTRY_VERIFY_WITH_TIMEOUT(refused.isFinished(), kPatience);
        QVERIFY(!refused.result());
        QVERIFY2(refused.result().message().find("was not dropped") != std::string::npos,
                 refused.result().message().c_str());
        QCOMPARE(test::scalar(*conn, "SELECT sum(a) FROM made_here"), int64_t(3));
        window.setExportFolder(exports.path());
        QVERIFY(conn->execute("DROP TABLE made_here"));
        // Dropping what is not there says why.
        auto again = window.dropTable("made_here");
        QTRY_VERIFY_WITH_TIMEOUT(again.isFinished(), kPatience);
        QCOMPARE(again.result().code(), engine::StatusCode::NotFound);

        // A view: listed after the tables, in italics, "view" for its row count, its query in
        // the tooltip; its rows browse like a table's; dropping it keeps its definition.
        QVERIFY(conn->execute("CREATE VIEW made_view (doubled) AS SELECT id * 2 FROM users "
                              "WHERE id <= 3"));
        window.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(*window.tableModel(), "made_view") >= 0, kPatience);
        const int viewRow = rowOf(*window.tableModel(), "made_view");
        QCOMPARE(viewRow, window.tableModel()->rowCount() - 1);
        auto *tree = window.tableModel();
        QCOMPARE(tree->data(tree->index(viewRow, ui::TableListModel::Rows)).toString(),
                 QStringLiteral("view"));
        QVERIFY(tree->data(tree->index(viewRow, ui::TableListModel::Name), Qt::FontRole)
                    .value<QFont>()
                    .italic());
        QVERIFY(tree->data(tree->index(viewRow, ui::TableListModel::Name), Qt::ToolTipRole)
                    .toString()
                    .contains("SELECT id * 2 FROM users"));
        QVERIFY(tree->isView("made_view"));
        window.showTable("made_view");
        QVERIFY(answered(*window.dataModel()));
        QCOMPARE(window.dataModel()->rowCount(), 3);
        screenshot(window, "view_listed.png");
        {
            // The export dialog offers it with the tables, and its spec exports its rows.
            auto *exporter = window.openExportDialog();
            QVERIFY(exporter);
            auto *tree = exporter->findChild<QTreeWidget *>();
            QVERIFY(tree);
            QVERIFY(!tree->findItems("made_view", Qt::MatchExactly).isEmpty());
            exporter->selectTables({"made_view"});
            exporter->setFormats({"csv"});
            const auto spec = exporter->spec();
            QCOMPARE(spec.tables.size(), size_t(1));
            QCOMPARE(spec.tables[0].table, std::string("made_view"));
            screenshot(*exporter, "export_dialog_view.png");
            exporter->reject();
            auto ran = transfer::runExport(*db, spec);
            QVERIFY2(ran, ran ? "" : ran.status().toString().c_str());
            QCOMPARE(ran->files.size(), size_t(1));
            QCOMPARE(ran->files[0].rows, int64_t(3));
        }
        const GuiThreadWork viewWork;
        auto viewDropped = window.dropView("made_view");
        QTRY_VERIFY_WITH_TIMEOUT(viewDropped.isFinished(), kPatience);
        QVERIFY2(viewDropped.result(), viewDropped.result().message().c_str());
        QCOMPARE(viewWork.calls(), uint64_t(0));
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(*window.tableModel(), "made_view"), -1, kPatience);
        QVERIFY(!conn->table("made_view"));
        QVERIFY(window.lastDropCopy().startsWith(window.droppedFolder()));
        transfer::ImportSpec viewBack;
        viewBack.files = {window.lastDropCopy().toStdString()};
        auto remade = transfer::runImport(*db, viewBack);
        QVERIFY2(remade, remade ? "" : remade.status().toString().c_str());
        QCOMPARE(test::scalar(*conn, "SELECT sum(doubled) FROM made_view"), int64_t(12));
    }

    void settingsDriveOneClickExports()
    {
        QTemporaryDir tmp;
        ui::SettingsDialog settings;
        settings.folder()->setText(tmp.filePath("exports"));
        auto *preset = settings.findChild<QComboBox *>();
        QVERIFY(preset);
        preset->setCurrentIndex(preset->findData("excel"));
        settings.save();
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 100));
        ui::MainWindow window(db, QStringLiteral("demo"));
        QCOMPARE(window.exportFolder(), tmp.filePath("exports"));
        window.showTable("products");
        QSignalSpy done(window.jobs(), &ui::JobList::finished);
        window.exportSelectedAsCsv();
        QVERIFY(done.wait(kPatience));
        QCOMPARE(window.jobs()->state(0), ui::JobList::State::Done);
        const QStringList files = window.jobs()->files(0);
        QCOMPARE(files.size(), 1);
        QVERIFY(files[0].startsWith(tmp.filePath("exports") + "/products_export_"));
        window.showHistory(); // the export's entry leads to its file
        QVERIFY(waitForHistory(window));
        QCOMPARE(window.historyFile(0), files[0]);
        // The Jobs panel gives rows and MB per second (the bytes the files got).
        QVERIFY2(window.jobs()
                     ->data(window.jobs()->index(0, ui::JobList::Speed))
                     .toString()
                     .contains(" MB/s"),
                 qPrintable(
                     window.jobs()->data(window.jobs()->index(0, ui::JobList::Speed)).toString()));
        QFile csv(files[0]);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.read(3) == QByteArray("\xEF\xBB\xBF")); // the excel preset's BOM
        screenshot(settings, "settings.png");
    }

    void droppedCsvOpensTheWizardAndImports()
    {
        QTemporaryDir tmp;
        const auto file = test::writeFile(tmp, "people.csv",
                                          "id;name;born\n1;Ann;1990-05-01\n2;Bob;1985-12-24\n");
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 100));
        ui::MainWindow window(db, QStringLiteral("demo"));
        QVERIFY(shownAtReviewSize(window));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(file))});
        QDragEnterEvent enter(QPoint(600, 400), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(600, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        auto *wizard = window.findChild<ui::ImportDialog *>();
        QVERIFY(wizard);
        QVERIFY(previewed(*wizard));
        QCOMPARE(wizard->detectedFormat(), QStringLiteral("csv"));
        QCOMPARE(wizard->previewRows(), 2);
        QCOMPARE(wizard->previewColumns(), (QStringList{"id", "name", "born"}));
        // Another delimiter re-reads the preview (one column now); back to detection.
        wizard->setDelimiter(",");
        QVERIFY(previewed(*wizard));
        QCOMPARE(wizard->previewColumns().size(), 1);
        wizard->setDelimiter("");
        QVERIFY(previewed(*wizard));
        QCOMPARE(wizard->previewColumns().size(), 3);
        wizard->setColumnType("id", "TEXT"); // codes, not numbers
        const auto spec = wizard->spec();
        QCOMPARE(spec.table, std::string("people"));
        QCOMPARE(spec.mode, transfer::ImportMode::Create);
        QCOMPARE(spec.columnTypes.size(), size_t(1));
        QCOMPARE(spec.columnTypes.at("id"), std::string("TEXT"));
        screenshot(*wizard, "import_wizard.png");
        QSignalSpy done(window.jobs(), &ui::JobList::finished);
        QSignalSpy refreshed(&window, &ui::MainWindow::tablesRefreshed);
        wizard->accept();
        QVERIFY(done.wait(kPatience));
        QVERIFY(waitFor(refreshed));
        QCOMPARE(window.jobs()->state(0), ui::JobList::State::Done);
        QCOMPARE(window.jobs()->message(0), QStringLiteral("2 rows imported"));
        QVERIFY(window.jobs()
                    ->data(window.jobs()->index(0, ui::JobList::Speed))
                    .toString()
                    .contains(" MB/s")); // the file's bytes, once read
        QCOMPARE(conn->table("people")->columns[0].type, engine::LogicalType::Text);
        // The import is in the History tab, newest first.
        window.showHistory();
        QVERIFY(waitForHistory(window));
        QVERIFY(window.historyModel()->rowCount() >= 1);
        // Read as a person reads it: what, the file's name, the rows, the outcome.
        auto *history = window.historyModel();
        QVERIFY2(history->data(history->index(0, ui::HistoryModel::What))
                     .toString()
                     .startsWith("Import"),
                 qPrintable(history->data(history->index(0, ui::HistoryModel::What)).toString()));
        QCOMPARE(history->data(history->index(0, ui::HistoryModel::Files)).toString(),
                 QFileInfo(QString::fromStdString(file)).fileName());
        QCOMPARE(history->data(history->index(0, ui::HistoryModel::Rows)).toString(),
                 QLocale().toString(2));
        QCOMPARE(history->data(history->index(0, ui::HistoryModel::Outcome)).toString(),
                 QStringLiteral("Done"));
        QCOMPARE(window.historyFile(0), QString::fromStdString(file)); // what it read
        // The table list shows the new table with its rows.
        const int row = rowOf(*window.tableModel(), "people");
        QVERIFY(row >= 0);
        QCOMPARE(window.tableModel()
                     ->data(window.tableModel()->index(row, ui::TableListModel::Rows))
                     .toString(),
                 QLocale().toString(2));
        // The listing that shows it holds the audit trail too: it is Strata's own, not among
        // the user's tables.
        QCOMPARE(rowOf(*window.tableModel(), "audit_log"), -1);
    }

    void theImportPreviewReadsOnAWorker()
    {
        // A file that cannot be read at once (a FIFO no one writes to yet: a slow disk, a
        // network share) leaves the dialog drawn and answering, saying it reads, with Import
        // waiting; the preview follows when the read ends.
        QTemporaryDir tmp;
        const QByteArray path = tmp.filePath("slow.csv").toLocal8Bit();
        QCOMPARE(::mkfifo(path.constData(), 0600), 0);
        std::mutex mutex;
        std::condition_variable changed;
        bool go = false;
        std::atomic<bool> stop = false;
        std::thread writer([&] {
            {
                std::unique_lock lock(mutex);
                // Bounded only for a build without the fix (its constructor blocks in the read).
                changed.wait_for(lock, std::chrono::seconds(60), [&] { return go; });
            }
            // Each open for reading gets a writer that closes at once: the reader sees the end.
            while (!stop) {
                const int fd = ::open(path.constData(), O_WRONLY);
                if (fd >= 0)
                    ::close(fd);
            }
        });
        const auto release = qScopeGuard([&] {
            {
                std::lock_guard lock(mutex);
                go = true;
            }
            changed.notify_all();
            stop = true;
            const int fd = ::open(path.constData(), O_RDONLY | O_NONBLOCK); // the last open
            writer.join();
            if (fd >= 0)
                ::close(fd);
        });
        auto db = engine::Database::openInMemory();
        ui::ImportDialog dialog(db, {QString::fromLocal8Bit(path)});
        QVERIFY(dialog.isPreviewing());
        QVERIFY2(dialog.problem().contains("Wait"), qPrintable(dialog.problem()));
        auto *import = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(import && !import->isEnabled());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.isPreviewing()); // still reading, and drawn
        screenshot(dialog, "import_reading.png");
        QSignalSpy previewShown(&dialog, &ui::ImportDialog::previewShown);
        {
            std::lock_guard lock(mutex);
            go = true;
        }
        changed.notify_all();
        QVERIFY(previewShown.wait(kPatience));
        QVERIFY(!dialog.isPreviewing());
        QVERIFY(!import->isEnabled()); // nothing to import from it
    }

    void wizardMapsAFileOntoAnExistingTable()
    {
        QTemporaryDir tmp;
        // Headers that differ from the table's columns: "Name" matches ignoring case, "code"
        // has no column of that name and must be placed before the import can start.
        const auto file = test::writeFile(tmp, "more.csv", "Name,code,junk\nAnn,A1,x\nBob,B2,y\n");
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->execute("CREATE TABLE people (id INTEGER DEFAULT 0, name TEXT NOT NULL, "
                              "ref TEXT, note TEXT);"
                              "INSERT INTO people VALUES (1, 'Cy', 'C3', NULL)"));
        ui::MainWindow window(db, QStringLiteral("memory"));
        QVERIFY(shownAtReviewSize(window));
        window.importFiles({QString::fromStdString(file)}, QStringLiteral("people"));
        auto *wizard = window.findChild<ui::ImportDialog *>();
        QVERIFY(wizard);
        QVERIFY(previewed(*wizard));
        QCOMPARE(wizard->targetColumns(), (QStringList{"id", "name", "ref", "note"}));
        QCOMPARE(wizard->spec().mode, transfer::ImportMode::Append);
        QVERIFY2(wizard->problem().contains("no column named code, junk"),
                 qPrintable(wizard->problem()));
        wizard->mapColumn("code", "ref");
        QVERIFY(wizard->problem().contains("junk"));
        wizard->mapColumn("junk", "ref");
        QVERIFY2(wizard->problem().contains("Two file columns go into ref"),
                 qPrintable(wizard->problem()));
        wizard->mapColumn("junk", "");
        QCOMPARE(wizard->problem(), QString());
        screenshot(*wizard, "import_wizard_mapping.png");
        const auto spec = wizard->spec();
        const std::map<std::string, std::string> map{
            {"Name", "name"}, {"code", "ref"}, {"junk", ""}};
        QCOMPARE(spec.columnMap, map);
        QVERIFY(spec.columnTypes.empty());
        // Name into the NOT NULL column left out: the import cannot start, and says why.
        wizard->mapColumn("Name", "");
        QVERIFY(wizard->problem().contains("name, which cannot be empty"));
        wizard->mapColumn("Name", "name");
        QSignalSpy done(window.jobs(), &ui::JobList::finished);
        wizard->accept();
        QVERIFY(done.wait(kPatience));
        QVERIFY2(window.jobs()->state(0) == ui::JobList::State::Done,
                 qPrintable(window.jobs()->message(0)));
        const auto rows = conn->execute("SELECT name, ref, note FROM people ORDER BY name");
        QVERIFY(rows);
        QCOMPARE(rows->rows.size(), size_t(3));
        QCOMPARE(rows->rows[0][0].s, std::string("Ann"));
        QCOMPARE(rows->rows[0][1].s, std::string("A1"));
        QVERIFY(rows->rows[0][2].isNull());
        QCOMPARE(rows->rows[1][1].s, std::string("B2"));
    }

    void wizardRestoresChosenTablesAfterComparing()
    {
        QTemporaryDir tmp;
        auto source = engine::Database::openInMemory();
        auto sc = source->connect();
        QVERIFY(sc->execute("CREATE TABLE a (id INTEGER PRIMARY KEY); INSERT INTO a VALUES (1), "
                            "(2); CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO b VALUES "
                            "(7)"));
        transfer::ExportSpec backup;
        backup.scope = transfer::ExportScope::Full;
        backup.formats.push_back({"json", {}});
        backup.outputDir = tmp.path().toStdString();
        backup.latestLinks = false;
        auto written = transfer::runExport(*source, backup);
        QVERIFY(written);
        QString backupFile;
        for (const auto &f : written->files)
            backupFile = QString::fromStdString(f.path);

        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->execute("CREATE TABLE a (id INTEGER PRIMARY KEY); INSERT INTO a VALUES (5);"
                              "CREATE TABLE b (id INTEGER PRIMARY KEY)"));
        ui::MainWindow window(db, QStringLiteral("memory"));
        QVERIFY(shownAtReviewSize(window));
        window.importFiles({backupFile});
        auto *wizard = window.findChild<ui::ImportDialog *>();
        QVERIFY(wizard);
        QVERIFY(previewed(*wizard));
        QVERIFY(wizard->backupTables().contains("a"));
        QVERIFY(wizard->backupTables().contains("b"));
        QCOMPARE(wizard->spec().mode, transfer::ImportMode::Replace);
        QVERIFY(wizard->spec().restore);
        wizard->setTableChecked("b", false);
        QCOMPARE(wizard->spec().tables, std::vector<std::string>{"a"});
        QSignalSpy compared(wizard, &ui::ImportDialog::comparisonReady);
        wizard->compareWithDatabase();
        QVERIFY(compared.wait(kPatience));
        QVERIFY2(wizard->comparisonText().contains(QStringLiteral("a: replaced, 1 → 2 rows")),
                 qPrintable(wizard->comparisonText()));
        QVERIFY(!wizard->comparisonText().contains(QStringLiteral("b:")));
        QCOMPARE(test::scalar(*conn, "SELECT count(*) FROM a"), int64_t(1)); // a dry run
        screenshot(*wizard, "import_wizard_restore.png");
        QSignalSpy done(window.jobs(), &ui::JobList::finished);
        wizard->accept();
        QVERIFY(done.wait(kPatience));
        QCOMPARE(window.jobs()->state(0), ui::JobList::State::Done);
        QCOMPARE(test::scalar(*conn, "SELECT sum(id) FROM a"), int64_t(3));
        QCOMPARE(test::scalar(*conn, "SELECT count(*) FROM b"), int64_t(0)); // not chosen
    }

    void importSaysWhichRowWidensAColumnAndOffersNullOrReject()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath("counts.csv");
        constexpr int kStrayLine = 17413; // past the preview's first 256 KiB
        {
            QByteArray csv = "id,count,note\n";
            for (int line = 2; line <= 30001; ++line)
                csv += QByteArray::number(line) + ","
                       + (line == kStrayLine ? QByteArray("n/a") : QByteArray::number(line % 7))
                       + ",a note long enough that the stray value lies past the preview\n";
            QVERIFY(csv.indexOf("n/a") > 256 << 10);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(csv);
        }
        auto db = engine::Database::openInMemory();
        const auto widenedRows = [](ui::ImportDialog &dialog) {
            return dialog.findChild<QWidget *>("widenedColumns")->findChildren<QLabel *>();
        };
        {
            ui::ImportDialog dialog(db, {path});
            QSignalSpy checked(&dialog, &ui::ImportDialog::wholeFileChecked);
            QVERIFY(checked.wait(kPatience));
            const auto rows = widenedRows(dialog);
            QCOMPARE(rows.size(), 1);
            QVERIFY2(rows[0]->text().contains(QLocale().toString(kStrayLine))
                         && rows[0]->text().contains("'n/a'") && rows[0]->text().contains("TEXT"),
                     qPrintable(rows[0]->text()));
            QCOMPARE(dialog.spec().columnTypes.count("count"), size_t(0)); // TEXT, as inferred
            // "Read 'n/a' as empty": the column is worked out again, and is INTEGER.
            QPushButton *asNull = nullptr;
            for (auto *b :
                 dialog.findChild<QWidget *>("widenedColumns")->findChildren<QPushButton *>())
                if (b->text().startsWith("Read"))
                    asNull = b;
            QVERIFY(asNull);
            asNull->click();
            QVERIFY(checked.wait(kPatience));
            QCOMPARE(widenedRows(dialog).size(), 0);
            const auto spec = dialog.spec();
            QCOMPARE(spec.csv.nullMarkers.back(), std::string("n/a"));
            auto imported = transfer::runImport(*db, spec);
            QVERIFY2(imported, imported ? "" : imported.status().toString().c_str());
            auto conn = db->connect();
            auto info = conn->table("counts");
            QVERIFY(info);
            QCOMPARE(info->columns[1].type, engine::LogicalType::Integer);
            QCOMPARE(test::scalar(*conn, "SELECT count(*) FROM counts WHERE count IS NULL"),
                     int64_t(1));
            QCOMPARE(test::scalar(*conn, "SELECT id FROM counts WHERE count IS NULL"),
                     int64_t(kStrayLine));
        }
        {
            // "Keep INTEGER, reject such rows": the type is set and bad rows go to rejects.
            ui::ImportDialog dialog(db, {path}, QStringLiteral("again"));
            QSignalSpy checked(&dialog, &ui::ImportDialog::wholeFileChecked);
            QVERIFY(checked.wait(kPatience));
            QPushButton *reject = nullptr;
            for (auto *b :
                 dialog.findChild<QWidget *>("widenedColumns")->findChildren<QPushButton *>())
                if (b->text().startsWith("Keep INTEGER"))
                    reject = b;
            QVERIFY(reject);
            reject->click();
            const auto spec = dialog.spec();
            QCOMPARE(spec.columnTypes.at("count"), std::string("INTEGER"));
            QCOMPARE(spec.onError, transfer::ErrorPolicy::Skip);
            screenshot(dialog, "import_widened.png");
        }
    }

    void restoreDialogListsEveryTableOfABigBackupAndNeverItsAuditLog()
    {
        // A backup whose later tables lie far past what the preview reads: the dialog lists
        // them all (with their rows) before any Compare, leaves audit_log out, and the first
        // Compare shows the comparison.
        QTemporaryDir tmp;
        auto source = engine::Database::openInMemory();
        auto sc = source->connect();
        QVERIFY(transfer::createDemoDatabase(*sc, 4000)); // some MB of JSON
        QVERIFY(sc->execute("CREATE TABLE zz_last (id INTEGER PRIMARY KEY); INSERT INTO zz_last "
                            "VALUES (1), (2), (3)"));
        transfer::ExportSpec backup;
        backup.scope = transfer::ExportScope::Full;
        backup.formats.push_back({"json", {}});
        backup.outputDir = tmp.path().toStdString();
        backup.latestLinks = false;
        QVERIFY(transfer::runExport(*source, backup)); // its audit_log row: a table to leave out
        auto written = transfer::runExport(*source, backup);
        QVERIFY(written);
        const QString backupFile = QString::fromStdString(written->files.back().path);
        QVERIFY(QFileInfo(backupFile).size() > 4 * (256 << 10));
        auto tables = sc->tables();
        QVERIFY(tables);
        QStringList expected;
        bool hadAudit = false;
        for (const auto &t : *tables) {
            if (t.name == transfer::kAuditTable)
                hadAudit = true;
            else
                expected << QString::fromStdString(t.name);
        }
        QVERIFY(hadAudit); // the backup holds it, so leaving it out is tested

        auto db = engine::Database::openInMemory();
        ui::MainWindow window(db, QStringLiteral("memory"));
        QVERIFY(shownAtReviewSize(window));
        window.importFiles({backupFile});
        auto *wizard = window.findChild<ui::ImportDialog *>();
        QVERIFY(wizard);
        QVERIFY(previewed(*wizard));
        QSignalSpy listed(wizard, &ui::ImportDialog::backupListed);
        QVERIFY(wizard->isListingBackup());
        QVERIFY(!wizard->problem().isEmpty()); // Import waits for the whole list
        QVERIFY(listed.wait(kPatience));
        QStringList shown = wizard->backupTables();
        shown.sort();
        expected.sort();
        QCOMPARE(shown, expected);
        QVERIFY(wizard->problem().isEmpty());
        auto *list = wizard->findChild<QListWidget *>();
        QVERIFY(list);
        for (int i = 0; i < list->count(); ++i) {
            const QString name = list->item(i)->data(Qt::UserRole).toString();
            const int64_t rows = test::scalar(*sc, "SELECT count(*) FROM " + name.toStdString());
            QVERIFY2(list->item(i)->text().contains(QLocale().toString(qlonglong(rows)) + " row"),
                     qPrintable(list->item(i)->text()));
        }
        int64_t total = 0;
        for (const QString &name : expected)
            total += test::scalar(*sc, "SELECT count(*) FROM " + name.toStdString());
        bool saysTotal = false;
        for (auto *label : wizard->findChildren<QLabel *>())
            saysTotal = saysTotal
                        || label->text().contains(QLocale().toString(qlonglong(total)) + " rows");
        QVERIFY(saysTotal); // the user's tables only
        QSignalSpy compared(wizard, &ui::ImportDialog::comparisonReady);
        wizard->compareWithDatabase();
        QVERIFY(compared.wait(kPatience));
        for (const QString &name : expected)
            QVERIFY2(wizard->comparisonText().contains(name + ": created with"),
                     qPrintable(wizard->comparisonText()));
        QVERIFY(!wizard->comparisonText().contains("--"));
        screenshot(*wizard, "restore_listed.png");
        wizard->reject();
    }

    void looksLikeANativeDesktopTool()
    {
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 50));
        ui::MainWindow window(db, QStringLiteral("demo"));
        QVERIFY(shownAtReviewSize(window));
        QVERIFY(QTest::qWaitFor([&] { return window.tableModel()->rowCount() > 0; }, kPatience));
        // A table opened in the tree shows its columns and types whole.
        QTreeView *tree = nullptr;
        for (auto *candidate : window.findChildren<QTreeView *>())
            if (candidate->model() == window.tableModel())
                tree = candidate;
        QVERIFY(tree);
        const QModelIndex users
            = window.tableModel()->index(rowOf(*window.tableModel(), "users"), 0);
        tree->expand(users);
        QVERIFY(window.tableModel()->rowCount(users) > 0);
        for (int r = 0; r < window.tableModel()->rowCount(users); ++r)
            for (int c = 0; c < window.tableModel()->columnCount(users); ++c) {
                if (tree->isColumnHidden(c))
                    continue;
                const QModelIndex at = window.tableModel()->index(r, c, users);
                const QString text = at.data().toString();
                const QRect cell = tree->visualRect(at);
                QVERIFY2(tree->fontMetrics().horizontalAdvance(text) <= cell.width(),
                         qPrintable(QStringLiteral("%1 in %2 px").arg(text).arg(cell.width())));
            }
        // The toolbar's actions carry icons (the theme's, else the style's).
        auto *toolbar = window.findChild<QToolBar *>();
        QVERIFY(toolbar);
        for (QAction *action : toolbar->actions())
            QVERIFY2(action->isSeparator() || !action->icon().isNull(), qPrintable(action->text()));
        // Formats named as users write them.
        ui::ExportDialog dialog(db, {"users"}, QDir::tempPath());
        QStringList labels;
        for (auto *box : dialog.findChildren<QCheckBox *>())
            labels << box->text();
        for (const char *name : {"CSV", "JSON", "SQLite", "GeoJSON", "SQL", "Markdown"})
            QVERIFY2(labels.contains(QString::fromLatin1(name)), qPrintable(labels.join(", ")));
        QVERIFY(!labels.contains("SQLITE") && !labels.contains("GEOJSON"));
        screenshot(window, "tree_opened.png");
    }

    void everyAreaAndActionIsReachableByKeyboard()
    {
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 50));
        ui::MainWindow window(db, QStringLiteral("demo"));
        window.resize(1280, 800);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto focusAfter = [&](QKeySequence keys) {
            QTest::keySequence(&window, keys);
            QWidget *w = QApplication::focusWidget();
            return w ? w->accessibleName() : QString();
        };
        QCOMPARE(focusAfter(QKeySequence(Qt::CTRL | Qt::Key_3)), QStringLiteral("SQL"));
        QCOMPARE(focusAfter(QKeySequence(Qt::CTRL | Qt::Key_1)), QStringLiteral("Tables"));
        QCOMPARE(focusAfter(QKeySequence::Find), QStringLiteral("Row filter"));
        QCOMPARE(focusAfter(QKeySequence(Qt::CTRL | Qt::Key_2)),
                 QStringLiteral("Rows of the selected table"));
        QCOMPARE(focusAfter(QKeySequence(Qt::CTRL | Qt::Key_4)),
                 QStringLiteral("History of exports and imports"));
        QCOMPARE(focusAfter(QKeySequence(Qt::CTRL | Qt::Key_5)), QStringLiteral("Jobs"));
        // Every menu entry has a mnemonic (Alt+letter), and the menus themselves too.
        QStringList without;
        std::function<void(QMenu *)> walk = [&](QMenu *menu) {
            emit menu->aboutToShow(); // menus filled when opened (recent, profiles)
            if (menu->objectName() == QStringLiteral("exportProfiles"))
                return; // entries named by the user
            for (QAction *a : menu->actions()) {
                if (a->isSeparator() || !a->isEnabled())
                    continue;
                if (a->menu())
                    walk(a->menu());
                else if (!a->text().contains('&') && !a->text().startsWith('/'))
                    without << a->text(); // (paths in Open recent need none)
            }
        };
        for (QAction *top : window.menuBar()->actions()) {
            if (!top->text().contains('&'))
                without << top->text();
            walk(top->menu());
        }
        QVERIFY2(without.isEmpty(), qPrintable(without.join(", ")));
    }

    void firstStartOffersTheDemoDatabase()
    {
        // The question is modal: answer it from the event loop, as a user would.
        QString seen;
        auto answer = [&seen](const QString &button) {
            QTimer::singleShot(0, [&seen, button] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box);
                seen = box->informativeText();
                for (auto *b : box->buttons())
                    if (b->text().remove('&').startsWith(button)) {
                        if (button == "Create the demo")
                            screenshot(*box, "first_start.png");
                        b->click();
                        return;
                    }
                QFAIL("no such button");
            });
        };
        answer("Create the demo");
        QCOMPARE(ui::askForFirstDatabase("/somewhere/demo"), QStringLiteral("/somewhere/demo"));
        QVERIFY(seen.contains("/somewhere/demo"));
        answer("Cancel");
        QCOMPARE(ui::askForFirstDatabase("/somewhere/demo"), QString());
    }

    void exportProfileRunsWithOneClick()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 100));
        ui::MainWindow window(db, QStringLiteral("demo"));
        window.setExportFolder(tmp.filePath("exports"));
        auto *dialog = window.openExportDialog();
        dialog->selectTables({"products"});
        dialog->setFilter("products", "price > 10");
        dialog->setFormats({"csv", "json"});
        dialog->setFormatOption("csv", "preset", "excel");
        dialog->setFolder(tmp.filePath("nightly"));
        dialog->setZip(true);
        const auto shown = dialog->spec();
        dialog->saveAsProfile("Nightly / products");
        dialog->reject();
        QVERIFY(ui::ExportProfiles::names().contains("Nightly / products"));
        const auto kept = ui::ExportProfiles::load("Nightly / products");
        QVERIFY(kept);
        QVERIFY(!kept->nameTime); // each run names its files by its own time
        QCOMPARE(ui::ExportProfiles::toJson(*kept), [&] {
            auto s = shown;
            s.nameTime.reset();
            return ui::ExportProfiles::toJson(s);
        }());
        QCOMPARE(kept->tables.size(), size_t(1));
        QCOMPARE(kept->tables[0].where, std::string("price > 10"));
        QCOMPARE(kept->formats.size(), size_t(2));
        QVERIFY(kept->zip);

        // Edit: the dialog shows the profile, and gives back exactly what was saved.
        auto *edit = window.openExportDialog();
        edit->loadSpec(*kept);
        QCOMPARE(ui::ExportProfiles::toJson([&] {
                     auto s = edit->spec();
                     s.nameTime.reset();
                     return s;
                 }()),
                 ui::ExportProfiles::toJson(*kept));
        waitForPreview(*edit);
        QCOMPARE(edit->previewNames().size(), 3); // the CSV and JSON files, packed in a zip
        QVERIFY(edit->previewNames().last().endsWith(".zip"));
        edit->reject();

        QSignalSpy done(window.jobs(), &ui::JobList::finished);
        QVERIFY(window.runExportProfile("Nightly / products"));
        QVERIFY(done.wait(kPatience));
        QCOMPARE(window.jobs()->state(0), ui::JobList::State::Done);
        const QStringList files = window.jobs()->files(0);
        QCOMPARE(files.size(), 1);
        QVERIFY2(files[0].startsWith(tmp.filePath("nightly") + "/export_")
                     && files[0].endsWith(".zip"),
                 qPrintable(files[0]));
        QVERIFY(!window.runExportProfile("no such profile"));
        ui::ExportProfiles::remove("Nightly / products");
        QVERIFY(!ui::ExportProfiles::names().contains("Nightly / products"));
        QVERIFY(!ui::ExportProfiles::fromJson("{\"version\": 2}"));
        QVERIFY(!ui::ExportProfiles::fromJson("not json"));
    }

    void jobsReportProgressAndCancelLeavesNothing()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 20000));
        ui::JobList jobs;
        transfer::ExportSpec spec;
        spec.scope = transfer::ExportScope::Full;
        spec.formats = {{"json", {}}, {"csv", {}}, {"sql", {}}};
        spec.outputDir = tmp.filePath("out").toStdString();
        QSignalSpy done(&jobs, &ui::JobList::finished);
        jobs.startExport(db, spec, "full export");
        QVERIFY(done.wait(kPatience));
        QCOMPARE(jobs.state(0), ui::JobList::State::Done);
        QCOMPARE(jobs.percent(0), 100);
        QVERIFY(!jobs.files(0).isEmpty());
        for (const auto &f : jobs.files(0))
            QVERIFY(QFile::exists(f));
        // Canceled before it starts reading: nothing under a final name.
        spec.outputDir = tmp.filePath("canceled").toStdString();
        const int row = jobs.startExport(db, spec, "canceled export");
        jobs.cancel(row);
        QVERIFY(done.wait(kPatience));
        QCOMPARE(jobs.state(row), ui::JobList::State::Canceled);
        QCOMPARE(
            QDir(tmp.filePath("canceled")).entryList(QDir::Files | QDir::NoDotAndDotDot).size(), 0);
        // An error shows in full.
        spec.scope = transfer::ExportScope::Query;
        spec.query = "SELECT nothing FROM nowhere";
        const int bad = jobs.startExport(db, spec, "bad query");
        QVERIFY(done.wait(kPatience));
        QCOMPARE(jobs.state(bad), ui::JobList::State::Failed);
        QVERIFY2(jobs.message(bad).contains("nowhere"), qPrintable(jobs.message(bad)));
    }

    void aFinishedJobSaysWhereThingsWent()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 300));
        QVERIFY(conn->execute("CREATE TABLE counts (n INTEGER NOT NULL)"));
        ui::MainWindow window(db, QStringLiteral("demo"));
        QVERIFY(shownAtReviewSize(window));
        ui::JobList &jobs = *window.jobs();
        QSignalSpy done(&jobs, &ui::JobList::finished);
        // An export: each file with its rows and bytes (as the file system has them).
        transfer::ExportSpec spec;
        spec.scope = transfer::ExportScope::Tables;
        spec.tables = {{"users", {}, {}}, {"orders", {}, {}}};
        spec.formats = {{"csv", {}}, {"json", {}}};
        spec.outputDir = tmp.filePath("out").toStdString();
        const int exported = jobs.startExport(db, spec, "two tables");
        QVERIFY(done.wait(kPatience));
        QCOMPARE(jobs.state(exported), ui::JobList::State::Done);
        const QModelIndex job = jobs.index(exported, 0);
        QCOMPARE(jobs.rowCount(job), 4); // 2 tables x 2 formats
        qint64 rows = 0;
        for (int r = 0; r < jobs.rowCount(job); ++r) {
            const ui::JobList::Detail *d = jobs.detailOf(jobs.index(r, 0, job));
            QVERIFY(d && d->kind == ui::JobList::DetailKind::File);
            QCOMPARE(d->bytes, QFileInfo(d->text).size());
            QVERIFY(d->bytes > 0);
            QCOMPARE(jobs.data(jobs.index(r, ui::JobList::What, job)).toString(),
                     QFileInfo(d->text).fileName());
            rows += d->rows;
        }
        QCOMPARE(rows, qint64(2
                              * (test::scalar(*conn, "SELECT count(*) FROM users")
                                 + test::scalar(*conn, "SELECT count(*) FROM orders"))));
        // Shown opened, with a path one can copy.
        QTreeView *view = nullptr;
        for (auto *candidate : window.findChildren<QTreeView *>())
            if (candidate->model() == &jobs)
                view = candidate;
        QVERIFY(view && view->isExpanded(job));
        QVERIFY(view->isVisible());
        const QModelIndex firstFile = jobs.index(0, 0, job);
        QCOMPARE(jobs.fileOf(firstFile), jobs.detailOf(firstFile)->text);
        window.copyJobText(firstFile);
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QDir::toNativeSeparators(jobs.detailOf(firstFile)->text));
        // An import that rejects rows: the rejects file, with as many rows as it holds.
        const QString csv = tmp.filePath("counts.csv");
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("n\n1\n2\n\nnot a number\n5\n");
        }
        window.showTable("counts");
        QVERIFY(answered(*window.dataModel()));
        QCOMPARE(window.dataModel()->rowCount(), 0);
        transfer::ImportSpec in;
        in.files = {csv.toStdString()};
        in.table = "counts";
        in.mode = transfer::ImportMode::Append;
        in.onError = transfer::ErrorPolicy::Skip;
        const int imported = jobs.startImport(db, in, "counts");
        QVERIFY(done.wait(kPatience));
        QVERIFY2(jobs.state(imported) == ui::JobList::State::Done,
                 qPrintable(jobs.message(imported)));
        const ui::JobList::Detail *rejects = nullptr;
        for (const auto &d : jobs.details(imported))
            if (d.kind == ui::JobList::DetailKind::Rejects)
                rejects = &d;
        QVERIFY(rejects);
        QFile rejected(rejects->text);
        QVERIFY(rejected.open(QIODevice::ReadOnly));
        const qint64 lines = rejected.readAll().trimmed().count('\n'); // the header, then rows
        QVERIFY(lines > 0);
        QCOMPARE(rejects->rows, lines);
        QCOMPARE(rejects->rows + qint64(test::scalar(*conn, "SELECT count(*) FROM counts")),
                 qint64(5));
        // The grid showing the table it imported into shows the new rows.
        QTRY_COMPARE_WITH_TIMEOUT(window.dataModel()->totalRows(),
                                  int(test::scalar(*conn, "SELECT count(*) FROM counts")),
                                  kPatience);
        // A failed job: no busy bar left, its error in place under it.
        spec.scope = transfer::ExportScope::Query;
        spec.query = "SELECT nothing FROM nowhere";
        const int failed = jobs.startExport(db, spec, "bad query");
        QVERIFY(done.wait(kPatience));
        QCOMPARE(jobs.state(failed), ui::JobList::State::Failed);
        QVERIFY(!jobs.data(jobs.index(failed, ui::JobList::Progress), Qt::UserRole).isValid());
        QCOMPARE(jobs.details(failed).size(), size_t(1));
        QCOMPARE(jobs.details(failed)[0].kind, ui::JobList::DetailKind::Error);
        QVERIFY2(jobs.details(failed)[0].text.contains("nowhere"),
                 qPrintable(jobs.details(failed)[0].text));
        QVERIFY(view->isExpanded(jobs.index(failed, 0)));
        QVERIFY(view->isFirstColumnSpanned(0, jobs.index(failed, 0)));
        screenshot(window, "jobs_finished.png");
    }

    void guiStaysResponsiveWhileTwoMillionRowsExport()
    {
        // The measure: while a 2,000,000-row export runs, the GUI thread's event loop
        // keeps turning. A 5 ms timer records the longest gap between its ticks.
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->execute("CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT, score DOUBLE, "
                              "day DATE)"));
        std::vector<engine::Row> rows;
        for (int64_t i = 0; i < 2000000; ++i) {
            rows.push_back({engine::Value::integer(i),
                            engine::Value::text("name " + std::to_string(i)),
                            engine::Value::real(double(i) / 7), engine::Value::date(i % 20000)});
            if (rows.size() == 100000) {
                QVERIFY(conn->insertRows("big", {}, rows));
                rows.clear();
            }
        }
        ui::MainWindow window(db, QStringLiteral("big"));
        window.setExportFolder(tmp.path());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showTable("big");
        QSignalSpy done(window.jobs(), &ui::JobList::finished);
        StallMeter meter;
        const GuiThreadWork work;
        window.exportSelectedAsCsv();
        QVERIFY(done.wait(kPatience));
        const qint64 worst = meter.stop();
        qInfo("worst GUI stall while 2,000,000 rows export as CSV (%.1f s): %lld ms",
              meter.seconds(), worst);
        QCOMPARE(window.jobs()->state(0), ui::JobList::State::Done);
        // Checked by the work done, not by the stall (which depends on the machine's load):
        // the GUI thread made no database call while the export ran.
        QCOMPARE(work.calls(), uint64_t(0));
    }

    void windowWithDataAndAJobRendersToPng()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 50000));
        ui::MainWindow window(db, QStringLiteral("/home/analyst/strata/demo"));
        window.setExportFolder(tmp.path());
        QVERIFY(shownAtReviewSize(window));
        window.showTable("users");
        QVERIFY(answered(*window.dataModel()));
        QCOMPARE(window.dataModel()->rowCount(), 50000);
        // The GUI thread keeps turning while the backup runs: the longest gap between timer
        // ticks is the worst stall a user would feel.
        QSignalSpy done(window.jobs(), &ui::JobList::finished);
        const GuiThreadWork work;
        window.backupNow();
        StallMeter meter;
        // The screenshot shows the job running, with some progress.
        QTRY_VERIFY_WITH_TIMEOUT(window.jobs()->percent(0) > 0
                                     || window.jobs()->state(0) != ui::JobList::State::Running,
                                 kPatience);
        auto *status = window.statusBar()->findChild<QLabel *>();
        QVERIFY(status);
        QVERIFY2(status->text().startsWith("/home/analyst/strata/demo · last commit "),
                 qPrintable(status->text()));
        screenshot(window, "main_window.png");
        QVERIFY(done.wait(kPatience));
        const qint64 worst = meter.stop();
        qInfo("worst GUI stall during the backup (demo database, 50000 users): %lld ms", worst);
        QCOMPARE(window.jobs()->state(0), ui::JobList::State::Done);
        QCOMPARE(work.calls(), uint64_t(0)); // the backup's database work was all on its worker
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
