#include "ui/main_window/main_window.h"

#include "engine/transfer/export_job.h"
#include "engine/transfer/export_spec.h"
#include "engine/transfer/format.h"
#include "ui/browser/table_data_model.h"
#include "ui/console/sql_console.h"
#include "ui/export/export_dialog.h"
#include "ui/export/export_profiles.h"
#include "ui/import/import_dialog.h"
#include "ui/jobs/job_list.h"
#include "ui/models/table_list_model.h"
#include "ui/settings/settings_dialog.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDesktopServices>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
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

//! Draws a job's progress column as a progress bar (busy while the total is unknown).
class ProgressDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.minimum = 0;
        const int percent = index.data(Qt::UserRole).toInt();
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
    : QMainWindow(parent)
    , m_database(std::move(database))
    , m_path(path)
    , m_model(new TableListModel(this))
    , m_tables(new QTreeView(this))
    , m_data(new TableDataModel(this))
    , m_rows(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_jobs(new JobList(this))
    , m_jobView(new QTableView(this))
    , m_status(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_cancelRead(new QToolButton(this))
    , m_busyDelay(new QTimer(this))
{
    setWindowTitle(tr("Strata — %1").arg(path));
    setAcceptDrops(true);

    m_tables->setModel(m_model);
    m_tables->setAccessibleName(tr("Tables"));
    m_tables->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tables->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tables->setAlternatingRowColors(true);
    m_tables->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tables, &QWidget::customContextMenuRequested, this, &MainWindow::tableMenu);

    m_rows->setModel(m_data);
    m_rows->setAccessibleName(tr("Rows of the selected table"));
    m_rows->setSortingEnabled(true);
    m_rows->horizontalHeader()->setSortIndicatorShown(true);
    m_rows->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_rows->setAlternatingRowColors(true);
    m_filter->setPlaceholderText(tr("Filter: a WHERE condition, e.g. age > 30 AND name LIKE 'A%'"));
    m_filter->setAccessibleName(tr("Row filter"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::returnPressed, this, &MainWindow::applyFilter);

    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->addWidget(m_filter);
    centreLayout->addWidget(m_rows, 1);
    m_console = new SqlConsole(m_database, this);
    connect(m_console, &SqlConsole::finished, this, [this] { refresh(); });
    connect(m_console, &SqlConsole::exportRequested, this, [this](const QString &sql) {
        auto *dialog = openExportDialog();
        dialog->setQuery(sql);
    });
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(centre, tr("&Data"));
    m_tabs->addTab(m_console, tr("&SQL"));
    m_history = new TableDataModel(this);
    connect(m_data, &TableDataModel::loaded, this, &MainWindow::rowsShown);
    connect(m_data, &TableDataModel::failed, this, &MainWindow::rowsRefused);
    connect(m_history, &TableDataModel::failed, this, [this](const QString &message) {
        // A database that never exported or imported has no audit_log: no history, no error.
        if (m_history->lastError().code() != engine::StatusCode::NotFound)
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
    setCentralWidget(split);

    m_jobView->setModel(m_jobs);
    m_jobView->setAccessibleName(tr("Jobs"));
    m_jobView->setItemDelegateForColumn(JobList::Progress, new ProgressDelegate(m_jobView));
    m_jobView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_jobView->verticalHeader()->hide();
    m_jobView->horizontalHeader()->setStretchLastSection(true);
    m_jobView->setColumnWidth(JobList::What, 260);
    m_jobView->setColumnWidth(JobList::Progress, 160);
    m_jobView->setColumnWidth(JobList::Speed, 200);
    m_jobView->setColumnWidth(JobList::Elapsed, 200);
    m_jobView->setToolTip(tr("Double-click a finished job to open its folder, or to read its "
                             "error in full"));
    // activated: a double-click, or Enter on the keyboard.
    connect(m_jobView, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { openJobResult(index.row()); });
    auto *jobsDock = new QDockWidget(tr("Jobs"), this);
    jobsDock->setObjectName(QStringLiteral("jobs"));
    jobsDock->setWidget(m_jobView);
    addDockWidget(Qt::BottomDockWidgetArea, jobsDock);
    resizeDocks({jobsDock}, {170}, Qt::Vertical);
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
    auto *openAction = file->addAction(tr("&Open database…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a Strata database "
                                                                       "folder"));
        if (!dir.isEmpty())
            openDatabase(dir);
    });
    openAction->setShortcut(QKeySequence::Open);
    auto *recent = file->addMenu(tr("Open &recent"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        recent->clear();
        for (const QString &path : recentDatabases())
            recent->addAction(path, this, [this, path] { openDatabase(path); });
        if (recent->isEmpty())
            recent->addAction(tr("(none yet)"))->setEnabled(false);
    });
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
                    openExportDialog()->loadSpec(*spec);
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
    m_jobView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(cancelJob, &QAction::triggered, this, [this] {
        const auto rows = m_jobView->selectionModel()->selectedRows();
        for (const auto &r : rows)
            m_jobs->cancel(r.row());
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
    focus(tr("&Jobs"), QKeySequence(Qt::CTRL | Qt::Key_5), [this] { m_jobView->setFocus(); });

    auto *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("main"));
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
    });
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

MainWindow *MainWindow::openDatabase(const QString &path)
{
    engine::OpenOptions options;
    options.programName = "strata";
    auto db = engine::Database::open(path.toStdString(), options);
    if (!db && db.status().code() == engine::StatusCode::Locked) {
        options.readOnly = true; // another program writes it: look, do not touch
        db = engine::Database::open(path.toStdString(), options);
    }
    if (!db) {
        QMessageBox::warning(
            this, tr("Open database"),
            tr("Cannot open %1:\n%2").arg(path, QString::fromStdString(db.status().message())));
        return nullptr;
    }
    rememberDatabase(path);
    auto *window = new MainWindow(*db, path);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->resize(size());
    window->show();
    close();
    return window;
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
    const quint64 generation = ++m_refreshes;
    using Listing = engine::Result<std::vector<engine::TableInfo>>;
    auto *watcher = new QFutureWatcher<Listing>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, statusAfter] {
        watcher->deleteLater();
        if (generation == m_refreshes)
            applyTables(watcher->result(), statusAfter);
    });
    watcher->setFuture(QtConcurrent::run(
        [database = m_database]() -> Listing { return database->connect()->tables(); }));
}

