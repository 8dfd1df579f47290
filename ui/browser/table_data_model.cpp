#include "ui/browser/table_data_model.h"

#include "engine/transfer/export_job.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>
#include <climits>

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

engine::Status TableDataModel::reload()
{
    if (!m_connection || m_table.isEmpty())
        return {};
    return requery();
}

void TableDataModel::forget()
{
    m_cursor.reset();
    m_batches.clear();
    m_recent.clear();
    m_columns.clear();
    m_rows = 0;
}

std::string TableDataModel::sql() const
{
    std::string sql = "SELECT * FROM " + transfer::quoteIdentifier(m_table.toStdString());
    if (!m_where.trimmed().isEmpty())
        sql += " WHERE " + m_where.toStdString();
    if (m_sortColumn >= 0) {
        sql += " ORDER BY " + std::to_string(m_sortColumn + 1);
        sql += m_sortOrder == Qt::AscendingOrder ? " ASC" : " DESC";
    }
    return sql;
}

engine::Status TableDataModel::requery()
{
    beginResetModel();
    forget();
    // One snapshot for the count and every batch read later.
    if (m_connection->inTransaction())
        (void)m_connection->rollback();
    engine::Status status = m_connection->begin();
    if (status) {
        auto cursor = m_connection->query(sql());
        if (cursor) {
            m_cursor = std::move(cursor).value();
            m_columns = m_cursor->columnNames();
            m_cursorBatch = 0;
            std::string count
                = "SELECT count(*) FROM " + transfer::quoteIdentifier(m_table.toStdString());
            if (!m_where.trimmed().isEmpty())
                count += " WHERE " + m_where.toStdString();
            auto counted = m_connection->execute(count);
            if (!counted)
                status = counted.status();
            else if (!counted->rows.empty())
                m_rows = static_cast<size_t>(counted->rows[0][0].i);
        } else {
            status = cursor.status();
        }
    }
    if (!status)
        forget();
    endResetModel();
    return status;
}

int TableDataModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(std::min<size_t>(m_rows, INT_MAX));
}

int TableDataModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

const engine::RowBatch *TableDataModel::batchFor(size_t row) const
{
    const size_t number = row / kBatchRows;
    auto held = m_batches.find(number);
    if (held != m_batches.end()) {
        m_recent.remove(number);
        m_recent.push_front(number);
        return &held->second;
    }
    if (!m_cursor || m_cursorBatch != number) {
        // A jump: read from that row on (the next batches then follow from here).
        const std::string from
            = sql() + " LIMIT 9223372036854775807 OFFSET " + std::to_string(number * kBatchRows);
        auto cursor = m_connection->query(from);
        if (!cursor)
            return nullptr;
        m_cursor = std::move(cursor).value();
        m_cursorBatch = number;
    }
    engine::RowBatch batch;
    auto more = m_cursor->next(batch, kBatchRows);
    ++m_cursorBatch;
    if (!more || batch.rowCount() == 0)
        return nullptr;
    if (m_batches.size() >= kKeptBatches) { // the least recently shown goes
        m_batches.erase(m_recent.back());
        m_recent.pop_back();
    }
    m_recent.push_front(number);
    return &m_batches.emplace(number, std::move(batch)).first->second;
}

QVariant TableDataModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    // Batches hold kBatchRows rows each but the last.
    const size_t row = static_cast<size_t>(index.row());
    const size_t r = row % kBatchRows;
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ForegroundRole
        && role != Qt::TextAlignmentRole)
        return {};
    const engine::RowBatch *batch = batchFor(row);
    if (!batch || r >= batch->rowCount())
        return {};
    const auto &col = batch->columns[static_cast<size_t>(index.column())];
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
    if (const engine::Status status = requery(); !status)
        emit failed(QString::fromStdString(status.message()));
}

} // namespace strata::ui
