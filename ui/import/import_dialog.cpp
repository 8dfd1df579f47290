#include "ui/import/import_dialog.h"

#include "engine/transfer/audit.h"
#include "engine/transfer/format.h"

#include "ui/widgets/choices.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

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
    , m_escape(new QComboBox(this))
    , m_preview(new QTableWidget(this))
    , m_note(new QLabel(this))
    , m_table(new QLineEdit(this))
    , m_mode(new QComboBox(this))
    , m_onError(new QComboBox(this))
    , m_restoreTables(new QListWidget(this))
    , m_surveyStatus(new QLabel(this))
    , m_widened(new QWidget(this))
    , m_dropMissing(new QCheckBox(tr("Also &drop the tables the backup does not hold"), this))
    , m_compare(new QPushButton(tr("&Compare with the database"), this))
    , m_comparison(new QPlainTextEdit(this))
    , m_form(new QFormLayout)
    , m_restoreRow(new QWidget(this))
{
    setWindowTitle(files.size() == 1 ? tr("Import %1").arg(QFileInfo(files[0]).fileName())
                                     : tr("Import %1 files").arg(QLocale().toString(files.size())));
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
    Choices::addDelimiters(m_delimiter, tr("Detect"));
    m_header->setAccessibleName(tr("Header line"));
    m_header->addItem(tr("Detect"), QString());
    m_header->addItem(tr("First line names the columns"), QStringLiteral("yes"));
    m_header->addItem(tr("First line is data"), QStringLiteral("no"));
    m_encoding->setAccessibleName(tr("Encoding"));
    m_encoding->addItem(tr("Detect"), QString());
    for (const char *e : {"utf-8", "utf-16", "latin-1"})
        m_encoding->addItem(QString::fromLatin1(e).toUpper(), QString::fromLatin1(e));
    m_escape->setAccessibleName(tr("Quotes inside quoted fields"));
    m_escape->addItem(tr("Doubled (\"\")"), QString());
    m_escape->addItem(tr("Backslash (\\\", as MySQL writes)"), QStringLiteral("\\"));
    auto *csvRow = new QHBoxLayout;
    csvRow->addWidget(new QLabel(tr("Delimiter:"), this));
    csvRow->addWidget(m_delimiter);
    csvRow->addWidget(new QLabel(tr("Header:"), this));
    csvRow->addWidget(m_header);
    csvRow->addWidget(new QLabel(tr("Encoding:"), this));
    csvRow->addWidget(m_encoding);
    csvRow->addWidget(new QLabel(tr("Quotes:"), this));
    csvRow->addWidget(m_escape);
    csvRow->addStretch(1);
    for (auto *c : {m_delimiter, m_header, m_encoding, m_escape})
        connect(c, &QComboBox::currentIndexChanged, this, &ImportDialog::preview);

    m_widened->setObjectName(QStringLiteral("widenedColumns"));
    m_widened->setAccessibleName(tr("Columns the whole file widens"));
    new QVBoxLayout(m_widened);
    m_widened->layout()->setContentsMargins(0, 0, 0, 0);
    m_widened->hide();
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_restoreTables->setAccessibleName(tr("Tables to restore"));
    m_restoreTables->setMaximumHeight(120);
    m_comparison->setReadOnly(true);
    m_comparison->setAccessibleName(tr("Comparison of the backup with the database"));
    m_comparison->setPlaceholderText(
        tr("What the restore would change, table by table (nothing changes until you import)"));
    m_comparison->setMaximumHeight(120);
    m_compare->setToolTip(tr("Reads the whole backup and reports, without changing anything, "
                             "what a restore with these choices would do"));
    connect(m_compare, &QPushButton::clicked, this, &ImportDialog::compareWithDatabase);
    auto *restoreLayout = new QHBoxLayout(m_restoreRow);
    restoreLayout->setContentsMargins(0, 0, 0, 0);
    auto *tablesColumn = new QVBoxLayout;
    tablesColumn->addWidget(new QLabel(tr("Tables to restore:"), m_restoreRow));
    tablesColumn->addWidget(m_restoreTables);
    m_surveyStatus->setWordWrap(true);
    tablesColumn->addWidget(m_surveyStatus);
    m_dropMissing->setToolTip(tr("Without this, tables of the database that the backup does not "
                                 "hold are left as they are. Either way, the database as it was "
                                 "is backed up first."));
    tablesColumn->addWidget(m_dropMissing);
    restoreLayout->addLayout(tablesColumn, 1);
    auto *compareColumn = new QVBoxLayout;
    compareColumn->addWidget(m_compare, 0, Qt::AlignLeft);
    compareColumn->addWidget(m_comparison);
    restoreLayout->addLayout(compareColumn, 2);

    m_form->addRow(tr("&Table:"), m_table);
    m_form->addRow(tr("&Mode:"), m_mode);
    m_form->addRow(tr("&Bad rows:"), m_onError);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_detected);
    layout->addLayout(csvRow);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_note);
    layout->addWidget(m_widened);
    layout->addWidget(m_restoreRow);
    layout->addLayout(m_form);
    layout->addWidget(buttons);

    if (!targetTable.isEmpty()) {
        m_table->setText(targetTable);
        m_table->setModified(true); // chosen: the preview does not name it after the file
    }
    preview();
    connect(m_table, &QLineEdit::textChanged, this, &ImportDialog::updateMode);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_comparison->clear(); // the comparison was for the mode before
    });
    connect(m_restoreTables, &QListWidget::itemChanged, this, [this] {
        m_comparison->clear();
        nameModes();
    });
    connect(m_dropMissing, &QCheckBox::toggled, this, [this] { m_comparison->clear(); });
    updateMode();
    resize(800, 600);
}

