#pragma once

#include "engine/api/database.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;

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
    //! Where one-click exports and backups go (remembered in the settings).
    QString exportFolder() const;
    void setExportFolder(const QString &folder);

public slots:
    void refresh();
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

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QString selectedTable() const;
    void applyFilter();

    std::shared_ptr<engine::Database> m_database;
    QString m_path;
    std::unique_ptr<engine::Connection> m_connection;
    TableListModel *m_model;
    QTableView *m_tables;
    TableDataModel *m_data;
    QTableView *m_rows;
    QLineEdit *m_filter;
    SqlConsole *m_console;
    QTabWidget *m_tabs;
    JobList *m_jobs;
    QTableView *m_jobView;
    QLabel *m_status;
};

} // namespace strata::ui
