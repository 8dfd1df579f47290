#pragma once

#include <QLocale>
#include <QStringList>
#include <QTranslator>
#include <memory>
#include <vector>

namespace strata::ui {

//! Strata's own strings and Qt's (the standard buttons: "Cancel" becomes "Abbrechen") in
//! `locale`'s language, installed for as long as this lives. A language without a file
//! keeps English.
class Translations {
public:
    //! `strataFolder`: where strata_<lang>.qm is (embedded in the application; tests give the
    //! build's folder).
    explicit Translations(const QLocale &locale,
                          const QString &strataFolder = QStringLiteral(":/i18n"));
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    //! The files loaded ("qtbase_de", "strata_de").
    QStringList loaded() const { return m_loaded; }

private:
    std::vector<std::unique_ptr<QTranslator>> m_translators;
    QStringList m_loaded;
};

} // namespace strata::ui
