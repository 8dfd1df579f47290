#pragma once
// Internal to formats/json: the SAX handler that reads every JSON layout Strata knows (a
// full backup, a table export, a query export, an array of rows, JSON lines) into an
// ImportSink, with the JSON path of every problem. json_reader.cpp drives it.

#include "engine/transfer/formats/json/json_reader.h"
#include "engine/transfer/formats/json/sax_cells.h"
#include "engine/transfer/mapped_input.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <rapidjson/reader.h>
#include <unordered_map>

namespace strata::transfer::jsonlayout {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

// Why RapidJSON: a SAX reader that streams (a backup larger than memory restores), hands
// numbers over as written (so DOUBLEs convert bit-exactly with std::from_chars),
// and reports the byte offset of a syntax error. Its recursive parser calls StartObject and
// StartArray before it goes deeper, and the handler refuses nesting beyond kMaxDepth there,
// so hostile nesting cannot overflow the stack (the iterative parser is a third slower).
// UTF-8 is checked by Strata, not by RapidJSON (whose byte-by-byte check was a fifth of a
// restore): names here, values when they are converted for their column.
constexpr unsigned kParseFlags = rapidjson::kParseNumbersAsStringsFlag
                                 | rapidjson::kParseNanAndInfFlag
                                 | rapidjson::kParseStopWhenDoneFlag;

//! What a JSON value means at its place in the document.
enum class Role {
    Root,      //!< the top-level value: a document, an array of rows, or a row (JSON lines)
    Document,  //!< top-level object of a layout with metadata
    TablesMap, //!< "tables": {name: table}
    TableObj,  //!< one table: name, schema, data
    Schema,    //!< "schema": columns, column_defs, created_at
    NameList,  //!< "columns": ["a", "b"]
    DefList,   //!< "column_defs" (or a query export's "columns"): [{...}]
    ColumnDef, //!< {"name": .., "type": .., ...}
    Data,      //!< "data": [row, ...]
    Row,       //!< {"column": value} or [value, ...]
    ViewList,  //!< a backup's "views": [{"name", "sql", "columns"}]
    ViewObj,
    ViewColumns,
    Ignore, //!< metadata and anything else we do not read
};

struct Frame {
    Role role;
    bool isArray;
    std::string key;   //!< object: the current key
    int64_t index = 0; //!< array: the index of the next element
};

//! The table being read and what the document said about it.
struct TableState {
    SourceTable table;
    bool begun = false;
    bool wanted = false;
    bool done = false;            //!< begun and ended
    bool declaredColumns = false; //!< names came from the file's schema
    bool hasBody = false;         //!< a "schema" or "data" was seen
    std::unordered_map<std::string, size_t> byName;
    std::string dataPath;
    int64_t index = 0;

    void addColumn(const std::string &name)
    {
        byName.emplace(name, table.columns.size());
        table.columns.push_back(SourceColumn::named(name));
    }
};

class Handler : public CellHandler<Handler> {
    friend class CellHandler<Handler>;

public:
    Handler(ImportSink &sink, const engine::Location &origin, const std::string &defaultTable,
            bool lines, bool backupOnly, std::string_view text)
        : m_sink(sink)
        , m_origin(origin)
        , m_defaultTable(defaultTable)
        , m_lines(lines)
        , m_backupOnly(backupOnly)
        , m_text(text)
    {
    }

    // --- RapidJSON callbacks; false stops the parse (the reason is in m_error) ---
    bool Key(const char *s, rapidjson::SizeType n, bool)
    {
        if (invalidUtf8At({s, n}) != std::string_view::npos) {
            m_frames.back().key.clear(); // the path names the object, not the key before
            return fail("expected UTF-8 text in a key, found an invalid byte sequence");
        }
        m_frames.back().key.assign(s, n);
        return true;
    }

