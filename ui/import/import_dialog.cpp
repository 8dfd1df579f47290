#include "ui/import/import_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace strata::ui {

ImportDialog::ImportDialog(std::shared_ptr<engine::Database> database, const QStringList &files,
                           const QString &targetTable, QWidget *parent)
    : QDialog(parent)
    , m_database(std::move(database))
    , m_files(files)
    , m_detected(new QLabel(this))
    , m_preview(new QTableWidget(this))
    , m_table(new QLineEdit(this))
    , m_mode(new QComboBox(this))
    , m_onError(new QComboBox(this))
{
    setWindowTitle(files.size() == 1 ? tr("Import %1").arg(QFileInfo(files[0]).fileName())
                                     : tr("Import %n file(s)", nullptr, int(files.size())));
    m_detected->setWordWrap(true);
    m_detected->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setAccessibleName(tr("Preview of the first rows"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Target table"));
    m_mode->setAccessibleName(tr("Import mode"));
    m_mode->addItem(tr("Create a new table"), int(transfer::ImportMode::Create));
    m_mode->addItem(tr("Append to the table"), int(transfer::ImportMode::Append));
    m_mode->addItem(tr("Replace the table's rows"), int(transfer::ImportMode::Replace));
    m_mode->addItem(tr("Merge by primary key"), int(transfer::ImportMode::Merge));
    m_onError->setAccessibleName(tr("When a row cannot be imported"));
    m_onError->addItem(tr("Stop and import nothing"), int(transfer::ErrorPolicy::Abort));
    m_onError->addItem(tr("Skip it (rejects file)"), int(transfer::ErrorPolicy::Skip));

    auto *form = new QFormLayout;
    form->addRow(tr("Table:"), m_table);
    form->addRow(tr("Mode:"), m_mode);
    form->addRow(tr("Bad rows:"), m_onError);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_detected);
    layout->addWidget(m_preview, 1);
    layout->addLayout(form);
    layout->addWidget(buttons);

    preview();
    if (!targetTable.isEmpty())
        m_table->setText(targetTable);
    connect(m_table, &QLineEdit::textChanged, this, &ImportDialog::updateMode);
    updateMode();
    resize(760, 520);
}

void ImportDialog::preview()
{
    transfer::ImportSpec probe;
    auto result = transfer::previewImport(m_files.value(0).toStdString(), probe, 50);
    if (!result) {
        m_detected->setText(
            tr("Cannot read this file: %1").arg(QString::fromStdString(result.status().message())));
        return;
    }
    m_format = QString::fromStdString(result->format);
    QStringList facts{tr("Format: %1").arg(m_format.toUpper())};
    for (const auto &[key, value] : result->detected)
        facts << QStringLiteral("%1: %2").arg(QString::fromStdString(key),
                                              QString::fromStdString(value));
    for (const auto &w : result->warnings)
        facts << QString::fromStdString(w);
    m_multiTable = result->tables.size() > 1;
    if (m_multiTable)
        facts << tr("%n table(s)", nullptr, int(result->tables.size()));
    m_detected->setText(facts.join(QStringLiteral(" · ")));
    if (result->tables.empty())
        return;
    const auto &t = result->tables.front();
    m_table->setText(QString::fromStdString(t.name));
    m_table->setEnabled(!m_multiTable);
    m_preview->setColumnCount(static_cast<int>(t.columns.size()));
    QStringList headers;
    for (size_t c = 0; c < t.columns.size(); ++c)
        headers << QStringLiteral("%1\n%2").arg(QString::fromStdString(t.columns[c]),
                                                QString::fromStdString(t.types[c]));
    m_preview->setHorizontalHeaderLabels(headers);
    m_preview->setRowCount(static_cast<int>(t.rows.size()));
    for (size_t r = 0; r < t.rows.size(); ++r)
        for (size_t c = 0; c < t.rows[r].size(); ++c) {
            const auto &v = t.rows[r][c];
            auto *item
                = new QTableWidgetItem(v ? QString::fromStdString(*v) : QStringLiteral("NULL"));
            if (!v)
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            m_preview->setItem(static_cast<int>(r), static_cast<int>(c), item);
        }
    m_preview->resizeColumnsToContents();
}

void ImportDialog::updateMode()
{
    // An existing table gets rows appended by default; a new name creates the table.
    auto conn = m_database->connect();
    const bool exists = !m_multiTable && conn->table(m_table->text().toStdString()).isOk();
    m_mode->setCurrentIndex(m_mode->findData(int(exists         ? transfer::ImportMode::Append
                                                 : m_multiTable ? transfer::ImportMode::Replace
                                                                : transfer::ImportMode::Create)));
}

int ImportDialog::previewRows() const
{
    return m_preview->rowCount();
}

transfer::ImportSpec ImportDialog::spec() const
{
    transfer::ImportSpec s;
    for (const auto &f : m_files)
        s.files.push_back(f.toStdString());
    if (!m_multiTable && m_files.size() == 1)
        s.table = m_table->text().trimmed().toStdString();
    s.mode = static_cast<transfer::ImportMode>(m_mode->currentData().toInt());
    s.onError = static_cast<transfer::ErrorPolicy>(m_onError->currentData().toInt());
    s.restore = m_multiTable;
    return s;
}

} // namespace strata::ui
