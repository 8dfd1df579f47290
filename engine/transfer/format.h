#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"
#include "engine/transfer/import_source.h"
#include "engine/transfer/import_spec.h"
#include "engine/transfer/output_file.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace strata::transfer {

//! What a format can do besides reading (a reader factory) and writing (a writer factory).
enum Capability : unsigned {
    MultiTable = 4,      //!< one file holds every table of an export (else one file per table)
    InlineDeletions = 8, //!< an incremental export's deleted keys go into the same file
    Archive = 16,        //!< a container the import job unpacks; its entries use other formats
};

//! One option of a format. The CLI's flags and `strata-cli formats`, the export dialog's
//! controls and the validation before any work starts are all made from these.
struct FormatOption {
    enum class Kind {
        Choice,    //!< one of `choices`
        Boolean,   //!< true or false
        Character, //!< one character, or "tab"
        Text,      //!< any text
        Count,     //!< a whole number of at least 1
    };
    std::string name; //!< "preset"
    Kind kind = Kind::Text;
    std::vector<std::string> choices;
    //! What the writer does without the option; "" when another option decides (a preset).
    std::string defaultValue;
    std::string help;  //!< one line, English, for --help and tooltips
    std::string label; //!< the dialog's label, English; translated in the "FormatOption" context
};

class Reader;
class Writer;
struct TableMeta;
struct ExportContext;
class VerifyStream;

//! How strongly the first bytes of a file say it is in a format.
enum class Sniff {
    No,
    Maybe,  //!< looks like it (JSON starts with { or [); the file's extension decides first
    Likely, //!< looks like it, and more than a Maybe does (a GeoJSON FeatureCollection)
    Surely  //!< a magic number ("PK\3\4", "SQLite format 3"): beats the extension
};

//! The start of a file's text for sniffing: past a UTF-8 byte order mark and white space.
std::string_view textStart(std::string_view head);
//! Whether that text opens a JSON object or array (JSON and GeoJSON both ask).
bool opensJson(std::string_view head);

//! Everything Strata knows about one format, in one place: the registry, the CLI, the dialogs
//! and the conformance test read it from here.
struct FormatInfo {
    std::string id;        //!< "csv"
    std::string name;      //!< "CSV (comma-separated values)"
    std::string label;     //!< as users write it, for buttons and lists: "GeoJSON", "SQLite"
    std::string extension; //!< written: "csv"
    //! Read by extension (lower case, no dot): "csv", "tsv", "tab", "psv".
    std::vector<std::string> readExtensions;
    std::vector<std::string> mimeTypes;
    unsigned capabilities = 0;
    //! File name stem of a MultiTable file holding a whole, unfiltered database.
    std::string fullExportStem = "full_backup";
    //! Options the writer understands.
    std::vector<FormatOption> options;
    //! Whether a file starting with `head` (up to 4 KiB) is in this format; empty: never sniffed.
    std::function<Sniff(std::string_view head)> sniff;
    //! The extension written with these options ("jsonl" for JSON lines); empty: `extension`.
    std::function<std::string(const std::map<std::string, std::string> &)> extensionFor;
    //! Checks option values together, beyond each one's kind; throws EngineError(Invalid).
    std::function<void(const std::map<std::string, std::string> &)> checkOptions;
    //! Whether the format can write this table with these options (GeoJSON needs a geometry);
    //! empty: every table. A full export skips tables a format does not accept, with a warning;
    //! naming such a table is an error that says why.
    std::function<std::string(const TableMeta &, const std::map<std::string, std::string> &)>
        rejects;
    std::function<std::unique_ptr<Writer>(OutputFile &out, const ExportContext &context,
                                          const std::map<std::string, std::string> &options)>
        writer;
    std::function<std::unique_ptr<Reader>(const ReadSource &source, const ImportSpec &spec)> reader;
    //! Reads back all of `in`, a file (or archive entry) named `name` that this format's writer
    //! wrote with `options`, for `strata verify`: the records it holds, or -1 when it is not
    //! what the writer writes (then `problems` says why, each problem starting with `name`).
    //! Empty: verify checks such a file's digest and size only.
    std::function<int64_t(VerifyStream &in, const std::string &name,
                          const std::map<std::string, std::string> &options,
                          std::vector<std::string> &problems)>
        countRecords;

    bool canExport() const { return static_cast<bool>(writer); }
    bool canImport() const { return static_cast<bool>(reader) || (capabilities & Archive); }
    const FormatOption *option(const std::string &name) const;
    std::string extensionWith(const std::map<std::string, std::string> &options) const;
};

