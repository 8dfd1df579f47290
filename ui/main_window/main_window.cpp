#include "ui/main_window/main_window.h"
#include "ui/widgets/table_look.h"

#include "engine/transfer/export_job.h"
#include "engine/transfer/export_spec.h"
#include "engine/transfer/format.h"
#include "ui/browser/grid_view.h"
#include "ui/browser/table_data_model.h"
#include "ui/console/sql_console.h"
#include "ui/export/export_dialog.h"
#include "ui/export/export_profiles.h"
#include "ui/history/history_model.h"
#include "ui/import/import_dialog.h"
#include "ui/jobs/job_list.h"
#include "ui/models/table_list_model.h"
#include "ui/settings/settings_dialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFrame>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace strata::ui {

namespace {

//! Lays `page` out as the window's notice pages are: `text` above a row of `buttons`, both
//! centred, a little above the middle; `wide` (one of the buttons) takes the row's width.
void layOutNotice(QWidget *page, QLabel *text, std::initializer_list<QWidget *> buttons,
                  QWidget *wide = nullptr)
{
    auto *row = new QHBoxLayout;
    row->addStretch();
    for (QWidget *button : buttons)
        row->addWidget(button, button == wide ? 1 : 0);
    row->addStretch();
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    layout->addWidget(text);
    layout->addSpacing(12);
    layout->addLayout(row);
    layout->addStretch(2);
}

//! "a.csv, b.json and 3 more": what a folder holds, in a line.
QString importableNames(const QStringList &files)
{
    QStringList names;
    for (qsizetype i = 0; i < std::min<qsizetype>(files.size(), 3); ++i)
        names << QFileInfo(files[i]).fileName();
    QString line = names.join(QStringLiteral(", "));
    if (files.size() > 3)
        line = MainWindow::tr("%1 and %2 more")
                   .arg(line)
                   .arg(QLocale().toString(qlonglong(files.size() - 3)));
    return line;
}

//! Draws a job's progress column as a progress bar (busy while the total is unknown).
class ProgressDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const QVariant progress = index.data(Qt::UserRole);
        if (!progress.isValid()) { // a failed or canceled job, or a file: its text, no bar
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.minimum = 0;
        const int percent = progress.toInt();
        bar.maximum = percent < 0 ? 0 : 100; // 0..0: the style draws "busy"
        bar.progress = std::max(percent, 0);
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter);
    }
};

} // namespace

