#include "ui/export/export_dialog.h"

#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "ui/export/export_profiles.h"
#include "ui/export/format_options.h"
#include "ui/settings/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFont>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>

namespace strata::ui {

namespace {

constexpr int kFilterColumn = 1;

//! The options last used with a format; the CSV preset from the settings when there are none.
std::map<std::string, std::string> rememberedOptions(const QSettings &settings,
                                                     const std::string &id)
{
    std::map<std::string, std::string> options;
    const auto values
        = settings.value(QStringLiteral("export/options/") + QString::fromStdString(id)).toMap();
    for (auto it = values.begin(); it != values.end(); ++it)
        options[it.key().toStdString()] = it.value().toString().toStdString();
    if (id == "csv" && !options.count("preset"))
        options["preset"] = settings.value(QString::fromLatin1(SettingsDialog::kCsvPreset))
                                .toString()
                                .toStdString();
    return options;
}

} // namespace

ExportDialog::ExportDialog(std::shared_ptr<engine::Database> database, const QStringList &tables,
                           const QString &folder, QWidget *parent)
    : QDialog(parent)
    , m_database(std::move(database))
    , m_time(engine::nowMicros() - engine::nowMicros() % 1000000)
    , m_full(new QRadioButton(tr("&Whole database (backup)"), this))
    , m_tables(new QRadioButton(tr("&Tables"), this))
    , m_query(new QRadioButton(tr("&Query result"), this))
    , m_sql(new QPlainTextEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_optionTabs(new QTabWidget(this))
    , m_sanitize(new QComboBox(this))
    , m_utc(new QCheckBox(tr("Times in names in &UTC"), this))
    , m_zip(new QCheckBox(tr("Pack into a &zip with a manifest"), this))
    , m_folder(new QLineEdit(this))
    , m_profile(new QLineEdit(this))
    , m_maxRows(new QSpinBox(this))
    , m_maxMegabytes(new QSpinBox(this))
    , m_preview(new QListWidget(this))
{
    setWindowTitle(tr("Export"));
    QSettings settings;

    // What
    m_sql->setPlaceholderText(tr("SELECT … FROM …"));
    m_sql->setAccessibleName(tr("Query to export"));
    m_sql->setMaximumHeight(70);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Table / column"), tr("Filter (WHERE)")});
    m_tree->setAccessibleName(tr("Tables and columns to export"));
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(0, 220);
    auto conn = m_database->connect();
    auto infos = conn->tables();
    if (auto views = conn->views(); infos && views) // views export like tables: their rows
        for (auto &v : *views)
            if (v.viewProblem.empty())
                infos->push_back(std::move(v));
    if (infos) {
        for (const auto &t : *infos) {
            auto *item = new QTreeWidgetItem(m_tree, {QString::fromStdString(t.name)});
            if (t.isView()) {
                item->setToolTip(0, tr("View: %1").arg(QString::fromStdString(t.viewSql)));
                QFont italic = item->font(0);
                italic.setItalic(true);
                item->setFont(0, italic);
            }
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsEditable);
            item->setCheckState(0, tables.contains(QString::fromStdString(t.name)) ? Qt::Checked
                                                                                   : Qt::Unchecked);
            for (const auto &c : t.columns) {
                auto *col = new QTreeWidgetItem(
                    item, {QString::fromStdString(c.name) + QStringLiteral("  ")
                           + QString::fromStdString(engine::typeName(c.type))
                           + (c.sensitive ? tr("  (sensitive)") : QString())});
                col->setData(0, Qt::UserRole, QString::fromStdString(c.name));
                col->setFlags(col->flags() | Qt::ItemIsUserCheckable);
                col->setCheckState(0, Qt::Checked);
            }
        }
    }
    auto *what = new QGroupBox(tr("What"), this);
    auto *whatLayout = new QVBoxLayout(what);
    auto *scopes = new QHBoxLayout;
    scopes->addWidget(m_full);
    scopes->addWidget(m_tables);
    scopes->addWidget(m_query);
    whatLayout->addLayout(scopes);
    whatLayout->addWidget(m_tree, 1);
    whatLayout->addWidget(m_sql);
    (tables.isEmpty() ? m_full : m_tables)->setChecked(true);

    // Formats and their options
    auto *formats = new QGroupBox(tr("Formats"), this);
    auto *formatLayout = new QFormLayout(formats);
    auto *boxes = new QHBoxLayout;
    const QStringList remembered
        = settings.value(QStringLiteral("export/formats"), QStringList{QStringLiteral("csv")})
              .toStringList();
    for (const auto &info : transfer::FormatRegistry::instance().formats()) {
        if (!info.canExport())
            continue;
        const QString id = QString::fromStdString(info.id);
        const QString label = QString::fromStdString(info.label.empty() ? info.id : info.label);
        auto *box = new QCheckBox(label, this);
        box->setToolTip(QString::fromStdString(info.name));
        box->setChecked(remembered.contains(id));
        m_formats[info.id] = box;
        boxes->addWidget(box);
        auto *panel = new FormatOptionsPanel(info, this);
        panel->setOptions(rememberedOptions(settings, info.id));
        m_options[info.id] = panel;
        const int tab = m_optionTabs->addTab(panel, label);
        m_optionTabs->setTabToolTip(tab, QString::fromStdString(info.name));
        auto showTab = [this, tab, box] {
            m_optionTabs->setTabVisible(tab, box->isChecked());
            if (box->isChecked())
                m_optionTabs->setCurrentIndex(tab);
        };
        connect(box, &QCheckBox::toggled, this, showTab);
        m_optionTabs->setTabVisible(tab, box->isChecked());
    }
    m_optionTabs->setAccessibleName(tr("Options of the chosen formats"));
    formatLayout->addRow(boxes);
    formatLayout->addRow(m_optionTabs);

    // Where and how
    auto *where = new QGroupBox(tr("Files"), this);
    auto *whereLayout = new QFormLayout(where);
    m_folder->setText(settings.value(QStringLiteral("export/folder"), folder).toString());
    m_folder->setAccessibleName(tr("Destination folder"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir
            = QFileDialog::getExistingDirectory(this, tr("Export into"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    whereLayout->addRow(tr("Folder:"), folderRow);
    m_sanitize->addItem(tr("Export them"), int(transfer::SanitizeMode::None));
    m_sanitize->addItem(tr("Leave them out"), int(transfer::SanitizeMode::Drop));
    m_sanitize->addItem(tr("Mask them (***)"), int(transfer::SanitizeMode::Mask));
    m_sanitize->setAccessibleName(tr("Sensitive columns"));
    whereLayout->addRow(tr("Sensitive columns:"), m_sanitize);
    m_profile->setPlaceholderText(
        tr("empty: everything; a name: only what changed since its last run"));
    m_profile->setAccessibleName(tr("Incremental profile"));
    whereLayout->addRow(tr("Incremental profile:"), m_profile);
    m_maxRows->setRange(0, 2000000000);
    m_maxRows->setSpecialValueText(tr("no limit"));
    m_maxRows->setAccessibleName(tr("Row limit"));
    whereLayout->addRow(tr("At most rows:"), m_maxRows);
    m_maxMegabytes->setRange(0, 10000000);
    m_maxMegabytes->setSuffix(tr(" MB"));
    m_maxMegabytes->setSpecialValueText(tr("no limit"));
    m_maxMegabytes->setAccessibleName(tr("Size limit"));
    whereLayout->addRow(tr("At most:"), m_maxMegabytes);
    m_zip->setChecked(settings.value(QStringLiteral("export/zip"), false).toBool());
    m_utc->setChecked(settings.value(QStringLiteral("export/utc"), false).toBool());
    whereLayout->addRow(m_zip);
    whereLayout->addRow(m_utc);
    m_preview->setAccessibleName(tr("Files that will be written"));
    m_preview->setMaximumHeight(110);
    whereLayout->addRow(tr("Will write:"), m_preview);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_export = buttons->button(QDialogButtonBox::Ok);
    m_export->setText(tr("&Export"));
    auto *saveProfile = buttons->addButton(tr("Save as &profile…"), QDialogButtonBox::ActionRole);
    saveProfile->setToolTip(tr("Keep these choices under a name, to run them again with one "
                               "click from File > Export profiles"));
    connect(saveProfile, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name
            = QInputDialog::getText(this, tr("Save as profile"), tr("Profile name:"),
                                    QLineEdit::Normal, m_profile->text().trimmed(), &ok)
                  .trimmed();
        if (!ok || name.isEmpty())
            return;
        if (ExportProfiles::names().contains(name)
            && QMessageBox::question(this, tr("Save as profile"),
                                     tr("A profile named %1 exists. Replace it?").arg(name))
                   != QMessageBox::Yes)
            return;
        saveAsProfile(name);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        remember();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *columns = new QHBoxLayout;
    columns->addWidget(what, 3);
    auto *right = new QVBoxLayout;
    right->addWidget(formats);
    right->addWidget(where, 1);
    columns->addLayout(right, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    // Any change re-plans the names, once typing pauses; until then the names shown are old,
    // so Export waits.
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(150);
    connect(debounce, &QTimer::timeout, this, &ExportDialog::updatePreview);
    auto later = [this, debounce] {
        m_previewPending = true;
        m_export->setEnabled(false);
        debounce->start();
    };
    auto scopeChanged = [this] {
        m_sql->setEnabled(m_query->isChecked());
        m_tree->setEnabled(!m_query->isChecked());
        m_profile->setEnabled(!m_query->isChecked());
    };
    for (auto *r : {m_full, m_tables, m_query}) {
        connect(r, &QRadioButton::toggled, this, later);
        connect(r, &QRadioButton::toggled, this, scopeChanged);
    }
    scopeChanged();
    connect(m_sql, &QPlainTextEdit::textChanged, this, later);
    connect(m_tree, &QTreeWidget::itemChanged, this, later);
    for (auto &[id, box] : m_formats)
        connect(box, &QCheckBox::toggled, this, later);
    for (auto &[id, panel] : m_options)
        connect(panel, &FormatOptionsPanel::changed, this, later);
    connect(m_sanitize, &QComboBox::currentIndexChanged, this, later);
    for (auto *b : {m_utc, m_zip})
        connect(b, &QCheckBox::toggled, this, later);
    for (auto *e : {m_folder, m_profile})
        connect(e, &QLineEdit::textChanged, this, later);
    for (auto *n : {m_maxRows, m_maxMegabytes})
        connect(n, &QSpinBox::valueChanged, this, later);
    updatePreview();
    resize(980, 620);
}

transfer::ExportSpec ExportDialog::spec() const
{
    transfer::ExportSpec s;
    s.scope = m_full->isChecked()     ? transfer::ExportScope::Full
              : m_tables->isChecked() ? transfer::ExportScope::Tables
                                      : transfer::ExportScope::Query;
    if (s.scope == transfer::ExportScope::Query)
        s.query = m_sql->toPlainText().trimmed().toStdString();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *t = m_tree->topLevelItem(i);
        transfer::TableSelection sel;
        sel.table = t->text(0).toStdString();
        sel.where = t->text(kFilterColumn).trimmed().toStdString();
        bool all = true;
        for (int c = 0; c < t->childCount(); ++c) {
            if (t->child(c)->checkState(0) == Qt::Checked)
                sel.columns.push_back(t->child(c)->data(0, Qt::UserRole).toString().toStdString());
            else
                all = false;
        }
        if (all)
            sel.columns.clear();
        const bool chosen = t->checkState(0) == Qt::Checked;
        // Tables scope: the checked tables. Full scope: every table, with the filters and
        // column subsets given (which make it a filtered export, not a backup).
        if ((s.scope == transfer::ExportScope::Tables && chosen)
            || (s.scope == transfer::ExportScope::Full && (!sel.where.empty() || !all)))
            s.tables.push_back(std::move(sel));
    }
    for (const auto &[id, box] : m_formats) {
        if (!box->isChecked())
            continue;
        transfer::FormatRequest f{id, m_options.at(id)->options()};
        s.formats.push_back(std::move(f));
    }
    s.outputDir = m_folder->text().trimmed().toStdString();
    s.utcNames = m_utc->isChecked();
    s.nameTime = m_time;
    s.zip = m_zip->isChecked();
    s.sanitize = static_cast<transfer::SanitizeMode>(m_sanitize->currentData().toInt());
    s.maxRows = m_maxRows->value();
    s.maxBytes = int64_t(m_maxMegabytes->value()) << 20;
    if (s.scope != transfer::ExportScope::Query)
        s.profile = m_profile->text().trimmed().toStdString();
    return s;
}

void ExportDialog::updatePreview()
{
    // Planning reads the catalog and binds each filter: a worker's job, never the GUI
    // thread's. Export waits for the answer, since it says whether the choices can run.
    const quint64 request = ++m_previews;
    m_previewPending = true;
    m_export->setEnabled(false);
    m_preview->clear();
    auto *working = new QListWidgetItem(tr("Working out the file names…"), m_preview);
    working->setForeground(palette().color(QPalette::PlaceholderText));
    using Planned = engine::Result<std::vector<std::string>>;
    auto *watcher = new QFutureWatcher<Planned>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        if (request == m_previews)
            showPreview(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([database = m_database, spec = this->spec()]() -> Planned {
        return transfer::planExport(*database, spec);
    }));
}

void ExportDialog::showPreview(const engine::Result<std::vector<std::string>> &planned)
{
    m_previewPending = false;
    m_preview->clear();
    m_problem.clear();
    if (!planned) {
        m_problem = QString::fromStdString(planned.status().message());
        auto *item = new QListWidgetItem(m_problem, m_preview);
        item->setForeground(Qt::darkRed);
    } else {
        for (const auto &name : *planned)
            m_preview->addItem(QString::fromStdString(name));
    }
    m_export->setEnabled(m_problem.isEmpty());
    m_export->setToolTip(m_problem);
    emit previewReady();
}

QStringList ExportDialog::previewNames() const
{
    QStringList names;
    if (!m_problem.isEmpty())
        return names;
    for (int i = 0; i < m_preview->count(); ++i)
        names << m_preview->item(i)->text();
    return names;
}

void ExportDialog::setMaxMegabytes(int megabytes)
{
    m_maxMegabytes->setValue(megabytes);
    updatePreview();
}

void ExportDialog::loadSpec(const transfer::ExportSpec &spec)
{
    (spec.scope == transfer::ExportScope::Full     ? m_full
     : spec.scope == transfer::ExportScope::Tables ? m_tables
                                                   : m_query)
        ->setChecked(true);
    m_sql->setPlainText(QString::fromStdString(spec.query));
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *t = m_tree->topLevelItem(i);
        const transfer::TableSelection *sel = nullptr;
        for (const auto &s : spec.tables)
            if (QString::fromStdString(s.table) == t->text(0))
                sel = &s;
        t->setCheckState(0, spec.scope == transfer::ExportScope::Tables && sel ? Qt::Checked
                                                                               : Qt::Unchecked);
        t->setText(kFilterColumn, sel ? QString::fromStdString(sel->where) : QString());
        for (int c = 0; c < t->childCount(); ++c) {
            const std::string column = t->child(c)->data(0, Qt::UserRole).toString().toStdString();
            const bool chosen = !sel || sel->columns.empty()
                                || std::find(sel->columns.begin(), sel->columns.end(), column)
                                       != sel->columns.end();
            t->child(c)->setCheckState(0, chosen ? Qt::Checked : Qt::Unchecked);
        }
    }
    for (auto &[id, box] : m_formats)
        box->setChecked(false);
    for (auto &[id, panel] : m_options)
        panel->setOptions({});
    for (const auto &f : spec.formats) {
        if (auto it = m_formats.find(f.id); it != m_formats.end())
            it->second->setChecked(true);
        if (auto it = m_options.find(f.id); it != m_options.end())
            it->second->setOptions(f.options);
    }
    m_folder->setText(QString::fromStdString(spec.outputDir));
    m_utc->setChecked(spec.utcNames);
    m_zip->setChecked(spec.zip);
    m_sanitize->setCurrentIndex(std::max(0, m_sanitize->findData(int(spec.sanitize))));
    m_maxRows->setValue(static_cast<int>(spec.maxRows));
    m_maxMegabytes->setValue(static_cast<int>(spec.maxBytes >> 20));
    m_profile->setText(QString::fromStdString(spec.profile));
    updatePreview();
}

void ExportDialog::saveAsProfile(const QString &name)
{
    auto spec = this->spec();
    spec.nameTime.reset(); // each run names its files by its own time
    ExportProfiles::save(name, spec);
    remember();
}

void ExportDialog::remember() const
{
    QSettings settings;
    QStringList formats;
    for (const auto &[id, box] : m_formats)
        if (box->isChecked())
            formats << QString::fromStdString(id);
    settings.setValue(QStringLiteral("export/formats"), formats);
    for (const auto &[id, panel] : m_options) {
        QVariantMap values;
        for (const auto &[name, value] : panel->options())
            values[QString::fromStdString(name)] = QString::fromStdString(value);
        settings.setValue(QStringLiteral("export/options/") + QString::fromStdString(id), values);
    }
    // The CSV preset last chosen is also the one one-click exports use (Settings shows it).
    const auto csv = m_options.find("csv");
    if (csv != m_options.end()) {
        const auto chosen = csv->second->options();
        const auto preset = chosen.find("preset");
        settings.setValue(
            QString::fromLatin1(SettingsDialog::kCsvPreset),
            QString::fromStdString(preset == chosen.end() ? "rfc4180" : preset->second));
    }
    settings.setValue(QStringLiteral("export/folder"), m_folder->text());
    settings.setValue(QStringLiteral("export/zip"), m_zip->isChecked());
    settings.setValue(QStringLiteral("export/utc"), m_utc->isChecked());
}

void ExportDialog::selectTables(const QStringList &tables)
{
    m_tables->setChecked(true);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        m_tree->topLevelItem(i)->setCheckState(
            0, tables.contains(m_tree->topLevelItem(i)->text(0)) ? Qt::Checked : Qt::Unchecked);
    updatePreview();
}

void ExportDialog::setColumnChecked(const QString &table, const QString &column, bool checked)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *t = m_tree->topLevelItem(i);
        if (t->text(0) != table)
            continue;
        for (int c = 0; c < t->childCount(); ++c)
            if (t->child(c)->data(0, Qt::UserRole).toString() == column)
                t->child(c)->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    }
    updatePreview();
}

void ExportDialog::setFilter(const QString &table, const QString &where)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->text(0) == table)
            m_tree->topLevelItem(i)->setText(kFilterColumn, where);
    updatePreview();
}

void ExportDialog::setFormats(const QStringList &ids)
{
    for (auto &[id, box] : m_formats)
        box->setChecked(ids.contains(QString::fromStdString(id)));
    updatePreview();
}

void ExportDialog::setFormatOption(const QString &format, const QString &option,
                                   const QString &value)
{
    if (auto it = m_options.find(format.toStdString()); it != m_options.end())
        it->second->setOption(option.toStdString(), value.toStdString());
    updatePreview();
}

void ExportDialog::setFolder(const QString &folder)
{
    m_folder->setText(folder);
    updatePreview();
}

void ExportDialog::setQuery(const QString &sql)
{
    m_query->setChecked(true);
    m_sql->setPlainText(sql);
    updatePreview();
}

void ExportDialog::setZip(bool zip)
{
    m_zip->setChecked(zip);
    updatePreview();
}

} // namespace strata::ui
