#pragma once
// The fast path of reading a SQL script: an INSERT whose values are all literals (what every
// dump writes, a few million times) is read straight into rows, without tokens, translation
// or the SQL parser. Anything else is left to the tokenizer. Internal to formats/sql.

#include "engine/types/value.h"

#include <string>
#include <string_view>
#include <vector>

namespace strata::transfer::sqlscript {

//! What `INSERT INTO name [(columns)] VALUES` names.
struct InsertTarget {
    std::string table;                //!< unquoted; a public. or main. prefix dropped
    std::vector<std::string> columns; //!< unquoted; empty: every column
    size_t valuesAt = 0;              //!< the byte after VALUES
    int64_t lines = 0;                //!< line ends passed to get there
};

//! Reads `INSERT INTO name [(columns)] VALUES` at `pos` of `text`. False for any other
//! statement (or any other spelling of one: OR REPLACE, another schema, a comment inside).
bool parseInsertTarget(std::string_view text, size_t pos, InsertTarget &out);

//! Reads the rows after VALUES at `pos`, up to and including the statement's ';' (or the end
//! of the text), into `rows` from index `count` on (count grows by the rows read; the rows
//! and values already there are overwritten, their buffers reused), each value as the SQL
//! parser would make that literal: NULL, TRUE, FALSE, integers, reals, 'strings', X'blobs'
//! and sqlite3 .dump's replace('...','\n',char(10)). `end` is then the byte after the
//! statement and `lines` the line ends it holds. A string starting with \x in a column
//! `blobColumns` marks is refused (PostgreSQL's bytea, which translation makes a blob).
//! False, with `count` as it was, for anything else: such a statement is read the general
//! way.
bool parseLiteralRows(std::string_view text, size_t pos, const std::vector<bool> &blobColumns,
                      std::vector<engine::Row> &rows, size_t &count, size_t &end, int64_t &lines);

} // namespace strata::transfer::sqlscript

namespace strata::transfer::sqlscript {

//! PostgreSQL's backslash escape whose letter is at `at` of `text` (just after the
//! backslash) appended to `out`: \b \f \n \r \t, \v where `verticalTab` (COPY text; an E''
//! string has none), \x and one or two hex digits, one to three octal digits, and any other
//! character for itself. Returns where the text goes on.
size_t unescapeBackslash(std::string_view text, size_t at, bool verticalTab, std::string &out);

//! One line of a `COPY ... FROM stdin` block in PostgreSQL's text format into `row` (its
//! values' buffers reused): fields split at tabs, \N is NULL, backslash escapes undone; every
//! value TEXT (the column converts it, as it would a quoted literal), but \x hex in a column
//! `blobColumns` marks, which is a BLOB (bytea).
void parseCopyLine(std::string_view line, const std::vector<bool> &blobColumns, engine::Row &row);

} // namespace strata::transfer::sqlscript
