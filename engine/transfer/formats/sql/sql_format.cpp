// SQL scripts: written in the SQLite, PostgreSQL or a generic dialect; read by running them.
#include "engine/common/ascii.h"
#include "engine/transfer/format.h"
#include "engine/transfer/formats/sql/sql_script_reader.h"
#include "engine/transfer/formats/sql/sql_writer.h"

#include <QtGlobal>
#include <cctype>

namespace strata::transfer {

//! Whether the first bytes look like a SQL script: a comment or a statement keyword first.
Sniff sniffSql(std::string_view head)
{
    head = textStart(head);
    if (head.substr(0, 2) == "--" || head.substr(0, 2) == "/*")
        return Sniff::Maybe;
    std::string word;
    for (char c : head.substr(0, 8)) {
        if (!std::isalpha(static_cast<unsigned char>(c)))
            break;
        word += engine::asciiUpper(c);
    }
    for (const char *k : {"BEGIN", "CREATE", "INSERT", "PRAGMA", "SET"})
        if (word == k)
            return Sniff::Maybe;
    return Sniff::No;
}

FormatInfo sqlFormat()
{
    using Kind = FormatOption::Kind;
    FormatInfo f;
    f.id = "sql";
    f.label = "SQL";
    f.name = "SQL script (SQLite, PostgreSQL, generic)";
    f.extension = "sql";
    f.readExtensions = {"sql"};
    f.mimeTypes = {"application/sql"};
    f.capabilities = MultiTable;
    f.fullExportStem = "migration";
    f.options = {
        {"dialect",
         Kind::Choice,
         {"sqlite", "postgres", "generic"},
         "sqlite",
         "the database the script is for",
         QT_TRANSLATE_NOOP("FormatOption", "SQL dialect")},
        {"rows_per_insert",
         Kind::Count,
         {},
         "100",
         "rows in one INSERT statement, 1 to 100000 (1: one per row)",
         QT_TRANSLATE_NOOP("FormatOption", "Rows per INSERT")},
    };
    f.checkOptions = [](const std::map<std::string, std::string> &o) {
        auto it = o.find("rows_per_insert");
        if (it != o.end() && std::stoll(it->second) > 100000)
            throw engine::EngineError(engine::StatusCode::Invalid,
                                      "rows_per_insert takes 1 to 100000, not '" + it->second
                                          + "'");
    };
    f.sniff = sniffSql;
    f.writer = createSqlWriter;
    f.reader = createSqlScriptReader;
    return f;
}

} // namespace strata::transfer
