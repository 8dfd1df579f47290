#pragma once

#include "engine/api/database.h"
#include "engine/transfer/import_job.h"

#include <QDialog>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace strata::ui {

//! The import wizard's page: what Strata detected in the file (format, delimiter, encoding,
//! header), the first rows as they will be imported with their inferred types, the target
//! table (new, or an existing one), the mode and what to do with bad rows. Accepting it
//! yields the ImportSpec the job runs.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    ImportDialog(std::shared_ptr<engine::Database> database, const QStringList &files,
                 const QString &targetTable = {}, QWidget *parent = nullptr);

    transfer::ImportSpec spec() const;
    //! The detected format id of the first file ("csv"), empty when it could not be read.
    QString detectedFormat() const { return m_format; }
    //! Rows shown in the preview.
    int previewRows() const;
    //! Column names of the preview, and the type chosen for one (inferred unless changed).
    QStringList previewColumns() const { return m_columns; }
    void setColumnType(const QString &column, const QString &type);
    //! CSV options, as the controls set them (empty: sniffed). Changing one re-reads the
    //! preview.
    void setDelimiter(const QString &delimiter);

private:
    void preview();
    void updateMode();

    std::shared_ptr<engine::Database> m_database;
    QStringList m_files;
    QString m_format;
    bool m_multiTable = false;
    QLabel *m_detected;
    QComboBox *m_delimiter;
    QComboBox *m_header;
    QComboBox *m_encoding;
    QTableWidget *m_preview;
    QStringList m_columns;
    QStringList m_inferred;           //!< per column, as the preview guessed
    std::vector<QComboBox *> m_types; //!< per column, in the preview's first row
    QLineEdit *m_table;
    QComboBox *m_mode;
    QComboBox *m_onError;
};

} // namespace strata::ui
