#include "ui/browser/grid_view.h"

#include "ui/browser/table_data_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QTableView>
#include <algorithm>

namespace strata::ui {

namespace detail {

//! The table view of a GridView: Ctrl+Home and Ctrl+End go to the first and last row of all
//! rows, not of the window.
class WindowedTable : public QTableView {
public:
    explicit WindowedTable(GridView *grid)
        : QTableView(grid)
        , m_grid(grid)
    {
    }
    //! The header's width follows the row numbers shown (wider far down a big table).
    void refit() { updateGeometries(); }

protected:
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override
    {
        TableDataModel *model = m_grid->m_model;
        m_grid->unpark();
        const bool toAnEnd = action == MoveHome || action == MoveEnd;
        if (!toAnEnd || !(modifiers & Qt::ControlModifier) || model->totalRows() == 0)
            return QTableView::moveCursor(action, modifiers);
        const int row = action == MoveHome ? 0 : model->totalRows() - 1;
        m_grid->moveWindow(action == MoveHome ? 0 : row, row);
        const int column = currentIndex().isValid() ? currentIndex().column() : 0;
        return model->index(row - model->windowStart(), column);
    }

private:
    GridView *m_grid;
};

} // namespace detail

GridView::GridView(TableDataModel *model, QWidget *parent)
    : QFrame(parent)
    , m_model(model)
    , m_table(new detail::WindowedTable(this))
    , m_bar(new QScrollBar(Qt::Vertical, this))
{
    // One frame around the table and its bar, drawn as the table's own would be.
    setFrameStyle(m_table->frameStyle());
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setModel(model);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem); // its bar counts rows
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_bar->setObjectName(QStringLiteral("rowsBar"));
    m_bar->setAccessibleName(tr("Rows"));
    m_bar->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_bar);
    setFocusProxy(m_table);

    QScrollBar *own = m_table->verticalScrollBar();
    connect(own, &QScrollBar::valueChanged, this, &GridView::tableScrolled);
    connect(own, &QScrollBar::rangeChanged, this, &GridView::syncBar);
    connect(m_bar, &QScrollBar::valueChanged, this, &GridView::barMoved);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_parkedSelection.clear();
        m_parkedCurrent.reset();
        if (!m_model->keepsPlace())
            m_table->verticalScrollBar()->setValue(0);
        syncBar();
    });
    QItemSelectionModel *selection = m_table->selectionModel();
    connect(selection, &QItemSelectionModel::selectionChanged, this, [this] {
        if (!m_moving)
            m_parkedSelection.clear();
    });
    connect(selection, &QItemSelectionModel::currentChanged, this, [this] {
        if (!m_moving)
            m_parkedCurrent.reset();
    });
}

QTableView *GridView::table() const
{
    return m_table;
}

int GridView::topRow() const
{
    return m_model->windowStart() + m_table->verticalScrollBar()->value();
}

int GridView::currentRow() const
{
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        return m_model->windowStart() + current.row();
    return m_parkedCurrent ? m_parkedCurrent->first : -1;
}

void GridView::unpark()
{
    if (!m_parkedCurrent)
        return;
    const int row = m_parkedCurrent->first;
    moveWindow(centredOn(row), topRow());
}

void GridView::goToRow(int row, QAbstractItemView::ScrollHint hint)
{
    if (m_model->totalRows() == 0)
        return;
    row = std::clamp(row, 0, m_model->totalRows() - 1);
    const int start = m_model->windowStart();
    if (row < start || row >= start + m_model->rowCount())
        moveWindow(centredOn(row), row);
    const QModelIndex current = m_table->currentIndex();
    const QModelIndex index
        = m_model->index(row - m_model->windowStart(), current.isValid() ? current.column() : 0);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index, hint);
}

void GridView::tableScrolled()
{
    if (m_syncing)
        return;
    syncBar();
    recentreSoon();
}

