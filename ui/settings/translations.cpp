#include "ui/settings/translations.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>

namespace strata::ui {

Translations::Translations(const QLocale &locale, const QString &strataFolder)
{
    const QString qtFolder = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    // Qt's first (qt6-translations-l10n), then Strata's (embedded), which wins where both
    // translate a string.
    const std::pair<QString, QString> files[]
        = {{QStringLiteral("qtbase"), qtFolder}, {QStringLiteral("strata"), strataFolder}};
    for (const auto &[name, folder] : files) {
        auto translator = std::make_unique<QTranslator>();
        if (!translator->load(locale, name, QStringLiteral("_"), folder))
            continue;
        QCoreApplication::installTranslator(translator.get());
        m_loaded << QFileInfo(translator->filePath()).completeBaseName();
        m_translators.push_back(std::move(translator));
    }
}

Translations::~Translations()
{
    for (auto &translator : m_translators)
        QCoreApplication::removeTranslator(translator.get());
}

} // namespace strata::ui