MainWindow::MainWindow(std::shared_ptr<engine::Database> database, const QString &path,
                       QWidget *parent)
    : MainWindow(parent)
{
    OpenedDatabase opened;
    opened.path = path;
    opened.database = std::move(database);
    showDatabase(std::move(opened));
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_pages(new QStackedWidget(this))
    , m_welcome(new QWidget(this))
    , m_welcomeText(new QLabel(this))
    , m_opening(new QWidget(this))
    , m_openingText(new QLabel(this))
    , m_browser(new QWidget(this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(this))
    , m_model(new TableListModel(this))
    , m_tables(new QTreeView(this))
    , m_data(new TableDataModel(this))
    , m_grid(new GridView(m_data, this))
    , m_rows(m_grid->table())
    , m_filter(new QLineEdit(this))
    , m_jobs(new JobList(this))
    , m_jobView(new QTreeView(this))
    , m_status(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_cancelRead(new QToolButton(this))
    , m_busyDelay(new QTimer(this))
{
    setWindowTitle(QStringLiteral("Strata"));
    setAcceptDrops(true);

    m_tables->setModel(m_model);
    m_tables->setAccessibleName(tr("Tables"));
    m_tables->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tables->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tables->setAlternatingRowColors(true);
    m_tables->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tables, &QWidget::customContextMenuRequested, this, &MainWindow::tableMenu);
    // A table opened shows its columns and types whole (no "INTE…").
    connect(m_tables, &QTreeView::expanded, this, [this] {
        for (int c = 0; c < TableListModel::Created; ++c)
            m_tables->resizeColumnToContents(c);
    });

    m_rows->setAccessibleName(tr("Rows of the selected table"));
    m_rows->setSortingEnabled(true);
    m_rows->horizontalHeader()->setSortIndicatorShown(true);
    m_rows->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_rows->setAlternatingRowColors(true);
    useNaturalRowHeight(m_rows);
    m_filter->setPlaceholderText(tr("Filter: a WHERE condition, e.g. age > 30 AND name LIKE 'A%'"));
    m_filter->setAccessibleName(tr("Row filter"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::returnPressed, this, &MainWindow::applyFilter);

    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->addWidget(m_filter);
    centreLayout->addWidget(m_grid, 1);
    m_console = new SqlConsole(nullptr, this);
    connect(m_console, &SqlConsole::finished, this, [this] { refresh(); });
    connect(m_console, &SqlConsole::exportRequested, this, [this](const QString &sql) {
        if (auto *dialog = openExportDialog())
            dialog->setQuery(sql);
    });
    m_tabs = new QTabWidget(this);
    // A database without tables says how to fill it, instead of an empty grid.
    auto *empty = new QWidget(this);
    empty->setObjectName(QStringLiteral("emptyDatabase"));
    auto *emptyText = new QLabel(
        tr("This database has no tables yet.\nDrop a CSV, JSON, SQL, SQLite, GeoJSON or zip file "
           "here, or import one."),
        empty);
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setWordWrap(true);
    m_importHere = new QPushButton(tr("&Import…"), empty);
    layOutNotice(empty, emptyText, {m_importHere});
    m_dataPages = new QStackedWidget(this);
    m_dataPages->addWidget(centre);
    m_dataPages->addWidget(empty);
    m_tabs->addTab(m_dataPages, tr("&Data"));
    m_tabs->addTab(m_console, tr("&SQL"));
    m_history = new HistoryModel(this);
    connect(m_data, &TableDataModel::loaded, this, &MainWindow::rowsShown);
    connect(m_data, &TableDataModel::failed, this, &MainWindow::rowsRefused);
    connect(m_history, &HistoryModel::failed, this, [this](const QString &message) {
        m_status->setText(tr("Cannot read the history: %1").arg(message));
    });
    auto *historyView = new QTableView(this);
    historyView->setModel(m_history);
    historyView->setAccessibleName(tr("History of exports and imports"));
    historyView->setToolTip(tr("Double-click an entry (or press Enter) to open the folder of "
                               "its first file"));
    connect(historyView, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { openFolderOf(historyFile(index.row())); });
    historyView->setAlternatingRowColors(true);
    historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    historyView->verticalHeader()->hide();
    useNaturalRowHeight(historyView);
    historyView->setWordWrap(false);
    historyView->horizontalHeader()->setSectionResizeMode(HistoryModel::What, QHeaderView::Stretch);
    connect(m_history, &HistoryModel::loaded, historyView, [historyView] {
        for (int c : {HistoryModel::When, HistoryModel::Files, HistoryModel::Rows,
                      HistoryModel::Outcome, HistoryModel::Duration})
            historyView->resizeColumnToContents(c);
    });
    m_tabs->addTab(historyView, tr("&History"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, historyView](int) {
        if (m_tabs->currentWidget() == historyView)
            showHistory();
    });
    auto *split = new QSplitter(this);
    split->addWidget(m_tables);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 3);
    split->setSizes({330, 950});

    // Read-only: said above the tables, with the holder and a Retry.
    m_banner->setObjectName(QStringLiteral("readOnlyBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window,
                           QColor(255, 243, 205)); // a light amber, as for notices
    bannerPalette.setColor(QPalette::WindowText, QColor(60, 45, 0));
    m_banner->setPalette(bannerPalette);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *retry = new QPushButton(tr("&Retry"), m_banner);
    retry->setToolTip(tr("Open the database again, for writing if it is free now"));
    connect(retry, &QPushButton::clicked, this, [this] { openDatabase(m_path); });
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(retry);
    m_banner->hide();
    auto *browserLayout = new QVBoxLayout(m_browser);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->addWidget(m_banner);
    browserLayout->addWidget(split, 1);

    // No database open: why, and what to open instead.
    m_welcome->setObjectName(QStringLiteral("welcome"));
    m_welcomeText->setWordWrap(true);
    m_welcomeText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_welcomeText->setAlignment(Qt::AlignCenter);
    auto *openButton = new QPushButton(tr("&Open a database…"), m_welcome);
    connect(openButton, &QPushButton::clicked, this, &MainWindow::chooseDatabase);
    auto *recentButton = new QPushButton(tr("Open &recent"), m_welcome);
    auto *recentMenu = new QMenu(recentButton);
    connect(recentMenu, &QMenu::aboutToShow, this,
            [this, recentMenu] { fillRecentMenu(recentMenu); });
    recentButton->setMenu(recentMenu);
    auto *demoButton = new QPushButton(tr("Open the &demo database"), m_welcome);
    demoButton->setToolTip(tr("Sample users, products, orders and map parcels, created in %1 "
                              "when it is not there yet")
                               .arg(demoPath()));
    connect(demoButton, &QPushButton::clicked, this,
            [this] { openDatabase(demoPath(), kDemoRows); });
    layOutNotice(m_welcome, m_welcomeText, {openButton, recentButton, demoButton});

    // The first database opening: its name and a busy bar (the window paints at once).
    auto *openingBar = new QProgressBar(m_opening);
    openingBar->setRange(0, 0);
    openingBar->setMaximumWidth(320);
    openingBar->setAccessibleName(tr("Opening the database"));
    m_openingText->setAlignment(Qt::AlignCenter);
    m_openingText->setWordWrap(true);
    auto *stopOpening = new QPushButton(tr("Cancel"), m_opening);
    stopOpening->setToolTip(tr("Stop waiting for this database"));
    connect(stopOpening, &QPushButton::clicked, this, [this] {
        m_opensEnded = ++m_opens; // its result, when it comes, is let go of (and so closed)
        showWelcome(tr("Opening %1 was canceled.").arg(m_openingPath));
    });
    layOutNotice(m_opening, m_openingText, {openingBar, stopOpening}, openingBar);

    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_opening);
    m_pages->addWidget(m_browser);
    setCentralWidget(m_pages);

    m_jobView->setModel(m_jobs);
    m_jobView->setAccessibleName(tr("Jobs"));
    m_jobView->setItemDelegateForColumn(JobList::Progress, new ProgressDelegate(m_jobView));
    m_jobView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_jobView->setAlternatingRowColors(true);
    m_jobView->header()->setStretchLastSection(true);
    // A finished job opens onto where things went; a note or an error reads across the row.
    connect(m_jobs, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    return;
                for (int row = first; row <= last; ++row) {
                    const JobList::Detail *d = m_jobs->detailOf(m_jobs->index(row, 0, parent));
                    if (d && !JobList::isFile(d->kind))
                        m_jobView->setFirstColumnSpanned(row, parent, true);
                }
                m_jobView->expand(parent);
                m_jobView->resizeColumnToContents(JobList::What); // whole file names
            });
    m_jobView->setColumnWidth(JobList::What, 260);
    m_jobView->setColumnWidth(JobList::Progress, 160);
    m_jobView->setColumnWidth(JobList::Speed, 200);
    m_jobView->setColumnWidth(JobList::Elapsed, 200);
    m_jobView->setToolTip(tr("Double-click a file to open its folder, or a failed job to read "
                             "its error in full; right-click to copy a path"));
    // activated: a double-click, or Enter on the keyboard.
    connect(m_jobView, &QAbstractItemView::activated, this, &MainWindow::openJobResult);
    auto *jobsDock = new QDockWidget(tr("Jobs"), this);
    jobsDock->setObjectName(QStringLiteral("jobs"));
    jobsDock->setWidget(m_jobView);
    addDockWidget(Qt::BottomDockWidgetArea, jobsDock);
    resizeDocks({jobsDock}, {170}, Qt::Vertical);
    // Out of the way until there is a job to show.
    jobsDock->hide();
    connect(m_jobs, &QAbstractItemModel::rowsInserted, jobsDock, &QWidget::show);
    statusBar()->addWidget(m_status, 1);
    // Reads of the grid run on its reader thread: a busy bar and a Cancel while one runs
    // (shown after a moment, so that quick reads do not flicker).
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(140);
    m_busy->setAccessibleName(tr("Reading rows"));
    m_busy->hide();
    m_cancelRead->setText(tr("Cancel"));
    m_cancelRead->setToolTip(tr("Stop reading: the rows shown before stay"));
    m_cancelRead->hide();
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_cancelRead);
    connect(m_cancelRead, &QToolButton::clicked, m_data, &TableDataModel::cancel);
    m_busyDelay->setSingleShot(true);
    m_busyDelay->setInterval(200);
    connect(m_busyDelay, &QTimer::timeout, this, [this] {
        m_busy->setVisible(m_data->isBusy());
        m_cancelRead->setVisible(m_data->isBusy());
    });
    connect(m_data, &TableDataModel::busyChanged, this, [this](bool busy) {
        if (busy) {
            if (!m_busyDelay->isActive() && !m_busy->isVisible())
                m_busyDelay->start();
            return;
        }
        m_busyDelay->stop();
        m_busy->hide();
        m_cancelRead->hide();
    });

    auto *file = menuBar()->addMenu(tr("&File"));
    auto *openAction = file->addAction(tr("&Open database…"), this, &MainWindow::chooseDatabase);
    openAction->setShortcut(QKeySequence::Open);
    auto *recent = file->addMenu(tr("Open &recent"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] { fillRecentMenu(recent); });
    file->addSeparator();
    auto *importAction = file->addAction(tr("&Import…"), this, [this] {
        QStringList patterns; // every extension a registered format imports
        for (const auto &ext : transfer::FormatRegistry::instance().importExtensions())
            patterns << QStringLiteral("*.") + QString::fromStdString(ext);
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Import files"), QString(),
            tr("Data files (%1);;All files (*)").arg(patterns.join(' ')));
        if (!files.isEmpty())
            importFiles(files, selectedTable());
    });
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    auto *exportAction = file->addAction(tr("&Export…"), this, [this] { openExportDialog(); });
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    auto *csv = file->addAction(tr("Export table as &CSV"), this, &MainWindow::exportSelectedAsCsv);
    csv->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    auto *profiles = file->addMenu(tr("Export &profiles"));
    profiles->setObjectName(QStringLiteral("exportProfiles"));
    connect(profiles, &QMenu::aboutToShow, this, [this, profiles] {
        profiles->clear();
        const QStringList names = ExportProfiles::names();
        for (const QString &name : names)
            profiles->addAction(name, this, [this, name] { runExportProfile(name); });
        if (names.isEmpty()) {
            profiles->addAction(tr("(none yet: use Save as profile in the Export dialog)"))
                ->setEnabled(false);
            return;
        }
        profiles->addSeparator();
        auto *edit = profiles->addMenu(tr("&Edit"));
        for (const QString &name : names)
            edit->addAction(name, this, [this, name] {
                if (const auto spec = ExportProfiles::load(name))
                    if (auto *dialog = openExportDialog())
                        dialog->loadSpec(*spec);
            });
        auto *remove = profiles->addMenu(tr("&Remove"));
        for (const QString &name : names)
            remove->addAction(name, this, [name] { ExportProfiles::remove(name); });
    });
    auto *backup = file->addAction(tr("&Backup now"), this, &MainWindow::backupNow);
    backup->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    file->addSeparator();
    auto *reload = file->addAction(tr("&Refresh"), this, [this] {
        refresh();
        m_data->reload(); // the rows as of now: the view reads one snapshot until asked
    });
    reload->setShortcut(QKeySequence::Refresh);
    auto *settingsAction = file->addAction(tr("&Settings…"), this, [this] {
        auto *dialog = new SettingsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    settingsAction->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    auto *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    auto *cancelJob = new QAction(tr("&Cancel job"), this);
    cancelJob->setToolTip(tr("Cancel the jobs selected in the Jobs panel (Delete there)"));
    cancelJob->setShortcut(QKeySequence::Delete);
    cancelJob->setShortcutContext(Qt::WidgetShortcut);
    m_jobView->addAction(cancelJob); // Delete in the Jobs panel; its context menu too
    m_jobView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_jobView, &QWidget::customContextMenuRequested, this, [this, cancelJob](QPoint at) {
        const QModelIndex index = m_jobView->indexAt(at);
        if (!index.isValid())
            return;
        QMenu menu(this);
        const QString file = m_jobs->fileOf(index);
        menu.addAction(tr("Open &folder"), this, [file] { openFolderOf(file); })
            ->setEnabled(!file.isEmpty());
        menu.addAction(tr("&Copy path"), this, [this, index] { copyJobText(index); })
            ->setEnabled(!file.isEmpty());
        const JobList::Detail *detail = m_jobs->detailOf(index);
        if (detail && !JobList::isFile(detail->kind))
            menu.addAction(tr("Copy &text"), this, [this, index] { copyJobText(index); });
        menu.addSeparator();
        cancelJob->setEnabled(m_jobs->state(m_jobs->jobOf(index)) == JobList::State::Running);
        menu.addAction(cancelJob);
        menu.exec(m_jobView->viewport()->mapToGlobal(at));
        cancelJob->setEnabled(true);
    });
    connect(cancelJob, &QAction::triggered, this, [this] {
        const auto rows = m_jobView->selectionModel()->selectedRows();
        for (const auto &r : rows)
            m_jobs->cancel(m_jobs->jobOf(r));
    });

    // Every part of the window is reachable from the keyboard.
    auto *view = menuBar()->addMenu(tr("&View"));
    auto focus = [this, view](const QString &text, const QKeySequence &keys, auto show) {
        auto *action = view->addAction(text, this, show);
        action->setShortcut(keys);
    };
    focus(tr("&Tables"), QKeySequence(Qt::CTRL | Qt::Key_1), [this] { m_tables->setFocus(); });
    focus(tr("&Data"), QKeySequence(Qt::CTRL | Qt::Key_2), [this] {
        m_tabs->setCurrentIndex(0);
        m_rows->setFocus();
    });
    focus(tr("&Filter"), QKeySequence::Find, [this] {
        m_tabs->setCurrentIndex(0);
        m_filter->setFocus();
        m_filter->selectAll();
    });
    focus(tr("&SQL console"), QKeySequence(Qt::CTRL | Qt::Key_3), [this] {
        m_tabs->setCurrentIndex(1);
        m_console->setFocus();
    });
    focus(tr("&History"), QKeySequence(Qt::CTRL | Qt::Key_4), [this] {
        m_tabs->setCurrentIndex(2);
        m_tabs->currentWidget()->setFocus();
    });
    focus(tr("&Jobs"), QKeySequence(Qt::CTRL | Qt::Key_5), [this] {
        findChild<QDockWidget *>(QStringLiteral("jobs"))->show(); // collapsed while no job ran
        m_jobView->setFocus();
    });

    // Icons from the desktop's theme (freedesktop names), else the style's own: the menus and
    // the toolbar look like the rest of the desktop.
    const auto themed = [this](QAction *action, const char *name, QStyle::StandardPixmap fallback) {
        action->setIcon(
            QIcon::fromTheme(QString::fromLatin1(name), style()->standardIcon(fallback)));
    };
    themed(openAction, "document-open", QStyle::SP_DialogOpenButton);
    themed(backup, "document-save", QStyle::SP_DialogSaveButton);
    themed(exportAction, "document-export", QStyle::SP_ArrowUp);
    themed(csv, "x-office-spreadsheet", QStyle::SP_FileIcon);
    themed(importAction, "document-import", QStyle::SP_ArrowDown);
    themed(reload, "view-refresh", QStyle::SP_BrowserReload);
    themed(settingsAction, "preferences-system", QStyle::SP_FileDialogDetailedView);
    themed(cancelJob, "process-stop", QStyle::SP_BrowserStop);
    themed(quit, "application-exit", QStyle::SP_DialogCloseButton);
    auto *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("main"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon); // words too: what each one does
    tools->addAction(openAction);
    tools->addAction(backup);
    tools->addAction(exportAction);
    tools->addAction(csv);
    tools->addAction(importAction);
    tools->addAction(reload);
    tools->addAction(settingsAction);
    tools->addSeparator();
    tools->addAction(cancelJob);

    connect(
        m_tables->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid())
                showTable(
                    m_model->data(m_model->index(current.row(), TableListModel::Name)).toString());
        });
    connect(m_jobs, &JobList::finished, this, [this](int row) {
        const QString outcome = m_jobs->data(m_jobs->index(row, JobList::What)).toString() + " — "
                                + m_jobs->data(m_jobs->index(row, JobList::Outcome)).toString();
        m_status->setText(outcome);
        refresh(outcome);
        if (m_jobs->changesDatabase(row) && m_jobs->state(row) == JobList::State::Done)
            m_data->reload(); // the rows shown may be among those it changed
        if (m_quitWhenJobsEnd && !m_jobs->anyRunning())
            close();
    });
    connect(m_importHere, &QPushButton::clicked, importAction, &QAction::trigger);
    m_needDatabase = {importAction, exportAction, csv, backup, reload, profiles->menuAction()};
    m_writes = {importAction};
    showWelcome(tr("No database is open."));
}

