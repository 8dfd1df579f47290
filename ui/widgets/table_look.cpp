#include "ui/widgets/table_look.h"

#include <QHeaderView>
#include <QStyle>
#include <QTableView>

namespace strata::ui {

void useNaturalRowHeight(QTableView *view)
{
    QHeaderView *rows = view->verticalHeader();
    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameVMargin, nullptr, view);
    const int height = view->fontMetrics().height() + 2 * margin + 4;
    rows->setMinimumSectionSize(height);
    rows->setDefaultSectionSize(height);
    rows->setSectionResizeMode(QHeaderView::Fixed);
}

} // namespace strata::ui
