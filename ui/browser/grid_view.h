#pragma once

#include <QAbstractItemView>
#include <QFrame>
#include <optional>
#include <vector>

class QScrollBar;
class QTableView;

namespace strata::ui {

class TableDataModel;

namespace detail {
class WindowedTable;
} // namespace detail

//! The rows of a TableDataModel, however many. Its table view holds the model's window
//! (TableDataModel::kWindowRows rows at most, so the header's work per row stays small) and
//! the scroll bar beside it spans every row. Dragging the bar far, scrolling near the window's
//! edge or Ctrl+Home/Ctrl+End moves the window; the rows shown, the current cell and the
//! selection stay on the same rows of the table.
class GridView : public QFrame {
    Q_OBJECT
public:
    explicit GridView(TableDataModel *model, QWidget *parent = nullptr);

    QTableView *table() const;
    //! The scroll bar over all rows (the table view's own is hidden).
    QScrollBar *rowsBar() const { return m_bar; }
    //! Shows `row` (of all rows) where `hint` says and makes it the current row.
    void goToRow(int row, QAbstractItemView::ScrollHint hint = QAbstractItemView::PositionAtTop);
    //! The first row shown, of all rows.
    int topRow() const;
    //! The current row of all rows (-1: none), also when it is out of the window.
    int currentRow() const;

private:
    friend class detail::WindowedTable;
    //! The table view scrolled (wheel, keys, its cursor): the bar follows.
    void tableScrolled();
    //! The bar moved (dragged, clicked, wheel): the table follows, moving the window if needed.
    void barMoved(int top);
    //! Sets the bar's range and value from the window and the table's own scroll bar.
    void syncBar();
    //! The window starts at `start`; `top` (of all rows) is the row shown at the top after.
    void moveWindow(int start, int top);
    //! When the rows shown come near an edge of the window, it is moved to centre them (after
    //! the event that scrolled, so that a key press in progress sees one window throughout).
    void recentreSoon();
    //! Where a window starts that has `top` and the page below it in its middle.
    int centredOn(int top) const;

    //! Brings the current cell back into the window when it was moved out (a key press then
    //! moves on from it, as in any table).
    void unpark();

    //! Cells of all rows (not of the window).
    struct Cells {
        int top, bottom, left, right;
    };
    TableDataModel *m_model;
    detail::WindowedTable *m_table;
    QScrollBar *m_bar;
    bool m_syncing = false;
    bool m_recentreQueued = false;
    bool m_moving = false; //!< the window is being moved: selection changes are not the user's
    // What the user selected out of the window, until they select something else.
    std::vector<Cells> m_parkedSelection;
    std::optional<std::pair<int, int>> m_parkedCurrent; //!< row of all rows, column
};

} // namespace strata::ui