QString MainWindow::demoPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
           + QStringLiteral("/strata/demo");
}

QString MainWindow::welcomeText() const
{
    return m_welcomeText->text();
}

void MainWindow::chooseDatabase()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open a Strata database folder (an empty folder becomes a new database)"));
    if (!dir.isEmpty())
        openDatabase(dir);
}

void MainWindow::fillRecentMenu(QMenu *menu)
{
    menu->clear();
    for (const QString &path : recentDatabases())
        menu->addAction(path, this, [this, path] { openDatabase(path); });
    if (menu->isEmpty())
        menu->addAction(tr("(none yet)"))->setEnabled(false);
}

void MainWindow::openDatabase(const QString &path, int demoRows)
{
    if (m_database && QFileInfo(path) == QFileInfo(m_path))
        closeDatabase(); // the same folder again (Retry): let go of its lock first
    if (!m_database) {
        m_openingText->setText(tr("Opening %1…").arg(path));
        m_openingPath = path;
        m_pages->setCurrentWidget(m_opening);
    }
    m_status->setText(tr("Opening %1…").arg(path));
    startOpen(path, false, demoRows);
}

void MainWindow::openRequested(const QString &database, const QStringList &files)
{
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
    const bool openRunning = m_opensEnded != m_opens;
    const bool shown = m_database && QFileInfo(database) == QFileInfo(m_path) && !openRunning;
    const bool opening = !database.isEmpty() && !shown;
    if (opening)
        openDatabase(database, database == demoPath() ? kDemoRows : 0);
    if (files.isEmpty())
        return;
    if (!opening && !openRunning && m_database) {
        importFiles(files);
        return;
    }
    // Imported into the database once it is open (none if it cannot be opened: said there).
    connect(
        this, &MainWindow::databaseOpened, this,
        [this, files](bool opened) {
            if (opened)
                importFiles(files);
        },
        Qt::SingleShotConnection);
}

