#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace strata::ui {

//! Settings: the default export folder, file-name times in UTC, the default CSV preset, how
//! many files of each kind to keep (retention), and the language (system, English, German,
//! French; applied at the next start). Stored with QSettings.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    //! Saves what the controls show.
    void save() const;

    // The keys, shared with the code that reads them.
    static constexpr const char *kExportFolder = "exportFolder";
    static constexpr const char *kUtcNames = "export/utc";
    static constexpr const char *kCsvPreset = "export/csvPreset";
    static constexpr const char *kKeepNewest = "export/keepNewest";
    static constexpr const char *kLanguage = "language";

    QLineEdit *folder() const { return m_folder; }
    QComboBox *language() const { return m_language; }

private:
    QLineEdit *m_folder;
    QCheckBox *m_utc;
    QComboBox *m_csvPreset;
    QSpinBox *m_keep;
    QComboBox *m_language;
};

} // namespace strata::ui
