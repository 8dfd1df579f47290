#include "ui/jobs/job_list.h"

#include "engine/transfer/export_job.h"
#include "engine/transfer/import_job.h"

#include <QLocale>
#include <QtConcurrent>

namespace strata::ui {

void JobProgress::advance(int64_t done, const std::string &step)
{
    rows.store(done);
    std::lock_guard lock(m_mutex);
    m_step = step;
}

QString JobProgress::step() const
{
    std::lock_guard lock(m_mutex);
    return QString::fromStdString(m_step);
}

JobList::JobList(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &JobList::poll);
}

JobList::~JobList()
{
    // Jobs use the database and specs they were given; wait for them rather than leave them
    // running on a pool thread past the window.
    for (auto &job : m_jobs) {
        job->progress->canceled.store(true);
        if (job->watcher)
            job->watcher->waitForFinished();
    }
}

int JobList::add(const QString &title)
{
    const int row = static_cast<int>(m_jobs.size());
    beginInsertRows({}, row, row);
    auto job = std::make_unique<Job>();
    job->title = title;
    job->clock.start();
    job->watcher = std::make_unique<QFutureWatcher<JobResult>>();
    m_jobs.push_back(std::move(job));
    endInsertRows();
    if (!m_timer.isActive())
        m_timer.start();
    return row;
}

int JobList::start(const QString &title, Work work)
{
    const int row = add(title);
    Job *job = m_jobs.back().get();
    connect(job->watcher.get(), &QFutureWatcherBase::finished, this, [this, row] { finish(row); });
    job->watcher->setFuture(QtConcurrent::run(
        [work = std::move(work), progress = job->progress] { return work(*progress); }));
    return row;
}

int JobList::startExport(std::shared_ptr<engine::Database> database, transfer::ExportSpec spec,
                         const QString &title)
{
    return start(title, [database, spec = std::move(spec)](JobProgress &progress) -> JobResult {
        auto result = transfer::runExport(*database, spec, &progress);
        if (!result)
            return result.status();
        JobOutcome outcome;
        for (const auto &f : result->files)
            outcome.files << QString::fromStdString(f.path);
        outcome.summary = QObject::tr("%n file(s), %1 rows", nullptr, int(result->files.size()))
                              .arg(QLocale().toString(qlonglong(result->rows)));
        return outcome;
    });
}

int JobList::startImport(std::shared_ptr<engine::Database> database, transfer::ImportSpec spec,
                         const QString &title)
{
    return start(title, [database, spec = std::move(spec)](JobProgress &progress) -> JobResult {
        auto result = transfer::runImport(*database, spec, &progress);
        if (!result)
            return result.status();
        progress.rows.store(result->rowsImported);
        JobOutcome outcome;
        if (!result->rejectsPath.empty())
            outcome.files << QString::fromStdString(result->rejectsPath);
        outcome.summary = result->rowsSkipped
                              ? QObject::tr("%1 rows imported, %2 rejected")
                                    .arg(QLocale().toString(qlonglong(result->rowsImported)),
                                         QLocale().toString(qlonglong(result->rowsSkipped)))
                              : QObject::tr("%1 rows imported")
                                    .arg(QLocale().toString(qlonglong(result->rowsImported)));
        if (!result->preRestoreBackup.empty()) {
            outcome.files << QString::fromStdString(result->preRestoreBackup);
            outcome.summary += QObject::tr("; the database as it was is kept in %1")
                                   .arg(QString::fromStdString(result->preRestoreBackup));
        }
        return outcome;
    });
}

