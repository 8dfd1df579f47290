#include "engine/transfer/format.h"
#include "engine/transfer/formats/csv/csv_reader.h"
#include "engine/transfer/formats/csv/csv_writer.h"
#include "engine/transfer/formats/geojson/geojson_reader.h"
#include "engine/transfer/formats/geojson/geojson_writer.h"
#include "engine/transfer/formats/json/json_reader.h"
#include "engine/transfer/formats/json/json_writer.h"
#include "engine/transfer/formats/sql/sql_script_reader.h"
#include "engine/transfer/formats/sql/sql_writer.h"
#include "engine/transfer/formats/sqlite/sqlite_reader.h"
#include "engine/transfer/formats/sqlite/sqlite_writer.h"
#include "engine/transfer/formats/xlsx/xlsx_writer.h"

namespace strata::transfer {

void registerBuiltinFormats()
{
    auto &registry = FormatRegistry::instance();
    registry.add(csvFormatInfo(), createCsvWriter);
    registry.add(jsonFormatInfo(), createJsonWriter);
    registry.add(sqlFormatInfo(), createSqlWriter);
    registry.add(sqliteFormatInfo(), createSqliteWriter);
    registry.add(xlsxFormatInfo(), createXlsxWriter);
    registry.add(geojsonFormatInfo(), createGeojsonWriter);
    registry.addReader("csv", {"csv", "tsv", "tab", "psv"}, createCsvReader);
    registry.addReader("json", {"json", "jsonl", "ndjson"}, createJsonReader);
    registry.addReader("sql", {"sql"}, createSqlScriptReader);
    // Zip archives are unpacked by the import job (zip_input.h); their entries use the
    // readers above.
    registry.addReader(
        "zip", {"zip"}, [](const std::string &path, const ImportSpec &) -> std::unique_ptr<Reader> {
            throw engine::EngineError(engine::StatusCode::Internal,
                                      path + ": a zip archive is unpacked before it is read");
        });
    registry.addReader("geojson", {"geojson"}, createGeojsonReader);
    registry.addReader("sqlite", {"sqlite", "sqlite3", "db", "db3"}, createSqliteReader);
}

} // namespace strata::transfer