//! A column as an export writes it (after column subsets and sanitization).
struct ExportColumn {
    std::string name;
    engine::LogicalType type = engine::LogicalType::Text;
    engine::ColumnInfo info; //!< the table column it comes from (empty for query columns)
    //! Values replaced by a mask: `type` and `info` are then already TEXT without constraints.
    bool masked = false;
};

//! What a writer is told about the table (or query result) it is about to receive.
struct TableMeta {
    std::string name;  //!< table name, or "query"
    std::string query; //!< the SQL of a query export
    std::vector<ExportColumn> columns;
    std::vector<std::string> primaryKey;
    int64_t createdAt = 0;
    int64_t expectedRows = -1;
    std::string filter; //!< the WHERE applied, if any
};

//! A view a whole-database export carries as its definition (its rows are not written).
struct ViewMeta {
    std::string name;
    std::string sql;                  //!< its query, in Strata's SQL
    std::vector<std::string> columns; //!< names it gives its query's columns (may be empty)
};

//! Facts about the whole export that writers stamp into their files' metadata.
struct ExportContext {
    const ExportSpec *spec = nullptr;
    std::string databaseName;
    uint64_t snapshotTs = 0;
    int64_t exportTime = 0; //!< µs UTC
    int64_t totalRows = -1; //!< rows in all tables, when known up front
    int totalTables = 0;
    bool isFullBackup = false;                  //!< a whole, unfiltered, unredacted database
    std::string sanitization;                   //!< "", "drop" or "mask"
    std::vector<std::string> sanitizedColumns;  //!< "table.column"
    std::map<std::string, std::string> filters; //!< table -> WHERE
    std::map<std::string, std::vector<std::string>> columnSubsets;
    bool incremental = false;
    std::string profile;
    std::map<std::string, uint64_t> sinceByTable; //!< incremental: each table's watermark
    //! A whole-database export: every view (JSON backups and SQL scripts recreate them).
    std::vector<ViewMeta> views;
};

//! Writes one format. A MultiTable writer gets every table of the export into one file; any
//! other writer gets one table per instance. Errors are thrown as engine::EngineError and
//! reported by the job with the file's name.
class Writer {
public:
    virtual ~Writer() = default;
    virtual void beginTable(const TableMeta &table) = 0;
    virtual void writeBatch(const engine::RowBatch &batch) = 0;
    //! Incremental exports, formats with InlineDeletions: the identity (primary key, else all
    //! columns) of rows deleted since the watermark; called before endTable().
    virtual void writeDeletedKeys(const std::vector<std::string> &columns,
                                  const std::vector<engine::Row> &keys)
    {
        (void)columns;
        (void)keys;
    }
    virtual void endTable() = 0;
    //! After the last table: closing brackets, footers.
    virtual void finish() = 0;
    //! What the file's reader should know that the data does not say (a table split across
    //! sheets); read after finish().
    virtual std::vector<std::string> notes() const { return {}; }
};

//! The formats Strata knows, by id. Filled once at start-up by registerBuiltinFormats();
//! read-only afterwards.
class FormatRegistry {
public:
    static FormatRegistry &instance();
    //! Registers a format (registering an id again replaces it: tests call it repeatedly).
    void add(FormatInfo info);
    const FormatInfo *find(const std::string &id) const;
    const std::vector<FormatInfo> &formats() const { return m_formats; }
    //! "csv, json, sql" — the ids that can export (or import).
    std::string exportIds() const;
    std::string importIds() const;
    //! Every extension some format imports, lower case, without the dot.
    std::vector<std::string> importExtensions() const;
    //! The importing format for an extension (lower case, no dot; "csv" for "tsv"), or "".
    std::string importerForExtension(const std::string &extension) const;

    //! The bind step, before any work starts: the format exists and can export, and every
    //! option is known and has a value of its kind (then the format's own checkOptions).
    engine::Status validate(const FormatRequest &request) const;
    //! The importing format for a file: a magic number first, then the extension, then the
    //! content's look, then CSV for text without a telling extension. Never throws.
    engine::Result<std::string> detect(const std::string &path) const;

    //! The reader, or why there is none (Invalid naming the readable formats, or what opening
    //! the file found).
    engine::Result<std::unique_ptr<Reader>>
    createReader(const std::string &id, const ReadSource &source, const ImportSpec &spec) const;
    //! For a request validate() accepted (the export job's bind step); Invalid for an id that
    //! cannot export.
    engine::Result<std::unique_ptr<Writer>>
    createWriter(const FormatRequest &request, OutputFile &out, const ExportContext &context) const;

private:
    std::string idsWhere(bool (FormatInfo::*can)() const) const;
    std::vector<FormatInfo> m_formats;
};

//! Registers Strata's own formats. Called once from main() (and test set-up); no static
//! initialisers.
void registerBuiltinFormats();

} // namespace strata::transfer
