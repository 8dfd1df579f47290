#pragma once

#include "engine/api/database.h"
#include "engine/transfer/import_job.h"

#include <QDialog>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace strata::ui {

//! The import wizard's page: what Strata detected in the file (format, delimiter, encoding,
//! header), the first rows as they will be imported, the target table and what to do with bad
//! rows. For a new table the first preview row holds the column types (inferred, editable);
//! for an existing table it holds where each file column goes (by name, else by position;
//! any column can be left out, and the import cannot start while one has no place). A backup
//! (several tables) instead lists its tables to restore, the restore mode, and a comparison
//! with the database (a dry run, on a worker thread). Accepting yields the ImportSpec the job
//! runs.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    ImportDialog(std::shared_ptr<engine::Database> database, const QStringList &files,
                 const QString &targetTable = {}, QWidget *parent = nullptr);
    ~ImportDialog() override;

    transfer::ImportSpec spec() const;
    //! The detected format id of the first file ("csv"), empty when it could not be read.
    QString detectedFormat() const { return m_format; }
    //! The file's first rows are being read for the preview (on a worker: a slow disk or a big
    //! zip never freezes the dialog); previewShown() when they are shown. Import waits for it.
    bool isPreviewing() const { return m_previewing; }
    //! Rows shown in the preview.
    int previewRows() const;
    //! Column names of the preview, and the type chosen for one (inferred unless changed).
    QStringList previewColumns() const { return m_columns; }
    void setColumnType(const QString &column, const QString &type);
    //! CSV options, as the controls set them (empty: sniffed). Changing one re-reads the
    //! preview.
    void setDelimiter(const QString &delimiter);
    void setTable(const QString &name);
    void setMode(transfer::ImportMode mode);

    //! Existing table: its columns; where a file column goes ("" = left out); why the import
    //! cannot start yet (empty when it can).
    QStringList targetColumns() const;
    void mapColumn(const QString &fileColumn, const QString &tableColumn);
    QString problem() const { return m_problem; }

    //! Backups: the tables listed (from the preview at once, then every one the backup holds,
    //! with its rows, once a worker has read it all: backupListed()), and choosing which to
    //! restore. A backup's audit_log is never listed: the database keeps its own.
    QStringList backupTables() const;
    bool isListingBackup() const { return m_surveying; }
    //! A single file is also read whole on a worker, for the types its later rows force:
    //! a column the first rows took for INTEGER that a later 'n/a' makes TEXT is said so
    //! ("line 7,413: 'n/a'"), with a choice to read that value as NULL (CSV) or to keep the
    //! type and reject such rows. wholeFileChecked() when done.
    bool isCheckingWholeFile() const { return m_checkingWholeFile; }
    void setTableChecked(const QString &table, bool checked);
    //! Starts the dry run; comparisonReady() when its text is shown.
    void compareWithDatabase();
    QString comparisonText() const;

signals:
    void previewShown();
    void comparisonReady();
    void backupListed();
    void wholeFileChecked();

private:
    //! The action, translated: "appended", "replaced", "merged".
    static QString actionText(transfer::ImportAction action);
    //! Reads the preview again (on a worker) with the options the controls give.
    void preview();
    void showPreview(const engine::Result<transfer::ImportPreview> &result);
    void updateMode();
    //! Rebuilds the preview's first row for the target (types, or the column mapping).
    void updateTarget();
    void checkMapping();
    //! Mode names for a table, or for a backup (what "replace" does depends on the choice).
    void nameModes();
    //! Adds `name` to the tables to restore (checked), or updates its row count (-1: unknown);
    //! false for a table never offered (audit_log).
    bool listBackupTable(const QString &name, qint64 rows);
    //! Reads the whole backup on a worker for every table it holds.
    void surveyBackup();
    void checkWholeFile();
    void clearWidenings();
    void showWidenings(const transfer::InferredTypes &whole);

    std::shared_ptr<engine::Database> m_database;
    QStringList m_files;
    QString m_format;
    bool m_previewing = false;
    quint64 m_previews = 0; //!< preview() calls: only the newest one's answer is shown
    bool m_multiTable = false;
    QLabel *m_detected;
    QComboBox *m_delimiter;
    QComboBox *m_header;
    QComboBox *m_encoding;
    QComboBox *m_escape; //!< none, or backslash escapes (MySQL)
    QTableWidget *m_preview;
    QStringList m_columns;
    QStringList m_inferred;             //!< per column, as the preview guessed
    std::vector<QComboBox *> m_types;   //!< per column, in the preview's first row
    std::vector<QComboBox *> m_targets; //!< per column, when importing into an existing table
    std::optional<engine::TableInfo> m_target;
    QString m_problem;
    QLabel *m_note;
    QLineEdit *m_table;
    QComboBox *m_mode;
    QComboBox *m_onError;
    QListWidget *m_restoreTables;
    QLabel *m_surveyStatus;
    std::shared_ptr<std::atomic<bool>> m_surveyCanceled; //!< of the survey running now
    bool m_surveying = false;
    QWidget *m_widened; //!< a row per column the whole file widened, with its choices
    std::vector<QWidget *> m_widenedRows;
    QStringList m_nullMarkers; //!< values chosen to be read as NULL
    std::shared_ptr<std::atomic<bool>> m_wholeFileCanceled;
    bool m_checkingWholeFile = false;
    QCheckBox *m_dropMissing; //!< a full restore also drops the tables the backup lacks
    QPushButton *m_compare;
    QPlainTextEdit *m_comparison;
    QPushButton *m_ok = nullptr;
    QFormLayout *m_form;
    QWidget *m_restoreRow; //!< tables, compare button and comparison (backups)
};

} // namespace strata::ui
