#include "ui/console/sql_console.h"

#include "ui/widgets/table_look.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QShortcut>
#include <QStandardItemModel>
#include <QTableView>
#include <QTextBlock>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace strata::ui {

SqlConsole::SqlConsole(std::shared_ptr<engine::Database> database, QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_run(new QPushButton(tr("&Run"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_export(new QPushButton(tr("E&xport result…"), this))
    , m_view(new QTableView(this))
    , m_grid(std::make_shared<QStandardItemModel>())
    , m_model(m_grid.get())
    , m_message(new QLabel(this))
{
    m_editor->setAccessibleName(tr("SQL"));
    setFocusProxy(m_editor); // focusing the console (View > SQL console) lands in the editor
    m_editor->setFont(QFont(QStringLiteral("monospace")));
    m_run->setToolTip(tr("Run (Ctrl+Enter)"));
    m_cancel->setToolTip(tr("Stop the running statement (Esc)"));
    m_cancel->setEnabled(false);
    m_export->setEnabled(false);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Result"));
    m_view->setAlternatingRowColors(true);
    useNaturalRowHeight(m_view);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_export);
    buttons->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 2);
    connect(m_run, &QPushButton::clicked, this, &SqlConsole::run);
    connect(m_cancel, &QPushButton::clicked, this, &SqlConsole::cancel);
    auto *stop = new QShortcut(QKeySequence(Qt::Key_Escape), m_editor);
    connect(stop, &QShortcut::activated, this, &SqlConsole::cancel);
    for (auto key : {Qt::CTRL | Qt::Key_Return, Qt::CTRL | Qt::Key_Enter}) {
        auto *shortcut = new QShortcut(QKeySequence(key), m_editor);
        connect(shortcut, &QShortcut::activated, this, &SqlConsole::run);
    }
    // Earlier statements, newest last (kept between runs): Ctrl+Up and Ctrl+Down walk them.
    m_history = QSettings().value(QStringLiteral("sqlHistory")).toStringList();
    m_historyAt = m_history.size();
    // Keys of the editor itself, not window shortcuts: they work wherever the editor has the
    // keyboard, whichever window the system holds active.
    m_editor->installEventFilter(this);
    m_editor->setPlaceholderText(tr("SQL statements; Ctrl+Enter runs them, Ctrl+Up and Ctrl+Down "
                                    "bring back earlier ones"));
    connect(m_export, &QPushButton::clicked, this, [this] { emit exportRequested(m_lastQuery); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const Outcome outcome = m_watcher.result();
        m_run->setEnabled(true);
        m_cancel->setEnabled(false);
        if (outcome.status)
            showResult(outcome);
        else
            showError(QString::fromStdString(outcome.status.message()));
        emit finished();
    });
    setDatabase(std::move(database));
}

void SqlConsole::setDatabase(std::shared_ptr<engine::Database> database)
{
    m_database = std::move(database);
    m_connection = m_database ? m_database->connect() : nullptr;
    m_model->clear();
    m_export->setEnabled(false);
    m_lastQuery.clear();
    m_message->clear();
}

SqlConsole::~SqlConsole()
{
    cancel(); // closing the window does not wait for a long statement to end by itself
    m_watcher.waitForFinished();
}

void SqlConsole::cancel()
{
    if (m_watcher.isRunning() && m_runningOn) {
        m_runningOn->cancel();
        m_message->setText(tr("Canceling…"));
    }
}

QString SqlConsole::message() const
{
    return m_message->text();
}

void SqlConsole::run()
{
    if (m_watcher.isRunning())
        return;
    m_running = m_editor->toPlainText();
    if (m_running.trimmed().isEmpty())
        return;
    if (!m_connection) {
        m_message->setText(tr("Open a database first."));
        return;
    }
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_message->setText(tr("Running…"));
    remember(m_running);
    m_clock.start();
    m_runningOn = m_connection;
    m_runningOn->clearCancel(); // an earlier run's cancel is not this one's
    const std::string sql = m_running.toStdString();
    QThread *gui = thread();
    const QBrush nullBrush = palette().brush(QPalette::Disabled, QPalette::Text);
    m_watcher.setFuture(QtConcurrent::run([connection = m_runningOn, sql, gui, nullBrush] {
        return runOnWorker(*connection, sql, gui, nullBrush);
    }));
}

void SqlConsole::remember(const QString &sql)
{
    m_history.removeAll(sql);
    m_history.append(sql);
    while (m_history.size() > kHistoryKept)
        m_history.removeFirst();
    m_historyAt = m_history.size();
    QSettings().setValue(QStringLiteral("sqlHistory"), m_history);
}

bool SqlConsole::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::ControlModifier
            && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            stepHistory(key->key() == Qt::Key_Up ? -1 : +1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SqlConsole::stepHistory(int step)
{
    const int at = std::clamp(m_historyAt + step, 0, int(m_history.size()));
    if (at == m_historyAt)
        return;
    m_historyAt = at;
    m_editor->setPlainText(at < m_history.size() ? m_history[at] : QString());
    m_editor->moveCursor(QTextCursor::End);
}

QString SqlConsole::elapsedText() const
{
    const double ms = double(m_clock.nsecsElapsed()) / 1e6;
    return ms < 1000 ? tr("%1 ms").arg(QLocale().toString(ms, 'f', ms < 10 ? 1 : 0))
                     : tr("%1 s").arg(QLocale().toString(ms / 1000, 'f', 2));
}

void SqlConsole::showError(const QString &error)
{
    m_message->setText(tr("Error: %1").arg(error));
    // The rows shown are an earlier statement's: not what "Export result…" would mean now.
    m_export->setEnabled(false);
    m_lastQuery.clear();
    // "line 3, column 7": put the cursor there.
    static const QRegularExpression where(QStringLiteral("line (\\d+), column (\\d+)"));
    const auto m = where.match(error);
    if (m.hasMatch()) {
        const QTextBlock block = m_editor->document()->findBlockByNumber(m.captured(1).toInt() - 1);
        if (block.isValid()) {
            QTextCursor cursor(block);
            cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                                std::min(m.captured(2).toInt() - 1, block.length() - 1));
            m_editor->setTextCursor(cursor);
        }
    }
    m_editor->setFocus();
}

void SqlConsole::showResult(const Outcome &outcome)
{
    m_grid = outcome.grid ? outcome.grid : std::make_shared<QStandardItemModel>();
    m_view->setModel(m_grid.get()); // the grid before goes when its last holder lets go
    m_model = m_grid.get();
    if (!outcome.hasRows) {
        m_export->setEnabled(false);
        m_lastQuery.clear();
        m_message->setText(
            outcome.affected == 1
                ? tr("Done: 1 row changed in %1").arg(elapsedText())
                : tr("Done: %1 rows changed in %2")
                      .arg(QLocale().toString(qlonglong(outcome.affected)), elapsedText()));
        return;
    }
    m_view->resizeColumnsToContents();
    m_lastQuery = outcome.statement;
    m_export->setEnabled(!m_lastQuery.isEmpty());
    const QString rows = QLocale().toString(qlonglong(outcome.rows));
    if (outcome.rows > kShownRows)
        m_message->setText(tr("%1 rows in %2; the first %3 are shown, Export result… writes all")
                               .arg(rows, elapsedText(), QLocale().toString(kShownRows)));
    else if (outcome.rows == 1)
        m_message->setText(tr("1 row in %1").arg(elapsedText()));
    else
        m_message->setText(tr("%1 rows in %2").arg(rows, elapsedText()));
}

SqlConsole::Outcome SqlConsole::runOnWorker(engine::Connection &connection, const std::string &sql,
                                            QThread *gui, const QBrush &nullBrush)
{
    Outcome outcome;
    // Only the rows shown are kept; the rest are counted as they stream by.
    auto result = connection.executeScript(sql, {}, kShownRows);
    if (!result) {
        outcome.status = result.status();
        return outcome;
    }
    const engine::QueryResult *last = nullptr;
    for (const auto &r : *result) {
        if (r.hasRows)
            last = &r;
        outcome.affected += r.rowsAffected;
    }
    if (!last)
        return outcome;
    outcome.hasRows = true;
    outcome.rows = last->rowsReturned;
    if (last->isQuery) // INSERT ... RETURNING shows rows, but exporting it would write again
        outcome.statement = QString::fromStdString(last->statement);
    // Built here, not on the GUI thread: a big result set would freeze the window.
    auto grid = std::make_shared<QStandardItemModel>();
    QStringList headers;
    for (const auto &c : last->columns)
        headers << QString::fromStdString(c);
    grid->setColumnCount(headers.size());
    grid->setHorizontalHeaderLabels(headers);
    const size_t shown = std::min(last->rows.size(), size_t(kShownRows));
    grid->setRowCount(static_cast<int>(shown));
    for (size_t r = 0; r < shown; ++r) {
        const auto &row = last->rows[r];
        for (size_t c = 0; c < row.size(); ++c) {
            const engine::Value &v = row[c];
            auto *item = new QStandardItem(v.isNull() ? QStringLiteral("NULL")
                                                      : QString::fromStdString(v.toString()));
            item->setEditable(false);
            if (engine::isNumeric(v.type))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (v.isNull())
                item->setForeground(nullBrush);
            grid->setItem(static_cast<int>(r), static_cast<int>(c), item);
        }
    }
    grid->moveToThread(gui);
    outcome.grid = std::move(grid);
    return outcome;
}

} // namespace strata::ui
