#include "ui/settings/settings_dialog.h"

#include "engine/transfer/format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

namespace strata::ui {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_folder(new QLineEdit(this))
    , m_utc(new QCheckBox(tr("Times in file names in &UTC (default: local time)"), this))
    , m_csvPreset(new QComboBox(this))
    , m_keep(new QSpinBox(this))
    , m_language(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));
    QSettings settings;
    m_folder->setText(settings
                          .value(kExportFolder,
                                 QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                     + QStringLiteral("/Strata exports"))
                          .toString());
    m_folder->setAccessibleName(tr("Default export folder"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir
            = QFileDialog::getExistingDirectory(this, tr("Export folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_utc->setChecked(settings.value(kUtcNames, false).toBool());
    if (const auto *csv = transfer::FormatRegistry::instance().find("csv"))
        if (const auto *preset = csv->option("preset"))
            for (const auto &p : preset->choices) // the presets the CSV format's schema offers
                m_csvPreset->addItem(QString::fromStdString(p), QString::fromStdString(p));
    m_csvPreset->setCurrentIndex(m_csvPreset->findData(settings.value(kCsvPreset, "rfc4180")));
    m_csvPreset->setAccessibleName(tr("Default CSV preset"));
    m_keep->setRange(0, 1000);
    m_keep->setSpecialValueText(tr("all"));
    m_keep->setValue(settings.value(kKeepNewest, 0).toInt());
    m_keep->setAccessibleName(tr("Files of each kind to keep"));
    m_language->addItem(tr("As the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    m_language->setCurrentIndex(m_language->findData(settings.value(kLanguage, QString())));
    m_language->setAccessibleName(tr("Language"));

    auto *form = new QFormLayout;
    form->addRow(tr("Export folder:"), folderRow);
    form->addRow(m_utc);
    form->addRow(tr("CSV preset:"), m_csvPreset);
    form->addRow(tr("Keep the newest (older go to archive/):"), m_keep);
    form->addRow(tr("Language (at the next start):"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void SettingsDialog::save() const
{
    QSettings settings;
    settings.setValue(kExportFolder, m_folder->text().trimmed());
    settings.setValue(kUtcNames, m_utc->isChecked());
    settings.setValue(kCsvPreset, m_csvPreset->currentData());
    settings.setValue(kKeepNewest, m_keep->value());
    settings.setValue(kLanguage, m_language->currentData());
}

} // namespace strata::ui
