#pragma once

#include "engine/api/database.h"
#include "engine/transfer/import_spec.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strata::transfer {

//! What a reader reads: where its bytes are, and how its messages name them (the file the user
//! gave, and the archive entry when the bytes were unpacked from one). Readers put the line,
//! column or JSON path of a failure into a copy of `origin`; nobody patches the text later.
struct ReadSource {
    std::string path;
    engine::Location origin;

    ReadSource(std::string bytesAt)
        : path(std::move(bytesAt))
    {
        origin.file = path;
    }
    ReadSource(const char *bytesAt)
        : ReadSource(std::string(bytesAt))
    {
    }
    ReadSource(std::string bytesAt, engine::Location namedAs)
        : path(std::move(bytesAt))
        , origin(std::move(namedAs))
    {
    }
    //! "data.zip:orders.csv" or the path: how warnings name the file.
    std::string name() const { return origin.toString(); }
};

//! One field as a reader found it, before it has a column type.
struct Cell {
    enum class Kind : uint8_t {
        Null,
        Text,    //!< characters (CSV fields, JSON strings)
        Number,  //!< a JSON number (or a SQLite integer/real) as written
        Boolean, //!< text is "true" or "false"
        Bytes,   //!< raw bytes (a SQLite blob): no base64 to undo
    };
    Kind kind = Kind::Null;
    std::string_view text;

    static Cell null() { return {}; }
    static Cell of(Kind kind, std::string_view text) { return {kind, text}; }
};

//! Where a row came from, for error messages and the rejects file.
struct RowOrigin {
    int64_t line = 0; //!< 1-based line where the row starts (0: none)
    //! JSON: path of the array holding the row ("$.data"); other sources: the table
    std::string_view jsonArray;
    int64_t index = -1;        //!< the row's 0-based index in that array (or table)
    std::string_view original; //!< the row's text as read (CSV), for the rejects file

    //! "$.tables.users.data[41]", or "table users, row 42" for a non-JSON source.
    std::string position() const;
};

//! A column as the source describes it. `type` is set when the source says (column_defs, a
//! SQLite declared type); otherwise the import infers it from the values.
struct SourceColumn {
    std::string name;
    std::optional<engine::LogicalType> type;
    bool notNull = false;
    bool primaryKey = false;
    bool unique = false;
    bool sensitive = false;
    std::string declaredType;              //!< "VARCHAR(100)", when the source says
    std::optional<std::string> defaultSql; //!< DEFAULT clause as SQL

    static SourceColumn named(std::string name)
    {
        SourceColumn c;
        c.name = std::move(name);
        return c;
    }
};

struct SourceTable {
    std::string name;
    std::vector<SourceColumn> columns;
    int64_t createdAt = 0;     //!< µs UTC, 0 when unknown
    int64_t expectedRows = -1; //!< when the source says
};

//! A view a backup defines (restores make it once every table is loaded).
struct SourceView {
    std::string name;
    std::string sql;
    std::vector<std::string> columns;
    std::string jsonPath; //!< where the backup defines it, for errors
};

//! Receives what a reader reads, table by table, row by row.
class ImportSink {
public:
    virtual ~ImportSink() = default;
    //! False: the sink does not want this table (selective restore); its rows are skipped.
    virtual bool beginTable(const SourceTable &table) = 0;
    //! A source without a schema met a column not seen before (a JSON key); it is appended
    //! to the table's columns, and later rows have a cell for it.
    virtual void addColumn(const std::string &name) = 0;
    //! One row: a cell per column of the table so far (missing keys are Null cells).
    virtual void row(std::span<const Cell> cells, const RowOrigin &origin) = 0;
    //! A row the reader could not make into cells (a CSV record with too many fields): the
    //! sink rejects it (skip policy) or throws. `column` is 1-based, 0 for the whole row.
    virtual void rejectRow(const RowOrigin &origin, int column, const std::string &reason) = 0;
    virtual void endTable() = 0;
    //! A view the source defines (a JSON backup's "views").
    virtual void view(const SourceView &) {}
};

struct ScriptStatement;

//! Rows a run of a script's INSERT statements gives one table, as literal values the reader
//! parsed itself (the fast path of a dump): inserting them does what running those statements
//! would. When the rows as a whole are refused, `statements()` gives the statements to run
//! one at a time instead, so the error names the one at fault (or the skip policy skips it).
struct ScriptRows {
    std::vector<std::string> columns; //!< as the statements name them; empty: every column
    std::vector<engine::Row> rows;
    std::function<std::vector<ScriptStatement>()> statements;
};