void MainWindow::startOpen(const QString &path, bool mayCreateInForeignFolder, int demoRows)
{
    const quint64 generation = ++m_opens;
    auto *watcher = new QFutureWatcher<OpenedDatabase>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, demoRows] {
        watcher->deleteLater();
        if (generation == m_opens) { // else canceled, or superseded by a newer open
            m_opensEnded = generation;
            openFinished(watcher->result(), demoRows);
        }
    });
    watcher->setFuture(openDatabaseInBackground(path, mayCreateInForeignFolder, demoRows));
}

void MainWindow::openFinished(OpenedDatabase result, int demoRows)
{
    if (result.foreignFolder) {
        // Nothing is written into a folder of other things unless the user says so.
        QMessageBox box(QMessageBox::Question, tr("Open database"),
                        tr("%1 is not a Strata database, and it is not empty.").arg(result.path),
                        QMessageBox::NoButton, this);
        box.setInformativeText(
            result.importableFiles.isEmpty()
                ? tr("Strata can make a new database in this folder, beside what is there.")
                : tr("Strata can import what is in it (%1) into the database open now, or make a "
                     "new "
                     "database in this folder.")
                      .arg(importableNames(result.importableFiles)));
        QPushButton *import = nullptr;
        if (!result.importableFiles.isEmpty() && m_database && !m_database->readOnly())
            import = box.addButton(tr("&Import these files…"), QMessageBox::AcceptRole);
        auto *create = box.addButton(tr("&Make a database here"), QMessageBox::ActionRole);
        box.addButton(QMessageBox::Cancel);
        box.exec();
        if (import && box.clickedButton() == import) {
            m_status->clear();
            importFiles(result.importableFiles);
            return;
        }
        if (box.clickedButton() == create) {
            startOpen(result.path, true, demoRows);
            return;
        }
        if (m_database)
            m_status->setText(tr("%1 was left as it is.").arg(result.path));
        else
            showWelcome(tr("%1 was left as it is.").arg(result.path));
        emit databaseOpened(false);
        return;
    }
    if (!result.database) {
        const QString why = tr("Cannot open %1:\n%2")
                                .arg(result.path, QString::fromStdString(result.status.message()));
        if (m_database) { // the database shown stays
            m_status->setText(why);
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Open database"), why,
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        } else {
            showWelcome(why);
        }
        emit databaseOpened(false);
        return;
    }
    closeDatabase();
    rememberDatabase(result.path);
    showDatabase(std::move(result));
    emit databaseOpened(true);
}

