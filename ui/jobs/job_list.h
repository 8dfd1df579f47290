#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"
#include "engine/transfer/import_spec.h"

#include <QAbstractItemModel>
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

//! Exports and imports running on Qt Concurrent's pool, one top-level row each: what,
//! progress, rows, size, rows per second, elapsed time, outcome. The GUI thread polls progress
//! ten times a second, so a job never waits on the GUI and the GUI never waits on a job.
//!
//! A finished job has child rows saying where things went: each file it wrote (path, rows,
//! bytes), an import's rejects file with its count, a restore's copy of the database as it
//! was, its warnings, and a failed job's error in full.
class JobList : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { What, Progress, Rows, Size, Speed, Elapsed, Outcome, ColumnCount };
    enum class State { Running, Done, Failed, Canceled };
    //! What a child row of a finished job is.
    enum class DetailKind { File, Rejects, Backup, Note, Error };
    //! A file the job wrote (its path in Detail::text), not a note or an error.
    static bool isFile(DetailKind kind)
    {
        return kind == DetailKind::File || kind == DetailKind::Rejects
               || kind == DetailKind::Backup;
    }
    struct Detail {
        DetailKind kind = DetailKind::Note;
        QString text;      //!< the file's path, or the note's or error's text
        qint64 rows = -1;  //!< -1: not a count of rows
        qint64 bytes = -1; //!< -1: not a file's size
    };

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
    //! An import or restore (it writes into the database).
    bool changesDatabase(int row) const { return m_jobs[static_cast<size_t>(row)]->writes; }
    //! The child rows of job `row` (none while it runs).
    const std::vector<Detail> &details(int row) const;
    //! The job an index belongs to (its own row, or its detail's parent), -1 for none.
    int jobOf(const QModelIndex &index) const;
    //! The detail an index is (nullptr for a job's own row).
    const Detail *detailOf(const QModelIndex &index) const;
    //! The file an index stands for: a file detail's path, or a job's first file; "" for none.
    QString fileOf(const QModelIndex &index) const;
    bool anyRunning() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
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
        std::vector<Detail> details;
    };
    using JobResult = engine::Result<JobOutcome>;
    struct Job {
        QString title;
        std::shared_ptr<JobProgress> progress = std::make_shared<JobProgress>();
        QElapsedTimer clock;
        qint64 elapsedNs = 0; //!< nanoseconds: a tiny job's rates need more than 0 ms
        State state = State::Running;
        bool writes = false;
        QString message;
        QStringList files;
        std::vector<Detail> details;
        std::unique_ptr<QFutureWatcher<JobResult>> watcher;
    };
    //! A job's work, run on the pool: what it did, or why it did not.
    using Work = std::function<JobResult(JobProgress &)>;
    int start(const QString &title, Work work);
    int add(const QString &title);
    void finish(int row);
    void poll();
    QVariant jobData(const Job &job, int row, int column, int role) const;
    QVariant detailData(const Detail &detail, int column, int role) const;

    std::vector<std::unique_ptr<Job>> m_jobs;
    QTimer m_timer;
};

} // namespace strata::ui
