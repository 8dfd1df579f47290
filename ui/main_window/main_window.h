#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"

#include <QFuture>
#include <QMainWindow>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QToolButton;
class QTimer;
class QTabWidget;
class QTableView;
class QTreeView;

namespace strata::ui {

class ExportDialog;
class JobList;
class SqlConsole;
class TableDataModel;
class TableListModel;

//! The main window: the tables on the left, the selected table's rows (lazily loaded, sorted
//! and filtered by the engine) in the centre, the jobs below. Exports, backups and imports run
//! as jobs on Qt Concurrent's pool; files dropped on the window open the import dialog.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(std::shared_ptr<engine::Database> database, const QString &path,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    TableListModel *tableModel() const { return m_model; }
    TableDataModel *dataModel() const { return m_data; }
    JobList *jobs() const { return m_jobs; }
    SqlConsole *console() const { return m_console; }
    QTabWidget *tabs() const { return m_tabs; }
    //! Opens another database folder in a new window and closes this one; returns the new
    //! window (nullptr, after saying why, when the folder cannot be opened).
    MainWindow *openDatabase(const QString &path);
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
    //! Runs the export profile `name` (ExportProfiles) as a job; false when there is none.
    bool runExportProfile(const QString &name);

    //! The History tab: past exports and imports from the audit_log table, newest first.
    void showHistory();
    //! The first file of a history entry that still exists ("" when none does): Enter or a
    //! double-click on the entry opens its folder.
    QString historyFile(int row) const;
    TableDataModel *historyModel() const { return m_history; }
    //! Drops a table on a worker (the context menu asks first); the tree follows when done.
    QFuture<engine::Status> dropTable(const QString &table);

signals:
    //! The tree shows the tables as of the latest refresh.
    void tablesRefreshed();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QString selectedTable() const;
    //! Shows a listing of the tables (from refresh's worker, or the first one at open).
    void applyTables(engine::Result<std::vector<engine::TableInfo>> tables,
                     const QString &statusAfter);
    void tableMenu(const QPoint &at);
    //! A finished job's folder in the file manager, or a failed one's error in full.
    void openJobResult(int row);
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
    //! Marks the filter box with `error` ("" unmarks it).
    void markFilter(const QString &error);

    std::shared_ptr<engine::Database> m_database;
    QString m_path;
    TableListModel *m_model;
    QTreeView *m_tables;
    TableDataModel *m_data;
    QTableView *m_rows;
    QLineEdit *m_filter;
    SqlConsole *m_console;
    TableDataModel *m_history;
    QTabWidget *m_tabs;
    JobList *m_jobs;
    QTableView *m_jobView;
    QLabel *m_status;
    QProgressBar *m_busy;      //!< while the grid reads
    QToolButton *m_cancelRead; //!< stops the grid's read
    QTimer *m_busyDelay;
    QString m_sizedFor;      //!< the table the grid's columns were fitted to
    quint64 m_refreshes = 0; //!< refreshes started; only the newest one's listing is shown
};

} // namespace strata::ui
