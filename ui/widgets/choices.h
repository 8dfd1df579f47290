#pragma once

#include <QCoreApplication>
#include <QString>

class QComboBox;

namespace strata::ui {

//! Choices several dialogs offer, worded once.
class Choices {
    Q_DECLARE_TR_FUNCTIONS(Choices)
public:
    //! `automatic` (data: empty) first, then comma, semicolon, tab and bar (data: the character).
    static void addDelimiters(QComboBox *box, const QString &automatic);
};

} // namespace strata::ui
