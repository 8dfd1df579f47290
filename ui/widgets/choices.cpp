#include "ui/widgets/choices.h"

#include <QComboBox>

namespace strata::ui {

void Choices::addDelimiters(QComboBox *box, const QString &automatic)
{
    box->addItem(automatic, QString());
    box->addItem(tr("Comma ,"), QStringLiteral(","));
    box->addItem(tr("Semicolon ;"), QStringLiteral(";"));
    box->addItem(tr("Tab"), QStringLiteral("\t"));
    box->addItem(tr("Bar |"), QStringLiteral("|"));
}

} // namespace strata::ui
