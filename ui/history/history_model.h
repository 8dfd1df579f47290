#pragma once

#include "engine/api/database.h"
#include "engine/transfer/audit.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace strata::ui {

//! The History tab: past exports, imports and restores from the audit trail, newest first,
//! as a person reads them (when, what, files, rows, outcome, duration). Read on a worker.
class HistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { When, What, Files, Rows, Outcome, Duration, ColumnCount };
    //! Entries shown at most (the audit trail itself keeps every one).
    static constexpr size_t kShown = 1000;

    explicit HistoryModel(QObject *parent = nullptr);

    //! Reads the trail of `database` again on a worker (nullptr empties it); a newer load
    //! supersedes an older one. Emits loaded or failed.
    void load(std::shared_ptr<engine::Database> database);
    bool isLoading() const { return m_loading; }
    const transfer::AuditEntry &entry(int row) const { return m_entries[size_t(row)]; }
    //! The first file of entry `row` that still exists ("" when none does).
    QString existingFile(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void failed(const QString &message);

private:
    std::vector<transfer::AuditEntry> m_entries;
    quint64 m_loads = 0;
    bool m_loading = false;
};

} // namespace strata::ui
