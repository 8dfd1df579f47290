#pragma once

#include "engine/api/database.h"

#include <QAbstractTableModel>
#include <vector>

namespace strata::ui {

//! The tables of a database: name, row count, columns and creation time, one row each.
class TableListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Rows, Columns, Created, ColumnCount };

    explicit TableListModel(QObject *parent = nullptr);

    //! Reloads from the connection; returns the error when listing failed (model emptied).
    engine::Status reload(engine::Connection &connection);
    const engine::TableInfo &tableAt(int row) const { return m_tables[static_cast<size_t>(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<engine::TableInfo> m_tables;
};

} // namespace strata::ui
