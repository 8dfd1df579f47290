#include "ui/browser/table_data_model.h"

#include "engine/transfer/export_job.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace strata::ui {

TableDataModel::TableDataModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

engine::Status TableDataModel::setTable(std::shared_ptr<engine::Database> database,
                                        const QString &table, const QString &where)
{
    m_database = std::move(database);
    m_connection = m_database->connect();
    m_table = table;
    m_where = where;
    m_sortColumn = -1;
    if (table.isEmpty()) { // nothing to show (the table was dropped)
        beginResetModel();
        forget();
        endResetModel();
        return {};
    }
    return requery();
}

void TableDataModel::forget()
{
    m_cursor.reset();
    m_batches.clear();
    m_columns.clear();
    m_rows = 0;
    m_atEnd = true;
}

engine::Status TableDataModel::requery()
{
    beginResetModel();
    forget();
    std::string sql = "SELECT * FROM " + transfer::quoteIdentifier(m_table.toStdString());
    if (!m_where.trimmed().isEmpty())
        sql += " WHERE " + m_where.toStdString();
    if (m_sortColumn >= 0) {
        sql += " ORDER BY " + std::to_string(m_sortColumn + 1);
        sql += m_sortOrder == Qt::AscendingOrder ? " ASC" : " DESC";
    }
    engine::Status status;
    auto cursor = m_connection->query(sql);
    if (cursor) {
        m_cursor = std::move(cursor).value();
        m_columns = m_cursor->columnNames();
        m_atEnd = false;
    } else {
        status = cursor.status();
    }
    endResetModel();
    if (status && canFetchMore({}))
        fetchMore({});
    return status;
}

int TableDataModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows);
}

int TableDataModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

bool TableDataModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_cursor && !m_atEnd;
}

void TableDataModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    engine::RowBatch batch;
    auto more = m_cursor->next(batch, kBatchRows);
    if (!more || !*more)
        m_atEnd = true;
    if (batch.rowCount() == 0)
        return;
    const int first = static_cast<int>(m_rows);
    beginInsertRows({}, first, first + static_cast<int>(batch.rowCount()) - 1);
    m_rows += batch.rowCount();
    m_batches.push_back(std::move(batch));
    endInsertRows();
}

QVariant TableDataModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    // Batches hold kBatchRows rows each but the last.
    const size_t row = static_cast<size_t>(index.row());
    const engine::RowBatch &batch = m_batches[row / kBatchRows];
    const auto &col = batch.columns[static_cast<size_t>(index.column())];
    const size_t r = row % kBatchRows;
    const bool null = col.isNull(r);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (null)
            return QStringLiteral("NULL");
        if (col.type == engine::LogicalType::Blob)
            return tr("(%n byte(s))", nullptr, int(col.bytesAt(r).size()));
        return QString::fromStdString(col.valueAt(r).toString());
    case Qt::ForegroundRole:
        if (null)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        if (engine::isNumeric(col.type))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant TableDataModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return QString::fromStdString(m_columns[static_cast<size_t>(section)]);
}

void TableDataModel::sort(int column, Qt::SortOrder order)
{
    if (!m_connection || column < 0)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    requery();
}

} // namespace strata::ui
