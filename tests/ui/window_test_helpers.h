#pragma once
// What the window's test suites share: waiting for the workers' answers, counting the GUI
// thread's database work, measuring stalls, and saving screenshots for review.

#include "engine/api/database.h"
#include "engine/transfer/format.h"
#include "ui/browser/table_data_model.h"
#include "ui/history/history_model.h"
#include "ui/import/import_dialog.h"
#include "ui/main_window/main_window.h"
#include "ui/models/table_list_model.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>
#include <thread>
#include <unistd.h>

namespace strata::ui_test {

// Waits for jobs are bounded by CTest's timeout, not by how fast this machine happens to be.
inline constexpr int kPatience = 3600 * 1000;

//! Formats registered, settings in a test folder and cleared: each run starts from no
//! remembered choices.
inline void startWindowTests()
{
    transfer::registerBuiltinFormats();
    QCoreApplication::setOrganizationName(QStringLiteral("strata-tests"));
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

//! Whether `spy` saw its signal, now or later (the tree is listed on a worker).
inline bool waitFor(QSignalSpy &spy)
{
    return spy.count() > 0 || spy.wait(kPatience);
}

//! Counts the database calls the GUI thread makes while it lives (engine's watch).
class GuiThreadWork {
public:
    GuiThreadWork()
        : m_before(engine::databaseWorkOnWatchedThreads())
    {
        engine::watchDatabaseWorkOnThisThread(true);
    }
    ~GuiThreadWork() { engine::watchDatabaseWorkOnThisThread(false); }
    uint64_t calls() const { return engine::databaseWorkOnWatchedThreads() - m_before; }

private:
    uint64_t m_before;
};

//! Shows `w` at the size the screenshots are reviewed at (1280×800); true once it is exposed.
inline bool shownAtReviewSize(QWidget &w)
{
    w.resize(1280, 800);
    w.show();
    return QTest::qWaitForWindowExposed(&w);
}

//! The process's resident memory now (Linux).
inline int64_t residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * ::sysconf(_SC_PAGESIZE) : 0;
}

//! Starts the count of peakResidentBytes() from now (Linux: clear_refs 5 resets VmHWM).
inline void resetPeakResident()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

//! The most memory resident at once since resetPeakResident() (Linux: VmHWM).
inline int64_t peakResidentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    return 0;
}

//! Saves a widget as it is drawn, at its size, under the build folder for a reviewer, and
//! into $STRATA_TOUR_DIR when set (tests/ui/update_tour.sh regenerates the README's tour).
inline void screenshot(QWidget &widget, const QString &name)
{
    QStringList dirs{QStringLiteral(STRATA_BINARY_DIR "/screenshots")};
    if (const QString tour = qEnvironmentVariable("STRATA_TOUR_DIR"); !tour.isEmpty())
        dirs << tour;
    const QImage image = widget.grab().toImage();
    for (const QString &dir : dirs) {
        QDir().mkpath(dir);
        if (!image.save(dir + "/" + name))
            qFatal("cannot save %s", qPrintable(name));
    }
}

inline int rowOf(ui::TableListModel &model, const QString &table)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.data(model.index(r, ui::TableListModel::Name)).toString() == table)
            return r;
    return -1;
}

//! Waits for the grid's answer to the request last made; true when it shows its rows.
inline bool answered(ui::TableDataModel &model)
{
    (void)QTest::qWaitFor([&] { return !model.isOpening(); }, kPatience);
    return !model.isOpening() && model.lastError();
}

//! Waits for the import dialog's preview (read on a worker); true when it is shown.
inline bool previewed(ui::ImportDialog &dialog)
{
    (void)QTest::qWaitFor([&] { return !dialog.isPreviewing(); }, kPatience);
    return !dialog.isPreviewing();
}

//! Runs `sql` on another thread: what a test writes is not the GUI thread's database work.
inline void writeElsewhere(engine::Database &db, const std::string &sql)
{
    bool ok = false;
    std::thread writer([&] { ok = bool(db.connect()->execute(sql)); });
    writer.join();
    QVERIFY2(ok, sql.c_str());
}

//! A cell of the grid (`row` of all rows) once its batch is read (the grid reads on its own
//! thread).
inline QVariant cell(ui::TableDataModel &model, int row, int column)
{
    (void)model.valueAt(row, column); // asks for its batch
    (void)QTest::qWaitFor([&] { return model.holds(row) || !model.isBusy(); }, kPatience);
    return model.valueAt(row, column);
}

//! The longest gap between ticks of a 5 ms timer on the GUI thread: the worst stall a user
//! would feel while it runs.
class StallMeter {
public:
    StallMeter()
    {
        m_clock.start();
        m_tick.setInterval(5);
        QObject::connect(&m_tick, &QTimer::timeout, [this] {
            m_worst = std::max(m_worst, m_clock.elapsed() - m_last);
            m_last = m_clock.elapsed();
        });
        m_tick.start();
    }
    qint64 stop()
    {
        m_tick.stop();
        return m_worst;
    }
    double seconds() const { return double(m_clock.elapsed()) / 1000.0; }

private:
    QElapsedTimer m_clock;
    QTimer m_tick;
    qint64 m_last = 0, m_worst = 0;
};

//! Waits for the History tab's newest read; true when it is shown.
inline bool waitForHistory(ui::MainWindow &window)
{
    (void)QTest::qWaitFor([&] { return !window.historyModel()->isLoading(); }, kPatience);
    return !window.historyModel()->isLoading();
}

//! Answers the next message box that opens (it may open later, from a worker's answer) by
//! clicking the button whose text starts with `button`; `seen` gets its text and informative
//! text. The timer polls the event loop, as a user's eye would.
inline void answerWhenAsked(const QString &button, QString *seen = nullptr)
{
    auto *poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, button, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        poll->deleteLater();
        if (seen)
            *seen = box->text() + QLatin1Char('\n') + box->informativeText();
        for (auto *b : box->buttons())
            if (b->text().remove(QLatin1Char('&')).startsWith(button)) {
                b->click();
                return;
            }
        box->reject();
        qWarning("no button %s in the message box", qPrintable(button));
    });
    poll->start();
}

} // namespace strata::ui_test