void MainWindow::showDatabase(OpenedDatabase shown)
{
    m_database = std::move(shown.database);
    m_path = shown.path;
    m_readOnlyReason = shown.readOnlyReason;
    if (m_database->readOnly() && m_readOnlyReason.isEmpty())
        m_readOnlyReason = tr("it was opened read-only");
    setWindowTitle(tr("Strata — %1").arg(m_path));
    m_console->setDatabase(m_database);
    m_bannerText->setText(tr("<b>Read-only.</b> %1. You can look and export; importing and "
                             "dropping tables wait until it can be written.")
                              .arg(m_readOnlyReason.toHtmlEscaped()));
    m_banner->setVisible(m_database->readOnly());
    m_pages->setCurrentWidget(m_browser);
    updateActions();
    // The first listing on a worker too; the window opens on the first table once it is in.
    m_status->setText(tr("Listing the tables of %1…").arg(m_path));
    refresh();
    // What recovery worked around (a torn last commit) is said, not only logged.
    QStringList recovered;
    for (const auto &w : m_database->warnings())
        recovered << QString::fromStdString(w);
    if (!recovered.isEmpty()) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Database recovered"),
                                    tr("%1 was not closed cleanly. Every whole commit is there; "
                                       "this was set aside:\n%2")
                                        .arg(m_path, recovered.join(QLatin1Char('\n'))),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

void MainWindow::closeDatabase()
{
    if (!m_database)
        return;
    // Every holder lets go: the grid's and the history's readers, the console, the tree. A
    // job still running keeps its own reference and so the database, until it ends.
    m_data->setTable(nullptr, QString());
    m_history->load(nullptr);
    m_console->setDatabase(nullptr);
    m_model->setTables({});
    ++m_refreshes; // a listing on its way belongs to the database closed
    m_sizedFor.clear();
    m_filter->clear();
    markFilter({});
    m_database.reset();
    m_readOnlyReason.clear();
    m_banner->hide();
    setWindowTitle(QStringLiteral("Strata"));
    showWelcome(tr("No database is open."));
}

void MainWindow::showWelcome(const QString &why)
{
    m_welcomeText->setText(why);
    if (!m_database)
        m_pages->setCurrentWidget(m_welcome);
    m_status->setText(why.section(QLatin1Char('\n'), 0, 0));
    updateActions();
}

void MainWindow::updateActions()
{
    for (QAction *action : std::as_const(m_needDatabase))
        action->setEnabled(m_database != nullptr);
    const bool writable = m_database && !m_database->readOnly();
    m_importHere->setEnabled(writable);
    for (QAction *action : std::as_const(m_writes)) {
        action->setEnabled(writable);
        // Why it is off, where the user looks for it.
        action->setStatusTip(writable || !m_database
                                 ? QString()
                                 : tr("The database is read-only: %1").arg(m_readOnlyReason));
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_jobs->anyRunning()) {
        event->accept();
        return;
    }
    WhileJobsRun choice = m_whileJobsRun;
    if (choice == WhileJobsRun::Ask) {
        QMessageBox box(QMessageBox::Question, tr("Quit Strata"), tr("A job is still running."),
                        QMessageBox::NoButton, this);
        box.setInformativeText(tr("Strata can quit once the jobs are done, or cancel them (a "
                                  "canceled job keeps nothing: no partial file, no partial "
                                  "import) and quit."));
        auto *wait = box.addButton(tr("&Quit when done"), QMessageBox::AcceptRole);
        auto *cancel = box.addButton(tr("&Cancel the jobs and quit"), QMessageBox::DestructiveRole);
        box.addButton(tr("&Keep working"), QMessageBox::RejectRole);
        box.setDefaultButton(wait);
        box.exec();
        choice = box.clickedButton() == wait     ? WhileJobsRun::WaitThenQuit
                 : box.clickedButton() == cancel ? WhileJobsRun::CancelThenQuit
                                                 : WhileJobsRun::StayOpen;
    }
    event->ignore(); // the window closes itself when the last job has ended
    if (choice == WhileJobsRun::StayOpen)
        return;
    if (choice == WhileJobsRun::CancelThenQuit)
        for (int row = 0; row < m_jobs->rowCount(); ++row)
            m_jobs->cancel(row);
    m_quitWhenJobsEnd = true;
    m_status->setText(choice == WhileJobsRun::CancelThenQuit
                          ? tr("Canceling the jobs; Strata quits when they have stopped.")
                          : tr("Strata quits when the jobs are done."));
}

MainWindow::~MainWindow() = default;

QStringList MainWindow::recentDatabases()
{
    return QSettings().value(QStringLiteral("recentDatabases")).toStringList();
}

void MainWindow::rememberDatabase(const QString &path)
{
    QStringList list = recentDatabases();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > 8)
        list.removeLast();
    QSettings().setValue(QStringLiteral("recentDatabases"), list);
}

