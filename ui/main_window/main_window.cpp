#include "ui/main_window/main_window.h"

#include "ui/models/table_list_model.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>

namespace strata::ui {

MainWindow::MainWindow(std::shared_ptr<engine::Database> database, const QString &path,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_database(std::move(database))
    , m_path(path)
    , m_connection(m_database->connect())
    , m_model(new TableListModel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Strata — %1").arg(path));
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Tables"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    setCentralWidget(m_view);
    statusBar()->addWidget(m_status, 1);

    auto *file = menuBar()->addMenu(tr("&File"));
    auto *reload = file->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    reload->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    auto *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::refresh()
{
    const engine::Status status = m_model->reload(*m_connection);
    m_view->resizeColumnsToContents();
    const QString when
        = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(m_database->lastCommitTs() / 1000))
              .toLocalTime()
              .toString(Qt::ISODate);
    m_status->setText(
        status ? tr("%1 · last commit %2%3")
                     .arg(m_path, when, m_database->readOnly() ? tr(" · read-only") : QString())
               : tr("Cannot list tables: %1").arg(QString::fromStdString(status.message())));
}

} // namespace strata::ui
