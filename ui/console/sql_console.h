#pragma once

#include "engine/api/database.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace strata::ui {

//! The SQL console: an editor, Run (Ctrl+Enter) on Qt Concurrent's pool so a long statement
//! never freezes the window, the last result set in a grid, and errors shown with the cursor
//! put at the line and column they name.
class SqlConsole : public QWidget {
    Q_OBJECT
public:
    explicit SqlConsole(std::shared_ptr<engine::Database> database, QWidget *parent = nullptr);
    ~SqlConsole() override;

    //! The database statements run against (nullptr: none; Run then says so). A statement
    //! running keeps its own connection to the database it started on.
    void setDatabase(std::shared_ptr<engine::Database> database);

    QPlainTextEdit *editor() const { return m_editor; }
    QStandardItemModel *result() const { return m_model; }
    QString message() const;
    //! The SQL of the last result set, for "Export result…".
    QString lastQuery() const { return m_lastQuery; }

    //! Statements remembered between runs.
    static constexpr int kHistoryKept = 200;

public slots:
    void run();

signals:
    //! A run ended (its result or error is shown).
    void finished();
    //! "Export result…" was chosen for this SELECT.
    void exportRequested(const QString &sql);

private:
    void remember(const QString &sql);
    //! Shows the statement `step` places back (-1) or on (+1) in the history.
    void stepHistory(int step);
    QString elapsedText() const;
    void showResult(const engine::Result<std::vector<engine::QueryResult>> &result);

    std::shared_ptr<engine::Database> m_database;
    std::shared_ptr<engine::Connection> m_connection;
    QPlainTextEdit *m_editor;
    QPushButton *m_run, *m_export;
    QTableView *m_view;
    QStandardItemModel *m_model;
    QLabel *m_message;
    QString m_lastQuery, m_running;
    QStringList m_history;
    int m_historyAt = 0;
    QElapsedTimer m_clock;
    QFutureWatcher<engine::Result<std::vector<engine::QueryResult>>> m_watcher;
};

} // namespace strata::ui
