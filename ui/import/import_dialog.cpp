#include "ui/import/import_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
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
    , m_delimiter(new QComboBox(this))
    , m_header(new QComboBox(this))
    , m_encoding(new QComboBox(this))
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

    m_delimiter->setAccessibleName(tr("Delimiter"));
    m_delimiter->addItem(tr("Detect"), QString());
    m_delimiter->addItem(tr("Comma ,"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon ;"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Bar |"), QStringLiteral("|"));
    m_header->setAccessibleName(tr("Header line"));
    m_header->addItem(tr("Detect"), QString());
    m_header->addItem(tr("First line names the columns"), QStringLiteral("yes"));
    m_header->addItem(tr("First line is data"), QStringLiteral("no"));
    m_encoding->setAccessibleName(tr("Encoding"));
    m_encoding->addItem(tr("Detect"), QString());
    for (const char *e : {"utf-8", "utf-16", "latin-1"})
        m_encoding->addItem(QString::fromLatin1(e).toUpper(), QString::fromLatin1(e));
    auto *csvRow = new QHBoxLayout;
    csvRow->addWidget(new QLabel(tr("Delimiter:"), this));
    csvRow->addWidget(m_delimiter);
    csvRow->addWidget(new QLabel(tr("Header:"), this));
    csvRow->addWidget(m_header);
    csvRow->addWidget(new QLabel(tr("Encoding:"), this));
    csvRow->addWidget(m_encoding);
    csvRow->addStretch(1);
    for (auto *c : {m_delimiter, m_header, m_encoding})
        connect(c, &QComboBox::currentIndexChanged, this, &ImportDialog::preview);

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
    layout->addLayout(csvRow);
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

namespace {

//! The CSV options the controls give (unset ones are sniffed).
transfer::CsvReadOptions csvOptions(const QComboBox *delimiter, const QComboBox *header,
                                    const QComboBox *encoding)
{
    transfer::CsvReadOptions o;
    const QString d = delimiter->currentData().toString();
    if (!d.isEmpty())
        o.delimiter = d.toLatin1()[0];
    const QString h = header->currentData().toString();
    if (!h.isEmpty())
        o.header = h == QStringLiteral("yes");
    o.encoding = encoding->currentData().toString().toStdString();
    return o;
}

} // namespace

void ImportDialog::preview()
{
    transfer::ImportSpec probe;
    probe.csv = csvOptions(m_delimiter, m_header, m_encoding);
    m_preview->clear();
    m_types.clear();
    m_columns.clear();
    m_inferred.clear();
    auto result = transfer::previewImport(m_files.value(0).toStdString(), probe, 50);
    if (!result) {
        m_detected->setText(
            tr("Cannot read this file: %1").arg(QString::fromStdString(result.status().message())));
        m_preview->setRowCount(0);
        m_preview->setColumnCount(0);
        return;
    }
    m_format = QString::fromStdString(result->format);
    const bool csv = m_format == QStringLiteral("csv");
    for (auto *c : {m_delimiter, m_header, m_encoding})
        c->setEnabled(csv);
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
    if (m_table->text().isEmpty() || !m_table->isModified())
        m_table->setText(QString::fromStdString(t.name));
    m_table->setEnabled(!m_multiTable);
    m_preview->setColumnCount(static_cast<int>(t.columns.size()));
    QStringList headers, rowNames{tr("type")};
    for (size_t c = 0; c < t.columns.size(); ++c) {
        headers << QString::fromStdString(t.columns[c]);
        m_columns << headers.back();
        m_inferred << QString::fromStdString(t.types[c]);
    }
    m_preview->setHorizontalHeaderLabels(headers);
    // Row 0: the column types, editable (for a new table); then the first rows.
    m_preview->setRowCount(static_cast<int>(t.rows.size()) + 1);
    for (int c = 0; c < m_columns.size(); ++c) {
        auto *type = new QComboBox(m_preview);
        for (const char *name :
             {"INTEGER", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP", "TEXT", "BLOB"})
            type->addItem(QString::fromLatin1(name));
        type->setCurrentText(m_inferred[c]);
        type->setAccessibleName(tr("Type of %1").arg(m_columns[c]));
        m_preview->setCellWidget(0, c, type);
        m_types.push_back(type);
    }
    for (size_t r = 0; r < t.rows.size(); ++r) {
        rowNames << QString::number(r + 1);
        for (size_t c = 0; c < t.rows[r].size(); ++c) {
            const auto &v = t.rows[r][c];
            auto *item
                = new QTableWidgetItem(v ? QString::fromStdString(*v) : QStringLiteral("NULL"));
            if (!v)
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            m_preview->setItem(static_cast<int>(r) + 1, static_cast<int>(c), item);
        }
    }
    m_preview->setVerticalHeaderLabels(rowNames);
    m_preview->resizeColumnsToContents();
}

void ImportDialog::setColumnType(const QString &column, const QString &type)
{
    const int c = static_cast<int>(m_columns.indexOf(column));
    if (c >= 0)
        m_types[static_cast<size_t>(c)]->setCurrentText(type);
}

void ImportDialog::setDelimiter(const QString &delimiter)
{
    m_delimiter->setCurrentIndex(m_delimiter->findData(delimiter));
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
    return std::max(0, m_preview->rowCount() - 1); // row 0 holds the types
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
    s.csv = csvOptions(m_delimiter, m_header, m_encoding);
    for (size_t c = 0; c < m_types.size(); ++c)
        if (m_types[c]->currentText() != m_inferred[static_cast<int>(c)])
            s.columnTypes[m_columns[static_cast<int>(c)].toStdString()]
                = m_types[c]->currentText().toStdString();
    return s;
}

} // namespace strata::ui
