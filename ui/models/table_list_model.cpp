#include "ui/models/table_list_model.h"

#include "engine/transfer/audit.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <algorithm>

namespace strata::ui {

TableListModel::TableListModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

// A table's row has internal id 0; a column's row has the id of its table's row + 1.
QModelIndex TableListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < rowCount() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0)
        return {};
    const auto &t = m_tables[static_cast<size_t>(parent.row())];
    if (row >= static_cast<int>(t.columns.size()))
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex TableListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

QString TableListModel::tableOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    const int row = index.internalId() == 0 ? index.row() : int(index.internalId() - 1);
    return QString::fromStdString(m_tables[static_cast<size_t>(row)].name);
}

bool TableListModel::isView(const QString &name) const
{
    const std::string wanted = name.toStdString();
    return std::any_of(m_tables.begin(), m_tables.end(),
                       [&](const engine::TableInfo &t) { return t.isView() && t.name == wanted; });
}

void TableListModel::setTables(std::vector<engine::TableInfo> tables)
{
    // The audit trail is Strata's own record (the History tab reads it), not a user's table.
    std::erase_if(tables,
                  [](const engine::TableInfo &t) { return t.name == transfer::kAuditTable; });
    beginResetModel();
    m_tables = std::move(tables);
    endResetModel();
}

int TableListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_tables.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return static_cast<int>(m_tables[static_cast<size_t>(parent.row())].columns.size());
}

int TableListModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TableListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() != 0) {
        const auto &t = m_tables[static_cast<size_t>(index.internalId() - 1)];
        const auto &c = t.columns[static_cast<size_t>(index.row())];
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
            return {};
        switch (index.column()) {
        case Name:
            return QString::fromStdString(c.name);
        case Rows:
            return QString::fromStdString(c.declaredType.empty() ? engine::typeName(c.type)
                                                                 : c.declaredType);
        case Columns: {
            QStringList marks;
            if (c.primaryKey)
                marks << tr("key");
            if (c.notNull && !c.primaryKey)
                marks << tr("NOT NULL");
            if (c.unique)
                marks << tr("unique");
            if (c.sensitive)
                marks << tr("sensitive");
            return marks.join(QStringLiteral(", "));
        }
        default:
            return {};
        }
    }
    if (index.row() >= rowCount())
        return {};
    const auto &t = m_tables[static_cast<size_t>(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() == Rows)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (t.isView()) {
        if (role == Qt::ToolTipRole && index.column() == Name)
            return t.viewProblem.empty() ? tr("View: %1").arg(QString::fromStdString(t.viewSql))
                                         : tr("View that cannot run now: %1\n%2")
                                               .arg(QString::fromStdString(t.viewProblem),
                                                    QString::fromStdString(t.viewSql));
        if (role == Qt::FontRole && index.column() == Name) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        if (role == Qt::DisplayRole && index.column() == Rows)
            return t.viewProblem.empty() ? tr("view") : tr("view (cannot run)");
    }
    if (role == Qt::ToolTipRole && index.column() == Columns) {
        QStringList lines;
        for (const auto &c : t.columns)
            lines << QStringLiteral("%1 %2%3%4")
                         .arg(QString::fromStdString(c.name),
                              QString::fromStdString(c.declaredType.empty()
                                                         ? engine::typeName(c.type)
                                                         : c.declaredType),
                              c.primaryKey ? tr(" (primary key)") : QString(),
                              c.sensitive ? tr(" (sensitive)") : QString());
        return lines.join('\n');
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return QString::fromStdString(t.name);
    case Rows: // a view's: above
        return QLocale().toString(static_cast<qulonglong>(t.rowCount));
    case Columns:
        return static_cast<int>(t.columns.size());
    case Created:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(t.createdAt / 1000).toLocalTime(),
                                  QLocale::ShortFormat);
    }
    return {};
}

QVariant TableListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Table");
    case Rows:
        return tr("Rows");
    case Columns:
        return tr("Columns");
    case Created:
        return tr("Created");
    }
    return {};
}

} // namespace strata::ui
