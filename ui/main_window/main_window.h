#pragma once

#include "engine/api/database.h"

#include <QMainWindow>
#include <memory>

class QTableView;
class QLabel;

namespace strata::ui {

class TableListModel;

//! The main window: the tables of the open database. (Browsing, exports, imports and jobs
//! arrive with the desktop application work.)
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(std::shared_ptr<engine::Database> database, const QString &path,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    TableListModel *tableModel() const { return m_model; }

public slots:
    void refresh();

private:
    std::shared_ptr<engine::Database> m_database;
    QString m_path;
    std::unique_ptr<engine::Connection> m_connection;
    TableListModel *m_model;
    QTableView *m_view;
    QLabel *m_status;
};

} // namespace strata::ui
