#include "ui/main_window/first_start.h"

#include <QApplication>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

namespace strata::ui {

QString askForFirstDatabase(const QString &demoPath, QWidget *parent)
{
    QMessageBox box(parent);
    box.setWindowTitle(QApplication::translate("FirstStart", "Welcome to Strata"));
    box.setIcon(QMessageBox::Information);
    box.setText(QApplication::translate("FirstStart", "Which database do you want to open?"));
    box.setInformativeText(
        QApplication::translate(
            "FirstStart",
            "A Strata database is a folder. To look around first, Strata can create a demo "
            "database with sample users, products, orders and map parcels in:\n%1")
            .arg(demoPath));
    auto *demo = box.addButton(QApplication::translate("FirstStart", "Create the &demo database"),
                               QMessageBox::AcceptRole);
    auto *folder = box.addButton(QApplication::translate("FirstStart", "&Open or create a folder…"),
                                 QMessageBox::ActionRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(demo);
    box.setObjectName(QStringLiteral("firstStart"));
    box.exec();
    if (box.clickedButton() == demo)
        return demoPath;
    if (box.clickedButton() == folder)
        return QFileDialog::getExistingDirectory(
            parent,
            QApplication::translate("FirstStart", "Open a Strata database folder (an empty folder "
                                                  "becomes a new database)"));
    return {};
}

} // namespace strata::ui
