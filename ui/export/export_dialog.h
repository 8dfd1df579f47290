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
class QTabWidget;
class QTreeWidget;

namespace strata::ui {

class FormatOptionsPanel;

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
    //! Whether the preview is being worked out (on a worker thread: it reads the catalog and
    //! checks filters); previewReady() follows.
    bool previewPending() const { return m_previewPending; }

signals:
    void previewReady();

public:
    // For tests and keyboard users: the controls by role.
    void selectTables(const QStringList &tables);
    void setColumnChecked(const QString &table, const QString &column, bool checked);
    void setFilter(const QString &table, const QString &where);
    void setFormats(const QStringList &ids);
    //! One option of a format, as its schema names it ("" for its default).
    void setFormatOption(const QString &format, const QString &option, const QString &value);
    void setFolder(const QString &folder);
    void setZip(bool zip);
    //! The byte limit in MB (0: none).
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
    void showPreview(const engine::Result<std::vector<std::string>> &planned);

    std::shared_ptr<engine::Database> m_database;
    int64_t m_time;
    QString m_problem;
    quint64 m_previews = 0; //!< the newest request; an older answer is dropped
    bool m_previewPending = false;
    QPushButton *m_export = nullptr;
    QRadioButton *m_full, *m_tables, *m_query;
    QPlainTextEdit *m_sql;
    QTreeWidget *m_tree;
    std::map<std::string, QCheckBox *> m_formats;
    //! Each exporting format's options, made from its schema; a tab each, shown while chosen.
    std::map<std::string, FormatOptionsPanel *> m_options;
    QTabWidget *m_optionTabs;
    QComboBox *m_sanitize;
    QCheckBox *m_utc, *m_zip;
    QLineEdit *m_folder, *m_profile;
    QSpinBox *m_maxRows, *m_maxMegabytes;
    QListWidget *m_preview;
};

} // namespace strata::ui
