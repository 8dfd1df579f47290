// Excel workbooks: written only (one sheet per table, split past 1,048,576 rows).
#include "engine/transfer/format.h"
#include "engine/transfer/formats/xlsx/xlsx_writer.h"

namespace strata::transfer {

FormatInfo xlsxFormat()
{
    FormatInfo f;
    f.id = "xlsx";
    f.label = "Excel (XLSX)";
    f.name = "Excel workbook (XLSX)";
    f.extension = "xlsx";
    f.mimeTypes = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    f.capabilities = MultiTable; // a full export: one sheet per table
    f.writer = createXlsxWriter;
    return f;
}

} // namespace strata::transfer