namespace {

//! The CSV options the controls give (unset ones are sniffed).
transfer::CsvReadOptions csvOptions(const QComboBox *delimiter, const QComboBox *header,
                                    const QComboBox *encoding, const QComboBox *escape)
{
    transfer::CsvReadOptions o;
    const QString e = escape->currentData().toString();
    if (!e.isEmpty())
        o.escape = e.toLatin1()[0];
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
    probe.csv = csvOptions(m_delimiter, m_header, m_encoding, m_escape);
    for (const QString &marker : m_nullMarkers)
        probe.csv.nullMarkers.push_back(marker.toStdString());
    m_preview->setRowCount(0); // deletes the first row's widgets
    m_preview->clear();
    m_types.clear();
    m_targets.clear();
    m_columns.clear();
    m_inferred.clear();
    m_previewing = true;
    m_detected->setText(tr("Reading the file…"));
    m_restoreRow->setVisible(false); // until the file is known to be a backup
    checkMapping();
    const quint64 asked = ++m_previews;
    using Preview = engine::Result<transfer::ImportPreview>;
    auto *watcher = new QFutureWatcher<Preview>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, asked] {
        watcher->deleteLater();
        if (asked != m_previews)
            return; // other options were chosen since: that read answers for them
        m_previewing = false;
        showPreview(watcher->result());
        checkMapping(); // "wait until…" no longer
        emit previewShown();
    });
    watcher->setFuture(QtConcurrent::run([path = m_files.value(0).toStdString(), probe] {
        return transfer::previewImport(path, probe, 50);
    }));
}