    //! Called before each top-level value (JSON lines: each line).
    void beginRoot(size_t offset)
    {
        m_frames.clear();
        m_rootOffset = offset;
    }
    void finish()
    {
        if (m_current.begun)
            endTable();
        if (m_backupOnly && !m_sawTables && !m_error.failed()) {
            std::string found = "no \"tables\"";
            if (!m_topKeys.empty()) {
                found += " (its keys: ";
                for (size_t i = 0; i < m_topKeys.size(); ++i)
                    found += (i ? ", " : "") + quoteForMessage(m_topKeys[i]);
                found += ")";
            }
            m_error.fail(std::make_exception_ptr(
                EngineError(StatusCode::Invalid,
                            "not a backup: expected a JSON object with \"tables\" holding each "
                            "table's \"schema\" and \"data\" (as a full backup writes), found "
                                + found + "; to load a single table, import it instead",
                            m_origin)));
        }
    }
    const DeferredError &error() const { return m_error; }
    std::string pathNow() const { return currentPath(); }

private:
    Role roleOfChild(const Frame &parent, bool isArray) const
    {
        switch (parent.role) {
        case Role::Root:
            return Role::Root; // not reached: the root frame is the value itself
        case Role::Document:
            if (parent.key == "tables" && !isArray)
                return Role::TablesMap;
            if (parent.key == "table" && !isArray)
                return Role::TableObj;
            if (parent.key == "data" && isArray)
                return Role::Data;
            if (parent.key == "columns" && isArray)
                return Role::DefList; // a query export's column list
            if (parent.key == "schema" && !isArray)
                return Role::Schema;
            if (parent.key == "views" && isArray)
                return Role::ViewList;
            return Role::Ignore;
        case Role::ViewList:
            return isArray ? Role::Ignore : Role::ViewObj;
        case Role::ViewObj:
            return parent.key == "columns" && isArray ? Role::ViewColumns : Role::Ignore;
        case Role::TablesMap:
            return isArray ? Role::Ignore : Role::TableObj;
        case Role::TableObj:
            if (parent.key == "schema" && !isArray)
                return Role::Schema;
            if (parent.key == "data" && isArray)
                return Role::Data;
            return Role::Ignore;
        case Role::Schema:
            if (parent.key == "columns" && isArray)
                return Role::NameList;
            if (parent.key == "column_defs" && isArray)
                return Role::DefList;
            return Role::Ignore;
        case Role::DefList:
            return isArray ? Role::Ignore : Role::ColumnDef;
        case Role::Data:
            return Role::Row;
        default:
            return Role::Ignore;
        }
    }

    bool start(bool isArray)
    {
        if (m_frames.size() >= JsonReader::kMaxDepth) {
            return m_error.fail(std::make_exception_ptr(EngineError(
                StatusCode::Invalid,
                pathThrough(6) + "…: nesting deeper than " + std::to_string(JsonReader::kMaxDepth)
                    + " levels (expected a table layout at most a few levels deep)",
                m_origin)));
        }
        if (m_frames.empty()) {
            // The top-level value: an array of rows, a document, or (JSON lines) one row.
            Role role = Role::Root;
            if (m_backupOnly && m_lines)
                return fail("not a backup: expected a JSON object with \"tables\", found JSON "
                            "lines");
            if (isArray && !m_lines)
                role = Role::Data;
            else if (!isArray && !m_lines && m_rootOffset == 0)
                role = Role::Document;
            else if (!isArray)
                role = Role::Row;
            else
                return fail("expected an object on each line of JSON lines, found an array");
            if (m_backupOnly && role != Role::Document)
                return fail(std::string("not a backup: expected a JSON object with \"tables\", "
                                        "found ")
                            + (m_lines ? "JSON lines" : "an array of rows"));
            if (role == Role::Data) {
                m_current = {};
                m_current.table.name = m_defaultTable;
                beginData("$");
            }
            if (role == Role::Row && !m_current.begun) {
                m_current = {};
                m_current.table.name = m_defaultTable;
                beginData("$");
            }
            m_frames.push_back({role, isArray, {}, 0});
            if (role == Role::Row)
                return beginRow(isArray);
            return true;
        }
        Frame &parent = m_frames.back();
        if (parent.role == Role::Row) {
            const std::string column
                = parent.isArray ? "#" + std::to_string(parent.index + 1) : parent.key;
            if (!m_rowRejected)
                rejectRow("column " + quoteForMessage(column)
                          + ": expected a string, number, boolean or null, found "
                          + (isArray ? "an array" : "an object"));
            m_frames.push_back({Role::Ignore, isArray, {}, 0});
            return !m_error.failed();
        }
        const Role role = roleOfChild(parent, isArray);
        if (m_backupOnly && !backupShapeOk(parent, isArray ? "an array" : "an object"))
            return false;
        if (role == Role::TablesMap)
            m_sawTables = true;
        if (parent.role == Role::TableObj && (role == Role::Schema || role == Role::Data))
            m_current.hasBody = true;
        if (parent.role == Role::Document && role == Role::Data) {
            // A query export's (or a bare document's) data: the table takes the file's name.
            m_current.table.name = m_defaultTable;
        }
        if (role == Role::TableObj) {
            if (m_current.begun)
                endTable();
            m_current = {};
            m_current.table.name = parent.role == Role::TablesMap ? parent.key : m_defaultTable;
        }
        if (role == Role::ColumnDef)
            m_def = {};
        if (role == Role::ViewObj) {
            m_view = {};
            m_view.jsonPath = pathThrough(m_frames.size());
        }
        m_frames.push_back({role, isArray, {}, 0});
        if (role == Role::Data)
            beginData(pathThrough(m_frames.size() - 1));
        if (role == Role::Row)
            return beginRow(isArray);
        return !m_error.failed();
    }

