#include "ui/models/table_list_model.h"

#include <QDateTime>
#include <QLocale>

namespace strata::ui {

TableListModel::TableListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

engine::Status TableListModel::reload(engine::Connection &connection)
{
    auto tables = connection.tables();
    beginResetModel();
    m_tables = tables ? std::move(*tables) : std::vector<engine::TableInfo>{};
    endResetModel();
    return tables ? engine::Status() : tables.status();
}

int TableListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_tables.size());
}

int TableListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TableListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &t = m_tables[static_cast<size_t>(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() == Rows)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
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
    case Rows:
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
