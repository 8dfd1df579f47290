// The first window: the table list model over a real database, and the window rendered
// offscreen to a PNG under the build folder for a person to look at.
#include "engine/api/database.h"
#include "engine/transfer/demo/demo_database.h"
#include "ui/main_window/main_window.h"
#include "ui/models/table_list_model.h"

#include <QDir>
#include <QLabel>
#include <QStatusBar>
#include <QTableView>
#include <QtTest>

using namespace strata;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void modelListsTablesWithCounts()
    {
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 100));
        ui::TableListModel model;
        QVERIFY(model.reload(*conn));
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
        QVERIFY(model.reload(*conn));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.headerData(ui::TableListModel::Rows, Qt::Horizontal).toString(),
                 QStringLiteral("Rows"));
    }

    void windowRendersToPng()
    {
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(transfer::createDemoDatabase(*conn, 1000));
        ui::MainWindow window(db, QStringLiteral("/home/analyst/strata/demo"));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *view = window.findChild<QTableView *>();
        QVERIFY(view);
        QCOMPARE(view->model()->rowCount(), 4);
        auto *status = window.statusBar()->findChild<QLabel *>();
        QVERIFY(status);
        QVERIFY2(status->text().startsWith("/home/analyst/strata/demo · last commit "),
                 qPrintable(status->text()));
        const QString dir = QStringLiteral(STRATA_BINARY_DIR "/screenshots");
        QDir().mkpath(dir);
        const QImage image = window.grab().toImage();
        QCOMPARE(image.size(), QSize(1280, 800));
        QVERIFY(image.save(dir + "/main_window.png"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
