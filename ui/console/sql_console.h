#pragma once

#include "engine/api/database.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>
#include <memory>

class QBrush;
class QLabel;
class QThread;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace strata::ui {

//! The SQL console: an editor, Run (Ctrl+Enter) on Qt Concurrent's pool so a long statement
//! never freezes the window, with Cancel (Esc) while it runs; the last result set in a grid
//! (its first kShownRows rows, built on the worker too), and errors shown with the cursor put
//! at the line and column they name.
class SqlConsole : public QWidget {
    Q_OBJECT
public:
    explicit SqlConsole(std::shared_ptr<engine::Database> database, QWidget *parent = nullptr);
    ~SqlConsole() override;

    //! The database statements run against (nullptr: none; Run then says so). A statement
    //! running keeps its own connection to the database it started on.
    void setDatabase(std::shared_ptr<engine::Database> database);

    QPlainTextEdit *editor() const { return m_editor; }
    //! The rows shown (the last result set's first kShownRows).
    QStandardItemModel *result() const { return m_model; }
    QString message() const;
    //! The SQL of the last result set, for "Export result…".
    QString lastQuery() const { return m_lastQuery; }

    //! Statements remembered between runs.
    static constexpr int kHistoryKept = 200;
    //! Rows of a result set put in the grid; "Export result…" writes all of them.
    static constexpr int kShownRows = 10'000;

    //! The statements started by run() are still running.
    bool isRunning() const { return m_watcher.isRunning(); }

    //! What a run hands back from the worker: its outcome, and the grid of its last result set.
    struct Outcome {
        engine::Status status;
        bool hasRows = false;
        int64_t rows = 0;     //!< of the last result set
        int64_t affected = 0; //!< by all statements
        QString statement;    //!< the SELECT of the last result set
        std::shared_ptr<QStandardItemModel> grid;
    };

public slots:
    void run();
    //! Stops the running statements (they fail with "canceled"; a script's writes before the
    //! statement canceled stay, as they would after an error).
    void cancel();

signals:
    //! A run ended (its result or error is shown).
    void finished();
    //! "Export result…" was chosen for this SELECT.
    void exportRequested(const QString &sql);

protected:
    //! Ctrl+Up and Ctrl+Down in the editor walk the statement history.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void remember(const QString &sql);
    //! Shows the statement `step` places back (-1) or on (+1) in the history.
    void stepHistory(int step);
    QString elapsedText() const;
    void showResult(const Outcome &outcome);
    static Outcome runOnWorker(engine::Connection &connection, const std::string &sql, QThread *gui,
                               const QBrush &nullBrush);
    void showError(const QString &error);

    std::shared_ptr<engine::Database> m_database;
    std::shared_ptr<engine::Connection> m_connection;
    std::shared_ptr<engine::Connection> m_runningOn; //!< of the run started last
    QPlainTextEdit *m_editor;
    QPushButton *m_run, *m_cancel, *m_export;
    QTableView *m_view;
    std::shared_ptr<QStandardItemModel> m_grid; //!< what m_view shows
    QStandardItemModel *m_model;                //!< m_grid.get()
    QLabel *m_message;
    QString m_lastQuery, m_running;
    QStringList m_history;
    int m_historyAt = 0;
    QElapsedTimer m_clock;
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace strata::ui
