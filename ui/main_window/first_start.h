#pragma once

#include <QString>

class QWidget;

namespace strata::ui {

//! The first start, with no database given and none opened before: offers to create the demo
//! database (sample tables to look around in), or to open or create a folder of the user's.
//! Returns the folder to open (`demoPath` for the demo), or an empty string to quit.
QString askForFirstDatabase(const QString &demoPath, QWidget *parent = nullptr);

} // namespace strata::ui
