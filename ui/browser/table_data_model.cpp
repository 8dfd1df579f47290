#include "ui/browser/table_data_model.h"

#include "engine/transfer/export_job.h"
#include "engine/transfer/filter_error.h"

#include <QBrush>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <atomic>
#include <climits>
#include <mutex>

namespace strata::ui {

namespace detail {

//! What the GUI thread and the reader thread share: the newest request, and the connection
//! running a statement now, so that cancel() can stop it from the GUI thread.
struct GridShared {
    std::atomic<quint64> newest{0};
    std::mutex mutex;
    engine::Connection *running = nullptr;
    std::optional<size_t> runningBatch; //!< nullopt while an open runs

    //! `connection` is about to run a statement: a cancel made for an earlier read no longer
    //! applies, and one from now on (under the same lock) stops it, however soon it comes.
    void start(engine::Connection *connection, std::optional<size_t> batch)
    {
        std::lock_guard lock(mutex);
        connection->clearCancel();
        running = connection;
        runningBatch = batch;
    }
    void stop()
    {
        std::lock_guard lock(mutex);
        running = nullptr;
    }
    //! Stops the running open (batch nullopt), the running read of `batch`, or (all) either.
    void cancel(bool all, std::optional<size_t> batch = std::nullopt)
    {
        std::lock_guard lock(mutex);
        if (running && (all || runningBatch == batch))
            running->cancel();
    }
};

//! The reader thread's state: the snapshot of the rows shown and the cursor reading on.
struct GridWorker {
    quint64 generation = 0;                         //!< of the request whose rows these are
    std::unique_ptr<engine::Connection> connection; //!< in a transaction: one snapshot
    std::string sql;
    std::unique_ptr<engine::Cursor> cursor;
    size_t cursorBatch = 0; //!< the batch the cursor reads next
};

//! An open's answer: the shape, the count and the first batch, or why not.
struct GridOpened {
    engine::Status status;
    std::vector<std::string> columns;
    std::vector<engine::LogicalType> types;
    size_t rows = 0;
    engine::RowBatch first;
    int filterPosition = -1; //!< where in the filter's text the error is (QString index)
};

} // namespace detail

namespace {

std::string whereClause(const TableDataModel::Query &query)
{
    return query.where.trimmed().isEmpty() ? std::string() : " WHERE " + query.where.toStdString();
}

//! `message`, an error of `sql` (which starts `from` and goes on with the filter), said in
//! terms of the filter the user typed; `result` keeps where in it.
engine::Status onFilter(const engine::Status &status, const std::string &sql,
                        const std::string &from, const TableDataModel::Query &query,
                        detail::GridOpened &result)
{
    if (query.where.trimmed().isEmpty() || sql.size() < from.size())
        return status;
    const std::string where = query.where.toStdString();
    const auto located = transfer::locateFilterError(sql, from.size() + 7 /* " WHERE " */, where,
                                                     status.message());
    if (located.character >= 0)
        result.filterPosition = static_cast<int>(
            QString::fromUtf8(where.data(), static_cast<qsizetype>(located.byte)).size());
    return engine::Status(status.code(), located.message);
}

std::string selectSql(const TableDataModel::Query &query)
{
    std::string sql = "SELECT * FROM " + transfer::quoteIdentifier(query.table.toStdString())
                      + whereClause(query);
    if (query.sortColumn >= 0) {
        sql += " ORDER BY " + std::to_string(query.sortColumn + 1);
        sql += query.order == Qt::AscendingOrder ? " ASC" : " DESC";
    }
    return sql;
}

//! On the reader thread: a new snapshot, the query checked, its rows counted, the first batch.
std::shared_ptr<detail::GridOpened> openOnReader(detail::GridShared &shared,
                                                 detail::GridWorker &worker,
                                                 engine::Database &database, quint64 generation,
                                                 const TableDataModel::Query &query)
{
    auto result = std::make_shared<detail::GridOpened>();
    auto connection = database.connect();
    std::unique_ptr<engine::Cursor> cursor;
    const std::string sql = selectSql(query);
    shared.start(connection.get(), std::nullopt);
    if (shared.newest.load() != generation) { // canceled or superseded just before it started
        shared.stop();
        return nullptr;
    }
    engine::Status status = connection->begin();
    const std::string table = transfer::quoteIdentifier(query.table.toStdString());
    if (status) {
        auto opened = connection->query(sql);
        if (opened) {
            cursor = std::move(opened).value();
            result->columns = cursor->columnNames();
            result->types = cursor->columnTypes();
            const std::string countFrom = "SELECT count(*) FROM " + table;
            const std::string count = countFrom + whereClause(query);
            auto counted = connection->execute(count);
            if (!counted)
                status = onFilter(counted.status(), count, countFrom, query, *result);
            else if (!counted->rows.empty())
                result->rows = static_cast<size_t>(counted->rows[0][0].i);
            if (status && result->rows > 0)
                if (auto more = cursor->next(result->first, TableDataModel::kBatchRows); !more)
                    status = more.status();
        } else {
            status = onFilter(opened.status(), sql, "SELECT * FROM " + table, query, *result);
        }
    }
    shared.stop();
    if (shared.newest.load() != generation)
        return nullptr; // superseded or canceled while it ran: nobody waits for it
    result->status = status;
    if (status) {
        worker.generation = generation;
        worker.connection = std::move(connection);
        worker.sql = sql;
        worker.cursor = std::move(cursor);
        worker.cursorBatch = 1;
    }
    return result;
}

//! On the reader thread: batch `number` of the rows of request `generation`.
engine::Status fetchOnReader(detail::GridShared &shared, detail::GridWorker &worker,
                             quint64 generation, size_t number, engine::RowBatch &batch)
{
    if (worker.generation != generation || !worker.connection)
        return engine::Status(engine::StatusCode::Canceled, "superseded by a newer read");
    shared.start(worker.connection.get(), number);
    engine::Status status;
    if (!worker.cursor || worker.cursorBatch != number) {
        // A jump: read from that row on (the next batches then follow from here).
        const std::string from = worker.sql + " LIMIT 9223372036854775807 OFFSET "
                                 + std::to_string(number * TableDataModel::kBatchRows);
        auto cursor = worker.connection->query(from);
        if (cursor) {
            worker.cursor = std::move(cursor).value();
            worker.cursorBatch = number;
        } else {
            worker.cursor.reset();
            status = cursor.status();
        }
    }
    if (status) {
        auto more = worker.cursor->next(batch, TableDataModel::kBatchRows);
        ++worker.cursorBatch;
        if (!more) {
            worker.cursor.reset();
            status = more.status();
        }
    }
    shared.stop();
    return status;
}

} // namespace

TableDataModel::TableDataModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_shared(std::make_shared<detail::GridShared>())
    , m_worker(std::make_shared<detail::GridWorker>())
    , m_readerContext(new QObject)
{
    m_thread.setObjectName(QStringLiteral("grid reader"));
    m_readerContext->moveToThread(&m_thread);
    m_thread.start();
}

TableDataModel::~TableDataModel()
{
    m_shared->newest.store(~quint64(0));
    m_shared->cancel(true);
    m_thread.quit();
    m_thread.wait();
    delete m_readerContext;
}

void TableDataModel::setTable(std::shared_ptr<engine::Database> database, const QString &table,
                              const QString &where)
{
    m_database = std::move(database);
    if (table.isEmpty()) { // nothing to show (the table was dropped)
        const bool was = isBusy();
        m_generation += 1;
        m_shared->newest.store(m_generation);
        m_shared->cancel(true);
        m_openInFlight = false;
        beginResetModel();
        forget();
        m_asked = m_shown = {};
        m_shownGeneration = m_generation;
        endResetModel();
        m_lastError = {};
        m_lastErrorPosition = -1;
        // The reader lets go of its snapshot too, so a closed database is really closed.
        QMetaObject::invokeMethod(
            m_readerContext,
            [shared = m_shared, worker = m_worker, generation = m_generation] {
                if (shared->newest.load() != generation)
                    return; // a newer table is being read: that open replaces the snapshot
                worker->cursor.reset();
                worker->connection.reset();
                worker->sql.clear();
            },
            Qt::QueuedConnection);
        emit loaded();
        setBusy(was);
        return;
    }
    request({table, where, -1, Qt::AscendingOrder});
}

void TableDataModel::reload()
{
    if (m_database && !m_asked.table.isEmpty())
        request(m_asked);
}

void TableDataModel::sort(int column, Qt::SortOrder order)
{
    if (!m_database || m_asked.table.isEmpty() || column < 0)
        return;
    Query query = m_asked;
    query.sortColumn = column;
    query.order = order;
    request(query);
}

void TableDataModel::request(const Query &query)
{
    const bool was = isBusy();
    m_asked = query;
    const quint64 generation = ++m_generation;
    m_shared->newest.store(generation);
    m_shared->cancel(false); // an open still running is superseded
    m_openInFlight = true;
    QMetaObject::invokeMethod(
        m_readerContext,
        [this, shared = m_shared, worker = m_worker, database = m_database, generation, query] {
            if (shared->newest.load() != generation)
                return; // superseded before it started
            auto result = openOnReader(*shared, *worker, *database, generation, query);
            if (result)
                QMetaObject::invokeMethod(
                    this, [this, generation, result] { opened(generation, result); },
                    Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    setBusy(was);
}

void TableDataModel::cancel()
{
    const bool was = isBusy();
    if (m_openInFlight) {
        m_generation += 1; // what the running open answers is not shown
        m_shared->newest.store(m_generation);
        m_openInFlight = false;
        m_asked = m_shown;
        m_lastError = engine::Status(engine::StatusCode::Canceled, "canceled");
        m_lastErrorPosition = -1;
        emit failed(tr("Canceled: the rows shown are those from before."));
    }
    if (m_fetchInFlight)
        m_failedBatch = m_fetchInFlight; // not asked again until the view asks for others
    m_shared->cancel(true);
    setBusy(was);
}

void TableDataModel::opened(quint64 generation, std::shared_ptr<detail::GridOpened> result)
{
    if (generation != m_generation)
        return;
    const bool was = isBusy();
    m_openInFlight = false;
    if (!result->status) {
        m_lastError = result->status;
        m_lastErrorPosition = result->filterPosition;
        m_asked = m_shown;
        emit failed(QString::fromStdString(result->status.message()));
        setBusy(was);
        return;
    }
    // Read again (F5, or after an import) the window stays where it was; otherwise it starts at
    // the first row.
    const bool again = m_asked == m_shown;
    const size_t start = again ? m_windowStart : 0;
    beginResetModel();
    forget();
    m_keepsPlace = again;
    m_shown = m_asked;
    m_shownGeneration = generation;
    m_columns = std::move(result->columns);
    m_types = std::move(result->types);
    m_rows = std::min<size_t>(result->rows, INT_MAX);
    m_windowStart = std::min(start, m_rows - std::min<size_t>(m_rows, kWindowRows));
    if (result->first.rowCount() > 0) {
        m_batches.emplace(0, std::move(result->first));
        m_recent.push_front(0);
    }
    endResetModel();
    m_lastError = {};
    m_lastErrorPosition = -1;
    emit loaded();
    setBusy(was);
}

void TableDataModel::fetched(quint64 generation, size_t number,
                             std::shared_ptr<engine::RowBatch> batch, engine::Status status)
{
    const bool was = isBusy();
    m_fetchInFlight.reset();
    std::erase(m_wanted, number);
    if (generation == m_shownGeneration) {
        if (status && batch->rowCount() > 0) {
            if (m_batches.size() >= kKeptBatches) { // the least recently shown goes
                m_batches.erase(m_recent.back());
                m_recent.pop_back();
            }
            m_recent.push_front(number);
            m_batches.emplace(number, std::move(*batch));
            // The batch's rows that are in the window, counted from its start.
            const size_t windowEnd = m_windowStart + static_cast<size_t>(rowCount());
            const size_t first = std::max(number * kBatchRows, m_windowStart);
            const size_t end = std::min((number + 1) * kBatchRows, windowEnd);
            if (end > first)
                emit dataChanged(
                    index(static_cast<int>(first - m_windowStart), 0),
                    index(static_cast<int>(end - 1 - m_windowStart), columnCount() - 1));
        } else if (!status) {
            m_failedBatch = number; // shown as "…" rather than asked for again and again
            if (status.code() != engine::StatusCode::Canceled)
                emit failed(QString::fromStdString(status.message()));
        }
    }
    fetchNext();
    setBusy(was);
}

void TableDataModel::fetchNext()
{
    if (m_fetchInFlight)
        return;
    for (const size_t number : m_wanted) {
        if (m_batches.count(number) || m_failedBatch == number)
            continue;
        m_fetchInFlight = number;
        const quint64 generation = m_shownGeneration;
        QMetaObject::invokeMethod(
            m_readerContext,
            [this, shared = m_shared, worker = m_worker, generation, number] {
                auto batch = std::make_shared<engine::RowBatch>();
                engine::Status status = fetchOnReader(*shared, *worker, generation, number, *batch);
                QMetaObject::invokeMethod(
                    this,
                    [this, generation, number, batch, status] {
                        fetched(generation, number, batch, status);
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
        return;
    }
}

void TableDataModel::setBusy(bool was)
{
    if (was != isBusy())
        emit busyChanged(isBusy());
}

void TableDataModel::forget()
{
    m_batches.clear();
    m_recent.clear();
    m_wanted.clear();
    m_failedBatch.reset();
    m_columns.clear();
    m_types.clear();
    m_rows = 0;
    m_windowStart = 0;
}

void TableDataModel::setWindowStart(int start)
{
    const size_t last = m_rows - std::min<size_t>(m_rows, kWindowRows);
    const size_t to = std::min(static_cast<size_t>(std::max(start, 0)), last);
    if (to == m_windowStart)
        return;
    m_windowStart = to;
    const int rows = rowCount();
    if (rows == 0)
        return;
    if (columnCount() > 0)
        emit dataChanged(index(0, 0), index(rows - 1, columnCount() - 1));
    emit headerDataChanged(Qt::Vertical, 0, rows - 1);
}

bool TableDataModel::holds(int row) const
{
    return row >= 0 && m_batches.count(static_cast<size_t>(row) / kBatchRows) > 0;
}

int TableDataModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return static_cast<int>(std::min<size_t>(m_rows - m_windowStart, kWindowRows));
}

int TableDataModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant TableDataModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    return valueAt(static_cast<int>(m_windowStart) + index.row(), index.column(), role);
}

QVariant TableDataModel::valueAt(int globalRow, int column, int role) const
{
    if (globalRow < 0 || static_cast<size_t>(globalRow) >= m_rows || column < 0
        || static_cast<size_t>(column) >= m_columns.size())
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ForegroundRole
        && role != Qt::TextAlignmentRole)
        return {};
    const size_t row = static_cast<size_t>(globalRow);
    const size_t number = row / kBatchRows;
    const size_t r = row % kBatchRows; // batches hold kBatchRows rows each but the last
    const auto held = m_batches.find(number);
    if (held == m_batches.end()) {
        // Asked for on the reader; "…" until it arrives (dataChanged).
        if (std::find(m_wanted.begin(), m_wanted.end(), number) == m_wanted.end()) {
            m_wanted.push_front(number);
            constexpr size_t kWanted = 4; // a screenful spans two batches at most
            if (m_wanted.size() > kWanted) {
                m_wanted.pop_back();
                // The view has moved on from the batch being read (a jump): stop that read.
                if (m_fetchInFlight
                    && std::find(m_wanted.begin(), m_wanted.end(), *m_fetchInFlight)
                           == m_wanted.end())
                    m_shared->cancel(false, m_fetchInFlight);
            }
            if (number != m_failedBatch && !m_fetchInFlight) {
                auto *self = const_cast<TableDataModel *>(this);
                self->fetchNext();
                QMetaObject::invokeMethod(
                    self, [self] { emit self->busyChanged(self->isBusy()); }, Qt::QueuedConnection);
            }
        }
        if (role == Qt::DisplayRole)
            return QStringLiteral("…");
        if (role == Qt::ForegroundRole)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    }
    if (m_recent.front() != number) {
        m_recent.remove(number);
        m_recent.push_front(number);
    }
    const engine::RowBatch &batch = held->second;
    if (r >= batch.rowCount())
        return {};
    const auto &col = batch.columns[static_cast<size_t>(column)];
    const bool null = col.isNull(r);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (null)
            return QStringLiteral("NULL");
        if (col.type == engine::LogicalType::Blob) {
            const qlonglong bytes = qlonglong(col.bytesAt(r).size());
            return bytes == 1 ? tr("(1 byte)") : tr("(%1 bytes)").arg(QLocale().toString(bytes));
        }
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
    if (role != Qt::DisplayRole || section < 0)
        return {};
    if (orientation == Qt::Vertical)
        return qlonglong(m_windowStart) + section + 1;
    if (static_cast<size_t>(section) >= m_columns.size())
        return {};
    return QString::fromStdString(m_columns[static_cast<size_t>(section)]);
}

} // namespace strata::ui