//! One statement of a script a reader hands to the import job, already in Strata's SQL:
//! empty `sql` when it is skipped, with `note` saying why.
struct ScriptStatement {
    int64_t line = 0;
    std::string original;
    std::string sql;
    std::string note;
    std::string table;                //!< what a CREATE TABLE or INSERT INTO names (else empty)
    bool createsTable = false;        //!< a CREATE TABLE
    bool createsView = false;         //!< a CREATE VIEW (`table` names the view)
    std::shared_ptr<ScriptRows> rows; //!< set: insert these into `table` (`sql` is empty)
};

//! A script's statements, one at a time, so that a script of any size runs in bounded memory.
class ScriptSource {
public:
    virtual ~ScriptSource() = default;
    //! The next statement; false at the end. Throws EngineError (an unterminated string, at
    //! its line).
    virtual bool next(ScriptStatement &out) = 0;
};

//! Reads one file (or zip entry) of one format. Errors are thrown as engine::EngineError with
//! a Location (the ReadSource's origin at a line and column, a JSON path) and a detail that
//! says what was expected.
class Reader {
public:
    virtual ~Reader() = default;
    //! Streams the whole source into `sink`. Can be called again (a second pass).
    virtual void read(ImportSink &sink) = 0;
    //! How readSplit went.
    enum class Split {
        NotDone, //!< the source cannot be split: nothing was read (call read())
        Whole,   //!< the split did not hold: `first` read everything, `second` is to be ignored
        Halves,  //!< `first` read the rows before the split, `second` the rest
    };
    //! Reads the source into two sinks at once on two threads, for sinks that do not care
    //! about row order (type inference).
    virtual Split readSplit(ImportSink &first, ImportSink &second)
    {
        (void)first;
        (void)second;
        return Split::NotDone;
    }
    //! Whether every table's column types are known from the source itself (no inference
    //! pass needed). Valid before read().
    virtual bool describesTypes() const { return false; }
    //! Things done on the reader's own judgement (an encoding fallback), in English.
    virtual std::vector<std::string> warnings() const { return {}; }
    //! What the reader found out about the file by itself, for a preview to show (CSV:
    //! delimiter, quote, header, encoding).
    virtual std::map<std::string, std::string> detected() const { return {}; }
    //! A source of statements rather than rows (a SQL script): its statements, which the
    //! import job runs (script_runner.h); read() is then not called. nullptr: a source of rows.
    virtual std::unique_ptr<ScriptSource> script() { return nullptr; }
};

//! Converts a cell to a column type; on failure returns nullopt and says why in `why`
//! ("expected an integer, found 'abc'").
std::optional<engine::Value> convertCell(const Cell &cell, engine::LogicalType type,
                                         std::string &why);
//! convertCell() into an existing value, reusing its text buffer (the import's hot path).
bool convertCellInto(const Cell &cell, engine::LogicalType type, engine::Value &out,
                     std::string &why);

//! Infers a column's type from every value it holds: INTEGER, DOUBLE, BOOLEAN, DATE,
//! TIMESTAMP, else TEXT. Numbers with leading zeros ("007", ZIP and FIPS codes) are TEXT.
class TypeGuess {
public:
    //! True when `cell` made the type wider than it was (a value already seen before it).
    bool observe(const Cell &cell);
    engine::LogicalType type() const;
    bool sawValue() const { return m_values > 0; }
    //! Adds what another guess saw (the other half of a file read on two threads).
    void merge(const TypeGuess &other)
    {
        m_values += other.m_values;
        m_int = m_int && other.m_int;
        m_double = m_double && other.m_double;
        m_bool = m_bool && other.m_bool;
        m_date = m_date && other.m_date;
        m_timestamp = m_timestamp && other.m_timestamp;
    }
    int64_t values() const { return m_values; }

private:
    void take(const Cell &cell);
    int64_t m_values = 0;
    bool m_int = true, m_double = true, m_bool = true, m_date = true, m_timestamp = true;
};

//! The text of a type for messages and previews ("INTEGER").
std::string typeLabel(engine::LogicalType type);

//! `text` cut to `max` bytes for a message, quoted: 'abc…'.
std::string quoteForMessage(std::string_view text, size_t max = 40);

//! A file name without its folder and extension, made into a table name ("My Data.csv" ->
//! "My Data").
std::string tableNameFromPath(const std::string &path);

//! Byte offset of the first invalid UTF-8 sequence in `s` (overlong forms and surrogates
//! included), or npos.
size_t invalidUtf8At(std::string_view s);

} // namespace strata::transfer