QString MainWindow::exportFolder() const
{
    return QSettings()
        .value(QStringLiteral("exportFolder"),
               QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                   + QStringLiteral("/Strata exports"))
        .toString();
}

void MainWindow::setExportFolder(const QString &folder)
{
    QSettings().setValue(QString::fromLatin1(SettingsDialog::kExportFolder), folder);
}

void MainWindow::refresh(const QString &statusAfter)
{
    if (!m_database)
        return;
    const quint64 generation = ++m_refreshes;
    using Listing = engine::Result<std::vector<engine::TableInfo>>;
    auto *watcher = new QFutureWatcher<Listing>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, statusAfter] {
        watcher->deleteLater();
        if (generation == m_refreshes)
            applyTables(watcher->result(), statusAfter);
    });
    watcher->setFuture(QtConcurrent::run([database = m_database]() -> Listing {
        // Tables, then views: both from one snapshot would need a transaction; a view made
        // in between shows at the next refresh.
        auto conn = database->connect();
        auto tables = conn->tables();
        if (!tables)
            return tables;
        auto views = conn->views();
        if (!views)
            return views.status();
        for (auto &v : *views)
            tables->push_back(std::move(v));
        return tables;
    }));
}

void MainWindow::applyTables(engine::Result<std::vector<engine::TableInfo>> tables,
                             const QString &statusAfter)
{
    if (!m_database)
        return;
    const QString current = selectedTable();
    const engine::Status status = tables ? engine::Status() : tables.status();
    m_model->setTables(tables ? std::move(*tables) : std::vector<engine::TableInfo>{});
    m_tables->setColumnHidden(TableListModel::Created, true); // in the tooltip instead
    for (int c = 0; c < TableListModel::Created; ++c)
        m_tables->resizeColumnToContents(c);
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->tableOf(m_model->index(r, 0)) == current)
            m_tables->setCurrentIndex(m_model->index(r, 0));
    m_dataPages->setCurrentIndex(status && m_model->rowCount() == 0 ? 1 : 0);
    // A database opens on its first table: its rows show at once.
    if (current.isEmpty() && !m_tables->currentIndex().isValid() && m_model->rowCount() > 0)
        m_tables->setCurrentIndex(m_model->index(0, 0));
    const QString when = QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(m_database->lastCommitTs() / 1000))
            .toLocalTime(),
        QLocale::ShortFormat);
    m_status->setText(
        status ? tr("%1 · last commit %2%3")
                     .arg(m_path, when, m_database->readOnly() ? tr(" · read-only") : QString())
               : tr("Cannot list tables: %1").arg(QString::fromStdString(status.message())));
    if (!statusAfter.isEmpty() && status)
        m_status->setText(statusAfter);
    emit tablesRefreshed();
}

QString MainWindow::selectedTable() const
{
    const QString inTree = m_model->tableOf(m_tables->currentIndex());
    return inTree.isEmpty() ? m_data->table() : inTree; // the tree may not be listed yet
}

bool MainWindow::canRun(bool writes)
{
    if (!m_database) {
        m_status->setText(tr("Open a database first."));
        return false;
    }
    if (writes && m_database->readOnly()) {
        m_status->setText(tr("The database is read-only: %1").arg(m_readOnlyReason));
        return false;
    }
    return true;
}

void MainWindow::showTable(const QString &name)
{
    if (!m_database)
        return;
    if (m_data->table() == name)
        return;
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->tableOf(m_model->index(r, 0)) == name
            && m_model->tableOf(m_tables->currentIndex()) != name) {
            m_tables->setCurrentIndex(m_model->index(r, 0)); // shows it through the handler
            m_tables->expand(m_model->index(r, 0));          // with its columns
            for (int c = 0; c < TableListModel::Created; ++c)
                m_tables->resizeColumnToContents(c);
        }
    if (m_data->table() == name)
        return;
    m_filter->clear();
    markFilter({});
    m_data->setTable(m_database, name);
}

void MainWindow::applyFilter()
{
    if (m_data->table().isEmpty() || !m_database)
        return;
    m_data->setTable(m_database, m_data->table(), m_filter->text());
}

void MainWindow::rowsShown()
{
    const QString table = m_data->table();
    if (table != m_sizedFor) { // a new table: columns fit its first rows; a sort keeps widths
        m_sizedFor = table;
        m_rows->resizeColumnsToContents();
    }
    syncSortIndicator();
    markFilter({});
    if (!m_data->filter().trimmed().isEmpty())
        m_status->setText(tr("%1: filtered by %2").arg(table, m_data->filter()));
}

void MainWindow::rowsRefused(const QString &message)
{
    syncSortIndicator(); // a refused or canceled sort leaves the rows as they were shown
    if (m_data->lastError().code() == engine::StatusCode::Canceled) {
        m_status->setText(message);
        return;
    }
    if (!m_filter->text().trimmed().isEmpty() && m_filter->text() != m_data->filter()) {
        // The grid keeps its rows; the filter box says what is wrong with it, and where.
        const int at = m_data->lastErrorPosition();
        markFilter(message, at);
        const QString typed = m_filter->text();
        m_status->setText(at < 0 ? tr("The filter does not work: %1").arg(message)
                                 : tr("The filter does not work: %1 — here: %2▸%3")
                                       .arg(message, typed.left(at), typed.mid(at)));
        return;
    }
    m_status->setText(message);
}

void MainWindow::syncSortIndicator()
{
    QHeaderView *header = m_rows->horizontalHeader();
    const QSignalBlocker quiet(header); // showing the sort is not asking for one
    header->setSortIndicator(m_data->sortColumn(), m_data->sortOrder());
}

