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
    explicit Translations(const QLocale &locale);
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