void MainWindow::applyTables(engine::Result<std::vector<engine::TableInfo>> tables,
                             const QString &statusAfter)
{
    const QString current = selectedTable();
    const engine::Status status = tables ? engine::Status() : tables.status();
    m_model->setTables(tables ? std::move(*tables) : std::vector<engine::TableInfo>{});
    m_tables->setColumnHidden(TableListModel::Created, true); // in the tooltip instead
    for (int c = 0; c < TableListModel::Created; ++c)
        m_tables->resizeColumnToContents(c);
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->tableOf(m_model->index(r, 0)) == current)
            m_tables->setCurrentIndex(m_model->index(r, 0));
    // A database opens on its first table: its rows show at once.
    if (current.isEmpty() && !m_tables->currentIndex().isValid() && m_model->rowCount() > 0)
        m_tables->setCurrentIndex(m_model->index(0, 0));
    const QString when
        = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(m_database->lastCommitTs() / 1000))
              .toLocalTime()
              .toString(Qt::ISODate);
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

void MainWindow::showTable(const QString &name)
{
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
    if (m_data->table().isEmpty())
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
        // The grid keeps its rows; the filter box says what is wrong with it.
        markFilter(message);
        m_status->setText(tr("The filter does not work: %1").arg(message));
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

void MainWindow::markFilter(const QString &error)
{
    QPalette palette = m_filter->style()->standardPalette();
    if (!error.isEmpty())
        palette.setColor(QPalette::Base, QColor(255, 228, 225)); // a light red, as for errors
    m_filter->setPalette(palette);
    m_filter->setToolTip(error);
}

void MainWindow::showHistory()
{
    // The audit trail, newest first (read on the model's reader; none is no error).
    m_history->setTable(m_database, QStringLiteral("audit_log"));
    m_history->sort(0, Qt::DescendingOrder);
}

void MainWindow::openFolderOf(const QString &file)
{
    if (!file.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(file).absolutePath()));
}