void MainWindow::markFilter(const QString &error, int at)
{
    QPalette palette = m_filter->style()->standardPalette();
    if (!error.isEmpty())
        palette.setColor(QPalette::Base, QColor(255, 228, 225)); // a light red, as for errors
    m_filter->setPalette(palette);
    m_filter->setToolTip(error);
    if (at < 0 || at > m_filter->text().size())
        return;
    // The cursor goes to the place; the word there (or the one character) is selected.
    const QString text = m_filter->text();
    int end = at;
    while (end < text.size() && (text[end].isLetterOrNumber() || text[end] == QLatin1Char('_')))
        ++end;
    if (end == at && at < text.size())
        end = at + 1;
    m_filter->setFocus();
    if (end > at)
        m_filter->setSelection(at, end - at);
    else
        m_filter->setCursorPosition(at);
}

void MainWindow::showHistory()
{
    if (!m_database)
        return;
    m_history->load(m_database); // on a worker, newest first
}

void MainWindow::openFolderOf(const QString &file)
{
    if (!file.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(file).absolutePath()));
}

QString MainWindow::droppedFolder() const
{
    return QDir(exportFolder()).filePath(QStringLiteral("dropped tables"));
}

QString MainWindow::historyFile(int row) const
{
    return m_history->existingFile(row);
}

void MainWindow::applySettings(transfer::ExportSpec &spec) const
{
    QSettings settings;
    spec.utcNames = settings.value(SettingsDialog::kUtcNames, false).toBool();
    spec.keepNewest = settings.value(SettingsDialog::kKeepNewest, 0).toInt();
}

void MainWindow::backupNow()
{
    if (!canRun(false))
        return;
    transfer::ExportSpec spec;
    spec.scope = transfer::ExportScope::Full;
    spec.formats.push_back({"json", {}});
    spec.outputDir = exportFolder().toStdString();
    applySettings(spec);
    m_jobs->startExport(m_database, spec, tr("Backup of %1").arg(m_path));
}

void MainWindow::exportSelectedAsCsv()
{
    if (!canRun(false))
        return;
    const QString table = selectedTable();
    if (table.isEmpty()) {
        m_status->setText(tr("Select a table to export first."));
        return;
    }
    transfer::ExportSpec spec;
    spec.scope = transfer::ExportScope::Tables;
    spec.tables.push_back({table.toStdString(), {}, {}});
    spec.formats.push_back(
        {"csv",
         {{"preset",
           QSettings().value(SettingsDialog::kCsvPreset, "rfc4180").toString().toStdString()}}});
    spec.outputDir = exportFolder().toStdString();
    applySettings(spec);
    m_jobs->startExport(m_database, spec, tr("%1 as CSV").arg(table));
}

ExportDialog *MainWindow::openExportDialog()
{
    if (!canRun(false))
        return nullptr;
    const QString table = selectedTable();
    auto *dialog = new ExportDialog(
        m_database, table.isEmpty() ? QStringList() : QStringList{table}, exportFolder(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto spec = dialog->spec();
        m_jobs->startExport(
            m_database, spec,
            spec.scope == transfer::ExportScope::Full    ? tr("Export of the database")
            : spec.scope == transfer::ExportScope::Query ? tr("Export of a query")
            : spec.tables.size() == 1
                ? tr("Export of %1").arg(QString::fromStdString(spec.tables[0].table))
                : tr("Export of %1 tables").arg(QLocale().toString(qlonglong(spec.tables.size()))));
    });
    dialog->open();
    return dialog;
}

bool MainWindow::runExportProfile(const QString &name)
{
    if (!canRun(false))
        return false;
    const auto spec = ExportProfiles::load(name);
    if (!spec) {
        m_status->setText(tr("There is no export profile named %1.").arg(name));
        return false;
    }
    m_jobs->startExport(m_database, *spec, tr("Export profile %1").arg(name));
    return true;
}

void MainWindow::importFiles(const QStringList &files, const QString &targetTable)
{
    if (!canRun(true))
        return;
    auto *dialog = new ImportDialog(m_database, files, targetTable, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto spec = dialog->spec();
        m_jobs->startImport(
            m_database, spec,
            spec.files.size() == 1
                ? tr("Import %1").arg(QFileInfo(QString::fromStdString(spec.files[0])).fileName())
                : tr("Import of %1 files").arg(QLocale().toString(qlonglong(spec.files.size()))));
    });
    dialog->open();
}

void MainWindow::openJobResult(const QModelIndex &index)
{
    const int row = m_jobs->jobOf(index);
    if (row < 0)
        return;
    const JobList::Detail *detail = m_jobs->detailOf(index);
    if (m_jobs->state(row) == JobList::State::Failed) {
        QMessageBox::warning(this, m_jobs->data(m_jobs->index(row, JobList::What)).toString(),
                             m_jobs->message(row));
        return;
    }
    if (detail || m_jobs->state(row) == JobList::State::Done)
        openFolderOf(m_jobs->fileOf(index));
}

void MainWindow::copyJobText(const QModelIndex &index)
{
    const QString file = m_jobs->fileOf(index);
    const JobList::Detail *detail = m_jobs->detailOf(index);
    const QString text = !file.isEmpty() ? QDir::toNativeSeparators(file)
                         : detail        ? detail->text
                                         : QString();
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    m_status->setText(tr("Copied: %1").arg(text));
}