void ImportDialog::showPreview(const engine::Result<transfer::ImportPreview> &result)
{
    if (!result) {
        m_detected->setText(
            tr("Cannot read this file: %1").arg(QString::fromStdString(result.status().message())));
        m_preview->setRowCount(0);
        m_preview->setColumnCount(0);
        checkMapping();
        return;
    }
    m_format = QString::fromStdString(result->format);
    const bool csv = m_format == QStringLiteral("csv");
    for (auto *c : {m_delimiter, m_header, m_encoding, m_escape})
        c->setEnabled(csv);
    const transfer::FormatInfo *info = transfer::FormatRegistry::instance().find(result->format);
    QStringList facts{tr("Format: %1")
                          .arg(info && !info->label.empty() ? QString::fromStdString(info->label)
                                                            : m_format.toUpper())};
    for (const auto &[key, value] : result->detected)
        facts << QStringLiteral("%1: %2").arg(QString::fromStdString(key),
                                              QString::fromStdString(value));
    for (const auto &w : result->warnings)
        facts << QString::fromStdString(w);
    m_multiTable = result->tables.size() > 1;
    // A backup previews its first table of the user's (its audit_log is never restored).
    const auto isAudit = [](const transfer::PreviewTable &t) {
        return QString::fromStdString(t.name).compare(QLatin1String(transfer::kAuditTable),
                                                      Qt::CaseInsensitive)
               == 0;
    };
    auto shownTable = std::find_if_not(result->tables.begin(), result->tables.end(), isAudit);
    if (shownTable == result->tables.end())
        shownTable = result->tables.begin();
    if (m_multiTable && shownTable != result->tables.end())
        facts << tr("A backup; the preview shows %1").arg(QString::fromStdString(shownTable->name));
    m_detected->setText(facts.join(QStringLiteral(" · ")));
    m_form->setRowVisible(m_table, !m_multiTable);
    m_restoreRow->setVisible(m_multiTable);
    {
        const QSignalBlocker quiet(m_restoreTables); // listing is not choosing
        m_restoreTables->clear();
        for (const auto &t : result->tables)
            listBackupTable(QString::fromStdString(t.name), -1);
    }
    if (m_multiTable)
        surveyBackup();
    // A backup is restored (replace, merge or append); "create" is for a single table.
    auto *modes = qobject_cast<QStandardItemModel *>(m_mode->model());
    modes->item(m_mode->findData(int(transfer::ImportMode::Create)))->setEnabled(!m_multiTable);
    nameModes();
    if (result->tables.empty())
        return;
    const auto &t = *shownTable;
    if (m_table->text().isEmpty() || !m_table->isModified())
        m_table->setText(QString::fromStdString(t.name));
    m_preview->setColumnCount(static_cast<int>(t.columns.size()));
    QStringList headers, rowNames{QString()};
    for (size_t c = 0; c < t.columns.size(); ++c) {
        headers << QString::fromStdString(t.columns[c]);
        m_columns << headers.back();
        m_inferred << QString::fromStdString(t.types[c]);
    }
    m_preview->setHorizontalHeaderLabels(headers);
    // Row 0: the column types or the mapping (updateTarget); then the first rows.
    m_preview->setRowCount(static_cast<int>(t.rows.size()) + 1);
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
    updateTarget();
    if (!m_multiTable && m_files.size() == 1)
        checkWholeFile();
}

void ImportDialog::checkWholeFile()
{
    if (m_wholeFileCanceled)
        m_wholeFileCanceled->store(true); // other options: that answer no longer applies
    m_wholeFileCanceled = std::make_shared<std::atomic<bool>>(false);
    clearWidenings();
    m_checkingWholeFile = true;
    using Inferred = engine::Result<std::vector<transfer::InferredTypes>>;
    auto *watcher = new QFutureWatcher<Inferred>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, canceled = m_wholeFileCanceled] {
                watcher->deleteLater();
                if (canceled != m_wholeFileCanceled)
                    return;
                m_checkingWholeFile = false;
                const Inferred inferred = watcher->result();
                if (inferred && !inferred->empty())
                    showWidenings(inferred->front());
                emit wholeFileChecked();
            });
    transfer::ImportSpec spec = this->spec();
    spec.columnTypes.clear();
    watcher->setFuture(QtConcurrent::run(
        [path = m_files.value(0).toStdString(), spec, canceled = m_wholeFileCanceled] {
            return transfer::inferImportTypes(path, spec, canceled.get());
        }));
}

void ImportDialog::clearWidenings()
{
    for (QWidget *row : m_widenedRows)
        delete row;
    m_widenedRows.clear();
    m_widened->hide();
}

