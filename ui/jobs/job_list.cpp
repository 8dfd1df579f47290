#include "ui/jobs/job_list.h"

#include "engine/transfer/export_job.h"
#include "engine/transfer/import_job.h"

#include <QColor>
#include <QDir>
#include <QFileInfo>
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
    : QAbstractItemModel(parent)
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
        for (const auto &f : result->files) {
            outcome.files << QString::fromStdString(f.path);
            outcome.details.push_back(
                {DetailKind::File, QString::fromStdString(f.path), f.rows, f.bytes});
        }
        for (const auto &w : result->warnings)
            outcome.details.push_back({DetailKind::Note, QString::fromStdString(w)});
        const QString rows = QLocale().toString(qlonglong(result->rows));
        outcome.summary = result->files.size() == 1
                              ? JobList::tr("1 file, %1 rows").arg(rows)
                              : JobList::tr("%1 files, %2 rows")
                                    .arg(QLocale().toString(qlonglong(result->files.size())), rows);
        return outcome;
    });
}

int JobList::startImport(std::shared_ptr<engine::Database> database, transfer::ImportSpec spec,
                         const QString &title)
{
    const int row
        = start(title, [database, spec = std::move(spec)](JobProgress &progress) -> JobResult {
              auto result = transfer::runImport(*database, spec, &progress);
              if (!result)
                  return result.status();
              progress.rows.store(result->rowsImported);
              JobOutcome outcome;
              for (const auto &t : result->tables)
                  outcome.details.push_back(
                      {DetailKind::Note,
                       JobList::tr("%1: %2 rows now (from %3)")
                           .arg(QString::fromStdString(t.table),
                                QLocale().toString(qlonglong(t.rowsAfter)),
                                QFileInfo(QString::fromStdString(t.source)).fileName()),
                       t.rowsAfter});
              const auto sizeOf = [](const std::string &path) {
                  return QFileInfo(QString::fromStdString(path)).size();
              };
              if (!result->rejectsPath.empty()) {
                  outcome.files << QString::fromStdString(result->rejectsPath);
                  outcome.details.push_back({DetailKind::Rejects,
                                             QString::fromStdString(result->rejectsPath),
                                             result->rowsSkipped, sizeOf(result->rejectsPath)});
              }
              outcome.summary = result->rowsSkipped
                                    ? JobList::tr("%1 rows imported, %2 rejected")
                                          .arg(QLocale().toString(qlonglong(result->rowsImported)),
                                               QLocale().toString(qlonglong(result->rowsSkipped)))
                                    : JobList::tr("%1 rows imported")
                                          .arg(QLocale().toString(qlonglong(result->rowsImported)));
              if (!result->preRestoreBackup.empty()) {
                  outcome.files << QString::fromStdString(result->preRestoreBackup);
                  outcome.details.push_back({DetailKind::Backup,
                                             QString::fromStdString(result->preRestoreBackup), -1,
                                             sizeOf(result->preRestoreBackup)});
                  outcome.summary += JobList::tr("; the database as it was is kept in %1")
                                         .arg(QString::fromStdString(result->preRestoreBackup));
              }
              for (const auto &w : result->warnings)
                  outcome.details.push_back({DetailKind::Note, QString::fromStdString(w)});
              return outcome;
          });
    m_jobs[static_cast<size_t>(row)]->writes = true;
    return row;
}

void JobList::finish(int row)
{
    Job &j = *m_jobs[static_cast<size_t>(row)];
    const JobResult outcome = j.watcher->result();
    j.elapsedNs = j.clock.nsecsElapsed();
    std::vector<Detail> details;
    if (outcome) {
        j.state = State::Done;
        j.message = outcome->summary;
        j.files = outcome->files;
        details = outcome->details;
    } else {
        j.state = outcome.status().code() == engine::StatusCode::Canceled ? State::Canceled
                                                                          : State::Failed;
        j.message = QString::fromStdString(outcome.status().message());
        if (j.state == State::Failed) // the whole error, in place under the job
            details.push_back({DetailKind::Error, j.message});
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (!details.empty()) {
        beginInsertRows(index(row, 0), 0, static_cast<int>(details.size()) - 1);
        j.details = std::move(details);
        endInsertRows();
    }
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

const std::vector<JobList::Detail> &JobList::details(int row) const
{
    return m_jobs[static_cast<size_t>(row)]->details;
}

// A job's own row has internal id 0; a detail's is its job's row + 1.
int JobList::jobOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return -1;
    return index.internalId() == 0 ? index.row() : static_cast<int>(index.internalId() - 1);
}

const JobList::Detail *JobList::detailOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == 0)
        return nullptr;
    const auto &details = m_jobs[index.internalId() - 1]->details;
    return static_cast<size_t>(index.row()) < details.size()
               ? &details[static_cast<size_t>(index.row())]
               : nullptr;
}