    bool end()
    {
        const Frame frame = m_frames.back();
        m_frames.pop_back();
        if (!m_frames.empty())
            ++m_frames.back().index;
        switch (frame.role) {
        case Role::Row:
            endRow();
            break;
        case Role::Data:
            if (!m_lines)
                endTable();
            break;
        case Role::ColumnDef:
            addDef();
            break;
        case Role::ViewObj:
            if (m_view.name.empty() || m_view.sql.empty())
                return failAt(m_view.jsonPath, "expected a view: an object with a \"name\" and "
                                               "its query as \"sql\" (strings)");
            guard([&] { m_sink.view(m_view); });
            break;
        case Role::TableObj:
            if (m_backupOnly && !m_current.hasBody) {
                return fail("expected a table: an object with \"schema\" and \"data\" (an "
                            "array of rows), found neither");
            }
            if (!m_current.done && !m_current.begun)
                beginTable(); // a table with a schema and no "data": created empty
            if (m_current.begun)
                endTable();
            m_current = {};
            break;
        default:
            break;
        }
        return !m_error.failed();
    }

    bool scalar(const Cell &cell)
    {
        if (m_frames.empty())
            return fail(std::string(m_backupOnly ? "not a backup: " : "")
                        + "expected an object or an array at the top level, found a single "
                          "value");
        Frame &f = m_frames.back();
        if (m_backupOnly && !backupShapeOk(f, "a single value"))
            return false;
        const std::string &key = f.key; // empty in arrays
        if (f.isArray)
            ++f.index;
        if (f.role != Role::Row && cell.kind == Cell::Kind::Text
            && invalidUtf8At(cell.text) != std::string_view::npos) // (row values: on conversion)
            return fail("expected UTF-8 text, found an invalid byte sequence");
        switch (f.role) {
        case Role::Row:
            rowValue(f, key, cell);
            break;
        case Role::NameList:
            if (cell.kind != Cell::Kind::Text)
                return fail("expected a column name (a string)");
            if (!m_current.byName.count(std::string(cell.text)))
                m_current.addColumn(std::string(cell.text));
            m_current.declaredColumns = true;
            break;
        case Role::ColumnDef:
            defValue(key, cell);
            break;
        case Role::ViewObj:
            if ((key == "name" || key == "sql") && cell.kind != Cell::Kind::Text)
                return fail("expected the view's \"" + key + "\" to be a string");
            if (key == "name")
                m_view.name = std::string(cell.text);
            else if (key == "sql")
                m_view.sql = std::string(cell.text);
            break;
        case Role::ViewColumns: // the index already counts this value
            if (cell.kind != Cell::Kind::Text)
                return failAt(pathThrough(m_frames.size() - 1) + "[" + std::to_string(f.index - 1)
                                  + "]",
                              "expected a column name (a string)");
            m_view.columns.emplace_back(cell.text);
            break;
        case Role::ViewList:
            return failAt(pathThrough(m_frames.size() - 1) + "[" + std::to_string(f.index - 1)
                              + "]",
                          "expected a view (an object with \"name\" and \"sql\"), found a "
                          "single value");
        case Role::Schema:
            if (key == "created_at" && cell.kind == Cell::Kind::Text)
                if (auto ts = engine::parseTimestamp(cell.text))
                    m_current.table.createdAt = *ts;
            break;
        case Role::Document:
            if (key == "name" && cell.kind == Cell::Kind::Text)
                m_current.table.name = std::string(cell.text);
            break;
        case Role::TableObj:
            if (key == "name" && cell.kind == Cell::Kind::Text)
                m_current.table.name = std::string(cell.text);
            break;
        case Role::Data: // the index already counts this value
            return failAt(pathThrough(m_frames.size() - 1) + "[" + std::to_string(f.index - 1)
                              + "]",
                          "expected a row (an object or an array), found a single value");
        default:
            break;
        }
        return !m_error.failed();
    }

