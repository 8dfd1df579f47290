#pragma once

#include "engine/api/database.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace strata::ui {

//! The rows of one table (or a query over it), read lazily from one snapshot in batches as the
//! view scrolls: opening a table of millions of rows reads only what is shown. Sorting and
//! filtering run the query again (ORDER BY, WHERE) on the engine.
class TableDataModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit TableDataModel(QObject *parent = nullptr);

    //! Shows `table`, filtered by `where` (SQL, empty for all rows). Returns the error (a bad
    //! filter says where), leaving the model empty.
    engine::Status setTable(std::shared_ptr<engine::Database> database, const QString &table,
                            const QString &where = {});
    QString table() const { return m_table; }
    //! Rows loaded so far (the view asks for more as it scrolls).
    int loadedRows() const { return rowCount(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    engine::Status requery();
    //! Drops the cursor and the rows read (inside a model reset).
    void forget();

    static constexpr size_t kBatchRows = 1024;
    std::shared_ptr<engine::Database> m_database;
    std::unique_ptr<engine::Connection> m_connection;
    std::unique_ptr<engine::Cursor> m_cursor;
    QString m_table, m_where;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::vector<std::string> m_columns;
    std::vector<engine::RowBatch> m_batches;
    size_t m_rows = 0;
    bool m_atEnd = true;
};

} // namespace strata::ui