void ImportDialog::showWidenings(const transfer::InferredTypes &whole)
{
    clearWidenings();
    const bool csv = m_format == QStringLiteral("csv");
    for (const auto &column : whole.columns) {
        const int c = static_cast<int>(m_columns.indexOf(QString::fromStdString(column.name)));
        if (c < 0 || column.widenedFrom.empty())
            continue;
        const QString type = QString::fromStdString(column.type);
        const QString from = QString::fromStdString(column.widenedFrom);
        // The preview saw only the first rows: the whole file's type is what the import uses.
        if (!m_target && static_cast<size_t>(c) < m_types.size()
            && m_types[static_cast<size_t>(c)]->currentText() == m_inferred[c]) {
            m_inferred[c] = type;
            m_types[static_cast<size_t>(c)]->setCurrentText(type);
        }
        if (m_target || type == from)
            continue; // into an existing table, its types decide
        auto *row = new QWidget(m_widened);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        QString at = QString::fromStdString(column.widenedAt);
        static const QRegularExpression lineNumber(QStringLiteral("^line (\\d+)$"));
        if (const auto m = lineNumber.match(at); m.hasMatch())
            at = tr("line %1").arg(QLocale().toString(m.captured(1).toLongLong()));
        auto *why = new QLabel(tr("%1 is %2 because of %3: %4")
                                   .arg(QString::fromStdString(column.name), type, at,
                                        QString::fromStdString(column.widenedBy)),
                               row);
        why->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(why, 1);
        const QString value = QString::fromStdString(column.widenedValue);
        const QString name = QString::fromStdString(column.name);
        if (csv) {
            auto *asNull = new QPushButton(
                tr("Read %1 as empty").arg(QString::fromStdString(column.widenedBy)), row);
            asNull->setToolTip(tr("Every field %1 in the file becomes NULL, and the column's "
                                  "type is worked out again")
                                   .arg(QString::fromStdString(column.widenedBy)));
            connect(asNull, &QPushButton::clicked, this, [this, value] {
                if (!m_nullMarkers.contains(value))
                    m_nullMarkers << value;
                preview();
            });
            layout->addWidget(asNull);
        }
        auto *reject = new QPushButton(tr("Keep %1, reject such rows").arg(from), row);
        reject->setToolTip(tr("The column stays %1; rows whose value is not one go to a "
                              "rejects file instead of the table")
                               .arg(from));
        connect(reject, &QPushButton::clicked, this, [this, name, from] {
            setColumnType(name, from);
            m_onError->setCurrentIndex(m_onError->findData(int(transfer::ErrorPolicy::Skip)));
        });
        layout->addWidget(reject);
        m_widened->layout()->addWidget(row);
        m_widenedRows.push_back(row);
    }
    m_widened->setVisible(!m_widenedRows.empty());
}