QString MainWindow::historyFile(int row) const
{
    int files = -1;
    for (int c = 0; c < m_history->columnCount(); ++c)
        if (m_history->headerData(c, Qt::Horizontal).toString() == QStringLiteral("files"))
            files = c;
    if (files < 0 || row < 0 || row >= m_history->rowCount())
        return {};
    // The audit trail joins an entry's files with ", " (which a name may hold too).
    const QString listed = m_history->data(m_history->index(row, files)).toString();
    if (QFileInfo::exists(listed))
        return listed;
    for (const QString &part : listed.split(QStringLiteral(", ")))
        if (QFileInfo::exists(part))
            return part;
    return {};
}

void MainWindow::applySettings(transfer::ExportSpec &spec) const
{
    QSettings settings;
    spec.utcNames = settings.value(SettingsDialog::kUtcNames, false).toBool();
    spec.keepNewest = settings.value(SettingsDialog::kKeepNewest, 0).toInt();
}

void MainWindow::backupNow()
{
    transfer::ExportSpec spec;
    spec.scope = transfer::ExportScope::Full;
    spec.formats.push_back({"json", {}});
    spec.outputDir = exportFolder().toStdString();
    applySettings(spec);
    m_jobs->startExport(m_database, spec, tr("Backup of %1").arg(m_path));
}

void MainWindow::exportSelectedAsCsv()
{
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
    const QString table = selectedTable();
    auto *dialog = new ExportDialog(
        m_database, table.isEmpty() ? QStringList() : QStringList{table}, exportFolder(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto spec = dialog->spec();
        m_jobs->startExport(m_database, spec,
                            spec.scope == transfer::ExportScope::Full ? tr("Export of the database")
                            : spec.scope == transfer::ExportScope::Query
                                ? tr("Export of a query")
                                : tr("Export of %n table(s)", nullptr, int(spec.tables.size())));
    });
    dialog->open();
    return dialog;
}

bool MainWindow::runExportProfile(const QString &name)
{
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
    auto *dialog = new ImportDialog(m_database, files, targetTable, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto spec = dialog->spec();
        m_jobs->startImport(
            m_database, spec,
            spec.files.size() == 1
                ? tr("Import %1").arg(QFileInfo(QString::fromStdString(spec.files[0])).fileName())
                : tr("Import of %n file(s)", nullptr, int(spec.files.size())));
    });
    dialog->open();
}

void MainWindow::openJobResult(int row)
{
    if (row < 0 || row >= m_jobs->rowCount())
        return;
    switch (m_jobs->state(row)) {
    case JobList::State::Failed:
        QMessageBox::warning(this, m_jobs->data(m_jobs->index(row, JobList::What)).toString(),
                             m_jobs->message(row));
        return;
    case JobList::State::Done:
        if (!m_jobs->files(row).isEmpty())
            openFolderOf(m_jobs->files(row).front());
        return;
    default:
        return;
    }
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
    menu.addAction(tr("&Import into…"), this, [this, table] {
        const QStringList files
            = QFileDialog::getOpenFileNames(this, tr("Import into %1").arg(table));
        if (!files.isEmpty())
            importFiles(files, table);
    });
    menu.addSeparator();
    menu.addAction(tr("&Drop…"), this, [this, table] {
        if (QMessageBox::question(
                this, tr("Drop table"),
                tr("Drop table %1 and all its rows? This cannot be undone.").arg(table))
            == QMessageBox::Yes)
            dropTable(table); // it shows its own error in the status bar
    });
    menu.exec(m_tables->viewport()->mapToGlobal(at));
}

QFuture<engine::Status> MainWindow::dropTable(const QString &table)
{
    if (m_data->table() == table)
        m_data->setTable(m_database, QString()); // its reader lets go of the table
    m_status->setText(tr("Dropping table %1…").arg(table));
    auto dropped = QtConcurrent::run([database = m_database, table]() -> engine::Status {
        auto result = database->connect()->execute(
            "DROP TABLE " + transfer::quoteIdentifier(table.toStdString()));
        return result ? engine::Status() : result.status();
    });
    auto *watcher = new QFutureWatcher<engine::Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, table] {
        watcher->deleteLater();
        const engine::Status status = watcher->result();
        const QString said
            = status ? tr("Dropped table %1").arg(table) : QString::fromStdString(status.message());
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
