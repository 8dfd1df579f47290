#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"

#include <QDialog>
#include <map>
#include <memory>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;
class QTreeWidget;

namespace strata::ui {

//! The export selection builder: what (the whole database, tables with their columns and a
//! filter each, or a query), in which formats with which options, where, and how the files are
//! named — with the exact names previewed as the choices change. Accepting it yields the
//! ExportSpec the job runs; the choices are remembered for next time.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(std::shared_ptr<engine::Database> database, const QStringList &tables,
                 const QString &folder, QWidget *parent = nullptr);

    //! Exactly what the controls show (the names' time pinned to the preview's).
    transfer::ExportSpec spec() const;
    //! The file names the preview lists (from transfer::planExport), or the problem.
    QStringList previewNames() const;
    QString previewProblem() const { return m_problem; }

    // For tests and keyboard users: the controls by role.
    void selectTables(const QStringList &tables);
    void setColumnChecked(const QString &table, const QString &column, bool checked);
    void setFilter(const QString &table, const QString &where);
    void setFormats(const QStringList &ids);
    void setCsvPreset(const QString &preset);
    void setFolder(const QString &folder);
    void setZip(bool zip);
    //! CSV fields beyond the preset ("" keeps the preset's), GeoJSON's geometry column ("" finds
    //! it by name), and the byte limit in MB (0: none).
    void setCsvFields(const QString &delimiter, bool header, const QString &nullText);
    void setGeometryColumn(const QString &column);
    void setMaxMegabytes(int megabytes);
    //! Query scope with this SELECT.
    void setQuery(const QString &sql);
    //! Sets every control from `spec` (a saved profile being edited); spec() then gives it
    //! back (with this dialog's name time).
    void loadSpec(const transfer::ExportSpec &spec);
    //! Keeps spec() under `name` (ExportProfiles) for File > Export profiles; replaces a
    //! profile of that name.
    void saveAsProfile(const QString &name);

public slots:
    void updatePreview();

private:
    void remember() const;

    std::shared_ptr<engine::Database> m_database;
    int64_t m_time;
    QString m_problem;
    QRadioButton *m_full, *m_tables, *m_query;
    QPlainTextEdit *m_sql;
    QTreeWidget *m_tree;
    std::map<std::string, QCheckBox *> m_formats;
    QComboBox *m_csvPreset, *m_csvDelimiter, *m_sqlDialect, *m_sanitize;
    QCheckBox *m_csvHeader, *m_jsonLines, *m_utc, *m_zip;
    QLineEdit *m_csvNull, *m_geometry, *m_folder, *m_profile;
    QSpinBox *m_maxRows, *m_maxMegabytes;
    QListWidget *m_preview;
};

} // namespace strata::ui
