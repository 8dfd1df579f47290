#pragma once

class QTableView;

namespace strata::ui {

//! Rows of `view` at the height of one line of its font with the style's margins (what a
//! native list shows), instead of QHeaderView's taller default; fixed, so the view never
//! measures rows one by one.
void useNaturalRowHeight(QTableView *view);

} // namespace strata::ui
