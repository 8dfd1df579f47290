#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"
#include "ui/main_window/database_opener.h"

#include <QFuture>
#include <QMainWindow>
#include <memory>

class QFrame;
class QLabel;
class QMenu;
class QStackedWidget;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;
class QTimer;
class QTabWidget;
class QTableView;
class QTreeView;

namespace strata::ui {

class ExportDialog;
class HistoryModel;
class JobList;
class SqlConsole;
class TableDataModel;
class GridView;
class TableListModel;

//! The main window: the tables on the left, the selected table's rows (lazily loaded, sorted
//! and filtered by the engine) in the centre, the jobs below. Exports, backups and imports run
//! as jobs on Qt Concurrent's pool; files dropped on the window open the import dialog.
//! Databases open on a worker too: the window shows at once, and says why when one cannot be
//! opened (offering Open, Open recent and the demo) rather than going away.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    //! A window with no database yet: openDatabase() opens one.
    explicit MainWindow(QWidget *parent = nullptr);
    //! A window on a database open already (the in-memory one, tests).
    MainWindow(std::shared_ptr<engine::Database> database, const QString &path,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    //! Opens the database folder `path` in this window, on a worker. The database shown stays
    //! until the new one is open, then is closed (and so unlocked); reopening the same folder
    //! (Retry) closes it first. A folder with other files in it is asked about before anything
    //! is written there. A database created here gets `demoRows` demo rows. Emits
    //! databaseOpened when done.
    void openDatabase(const QString &path, int demoRows = 0);
    //! Closes the database shown; the window then offers to open one.
    void closeDatabase();
    std::shared_ptr<engine::Database> database() const { return m_database; }
    QString databasePath() const { return m_path; }
    //! Why the database shown is read-only ("" when it is writable).
    QString readOnlyReason() const { return m_readOnlyReason; }
    //! Where the demo database lives (beside the logs; installer/build-and-run.sh uses it).
    static QString demoPath();
    //! Rows of the demo database's biggest table when it is made.
    static constexpr int kDemoRows = 5000;
    //! The text on the page shown while no database is open (why, when one failed).
    QString welcomeText() const;
    TableListModel *tableModel() const { return m_model; }
    TableDataModel *dataModel() const { return m_data; }
    GridView *grid() const { return m_grid; }
    JobList *jobs() const { return m_jobs; }
    SqlConsole *console() const { return m_console; }
    QTabWidget *tabs() const { return m_tabs; }
    static QStringList recentDatabases();
    static void rememberDatabase(const QString &path);
    //! Where one-click exports and backups go (remembered in the settings).
    QString exportFolder() const;
    void setExportFolder(const QString &folder);

public slots:
    //! Lists the tables again on a worker (a newer refresh supersedes an older one); the tree
    //! and the status bar follow when it is done, the status showing `statusAfter` if given.
    void refresh(const QString &statusAfter = {});
    //! Shows a table's rows in the centre.
    void showTable(const QString &name);
    //! A full JSON backup, timestamped, into the export folder.
    void backupNow();
    //! The selected table as CSV with the default options, into the export folder.
    void exportSelectedAsCsv();
    //! The export selection builder (window-modal, not blocking); accepting it starts the job.
    ExportDialog *openExportDialog();
    //! Opens the import dialog for these files (window-modal, not blocking); accepting it
    //! starts the import job.
    void importFiles(const QStringList &files, const QString &targetTable = {});
    //! What a start of Strata asked for (its own arguments, or another start's handed over):
    //! the window comes to the front, opens `database` unless it is the one open ("": keeps
    //! it), then opens the import dialog for `files` once a database is open.
    void openRequested(const QString &database, const QStringList &files);
    //! Copies a job's file path (or a note's or error's text) to the clipboard: the Jobs
    //! panel's context menu.
    void copyJobText(const QModelIndex &index);
    //! Runs the export profile `name` (ExportProfiles) as a job; false when there is none.
    bool runExportProfile(const QString &name);

    //! The History tab: past exports and imports from the audit trail, newest first.
    void showHistory();
    //! The first file of a history entry that still exists ("" when none does): Enter or a
    //! double-click on the entry opens its folder.
    QString historyFile(int row) const;
    HistoryModel *historyModel() const { return m_history; }
    //! Drops a table on a worker (the context menu asks first) after writing a copy of it
    //! (JSON, into droppedFolder()); no copy, no drop. The tree follows when done.
    QFuture<engine::Status> dropTable(const QString &table);
    //! Drops a view, its definition kept first as a SQL file in the dropped folder.
    QFuture<engine::Status> dropView(const QString &view);
    //! Where dropped tables' copies go: "dropped tables" in the export folder.
    QString droppedFolder() const;
    //! The copy the last drop kept ("" when it failed).
    QString lastDropCopy() const { return m_lastDropCopy; }

signals:
    //! The tree shows the tables as of the latest refresh.
    void tablesRefreshed();
    //! An openDatabase() ended: the database is shown (true), or the window says why not.
    void databaseOpened(bool opened);

public:
    //! What closing the window does while jobs run (asked, unless set for tests).
    enum class WhileJobsRun { Ask, WaitThenQuit, CancelThenQuit, StayOpen };
    void setWhileJobsRun(WhileJobsRun choice) { m_whileJobsRun = choice; }

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    //! Opens `path` on a worker; its answer goes to openFinished unless a newer open came.
    void startOpen(const QString &path, bool mayCreateInForeignFolder, int demoRows);
    //! Shows what an openDatabase() came to.
    void openFinished(OpenedDatabase result, int demoRows);
    //! Shows `database` (opened), wiring the grid, the console and the history to it.
    void showDatabase(OpenedDatabase shown);
    //! The page offering Open, Open recent and the demo, saying `why` above them.
    void showWelcome(const QString &why);
    //! Enables what needs a database, and what writes only when it is writable.
    void updateActions();
    void fillRecentMenu(QMenu *menu);
    //! The folder chooser of File > Open.
    void chooseDatabase();
    QString selectedTable() const;
    //! False, saying why in the status bar, when no database is open (or, for what `writes`,
    //! when it is read-only).
    bool canRun(bool writes);
    //! Shows a listing of the tables (from refresh's worker, or the first one at open).
    void applyTables(engine::Result<std::vector<engine::TableInfo>> tables,
                     const QString &statusAfter);
    void tableMenu(const QPoint &at);
    //! A finished job's (or its file's) folder in the file manager, or a failed job's error in
    //! full.
    void openJobResult(const QModelIndex &index);
    //! Shows the folder holding `file` in the desktop's file manager (nothing for "").
    static void openFolderOf(const QString &file);
    //! The settings one-click exports follow (UTC names, retention).
    void applySettings(transfer::ExportSpec &spec) const;
    void applyFilter();
    //! The grid's answers: its rows for the request last made, or why not.
    void rowsShown();
    void rowsRefused(const QString &message);
    //! The header's sort indicator as the rows are shown (a refused sort reverts it).
    void syncSortIndicator();
    //! Marks the filter box with `error` ("" unmarks it), selecting the place `at` (an index
    //! into its text) when the error has one.
    void markFilter(const QString &error, int at = -1);

    std::shared_ptr<engine::Database> m_database;
    QString m_path;
    QString m_readOnlyReason;
    QStackedWidget *m_pages;
    QWidget *m_welcome; //!< no database open: why, and what to open
    QLabel *m_welcomeText;
    QWidget *m_opening; //!< the first database opening
    QLabel *m_openingText;
    QString m_openingPath; //!< what the opening page waits for
    QWidget *m_browser;    //!< a database open: the banner, the tree and the tabs
    QFrame *m_banner;      //!< read-only: why, and Retry
    QLabel *m_bannerText;
    QList<QAction *> m_needDatabase; //!< disabled while no database is open
    QList<QAction *> m_writes;       //!< disabled while it is read-only
    quint64 m_opens = 0;             //!< openDatabase() calls; only the newest one is shown
    quint64 m_opensEnded = 0;        //!< the newest open answered or canceled
    QString m_lastDropCopy;
    WhileJobsRun m_whileJobsRun = WhileJobsRun::Ask;
    bool m_quitWhenJobsEnd = false;
    TableListModel *m_model;
    QTreeView *m_tables;
    TableDataModel *m_data;
    GridView *m_grid;
    QTableView *m_rows; //!< m_grid's table view
    QLineEdit *m_filter;
    SqlConsole *m_console;
    HistoryModel *m_history;
    QTabWidget *m_tabs;
    QStackedWidget *m_dataPages; //!< the rows, or "no tables yet" with Import
    QPushButton *m_importHere;
    JobList *m_jobs;
    QTreeView *m_jobView;
    QLabel *m_status;
    QProgressBar *m_busy;      //!< while the grid reads
    QToolButton *m_cancelRead; //!< stops the grid's read
    QTimer *m_busyDelay;
    QString m_sizedFor;      //!< the table the grid's columns were fitted to
    quint64 m_refreshes = 0; //!< refreshes started; only the newest one's listing is shown
};

} // namespace strata::ui