QString JobList::fileOf(const QModelIndex &index) const
{
    if (const Detail *d = detailOf(index))
        return isFile(d->kind) ? d->text : QString();
    const int job = jobOf(index);
    return job >= 0 && !files(job).isEmpty() ? files(job).front() : QString();
}

QModelIndex JobList::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < rowCount() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= rowCount())
        return {}; // details have no children
    const auto &details = m_jobs[static_cast<size_t>(parent.row())]->details;
    return static_cast<size_t>(row) < details.size()
               ? createIndex(row, column, quintptr(parent.row()) + 1)
               : QModelIndex();
}

QModelIndex JobList::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
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
    if (!parent.isValid())
        return static_cast<int>(m_jobs.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return static_cast<int>(m_jobs[static_cast<size_t>(parent.row())]->details.size());
}

int JobList::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JobList::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (const Detail *d = detailOf(index))
        return detailData(*d, index.column(), role);
    if (index.internalId() != 0)
        return {};
    return jobData(*m_jobs[static_cast<size_t>(index.row())], index.row(), index.column(), role);
}

namespace {

//! The roles jobs and their details answer alike: an error in red, counts aligned right.
QVariant commonRole(int role, int column, bool error)
{
    if (role == Qt::ForegroundRole && error)
        return QColor(Qt::red).darker(130);
    if (role == Qt::TextAlignmentRole && (column == JobList::Rows || column == JobList::Size))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

QVariant JobList::jobData(const Job &j, int row, int column, int role) const
{
    const qint64 ns = j.state == State::Running ? j.clock.nsecsElapsed() : j.elapsedNs;
    const qint64 ms = ns / 1000000;
    const int64_t rows = j.progress->rows.load();
    const int64_t bytes = j.progress->bytes.load();
    if (role == Qt::ToolTipRole && column == Outcome)
        return j.message;
    if (role == Qt::UserRole && column == Progress) {
        // A bar while it runs and once done; a failed or canceled job shows its state instead
        // of a bar that would look busy.
        if (j.state == State::Failed || j.state == State::Canceled)
            return {};
        return percent(row);
    }
    if (role != Qt::DisplayRole)
        return commonRole(role, column, column == Progress && j.state == State::Failed);
    switch (column) {
    case What:
        return j.title;
    case Progress: {
        if (j.state == State::Failed)
            return tr("Failed");
        if (j.state == State::Canceled)
            return tr("Canceled");
        const int p = percent(row);
        return p < 0 ? j.progress->step() : QStringLiteral("%1%").arg(p);
    }
    case Rows:
        return QLocale().toString(qlonglong(rows));
    case Size:
        return bytes > 0 ? sizeText(bytes) : QString();
    case Speed: {
        if (ns <= 0)
            return QString();
        const double seconds = double(ns) / 1e9;
        const QString rowRate
            = tr("%1 rows/s").arg(QLocale().toString(qlonglong(double(rows) / seconds)));
        if (bytes <= 0) // an import knows its bytes when it ends
            return rowRate;
        return tr("%1 · %2 MB/s")
            .arg(rowRate, QLocale().toString(double(bytes) / 1048576.0 / seconds, 'f', 1));
    }
    case Elapsed: {
        const QString elapsed = tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
        const int p = percent(row);
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

QVariant JobList::detailData(const Detail &d, int column, int role) const
{
    const bool file = isFile(d.kind);
    if (role == Qt::ToolTipRole) {
        if (file)
            return tr("%1\nDouble-click to open its folder; right-click to copy the path")
                .arg(QDir::toNativeSeparators(d.text));
        return d.text;
    }
    if (role != Qt::DisplayRole)
        return commonRole(role, column, d.kind == DetailKind::Error);
    switch (column) {
    case What: {
        const QString name = file ? QFileInfo(d.text).fileName() : d.text;
        switch (d.kind) {
        case DetailKind::Rejects:
            return tr("Rejected rows: %1").arg(name);
        case DetailKind::Backup:
            return tr("The database as it was: %1").arg(name);
        case DetailKind::Error:
            return tr("Error: %1").arg(name);
        default:
            return name;
        }
    }
    case Rows:
        return d.rows >= 0 ? QLocale().toString(d.rows) : QString();
    case Size:
        return d.bytes >= 0 ? sizeText(d.bytes) : QString();
    case Outcome:
        return file ? tr("in %1").arg(QDir::toNativeSeparators(QFileInfo(d.text).absolutePath()))
                    : QString();
    default:
        return {};
    }
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
    case Size:
        return tr("Size");
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