void MainWindow::tableMenu(const QPoint &at)
{
    const QString table = m_model->tableOf(m_tables->indexAt(at));
    if (table.isEmpty())
        return;
    m_tables->setCurrentIndex(m_tables->indexAt(at));
    QMenu menu(this);
    menu.addAction(tr("&Export…"), this, [this] { openExportDialog(); });
    menu.addAction(tr("Export as &CSV"), this, &MainWindow::exportSelectedAsCsv);
    if (m_model->isView(table)) {
        menu.addSeparator();
        auto *drop = menu.addAction(tr("&Drop view…"), this, [this, table] {
            if (QMessageBox::question(this, tr("Drop view"),
                                      tr("Drop view %1? Its definition is kept in %2, and "
                                         "Import brings it back.")
                                          .arg(table, QDir::toNativeSeparators(droppedFolder())))
                == QMessageBox::Yes)
                dropView(table);
        });
        if (m_database->readOnly()) {
            drop->setEnabled(false);
            drop->setToolTip(tr("The database is read-only: %1").arg(m_readOnlyReason));
            menu.setToolTipsVisible(true);
        }
        menu.exec(m_tables->viewport()->mapToGlobal(at));
        return;
    }
    auto *importInto = menu.addAction(tr("&Import into…"), this, [this, table] {
        const QStringList files
            = QFileDialog::getOpenFileNames(this, tr("Import into %1").arg(table));
        if (!files.isEmpty())
            importFiles(files, table);
    });
    menu.addSeparator();
    auto *drop = menu.addAction(tr("&Drop…"), this, [this, table] {
        if (QMessageBox::question(
                this, tr("Drop table"),
                tr("Drop table %1 and all its rows? A copy is kept in %2, and Import brings it "
                   "back.")
                    .arg(table, QDir::toNativeSeparators(droppedFolder())))
            == QMessageBox::Yes)
            dropTable(table); // it shows its own error in the status bar
    });
    if (m_database->readOnly()) { // said why, rather than failing afterwards
        for (QAction *writes : {importInto, drop}) {
            writes->setEnabled(false);
            writes->setToolTip(tr("The database is read-only: %1").arg(m_readOnlyReason));
        }
        menu.setToolTipsVisible(true);
    }
    menu.exec(m_tables->viewport()->mapToGlobal(at));
}

QFuture<engine::Status> MainWindow::dropTable(const QString &table)
{
    if (!canRun(true))
        return QtFuture::makeReadyFuture(
            engine::Status(m_database ? engine::StatusCode::ReadOnly : engine::StatusCode::Invalid,
                           m_status->text().toStdString()));
    if (m_data->table() == table)
        m_data->setTable(m_database, QString()); // its reader lets go of the table
    m_status->setText(tr("Dropping table %1…").arg(table));
    // Nothing is lost: the table's rows and columns are written to a JSON file first (Import
    // brings it back), and nothing is dropped when that copy cannot be written.
    transfer::ExportSpec keep;
    keep.scope = transfer::ExportScope::Tables;
    keep.tables = {{table.toStdString(), {}, {}}};
    keep.formats = {{"json", {}}};
    keep.outputDir = droppedFolder().toStdString();
    keep.latestLinks = false;
    auto kept = std::make_shared<QString>();
    auto dropped
        = QtConcurrent::run([database = m_database, table, keep, kept]() -> engine::Status {
              auto copy = transfer::runExport(*database, keep);
              if (!copy)
                  return engine::Status(copy.status().code(),
                                        "the table was not dropped: its copy could not be written: "
                                            + copy.status().message());
              if (!copy->files.empty())
                  *kept = QString::fromStdString(copy->files.front().path);
              auto result = database->connect()->execute(
                  "DROP TABLE " + transfer::quoteIdentifier(table.toStdString()));
              return result ? engine::Status() : result.status();
          });
    auto *watcher = new QFutureWatcher<engine::Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, table, kept] {
        watcher->deleteLater();
        const engine::Status status = watcher->result();
        m_lastDropCopy = status ? *kept : QString();
        const QString said = status ? tr("Dropped table %1; a copy is kept in %2 (Import brings "
                                         "it back)")
                                          .arg(table, QDir::toNativeSeparators(*kept))
                                    : QString::fromStdString(status.message());
        m_status->setText(said);
        refresh(said);
    });
    watcher->setFuture(dropped);
    return dropped;
}

QFuture<engine::Status> MainWindow::dropView(const QString &view)
{
    if (!canRun(true))
        return QtFuture::makeReadyFuture(
            engine::Status(m_database ? engine::StatusCode::ReadOnly : engine::StatusCode::Invalid,
                           m_status->text().toStdString()));
    if (m_data->table() == view)
        m_data->setTable(m_database, QString());
    m_status->setText(tr("Dropping view %1…").arg(view));
    // Nothing is lost: its definition goes to a SQL file first (importing it makes the view
    // again), and nothing is dropped when that file cannot be written.
    auto kept = std::make_shared<QString>();
    const QString folder = droppedFolder();
    auto dropped = QtConcurrent::run([database = m_database, view, folder,
                                      kept]() -> engine::Status {
        auto conn = database->connect();
        auto info = conn->table(view.toStdString());
        if (!info)
            return info.status();
        std::string sql = "CREATE VIEW " + transfer::quoteIdentifier(info->name);
        if (!info->viewColumns.empty()) {
            sql += " (";
            for (size_t c = 0; c < info->viewColumns.size(); ++c)
                sql += (c ? ", " : "") + transfer::quoteIdentifier(info->viewColumns[c]);
            sql += ")";
        }
        sql += " AS " + info->viewSql + ";\n";
        QDir().mkpath(folder);
        const QString path = QDir(folder).filePath(
            QStringLiteral("%1_view_%2.sql")
                .arg(view,
                     QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd_HHmmss"))));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::fromStdString(sql)) < 0
            || !file.commit())
            return engine::Status(engine::StatusCode::Io,
                                  "the view was not dropped: its definition could not be written "
                                  "to "
                                      + path.toStdString());
        *kept = path;
        auto result = conn->execute("DROP VIEW " + transfer::quoteIdentifier(info->name));
        return result ? engine::Status() : result.status();
    });
    auto *watcher = new QFutureWatcher<engine::Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, view, kept] {
        watcher->deleteLater();
        const engine::Status status = watcher->result();
        m_lastDropCopy = status ? *kept : QString();
        const QString said = status ? tr("Dropped view %1; its definition is kept in %2 (Import "
                                         "brings it back)")
                                          .arg(view, QDir::toNativeSeparators(*kept))
                                    : QString::fromStdString(status.message());
        m_status->setText(said);
        refresh(said);
    });
    watcher->setFuture(dropped);
    return dropped;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        for (const QUrl &url : event->mimeData()->urls())
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            files << url.toLocalFile();
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    // Dropped on the table list: into the table under the cursor.
    QString target;
    const QPoint at = m_tables->viewport()->mapFrom(this, event->position().toPoint());
    if (m_tables->viewport()->rect().contains(at)) {
        target = m_model->tableOf(m_tables->indexAt(at));
    }
    importFiles(files, target);
}

} // namespace strata::ui