    // --- column definitions ---
    void defValue(const std::string &key, const Cell &cell)
    {
        const std::string text(cell.text);
        if (key == "name")
            m_def.name = text;
        else if (key == "type") {
            LogicalType t;
            if (!engine::typeFromName(text, t)) {
                fail("column type " + quoteForMessage(text)
                     + " is not one Strata knows (expected INTEGER, DOUBLE, BOOLEAN, TEXT, BLOB, "
                       "DATE or TIMESTAMP)");
                return;
            }
            m_def.type = t;
        } else if (key == "declared_type")
            m_def.declaredType = text;
        else if (key == "nullable")
            m_def.notNull = text == "false";
        else if (key == "primary_key")
            m_def.primaryKey = text == "true";
        else if (key == "unique")
            m_def.unique = text == "true";
        else if (key == "sensitive")
            m_def.sensitive = text == "true";
        else if (key == "default" && cell.kind == Cell::Kind::Text)
            m_def.defaultSql = text;
    }

    void addDef()
    {
        if (m_def.name.empty()) {
            fail("expected a \"name\" in the column definition");
            return;
        }
        auto it = m_current.byName.find(m_def.name);
        if (it == m_current.byName.end()) {
            m_current.addColumn(m_def.name);
            it = m_current.byName.find(m_def.name);
        }
        m_current.table.columns[it->second] = m_def;
        m_current.declaredColumns = true;
    }

    // --- tables and rows ---
    void beginData(const std::string &path)
    {
        m_current.dataPath = path;
        m_current.index = 0;
        if (!m_current.begun)
            beginTable();
    }

    void beginTable()
    {
        m_current.begun = true;
        guard([&] { m_current.wanted = m_sink.beginTable(m_current.table); });
    }

    void endTable()
    {
        if (m_current.wanted)
            guard([&] { m_sink.endTable(); });
        m_current.begun = false;
        m_current.wanted = false;
        m_current.done = true;
    }

    bool beginRow(bool isArray)
    {
        (void)isArray;
        m_rowRejected = false;
        m_expected = 0;
        m_arena.clear();
        m_spans.assign(m_current.table.columns.size(), Span{});
        m_rowStart = offsetNow();
        return true;
    }

    void rowValue(const Frame &f, const std::string &key, const Cell &cell)
    {
        if (m_rowRejected || !m_current.wanted)
            return;
        size_t column;
        if (f.isArray) {
            column = static_cast<size_t>(f.index - 1);
            if (column >= m_current.table.columns.size() && !m_current.declaredColumns) {
                const std::string name = "column_" + std::to_string(column + 1);
                m_current.addColumn(name);
                guard([&] { m_sink.addColumn(name); });
                m_spans.resize(m_current.table.columns.size());
            }
            if (column >= m_current.table.columns.size()) {
                rejectRow("expected at most " + std::to_string(m_current.table.columns.size())
                          + " values in the row, found more");
                return;
            }
        } else if (m_expected < m_current.table.columns.size()
                   && m_current.table.columns[m_expected].name == key) {
            column = m_expected; // rows repeat their keys in one order: no hashing
        } else {
            auto it = m_current.byName.find(key);
            if (it == m_current.byName.end()) {
                if (m_current.declaredColumns) {
                    rejectRow("key " + quoteForMessage(key)
                              + " is not a column of the table's schema");
                    return;
                }
                m_current.addColumn(key);
                guard([&] { m_sink.addColumn(key); });
                m_spans.resize(m_current.table.columns.size());
                it = m_current.byName.find(key);
            }
            column = it->second;
        }
        m_expected = column + 1;
        Span &span = m_spans[column];
        span.kind = cell.kind;
        span.begin = m_arena.size();
        span.length = cell.text.size();
        m_arena.append(cell.text);
    }

    void endRow()
    {
        if (!m_current.wanted) {
            ++m_current.index;
            return;
        }
        RowOrigin origin = originNow();
        ++m_current.index;
        if (m_rowRejected)
            return;
        m_cells.clear();
        m_spans.resize(m_current.table.columns.size());
        for (const Span &s : m_spans)
            m_cells.push_back(
                s.kind == Cell::Kind::Null
                    ? Cell::null()
                    : Cell::of(s.kind, std::string_view(m_arena).substr(s.begin, s.length)));
        guard([&] { m_sink.row(m_cells, origin); });
    }

    void rejectRow(const std::string &reason)
    {
        m_rowRejected = true;
        RowOrigin origin = originNow();
        guard([&] { m_sink.rejectRow(origin, 0, reason); });
    }

    RowOrigin originNow()
    {
        RowOrigin origin;
        origin.line = lineOf(m_rowStart);
        origin.jsonArray = m_current.dataPath;
        origin.index = m_current.index;
        return origin;
    }

