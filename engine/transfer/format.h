#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"
#include "engine/transfer/import_spec.h"
#include "engine/transfer/output_file.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace strata::transfer {

//! What a format can do.
enum Capability : unsigned {
    CanExport = 1,
    CanImport = 2,
    MultiTable = 4,      //!< one file holds every table of an export (else one file per table)
    InlineDeletions = 8, //!< an incremental export's deleted keys go into the same file
};

struct FormatInfo {
    std::string id;        //!< "csv"
    std::string name;      //!< "CSV (comma-separated values)"
    std::string extension; //!< "csv"
    unsigned capabilities = CanExport;
    //! File name stem of a MultiTable file holding a whole, unfiltered database.
    std::string fullExportStem = "full_backup";
    //! Options the format understands, with a one-line description each.
    std::map<std::string, std::string> options;
    //! Whether the format can write this table with these options (GeoJSON needs a geometry);
    //! empty: every table. A full export skips tables a format does not accept, with a warning;
    //! naming such a table is an error that says why.
    std::function<std::string(const struct TableMeta &, const std::map<std::string, std::string> &)>
        rejects;
};

//! A column as an export writes it (after column subsets and sanitization).
struct ExportColumn {
    std::string name;
    engine::LogicalType type = engine::LogicalType::Text;
    engine::ColumnInfo info; //!< the table column it comes from (empty for query columns)
    bool masked = false;     //!< values replaced by a mask
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
};

class Reader;

//! Creates writers for the formats it knows, by id. Filled once at start-up by
//! registerBuiltinFormats(); read-only afterwards.
class FormatRegistry {
public:
    using Factory
        = std::function<std::unique_ptr<Writer>(OutputFile &out, const ExportContext &context,
                                                const std::map<std::string, std::string> &options)>;

    static FormatRegistry &instance();
    void add(FormatInfo info, Factory writerFactory);

    using ReaderFactory
        = std::function<std::unique_ptr<Reader>(const std::string &path, const ImportSpec &spec)>;
    //! Registers a reader for format `id`, for files with these extensions (lower case, no dot).
    void addReader(const std::string &id, std::vector<std::string> extensions,
                   ReaderFactory factory);
    bool hasReader(const std::string &id) const;
    std::vector<std::string> readerIds() const;
    //! The reader id for an extension ("csv" for "tsv"), or "".
    std::string readerForExtension(const std::string &extension) const;
    //! Throws EngineError(Invalid) naming the readable formats when `id` has no reader.
    std::unique_ptr<Reader> createReader(const std::string &id, const std::string &path,
                                         const ImportSpec &spec) const;
    const FormatInfo *find(const std::string &id) const;
    std::vector<FormatInfo> formats() const;
    //! Throws EngineError(Invalid) naming the known ids when `id` is unknown.
    std::unique_ptr<Writer> createWriter(const std::string &id, OutputFile &out,
                                         const ExportContext &context,
                                         const std::map<std::string, std::string> &options) const;

private:
    std::vector<std::pair<FormatInfo, Factory>> m_formats;
    struct ReaderEntry {
        std::string id;
        std::vector<std::string> extensions;
        ReaderFactory factory;
    };
    std::vector<ReaderEntry> m_readers;
};

//! Registers Strata's own formats. Called once from main() (and test set-up); no static
//! initialisers.
void registerBuiltinFormats();

} // namespace strata::transfer
