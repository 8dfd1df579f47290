#pragma once

#include "engine/api/database.h"

#include <QAbstractTableModel>
#include <QThread>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace strata::ui {

namespace detail {
struct GridShared;
struct GridWorker;
struct GridOpened;
} // namespace detail

//! The rows of one table (filtered, sorted), read from one snapshot in batches of 1,024 only
//! when the view shows them, and at most kKeptBatches batches kept: scrolling through ten
//! million rows reads them as it goes and memory stays flat.
//!
//! A view sees a window of at most kWindowRows of them, starting at windowStart(): a view's
//! header keeps state per row (ten million rows cost it 80 MB and a quarter-second stall on
//! every change), so GridView shows the window and a scroll bar over all rows, and moves the
//! window as one scrolls. Rows here are counted from the first row of all (a "global" row);
//! a model index's row is counted from the window's start.
//!
//! Every read runs on the model's own reader thread, never on the GUI thread: setTable(),
//! reload() and sort() return at once and the model changes when the reader is done (loaded()),
//! keeping the rows it shows until then; a row whose batch is not read yet shows "…" until it
//! arrives (dataChanged). A newer request supersedes an older one, and cancel() stops the
//! running read. Scrolling on reads on from where the last batch ended; a jump starts a read
//! at that row (OFFSET). Sorting and filtering run on the engine (ORDER BY, WHERE).
class TableDataModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit TableDataModel(QObject *parent = nullptr);
    ~TableDataModel() override;

    //! Asks for `table`, filtered by `where` (SQL, empty for all rows), unsorted; an empty
    //! `table` empties the model at once. loaded() or failed() follows.
    void setTable(std::shared_ptr<engine::Database> database, const QString &table,
                  const QString &where = {});
    //! The table last asked for (shown, or being read).
    QString table() const { return m_asked.table; }
    //! The filter last asked for.
    QString filter() const { return m_asked.where; }
    //! Reads the table again from a new snapshot (same filter and sort).
    void reload();
    //! Stops the running read: an open, sort or filter leaves the rows shown before it.
    void cancel();
    //! A read is running (an open, a sort, a filter or a batch of rows).
    bool isBusy() const { return m_openInFlight || m_fetchInFlight.has_value(); }
    //! An open, sort or filter is running (loaded() or failed() follows).
    bool isOpening() const { return m_openInFlight; }
    //! The error of the last request ("" status when it worked); one in the filter is said in
    //! terms of the filter's text ("at character 7 of the filter").
    engine::Status lastError() const { return m_lastError; }
    //! Where in the filter's text the last error is (an index into filter(), -1: nowhere).
    int lastErrorPosition() const { return m_lastErrorPosition; }
    //! The sort shown (column -1: unsorted).
    int sortColumn() const { return m_shown.sortColumn; }
    Qt::SortOrder sortOrder() const { return m_shown.order; }

    //! The rows counted (at most INT_MAX: what a scroll bar spans).
    int totalRows() const { return static_cast<int>(m_rows); }
    //! The row of all rows that the window's (and a view's) row 0 shows.
    int windowStart() const { return static_cast<int>(m_windowStart); }
    //! Moves the window to start at `start` (kept within the rows): the same rowCount(), other
    //! rows (dataChanged, headerDataChanged). GridView keeps its cursor on the rows it was on.
    void setWindowStart(int start);
    static constexpr int kWindowRows = 100'000;
    //! The rows shown are those of the request before, read again (reload()): a view keeps its
    //! place in them. After another table, filter or sort it starts at the first row.
    bool keepsPlace() const { return m_keepsPlace; }
    //! What data() says of `row` (of all rows, not of the window) and `column`; asks for the
    //! row's batch when it is not held ("…" until it arrives).
    QVariant valueAt(int row, int column, int role = Qt::DisplayRole) const;
    //! The batch holding `row` (of all rows) is read and held (valueAt() then answers with it).
    bool holds(int row) const;
    //! Batches of rows held now (at most kKeptBatches).
    size_t keptBatches() const { return m_batches.size(); }
    static constexpr size_t kKeptBatches = 32;
    static constexpr size_t kBatchRows = 1024;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    //! The request last made is shown: rows counted, the first batch read.
    void loaded();
    //! The request last made failed or was canceled; the rows shown before it stay.
    void failed(const QString &message);
    void busyChanged(bool busy);

public:
    struct Query {
        QString table, where;
        int sortColumn = -1;
        Qt::SortOrder order = Qt::AscendingOrder;
        bool operator==(const Query &) const = default;
    };

private:
    void request(const Query &query);
    void opened(quint64 generation, std::shared_ptr<detail::GridOpened> result);
    void fetched(quint64 generation, size_t number, std::shared_ptr<engine::RowBatch> batch,
                 engine::Status status);
    //! Asks the reader for the next wanted batch, when none is being read.
    void fetchNext();
    //! Says busyChanged when isBusy() is no longer `was`.
    void setBusy(bool was);
    //! Drops the rows read (inside a model reset).
    void forget();

    std::shared_ptr<detail::GridShared> m_shared;
    std::shared_ptr<detail::GridWorker> m_worker; //!< touched on the reader thread only
    QThread m_thread;
    QObject *m_readerContext; //!< lives on m_thread: what is posted to it runs there
    std::shared_ptr<engine::Database> m_database;
    Query m_asked, m_shown;
    quint64 m_generation = 0;      //!< of the request last made
    quint64 m_shownGeneration = 0; //!< of the rows shown
    bool m_openInFlight = false;
    engine::Status m_lastError;
    int m_lastErrorPosition = -1;
    std::vector<std::string> m_columns;
    std::vector<engine::LogicalType> m_types;
    size_t m_rows = 0;        //!< counted (at most INT_MAX: what a scroll bar spans)
    size_t m_windowStart = 0; //!< the row of all rows that row 0 of the model shows
    bool m_keepsPlace = false;
    // Read state, changed by data() as the view asks for rows.
    mutable std::map<size_t, engine::RowBatch> m_batches;
    mutable std::list<size_t> m_recent;  //!< batch numbers, most recently used first
    mutable std::deque<size_t> m_wanted; //!< batches the view asked for, newest first
    mutable std::optional<size_t> m_fetchInFlight;
    mutable std::optional<size_t> m_failedBatch; //!< not asked again until the next request
};

} // namespace strata::ui