void GridView::barMoved(int top)
{
    if (m_syncing)
        return;
    QScrollBar *own = m_table->verticalScrollBar();
    const int start = m_model->windowStart();
    if (top < start || top - start > own->maximum()) {
        moveWindow(centredOn(top), top);
        return;
    }
    m_syncing = true;
    own->setValue(top - start);
    m_syncing = false;
    recentreSoon();
}

void GridView::syncBar()
{
    const QScrollBar *own = m_table->verticalScrollBar();
    const int outside = m_model->totalRows() - m_model->rowCount(); // rows not in the window
    m_syncing = true;
    m_bar->setRange(0, own->maximum() + outside);
    m_bar->setPageStep(own->pageStep());
    m_bar->setSingleStep(own->singleStep());
    m_bar->setValue(m_model->windowStart() + own->value());
    m_syncing = false;
    m_bar->setVisible(m_bar->maximum() > 0);
}

void GridView::moveWindow(int start, int top)
{
    const int before = m_model->windowStart();
    m_model->setWindowStart(start);
    const int moved = m_model->windowStart() - before;
    if (moved != 0) {
        // The selection and the current cell are kept by the model's row numbers: they are
        // moved so that they stay on the same rows of the table, and what falls out of the
        // window is parked until it is in the window again (or the user selects anew).
        QItemSelectionModel *selection = m_table->selectionModel();
        std::vector<Cells> cells = std::move(m_parkedSelection);
        for (const QItemSelectionRange &range : selection->selection())
            cells.push_back(
                {range.top() + before, range.bottom() + before, range.left(), range.right()});
        const QModelIndex current = selection->currentIndex();
        if (current.isValid())
            m_parkedCurrent = std::pair(current.row() + before, current.column());
        const int first = m_model->windowStart();
        const int last = first + m_model->rowCount() - 1;
        QItemSelection kept;
        m_parkedSelection.clear();
        for (const Cells &c : cells) {
            const int from = std::max(c.top, first), to = std::min(c.bottom, last);
            if (from <= to)
                kept.select(m_model->index(from - first, c.left),
                            m_model->index(to - first, c.right));
            if (c.top < first)
                m_parkedSelection.push_back(
                    {c.top, std::min(c.bottom, first - 1), c.left, c.right});
            if (c.bottom > last)
                m_parkedSelection.push_back({std::max(c.top, last + 1), c.bottom, c.left, c.right});
        }
        QModelIndex shownCurrent;
        if (m_parkedCurrent && m_parkedCurrent->first >= first && m_parkedCurrent->first <= last) {
            shownCurrent = m_model->index(m_parkedCurrent->first - first, m_parkedCurrent->second);
            m_parkedCurrent.reset();
        }
        m_moving = true;
        const bool scrolls = m_table->hasAutoScroll();
        m_table->setAutoScroll(false); // a current cell moved is not scrolled to
        selection->select(kept, QItemSelectionModel::ClearAndSelect);
        selection->setCurrentIndex(shownCurrent, QItemSelectionModel::NoUpdate);
        m_table->setAutoScroll(scrolls);
        m_moving = false;
        m_table->refit();
    }
    m_syncing = true;
    m_table->verticalScrollBar()->setValue(top - m_model->windowStart());
    m_syncing = false;
    syncBar();
}

int GridView::centredOn(int top) const
{
    const int page = m_table->verticalScrollBar()->pageStep();
    return top - (TableDataModel::kWindowRows - page) / 2;
}

void GridView::recentreSoon()
{
    if (m_recentreQueued)
        return;
    const QScrollBar *own = m_table->verticalScrollBar();
    const int margin = TableDataModel::kWindowRows / 8;
    const int start = m_model->windowStart();
    const bool nearStart = own->value() < margin && start > 0;
    const bool nearEnd = own->value() > own->maximum() - margin
                         && start + m_model->rowCount() < m_model->totalRows();
    if (!nearStart && !nearEnd)
        return;
    m_recentreQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_recentreQueued = false;
            const int top = topRow();
            moveWindow(centredOn(top), top);
        },
        Qt::QueuedConnection);
}

} // namespace strata::ui