void JobList::finish(int row)
{
    Job &j = *m_jobs[static_cast<size_t>(row)];
    const JobResult outcome = j.watcher->result();
    j.elapsedNs = j.clock.nsecsElapsed();
    if (outcome) {
        j.state = State::Done;
        j.message = outcome->summary;
        j.files = outcome->files;
    } else {
        j.state = outcome.status().code() == engine::StatusCode::Canceled ? State::Canceled
                                                                          : State::Failed;
        j.message = QString::fromStdString(outcome.status().message());
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit finished(row);
}

void JobList::cancel(int row)
{
    if (row >= 0 && row < rowCount())
        m_jobs[static_cast<size_t>(row)]->progress->canceled.store(true);
}

JobList::State JobList::state(int row) const
{
    return m_jobs[static_cast<size_t>(row)]->state;
}

int JobList::percent(int row) const
{
    const Job &j = *m_jobs[static_cast<size_t>(row)];
    if (j.state == State::Done)
        return 100;
    const int64_t total = j.progress->total.load();
    if (total <= 0)
        return -1;
    return static_cast<int>(std::min<int64_t>(100, j.progress->rows.load() * 100 / total));
}

QStringList JobList::files(int row) const
{
    return m_jobs[static_cast<size_t>(row)]->files;
}

QString JobList::message(int row) const
{
    return m_jobs[static_cast<size_t>(row)]->message;
}

bool JobList::anyRunning() const
{
    return std::any_of(m_jobs.begin(), m_jobs.end(),
                       [](const auto &j) { return j->state == State::Running; });
}

void JobList::poll()
{
    if (!anyRunning()) {
        m_timer.stop();
        return;
    }
    for (size_t r = 0; r < m_jobs.size(); ++r)
        if (m_jobs[r]->state == State::Running)
            emit dataChanged(index(int(r), Progress), index(int(r), Elapsed));
}

int JobList::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_jobs.size());
}

int JobList::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobList::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Job &j = *m_jobs[static_cast<size_t>(index.row())];
    const qint64 ns = j.state == State::Running ? j.clock.nsecsElapsed() : j.elapsedNs;
    const qint64 ms = ns / 1000000;
    const int64_t rows = j.progress->rows.load();
    if (role == Qt::ToolTipRole && index.column() == Outcome)
        return j.message;
    if (role == Qt::UserRole && index.column() == Progress)
        return percent(index.row());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case What:
        return j.title;
    case Progress: {
        const int p = percent(index.row());
        return p < 0 ? j.progress->step() : QStringLiteral("%1%").arg(p);
    }
    case Rows:
        return QLocale().toString(qlonglong(rows));
    case Speed: {
        if (ns <= 0)
            return QString();
        const double seconds = double(ns) / 1e9;
        const QString rowRate
            = tr("%1 rows/s").arg(QLocale().toString(qlonglong(double(rows) / seconds)));
        const int64_t bytes = j.progress->bytes.load();
        if (bytes <= 0) // an import knows its bytes when it ends
            return rowRate;
        return tr("%1 · %2 MB/s")
            .arg(rowRate, QLocale().toString(double(bytes) / 1048576.0 / seconds, 'f', 1));
    }
    case Elapsed: {
        const QString elapsed
            = QStringLiteral("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
        const int p = percent(index.row());
        if (j.state != State::Running || p <= 0 || p >= 100)
            return elapsed;
        // What is left, at the pace so far.
        const double left = double(ms) / 1000.0 * (100 - p) / p;
        return tr("%1 (about %2 s left)").arg(elapsed, QLocale().toString(left, 'f', 0));
    }
    case Outcome:
        switch (j.state) {
        case State::Running:
            return tr("running");
        case State::Done:
            return j.message;
        case State::Canceled:
            return tr("canceled — nothing was kept");
        case State::Failed:
            return tr("failed: %1").arg(j.message);
        }
    }
    return {};
}

QVariant JobList::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case What:
        return tr("Job");
    case Progress:
        return tr("Progress");
    case Rows:
        return tr("Rows");
    case Speed:
        return tr("Speed");
    case Elapsed:
        return tr("Elapsed");
    case Outcome:
        return tr("Outcome");
    }
    return {};
}

} // namespace strata::ui
