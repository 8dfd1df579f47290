#pragma once

#include "engine/api/database.h"

#include <QAbstractTableModel>
#include <list>
#include <map>
#include <memory>
#include <vector>

namespace strata::ui {

//! The rows of one table (filtered, sorted), read from one snapshot in batches of 1,024 only
//! when the view shows them, and at most kKeptBatches batches kept: scrolling through ten
//! million rows reads them as it goes and memory stays flat. Scrolling on reads on from where
//! the last batch ended; a jump (dragging the scroll bar) starts a read at that row (OFFSET).
//! Sorting and filtering run on the engine (ORDER BY, WHERE).
class TableDataModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit TableDataModel(QObject *parent = nullptr);

    //! Shows `table`, filtered by `where` (SQL, empty for all rows). Returns the error (a bad
    //! filter says where), leaving the model empty.
    engine::Status setTable(std::shared_ptr<engine::Database> database, const QString &table,
                            const QString &where = {});
    QString table() const { return m_table; }
    //! Reads the table again from a new snapshot (same filter and sort).
    engine::Status reload();
    //! Batches of rows held now (at most kKeptBatches).
    size_t keptBatches() const { return m_batches.size(); }
    static constexpr size_t kKeptBatches = 32;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    //! A read the view started (a sort from the header) failed; the message says why.
    void failed(const QString &message);

private:
    engine::Status requery();
    //! Drops the cursor and the rows read (inside a model reset).
    void forget();
    std::string sql() const;
    //! The batch holding `row`, read if it is not held (const: the view asks in data()).
    const engine::RowBatch *batchFor(size_t row) const;

    static constexpr size_t kBatchRows = 1024;
    std::shared_ptr<engine::Database> m_database;
    std::unique_ptr<engine::Connection> m_connection; //!< in a transaction: one snapshot
    QString m_table, m_where;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::vector<std::string> m_columns;
    size_t m_rows = 0;
    // Read state, changed by data() as the view asks for rows.
    mutable std::unique_ptr<engine::Cursor> m_cursor;
    mutable size_t m_cursorBatch = 0; //!< the batch the cursor reads next
    mutable std::map<size_t, engine::RowBatch> m_batches;
    mutable std::list<size_t> m_recent; //!< batch numbers, most recently used first
};

} // namespace strata::ui
