#include "ui/history/history_model.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent>

namespace strata::ui {

namespace {

QString operationText(const std::string &operation)
{
    if (operation == "export")
        return HistoryModel::tr("Export");
    if (operation == "import")
        return HistoryModel::tr("Import");
    if (operation == "restore")
        return HistoryModel::tr("Restore");
    return QString::fromStdString(operation);
}

QString outcomeText(const std::string &outcome)
{
    if (outcome == "ok")
        return HistoryModel::tr("Done");
    if (outcome == "canceled")
        return HistoryModel::tr("Canceled: nothing was kept");
    if (outcome.rfind("error: ", 0) == 0)
        return HistoryModel::tr("Failed: %1").arg(QString::fromStdString(outcome.substr(7)));
    return QString::fromStdString(outcome);
}

QString durationText(double seconds)
{
    const QLocale locale;
    if (seconds < 60)
        return HistoryModel::tr("%1 s").arg(locale.toString(seconds, 'f', seconds < 10 ? 2 : 1));
    const auto whole = static_cast<qint64>(seconds + 0.5);
    return HistoryModel::tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
}

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HistoryModel::load(std::shared_ptr<engine::Database> database)
{
    const quint64 generation = ++m_loads;
    if (!database) {
        beginResetModel();
        m_entries.clear();
        endResetModel();
        m_loading = false;
        emit loaded();
        return;
    }
    m_loading = true;
    using Entries = engine::Result<std::vector<transfer::AuditEntry>>;
    auto *watcher = new QFutureWatcher<Entries>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_loads)
            return; // a newer load (or another database) replaced it
        m_loading = false;
        Entries entries = watcher->result();
        if (!entries) {
            emit failed(QString::fromStdString(entries.status().message()));
            return;
        }
        beginResetModel();
        m_entries = std::move(*entries);
        endResetModel();
        emit loaded();
    });
    watcher->setFuture(QtConcurrent::run(
        [database = std::move(database)] { return transfer::readAudit(*database, kShown); }));
}

QString HistoryModel::existingFile(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const auto &files = entry(row).files;
    // A name holding ", " was split by the reader: the whole list may be one file.
    QStringList parts;
    for (const auto &f : files)
        parts << QString::fromStdString(f);
    const QString whole = parts.join(QStringLiteral(", "));
    if (!whole.isEmpty() && QFileInfo(whole).isFile())
        return whole;
    for (const QString &part : std::as_const(parts))
        if (QFileInfo(part).isFile())
            return part;
    return {};
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &e = entry(index.row());
    if (role == Qt::TextAlignmentRole && (index.column() == Rows || index.column() == Duration))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (index.column() == Files) {
            QStringList files;
            for (const auto &f : e.files)
                files << QString::fromStdString(f);
            return files.join(QLatin1Char('\n'));
        }
        if (index.column() == What)
            return tr("%1 by %2")
                .arg(QString::fromStdString(e.summary), QString::fromStdString(e.user));
        if (index.column() == Outcome)
            return outcomeText(e.outcome);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case When:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(e.at / 1000).toLocalTime(),
                                  QLocale::ShortFormat);
    case What:
        return e.summary.empty() ? operationText(e.operation)
                                 : tr("%1: %2").arg(operationText(e.operation),
                                                    QString::fromStdString(e.summary));
    case Files:
        if (e.files.empty())
            return QString();
        if (e.files.size() == 1)
            return QFileInfo(QString::fromStdString(e.files[0])).fileName();
        return tr("%1 and %2 more")
            .arg(QFileInfo(QString::fromStdString(e.files[0])).fileName(),
                 QLocale().toString(qlonglong(e.files.size() - 1)));
    case Rows:
        return QLocale().toString(qlonglong(e.rows));
    case Outcome:
        return outcomeText(e.outcome);
    case Duration:
        return durationText(e.seconds);
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case When:
        return tr("When");
    case What:
        return tr("What");
    case Files:
        return tr("Files");
    case Rows:
        return tr("Rows");
    case Outcome:
        return tr("Outcome");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace strata::ui