void ImportDialog::updateTarget()
{
    QStringList previousTypes;
    for (auto *t : m_types)
        previousTypes << t->currentText();
    for (int c = 0; c < m_preview->columnCount() && m_preview->rowCount() > 0; ++c)
        m_preview->removeCellWidget(0, c); // (deletes it)
    m_types.clear();
    m_targets.clear();
    auto label = [&](const QString &text) {
        m_preview->setVerticalHeaderItem(0, new QTableWidgetItem(text));
    };
    if (m_columns.isEmpty()) {
        checkMapping();
        return;
    }
    if (m_multiTable) { // a backup declares its types: shown, not chosen
        label(tr("type"));
        for (int c = 0; c < m_columns.size(); ++c) {
            auto *type = new QTableWidgetItem(m_inferred[c]);
            type->setFlags(Qt::ItemIsEnabled);
            type->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            m_preview->setItem(0, c, type);
        }
        checkMapping();
        return;
    }
    if (!m_target) {
        label(tr("type"));
        for (int c = 0; c < m_columns.size(); ++c) {
            auto *type = new QComboBox(m_preview);
            for (const char *name :
                 {"INTEGER", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP", "TEXT", "BLOB"})
                type->addItem(QString::fromLatin1(name));
            type->setCurrentText(c < previousTypes.size() ? previousTypes[c] : m_inferred[c]);
            type->setAccessibleName(tr("Type of %1").arg(m_columns[c]));
            m_preview->setCellWidget(0, c, type);
            m_types.push_back(type);
        }
        m_preview->resizeColumnsToContents();
        checkMapping();
        return;
    }
    // Into an existing table: by name (exact, then ignoring case); when no name matches at
    // all (a file without a header), by position.
    label(tr("into"));
    const QStringList tableColumns = targetColumns();
    auto byName = [&](const QString &name) {
        for (const auto &c : tableColumns)
            if (c == name)
                return c;
        for (const auto &c : tableColumns)
            if (c.compare(name, Qt::CaseInsensitive) == 0)
                return c;
        return QString();
    };
    bool anyByName = false;
    for (const auto &c : m_columns)
        anyByName = anyByName || !byName(c).isEmpty();
    for (int c = 0; c < m_columns.size(); ++c) {
        auto *target = new QComboBox(m_preview);
        target->addItem(tr("(choose a column)"), QStringLiteral("?"));
        target->addItem(tr("(leave out)"), QString());
        for (const auto &name : tableColumns)
            target->addItem(name, name);
        const QString chosen = anyByName ? byName(m_columns[c]) : tableColumns.value(c);
        target->setCurrentIndex(chosen.isEmpty() ? 0 : target->findData(chosen));
        target->setAccessibleName(tr("Table column for %1").arg(m_columns[c]));
        connect(target, &QComboBox::currentIndexChanged, this, &ImportDialog::checkMapping);
        m_preview->setCellWidget(0, c, target);
        m_targets.push_back(target);
    }
    m_preview->resizeColumnsToContents();
    checkMapping();
}

void ImportDialog::checkMapping()
{
    QStringList problems, notes;
    if (m_target) {
        QStringList unplaced, twice, used;
        for (size_t c = 0; c < m_targets.size(); ++c) {
            const QString to = m_targets[c]->currentData().toString();
            if (to == QStringLiteral("?"))
                unplaced << m_columns[static_cast<int>(c)];
            else if (!to.isEmpty() && used.contains(to))
                twice << to;
            if (!to.isEmpty())
                used << to;
        }
        if (!unplaced.isEmpty())
            problems << tr("Table %1 has no column named %2: choose where it goes, or leave it "
                           "out.")
                            .arg(m_target->name.c_str(), unplaced.join(QStringLiteral(", ")));
        if (!twice.isEmpty())
            problems << tr("Two file columns go into %1.").arg(twice.join(QStringLiteral(", ")));
        QStringList required, defaulted;
        for (const auto &c : m_target->columns) {
            const QString name = QString::fromStdString(c.name);
            if (used.contains(name))
                continue;
            (c.notNull && !c.hasDefault ? required : defaulted) << name;
        }
        if (!required.isEmpty())
            problems << tr("No file column goes into %1, which cannot be empty.")
                            .arg(required.join(QStringLiteral(", ")));
        if (!defaulted.isEmpty())
            notes << tr("Left empty (or their default): %1.")
                         .arg(defaulted.join(QStringLiteral(", ")));
    }
    // Waiting for a worker keeps Import disabled too, but is no mistake: not said in red.
    QStringList waits;
    if (m_previewing)
        waits << tr("Wait until the file's first rows are read.");
    else if (m_multiTable && m_surveying)
        waits << tr("Wait until every table of the backup is listed.");
    m_problem = (problems + waits).join(QLatin1Char(' '));
    m_note->setText(problems.isEmpty() ? (waits + notes).join(QLatin1Char(' '))
                                       : QStringLiteral("<span style='color:#a00'>%1</span>")
                                             .arg(problems.join(QLatin1Char(' ')).toHtmlEscaped()));
    m_note->setVisible(!m_note->text().isEmpty());
    if (m_ok)
        m_ok->setEnabled(m_problem.isEmpty() && !m_columns.isEmpty());
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
    std::optional<engine::TableInfo> target;
    if (!m_multiTable) {
        auto conn = m_database->connect();
        if (auto info = conn->table(m_table->text().trimmed().toStdString()))
            target = std::move(*info);
    }
    const bool changed
        = target.has_value() != m_target.has_value() || (target && target->name != m_target->name);
    m_target = std::move(target);
    m_mode->setCurrentIndex(m_mode->findData(int(m_target       ? transfer::ImportMode::Append
                                                 : m_multiTable ? transfer::ImportMode::Replace
                                                                : transfer::ImportMode::Create)));
    if (changed)
        updateTarget();
}

void ImportDialog::nameModes()
{
    auto name = [&](transfer::ImportMode mode, const QString &text) {
        m_mode->setItemText(m_mode->findData(int(mode)), text);
    };
    if (!m_multiTable) {
        name(transfer::ImportMode::Replace, tr("Replace the table's rows"));
        name(transfer::ImportMode::Append, tr("Append to the table"));
        return;
    }
    bool all = true;
    for (int i = 0; i < m_restoreTables->count(); ++i)
        all = all && m_restoreTables->item(i)->checkState() == Qt::Checked;
    name(transfer::ImportMode::Replace,
         all ? tr("Replace the backup's tables") : tr("Replace the chosen tables"));
    m_dropMissing->setEnabled(all);
    if (!all)
        m_dropMissing->setChecked(false);
    name(transfer::ImportMode::Append, tr("Append the backup's rows"));
}

void ImportDialog::setTable(const QString &name)
{
    m_table->setText(name);
}

void ImportDialog::setMode(transfer::ImportMode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
}

QString ImportDialog::actionText(transfer::ImportAction action)
{
    switch (action) {
    case transfer::ImportAction::Create:
        return tr("created");
    case transfer::ImportAction::Append:
        return tr("appended");
    case transfer::ImportAction::Replace:
        return tr("replaced");
    case transfer::ImportAction::Merge:
        return tr("merged");
    case transfer::ImportAction::Drop:
        return tr("dropped");
    }
    return {};
}

QStringList ImportDialog::targetColumns() const
{
    QStringList out;
    if (m_target)
        for (const auto &c : m_target->columns)
            out << QString::fromStdString(c.name);
    return out;
}

void ImportDialog::mapColumn(const QString &fileColumn, const QString &tableColumn)
{
    const auto c = m_columns.indexOf(fileColumn);
    if (c >= 0 && static_cast<size_t>(c) < m_targets.size())
        m_targets[static_cast<size_t>(c)]->setCurrentIndex(
            m_targets[static_cast<size_t>(c)]->findData(tableColumn));
}

QStringList ImportDialog::backupTables() const
{
    QStringList out;
    for (int i = 0; i < m_restoreTables->count(); ++i)
        out << m_restoreTables->item(i)->data(Qt::UserRole).toString();
    return out;
}

void ImportDialog::setTableChecked(const QString &table, bool checked)
{
    for (int i = 0; i < m_restoreTables->count(); ++i)
        if (m_restoreTables->item(i)->data(Qt::UserRole).toString() == table)
            m_restoreTables->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

bool ImportDialog::listBackupTable(const QString &name, qint64 rows)
{
    // The database keeps its own audit trail: a backup's is never offered for restoring.
    if (name.compare(QLatin1String(transfer::kAuditTable), Qt::CaseInsensitive) == 0)
        return false;
    QListWidgetItem *item = nullptr;
    for (int i = 0; i < m_restoreTables->count() && !item; ++i)
        if (m_restoreTables->item(i)->data(Qt::UserRole).toString() == name)
            item = m_restoreTables->item(i);
    if (!item) {
        item = new QListWidgetItem(m_restoreTables);
        item->setData(Qt::UserRole, name);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    item->setText(rows < 0    ? name
                  : rows == 1 ? tr("%1 (1 row)").arg(name)
                              : tr("%1 (%2 rows)").arg(name, QLocale().toString(rows)));
    return true;
}

void ImportDialog::surveyBackup()
{
    if (m_surveyCanceled)
        m_surveyCanceled->store(true); // an earlier survey (other options) is not waited for
    m_surveyCanceled = std::make_shared<std::atomic<bool>>(false);
    m_surveying = true;
    m_surveyStatus->setText(tr("Reading the backup for all its tables…"));
    m_surveyStatus->show();
    checkMapping();
    using Survey = engine::Result<std::vector<transfer::SurveyedTable>>;
    auto *watcher = new QFutureWatcher<Survey>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, canceled = m_surveyCanceled] {
                watcher->deleteLater();
                if (canceled != m_surveyCanceled)
                    return; // superseded
                m_surveying = false;
                const Survey survey = watcher->result();
                if (!survey) {
                    m_surveyStatus->setText(
                        tr("Cannot read the whole backup: %1")
                            .arg(QString::fromStdString(survey.status().message())));
                    checkMapping();
                    return;
                }
                qint64 rows = 0;
                {
                    const QSignalBlocker quiet(m_restoreTables);
                    for (const auto &t : *survey)
                        if (listBackupTable(QString::fromStdString(t.name), t.rows))
                            rows += t.rows;
                }
                nameModes();
                m_surveyStatus->setText(tr("The backup holds %1 tables with %2 rows.")
                                            .arg(QLocale().toString(m_restoreTables->count()),
                                                 QLocale().toString(rows)));
                checkMapping();
                emit backupListed();
            });
    transfer::ImportSpec spec;
    spec.format = m_format.toStdString();
    watcher->setFuture(QtConcurrent::run(
        [path = m_files.value(0).toStdString(), spec, canceled = m_surveyCanceled] {
            return transfer::surveyImport(path, spec, canceled.get());
        }));
}

ImportDialog::~ImportDialog()
{
    // Their workers stop; nobody waits for their answers.
    if (m_surveyCanceled)
        m_surveyCanceled->store(true);
    if (m_wholeFileCanceled)
        m_wholeFileCanceled->store(true);
}

QString ImportDialog::comparisonText() const
{
    return m_comparison->toPlainText();
}

void ImportDialog::compareWithDatabase()
{
    auto spec = this->spec();
    spec.dryRun = true;
    m_compare->setEnabled(false);
    m_comparison->setPlainText(tr("Reading the backup…"));
    auto *watcher = new QFutureWatcher<engine::Result<transfer::ImportResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_compare->setEnabled(true);
        const auto result = watcher->result();
        if (!result) {
            m_comparison->setPlainText(tr("The restore would fail: %1")
                                           .arg(QString::fromStdString(result.status().message())));
            emit comparisonReady();
            return;
        }
        QStringList lines;
        const QLocale locale;
        for (const auto &t : result->tables) {
            const QString name = QString::fromStdString(t.table);
            const QString after = locale.toString(qlonglong(t.rowsAfter));
            if (t.action == transfer::ImportAction::Drop)
                lines << tr("%1: dropped (%2 rows)")
                             .arg(name, locale.toString(qlonglong(t.rowsBefore)));
            else if (t.rowsBefore < 0)
                lines << tr("%1: created with %2 rows").arg(name, after);
            else
                lines << tr("%1: %2, %3 → %4 rows")
                             .arg(name, actionText(t.action),
                                  locale.toString(qlonglong(t.rowsBefore)), after);
            for (const auto &d : t.schemaDifferences)
                lines << QStringLiteral("    ") + QString::fromStdString(d);
        }
        for (const auto &w : result->warnings)
            lines << QString::fromStdString(w);
        m_comparison->setPlainText(lines.join(QLatin1Char('\n')));
        emit comparisonReady();
    });
    watcher->setFuture(QtConcurrent::run(
        [database = m_database, spec] { return transfer::runImport(*database, spec); }));
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
    s.restore = m_multiTable && m_format == QStringLiteral("json");
    s.dropMissing = s.restore && m_dropMissing->isEnabled() && m_dropMissing->isChecked()
                    && s.mode == transfer::ImportMode::Replace;
    s.csv = csvOptions(m_delimiter, m_header, m_encoding, m_escape);
    for (const QString &marker : m_nullMarkers)
        s.csv.nullMarkers.push_back(marker.toStdString());
    if (m_multiTable) {
        QStringList chosen;
        for (int i = 0; i < m_restoreTables->count(); ++i)
            if (m_restoreTables->item(i)->checkState() == Qt::Checked)
                chosen << m_restoreTables->item(i)->data(Qt::UserRole).toString();
        if (chosen.size() < m_restoreTables->count()) // a selective restore
            for (const auto &t : chosen)
                s.tables.push_back(t.toStdString());
    }
    if (m_target) { // every file column placed explicitly ("" leaves it out)
        for (size_t c = 0; c < m_targets.size(); ++c)
            s.columnMap[m_columns[static_cast<int>(c)].toStdString()]
                = m_targets[c]->currentData().toString().toStdString();
        return s;
    }
    for (size_t c = 0; c < m_types.size(); ++c)
        if (m_types[c]->currentText() != m_inferred[static_cast<int>(c)])
            s.columnTypes[m_columns[static_cast<int>(c)].toStdString()]
                = m_types[c]->currentText().toStdString();
    return s;
}

} // namespace strata::ui