    // --- positions ---
public:
    void setStream(const rapidjson::StringStream *stream) { m_stream = stream; }

private:
    size_t offsetNow() const { return m_stream ? m_stream->Tell() : 0; }

    //! Lines are counted forward from the last question asked (rows come in order).
    int64_t lineOf(size_t offset)
    {
        if (offset < m_countedTo) {
            m_countedTo = 0;
            m_line = 1;
        }
        const char *p = m_text.data() + m_countedTo;
        const char *end = m_text.data() + std::min(offset, m_text.size());
        while (p < end) {
            const void *nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
            if (!nl)
                break;
            ++m_line;
            p = static_cast<const char *>(nl) + 1;
        }
        m_countedTo = std::min(offset, m_text.size());
        return m_line;
    }

    //! "$" and the member selectors of the first `frames` open containers.
    std::string pathThrough(size_t frames) const
    {
        std::string path = "$";
        for (size_t i = 0; i < frames && i < m_frames.size(); ++i) {
            const Frame &f = m_frames[i];
            if (f.isArray)
                path += "[" + std::to_string(f.index) + "]";
            else if (!f.key.empty())
                path += keyPath(f.key);
        }
        return path;
    }

    std::string currentPath() const { return pathThrough(m_frames.size()); }

    static std::string keyPath(const std::string &key)
    {
        bool plain = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
        for (char c : key)
            plain = plain
                    && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '_');
        if (plain)
            return "." + key;
        std::string quoted = "[\"";
        for (char c : key)
            quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
        return quoted + "\"]";
    }

    //! A restore reads backups only: what stands at the backup's fixed places must have the
    //! backup's shape, or the file is refused before it changes anything.
    bool backupShapeOk(const Frame &parent, const char *found)
    {
        const std::string what(found);
        auto wrong = [&](const std::string &expected) {
            return fail("expected " + expected + ", found " + what);
        };
        switch (parent.role) {
        case Role::Document:
            if (std::find(m_topKeys.begin(), m_topKeys.end(), parent.key) == m_topKeys.end()
                && m_topKeys.size() < 8)
                m_topKeys.push_back(parent.key);
            if (parent.key == "tables" && what != "an object")
                return wrong("an object of tables (name: {\"schema\": …, \"data\": […]})");
            if (parent.key == "views" && what != "an array")
                return wrong("\"views\" to be an array of views ({\"name\": …, \"sql\": …})");
            return true;
        case Role::TablesMap:
            if (what != "an object")
                return wrong("a table (an object with \"schema\" and \"data\")");
            return true;
        case Role::TableObj:
            if (parent.key == "data" && what != "an array")
                return wrong("\"data\" to be an array of rows");
            if (parent.key == "schema" && what != "an object")
                return wrong("\"schema\" to be an object");
            return true;
        case Role::Schema:
            if ((parent.key == "columns" || parent.key == "column_defs") && what != "an array")
                return wrong("\"" + parent.key + "\" to be an array");
            return true;
        default:
            return true;
        }
    }

    bool fail(const std::string &message) { return failAt(currentPath(), message); }
    //! The file, the line the parser has reached, the JSON path, and what was wrong.
    bool failAt(const std::string &path, const std::string &message)
    {
        engine::Location where = m_origin;
        where.line = locationOf(m_origin, m_text, offsetNow()).line;
        where.jsonPath = path;
        return m_error.fail(
            std::make_exception_ptr(EngineError(StatusCode::Invalid, message, std::move(where))));
    }

    template<typename F>
    void guard(F &&f)
    {
        m_error.guard(std::forward<F>(f));
    }

    struct Span {
        Cell::Kind kind = Cell::Kind::Null;
        size_t begin = 0, length = 0;
    };

    ImportSink &m_sink;
    const engine::Location &m_origin;
    const std::string &m_defaultTable;
    bool m_lines;
    bool m_backupOnly; //!< a restore: only a backup's layout is accepted
    bool m_sawTables = false;
    std::vector<std::string> m_topKeys; //!< the document's first keys, for the error
    std::string_view m_text;
    const rapidjson::StringStream *m_stream = nullptr;
    std::vector<Frame> m_frames;
    TableState m_current;
    SourceColumn m_def;
    SourceView m_view;
    std::string m_arena;
    std::vector<Span> m_spans;
    std::vector<Cell> m_cells;
    bool m_rowRejected = false;
    size_t m_expected = 0; //!< the column the next key most likely names
    size_t m_rowStart = 0, m_rootOffset = 0, m_countedTo = 0;
    int64_t m_line = 1;
    DeferredError m_error;
};

} // namespace strata::transfer::jsonlayout
