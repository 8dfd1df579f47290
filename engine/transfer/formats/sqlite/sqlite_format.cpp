// SQLite database files: every table in one file, written and read through Qt Sql.
#include "engine/transfer/format.h"
#include "engine/transfer/formats/sqlite/sqlite_reader.h"
#include "engine/transfer/formats/sqlite/sqlite_writer.h"

namespace strata::transfer {

FormatInfo sqliteFormat()
{
    FormatInfo f;
    f.id = "sqlite";
    f.label = "SQLite";
    f.name = "SQLite database file";
    f.extension = "sqlite";
    f.readExtensions = {"sqlite", "sqlite3", "db", "db3"};
    f.mimeTypes = {"application/vnd.sqlite3", "application/x-sqlite3"};
    f.capabilities = MultiTable;
    f.sniff = [](std::string_view head) {
        return head.substr(0, 16) == std::string_view("SQLite format 3\0", 16) ? Sniff::Surely
                                                                               : Sniff::No;
    };
    f.writer = createSqliteWriter;
    f.reader = createSqliteReader;
    return f;
}

} // namespace strata::transfer
