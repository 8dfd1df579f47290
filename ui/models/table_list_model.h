#pragma once

#include "engine/api/database.h"

#include <QAbstractItemModel>
#include <vector>

namespace strata::ui {

//! The database tree: a row per table (name, row count, number of columns, creation time),
//! and under each table a row per column (name, type, and its markers: primary key, NOT NULL,
//! UNIQUE, sensitive). Views follow the tables, in italics, "view" where a table's row count
//! stands, their query in the tooltip.
class TableListModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, Rows, Columns, Created, ColumnCount };

    explicit TableListModel(QObject *parent = nullptr);

    //! Reloads from the connection; returns the error when listing failed (model emptied).
    //! Shows these tables (listed on a worker: listing counts every table's rows).
    void setTables(std::vector<engine::TableInfo> tables);
    const engine::TableInfo &tableAt(int row) const { return m_tables[static_cast<size_t>(row)]; }

    //! The table a tree index belongs to (a table's row or one of its columns), or "".
    QString tableOf(const QModelIndex &index) const;
    //! Whether the listed entry of this name is a view.
    bool isView(const QString &name) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<engine::TableInfo> m_tables;
};

} // namespace strata::ui
