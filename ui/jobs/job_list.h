#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"
#include "engine/transfer/import_spec.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace strata::ui {

//! Progress of one job, written by the job's thread and read by the GUI thread's timer.
class JobProgress : public transfer::ProgressSink {
public:
    void setTotal(int64_t rows) override { total.store(rows); }
    void advance(int64_t rows, const std::string &step) override;
    bool isCanceled() const override { return canceled.load(); }
    void setBytes(int64_t b) override { bytes.store(b); }

    std::atomic<int64_t> total{0};
    std::atomic<int64_t> bytes{0};
    std::atomic<int64_t> rows{0};
    std::atomic<bool> canceled{false};
    QString step() const;

private:
    mutable std::mutex m_mutex;
    std::string m_step;
};

//! Exports and imports running on Qt Concurrent's pool, one row each: what, progress, rows
//! per second, elapsed time, outcome. The GUI thread polls progress ten times a second, so
//! a job never waits on the GUI and the GUI never waits on a job.
class JobList : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { What, Progress, Rows, Speed, Elapsed, Outcome, ColumnCount };
    enum class State { Running, Done, Failed, Canceled };

    explicit JobList(QObject *parent = nullptr);
    ~JobList() override;

    //! Starts an export of `database`; returns the job's row.
    int startExport(std::shared_ptr<engine::Database> database, transfer::ExportSpec spec,
                    const QString &title);
    //! Starts an import or restore into `database`; returns the job's row.
    int startImport(std::shared_ptr<engine::Database> database, transfer::ImportSpec spec,
                    const QString &title);
    void cancel(int row);
    State state(int row) const;
    //! Percent done (0..100), or -1 while the total is unknown.
    int percent(int row) const;
    //! Files an export wrote (or the rejects file of an import).
    QStringList files(int row) const;
    //! The full error or summary text.
    QString message(int row) const;
    bool anyRunning() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    //! A job ended (done, failed or canceled).
    void finished(int row);

private:
    //! What a job hands back to the GUI thread, through its future.
    struct JobOutcome {
        QString summary;
        QStringList files;
    };
    using JobResult = engine::Result<JobOutcome>;
    struct Job {
        QString title;
        std::shared_ptr<JobProgress> progress = std::make_shared<JobProgress>();
        QElapsedTimer clock;
        qint64 elapsedNs = 0; //!< nanoseconds: a tiny job's rates need more than 0 ms
        State state = State::Running;
        QString message;
        QStringList files;
        std::unique_ptr<QFutureWatcher<JobResult>> watcher;
    };
    //! A job's work, run on the pool: what it did, or why it did not.
    using Work = std::function<JobResult(JobProgress &)>;
    int start(const QString &title, Work work);
    int add(const QString &title);
    void finish(int row);
    void poll();

    std::vector<std::unique_ptr<Job>> m_jobs;
    QTimer m_timer;
};

} // namespace strata::ui
