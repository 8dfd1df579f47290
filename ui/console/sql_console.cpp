#include "ui/console/sql_console.h"

#include <QHBoxLayout>
#include <QHeaderView>
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
#include <QVBoxLayout>
#include <QtConcurrent>

namespace strata::ui {

SqlConsole::SqlConsole(std::shared_ptr<engine::Database> database, QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_run(new QPushButton(tr("&Run"), this))
    , m_export(new QPushButton(tr("E&xport result…"), this))
    , m_view(new QTableView(this))
    , m_model(new QStandardItemModel(this))
    , m_message(new QLabel(this))
{
    m_editor->setAccessibleName(tr("SQL"));
    setFocusProxy(m_editor); // focusing the console (View > SQL console) lands in the editor
    m_editor->setFont(QFont(QStringLiteral("monospace")));
    m_run->setToolTip(tr("Run (Ctrl+Enter)"));
    m_export->setEnabled(false);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Result"));
    m_view->setAlternatingRowColors(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_export);
    buttons->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 2);
    connect(m_run, &QPushButton::clicked, this, &SqlConsole::run);
    for (auto key : {Qt::CTRL | Qt::Key_Return, Qt::CTRL | Qt::Key_Enter}) {
        auto *shortcut = new QShortcut(QKeySequence(key), m_editor);
        connect(shortcut, &QShortcut::activated, this, &SqlConsole::run);
    }
    // Earlier statements, newest last (kept between runs): Ctrl+Up and Ctrl+Down walk them.
    m_history = QSettings().value(QStringLiteral("sqlHistory")).toStringList();
    m_historyAt = m_history.size();
    auto *back = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up), m_editor);
    connect(back, &QShortcut::activated, this, [this] { stepHistory(-1); });
    auto *forward = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down), m_editor);
    connect(forward, &QShortcut::activated, this, [this] { stepHistory(+1); });
    m_editor->setPlaceholderText(tr("SQL statements; Ctrl+Enter runs them, Ctrl+Up and Ctrl+Down "
                                    "bring back earlier ones"));
    connect(m_export, &QPushButton::clicked, this, [this] { emit exportRequested(m_lastQuery); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        showResult(m_watcher.result());
        m_run->setEnabled(true);
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
    m_watcher.waitForFinished();
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
    m_message->setText(tr("Running…"));
    remember(m_running);
    m_clock.start();
    auto connection = m_connection;
    const std::string sql = m_running.toStdString();
    m_watcher.setFuture(
        QtConcurrent::run([connection, sql] { return connection->executeScript(sql); }));
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

void SqlConsole::showResult(const engine::Result<std::vector<engine::QueryResult>> &result)
{
    if (!result) {
        const QString error = QString::fromStdString(result.status().message());
        m_message->setText(tr("Error: %1").arg(error));
        // The rows shown are an earlier statement's: not what "Export result…" would mean now.
        m_export->setEnabled(false);
        m_lastQuery.clear();
        // "line 3, column 7": put the cursor there.
        static const QRegularExpression where(QStringLiteral("line (\\d+), column (\\d+)"));
        const auto m = where.match(error);
        if (m.hasMatch()) {
            const QTextBlock block
                = m_editor->document()->findBlockByNumber(m.captured(1).toInt() - 1);
            if (block.isValid()) {
                QTextCursor cursor(block);
                cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                                    std::min(m.captured(2).toInt() - 1, block.length() - 1));
                m_editor->setTextCursor(cursor);
            }
        }
        m_editor->setFocus();
        return;
    }
    const engine::QueryResult *last = nullptr;
    int64_t affected = 0;
    for (const auto &r : *result) {
        if (r.hasRows)
            last = &r;
        affected += r.rowsAffected;
    }
    m_model->clear();
    if (!last) {
        m_export->setEnabled(false);
        m_message->setText(affected == 1
                               ? tr("Done: 1 row changed in %1").arg(elapsedText())
                               : tr("Done: %1 rows changed in %2")
                                     .arg(QLocale().toString(qlonglong(affected)), elapsedText()));
        return;
    }
    QStringList headers;
    for (const auto &c : last->columns)
        headers << QString::fromStdString(c);
    m_model->setColumnCount(headers.size());
    m_model->setHorizontalHeaderLabels(headers);
    for (const auto &row : last->rows) {
        QList<QStandardItem *> items;
        for (const auto &v : row) {
            auto *item = new QStandardItem(v.isNull() ? QStringLiteral("NULL")
                                                      : QString::fromStdString(v.toString()));
            item->setEditable(false);
            if (engine::isNumeric(v.type))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (v.isNull())
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            items << item;
        }
        m_model->appendRow(items);
    }
    m_view->resizeColumnsToContents();
    m_lastQuery = QString::fromStdString(last->statement);
    m_export->setEnabled(true);
    m_message->setText(
        last->rows.size() == 1
            ? tr("1 row in %1").arg(elapsedText())
            : tr("%1 rows in %2")
                  .arg(QLocale().toString(qlonglong(last->rows.size())), elapsedText()));
}

} // namespace strata::ui
