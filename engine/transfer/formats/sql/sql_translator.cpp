#include "engine/transfer/formats/sql/sql_translator.h"

#include "engine/common/ascii.h"
#include "engine/transfer/formats/sql/sql_literal_rows.h"
#include "engine/transfer/formats/sql/sql_tokenizer.h"
#include "engine/transfer/formats/sqlite/sqlite_reader.h"

#include <atomic>
#include <map>
#include <set>

namespace strata::transfer {

using engine::asciiUpper;
using engine::EngineError;
using engine::StatusCode;
using sqlscript::Kind;
using sqlscript::RawStatement;
using sqlscript::Token;

namespace {

//! The Strata type for a type written in another dialect ("character varying(20)",
//! "timestamp without time zone", "int8"); `known` is false for a type Strata stores as text
//! without it being text (uuid, jsonb, interval).
std::string mapType(const std::vector<std::string> &words, const std::string &args, bool &known)
{
    known = true;
    std::string t;
    for (const auto &w : words)
        t += (t.empty() ? "" : " ") + asciiUpper(w);
    static const std::set<std::string> integers
        = {"INT",       "INTEGER",     "BIGINT",  "SMALLINT", "TINYINT",
           "MEDIUMINT", "INT2",        "INT4",    "INT8",     "SERIAL",
           "BIGSERIAL", "SMALLSERIAL", "SERIAL4", "SERIAL8",  "UNSIGNED BIG INT"};
    static const std::set<std::string> doubles
        = {"REAL", "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "NUMERIC", "DECIMAL"};
    static const std::set<std::string> texts = {"TEXT",
                                                "VARCHAR",
                                                "CHARACTER VARYING",
                                                "CHAR",
                                                "CHARACTER",
                                                "NVARCHAR",
                                                "NCHAR",
                                                "CLOB",
                                                "STRING",
                                                "NATIVE CHARACTER",
                                                "VARYING CHARACTER",
                                                "CITEXT",
                                                "NAME"};
    if (integers.count(t))
        return "INTEGER";
    if (doubles.count(t))
        return "DOUBLE";
    if (texts.count(t)) {
        // A length limit is kept (VARCHAR(20)); numeric arguments elsewhere are not.
        return args.empty() ? std::string("TEXT") : "VARCHAR" + args;
    }
    if (t == "BOOLEAN" || t == "BOOL")
        return "BOOLEAN";
    if (t == "BLOB" || t == "BYTEA" || t == "BINARY" || t == "VARBINARY")
        return "BLOB";
    if (t == "DATE")
        return "DATE";
    if (t.rfind("TIMESTAMP", 0) == 0 || t == "DATETIME" || t == "TIMESTAMPTZ")
        return "TIMESTAMP";
    if (t.empty())
        return "TEXT"; // SQLite allows a column without a type
    // SQLite's affinity rules for anything else that names a storage class.
    if (auto type = typeForSqliteDeclared(t); type && t.find("INT") != std::string::npos)
        return "INTEGER";
    if (t.find("CHAR") != std::string::npos || t.find("TEXT") != std::string::npos)
        return "TEXT";
    known = false;
    return "TEXT";
}

bool isWord(const Token &t, const char *word)
{
    return t.kind == Kind::Word && asciiUpper(t.text) == word;
}

bool isSymbol(const Token &t, const char *symbol)
{
    return t.kind == Kind::Symbol && t.text == symbol;
}

//! Index one past the group opened at `open` (a "(") .
size_t skipGroup(const std::vector<Token> &tokens, size_t open)
{
    int depth = 0;
    size_t i = open;
    for (; i < tokens.size(); ++i) {
        if (isSymbol(tokens[i], "("))
            ++depth;
        else if (isSymbol(tokens[i], ")") && --depth == 0)
            return i + 1;
    }
    return i;
}

std::string join(const std::vector<Token> &tokens, size_t from = 0, size_t to = SIZE_MAX)
{
    std::string out;
    to = std::min(to, tokens.size());
    for (size_t i = from; i < to; ++i) {
        if (i > from && tokens[i].spaceBefore)
            out += ' ';
        out += tokens[i].text;
    }
    return out;
}

std::string unquote(const Token &t)
{
    if (t.kind != Kind::QuotedIdent)
        return t.text;
    std::string out;
    for (size_t k = 1; k + 1 < t.text.size(); ++k) {
        out += t.text[k];
        if (t.text[k] == '"')
            ++k;
    }
    return out;
}

//! Columns of the tables a script created: name and whether it is a BLOB.
using ScriptSchema = std::map<std::string, std::vector<std::pair<std::string, bool>>>;

class Translator {
public:
    std::vector<std::string> notes;                    //!< why parts were left out
    std::vector<std::pair<std::string, bool>> columns; //!< of the CREATE TABLE translated

    //! pg_dump writes bytea values as '\x00ff' without a cast: for a BLOB column of a table
    //! the script created, such a string becomes X'00ff'.
    static void hexStringsIntoBlobs(std::vector<Token> &t, const ScriptSchema &schema)
    {
        if (t.size() < 4 || !isWord(t[0], "INSERT") || !isWord(t[1], "INTO"))
            return;
        auto table = schema.find(unquote(t[2]));
        if (table == schema.end())
            return;
        std::vector<bool> blob;
        size_t i = 3;
        if (isSymbol(t[i], "(")) {
            for (++i; i < t.size() && !isSymbol(t[i], ")"); ++i) {
                if (isSymbol(t[i], ","))
                    continue;
                bool isBlob = false;
                for (const auto &[name, b] : table->second)
                    if (name == unquote(t[i]))
                        isBlob = b;
                blob.push_back(isBlob);
            }
            ++i;
        } else {
            for (const auto &[name, b] : table->second)
                blob.push_back(b);
        }
        if (std::none_of(blob.begin(), blob.end(), [](bool b) { return b; }))
            return;
        int depth = 0;
        size_t column = 0;
        for (; i < t.size(); ++i) {
            if (isSymbol(t[i], "(")) {
                if (++depth == 1)
                    column = 0;
            } else if (isSymbol(t[i], ")")) {
                --depth;
            } else if (depth == 1 && isSymbol(t[i], ",")) {
                ++column;
            } else if (depth == 1 && t[i].kind == Kind::String && column < blob.size()
                       && blob[column] && t[i].text.rfind("'\\x", 0) == 0
                       && (i + 1 >= t.size() || isSymbol(t[i + 1], ",")
                           || isSymbol(t[i + 1], ")"))) {
                t[i].kind = Kind::Blob;
                t[i].text = "X'" + t[i].text.substr(3);
            }
        }
    }

    //! Generic rewrites: schema prefixes, ::casts, TIMESTAMPTZ literals.
    std::vector<Token> general(const std::vector<Token> &in)
    {
        std::vector<Token> out;
        for (size_t i = 0; i < in.size(); ++i) {
            const Token &t = in[i];
            // public.users, main."t" -> users, "t"
            if ((isWord(t, "PUBLIC") || isWord(t, "MAIN") || t.text == "\"public\""
                 || t.text == "\"main\"")
                && i + 2 < in.size() && isSymbol(in[i + 1], ".")
                && (in[i + 2].kind == Kind::Word || in[i + 2].kind == Kind::QuotedIdent)) {
                Token name = in[i + 2];
                name.spaceBefore = t.spaceBefore;
                out.push_back(name);
                i += 2;
                continue;
            }
            // TIMESTAMPTZ '...' and TIMESTAMP WITH[OUT] TIME ZONE '...'
            if ((isWord(t, "TIMESTAMPTZ") || isWord(t, "TIMESTAMP")) && i + 1 < in.size()) {
                size_t j = i + 1;
                if ((isWord(in[j], "WITH") || isWord(in[j], "WITHOUT")) && j + 2 < in.size()
                    && isWord(in[j + 1], "TIME") && isWord(in[j + 2], "ZONE"))
                    j += 3;
                if (j < in.size() && in[j].kind == Kind::String) {
                    Token kw = t;
                    kw.text = "TIMESTAMP";
                    out.push_back(kw);
                    out.push_back(in[j]);
                    i = j;
                    continue;
                }
            }
            if (isSymbol(t, "::")) {
                i = castFrom(in, i, out);
                continue;
            }
            out.push_back(t);
        }
        return out;
    }

    std::vector<Token> createTable(const std::vector<Token> &in)
    {
        std::vector<Token> out;
        size_t i = 0;
        // CREATE [TEMP|TEMPORARY|UNLOGGED] TABLE [IF NOT EXISTS] name (
        for (; i < in.size() && !isSymbol(in[i], "("); ++i) {
            if (isWord(in[i], "TEMP") || isWord(in[i], "TEMPORARY") || isWord(in[i], "UNLOGGED"))
                continue;
            out.push_back(in[i]);
        }
        if (i >= in.size())
            return in; // CREATE TABLE ... AS SELECT: as written
        out.push_back(in[i]);
        const size_t close = skipGroup(in, i) - 1;
        ++i;
        bool firstItem = true;
        while (i < close) {
            size_t end = i;
            int depth = 0;
            for (; end < close; ++end) {
                if (isSymbol(in[end], "("))
                    ++depth;
                else if (isSymbol(in[end], ")"))
                    --depth;
                else if (depth == 0 && isSymbol(in[end], ","))
                    break;
            }
            std::vector<Token> item(in.begin() + static_cast<long>(i),
                                    in.begin() + static_cast<long>(end));
            std::vector<Token> translated = tableItem(item);
            if (!translated.empty()) {
                if (!firstItem) {
                    Token comma{Kind::Symbol, ",", translated[0].line, false};
                    out.push_back(comma);
                }
                translated[0].spaceBefore = !firstItem;
                if (!isWord(translated[0], "PRIMARY") && !isWord(translated[0], "UNIQUE")
                    && translated.size() > 1)
                    columns.emplace_back(unquote(translated[0]), translated[1].text == "BLOB");
                out.insert(out.end(), translated.begin(), translated.end());
                firstItem = false;
            }
            i = end + 1;
        }
        Token paren{Kind::Symbol, ")", in[close].line, false};
        out.push_back(paren);
        if (close + 1 < in.size())
            notes.push_back("table options after the column list (" + join(in, close + 1)
                            + ") were left out");
        return out;
    }

private:
    static bool isConstraintWord(const Token &t)
    {
        static const std::set<std::string> words
            = {"CONSTRAINT",    "PRIMARY",    "NOT",   "NULL",    "UNIQUE",
               "DEFAULT",       "REFERENCES", "CHECK", "COLLATE", "GENERATED",
               "AUTOINCREMENT", "SENSITIVE",  "ON",    "IDENTITY"};
        return t.kind == Kind::Word && words.count(asciiUpper(t.text));
    }

    std::vector<Token> tableItem(std::vector<Token> item)
    {
        if (item.empty())
            return item;
        if (isWord(item[0], "CONSTRAINT") && item.size() > 2)
            item.erase(item.begin(), item.begin() + 2);
        if (isWord(item[0], "FOREIGN") || isWord(item[0], "CHECK") || isWord(item[0], "EXCLUDE")) {
            notes.push_back(asciiUpper(item[0].text) + " constraint left out (" + join(item) + ")");
            return {};
        }
        if (isWord(item[0], "PRIMARY") || isWord(item[0], "UNIQUE"))
            return item;
        // A column: name, type words and arguments, then constraints.
        std::vector<Token> out{item[0]};
        size_t i = 1;
        std::vector<std::string> words;
        std::string args;
        while (i < item.size() && item[i].kind == Kind::Word && !isConstraintWord(item[i]))
            words.push_back(item[i++].text);
        if (i < item.size() && isSymbol(item[i], "(")) {
            const size_t after = skipGroup(item, i);
            args = join(item, i, after);
            i = after;
            // "timestamp(6) without time zone": words after the arguments
            while (i < item.size() && item[i].kind == Kind::Word && !isConstraintWord(item[i]))
                words.push_back(item[i++].text);
        }
        bool array = false;
        while (i + 1 < item.size() && isSymbol(item[i], "[") && isSymbol(item[i + 1], "]")) {
            array = true;
            i += 2;
        }
        bool known = true;
        std::string type = array ? "TEXT" : mapType(words, args, known);
        if (!known || array) {
            std::string written;
            for (const auto &w : words)
                written += (written.empty() ? "" : " ") + w;
            notes.push_back("column " + item[0].text + " of type " + written + args
                            + (array ? "[]" : "") + " is stored as TEXT");
        }
        out.push_back({Kind::Word, type, item[0].line, true});
        while (i < item.size()) {
            const Token &t = item[i];
            if (isWord(t, "AUTOINCREMENT")) {
                ++i;
            } else if (isWord(t, "CONSTRAINT") && i + 1 < item.size()) {
                i += 2;
            } else if (isWord(t, "COLLATE") && i + 1 < item.size()) {
                i += 2;
            } else if (isWord(t, "REFERENCES") || isWord(t, "GENERATED") || isWord(t, "CHECK")
                       || isWord(t, "ON")) {
                // Foreign keys, identity and checks: not kept; skip to the next constraint.
                const size_t start = i++;
                while (i < item.size()
                       && !(isConstraintWord(item[i]) && !isWord(item[i], "ON")
                            && !isWord(item[i], "IDENTITY")
                            && !(isWord(item[i], "NULL") && i > 0 && isWord(item[i - 1], "SET")))) {
                    if (isSymbol(item[i], "("))
                        i = skipGroup(item, i);
                    else
                        ++i;
                }
                notes.push_back("column " + item[0].text + ": " + join(item, start, i)
                                + " left out");
            } else if (isWord(t, "DEFAULT")) {
                size_t end = i + 1;
                if (end < item.size() && isSymbol(item[end], "("))
                    end = skipGroup(item, end);
                else if (end + 1 < item.size() && item[end].kind == Kind::Word
                         && isSymbol(item[end + 1], "("))
                    end = skipGroup(item, end + 1);
                else if (end < item.size()
                         && (isSymbol(item[end], "-") || isSymbol(item[end], "+")))
                    end += 2;
                else
                    end += 1;
                while (end + 1 < item.size() && isSymbol(item[end], "::")) // DEFAULT 'x'::text
                    end += 2;
                std::vector<Token> expr(item.begin() + static_cast<long>(i + 1),
                                        item.begin()
                                            + static_cast<long>(std::min(end, item.size())));
                const std::string text = asciiUpper(join(expr));
                if (text.find("NEXTVAL") != std::string::npos) {
                    notes.push_back("column " + item[0].text + ": its sequence default left out");
                } else if (text == "NOW()" || text == "CURRENT_TIMESTAMP"
                           || text == "LOCALTIMESTAMP") {
                    out.push_back({Kind::Word, "DEFAULT CURRENT_TIMESTAMP", t.line, true});
                } else {
                    out.push_back(t);
                    const auto translated = general(expr);
                    out.insert(out.end(), translated.begin(), translated.end());
                }
                i = end;
            } else {
                out.push_back(t);
                ++i;
            }
        }
        return out;
    }

    //! `::` at in[i] casts the token (or group) just written to `out`.
    size_t castFrom(const std::vector<Token> &in, size_t i, std::vector<Token> &out)
    {
        std::vector<std::string> words;
        size_t j = i + 1;
        while (j < in.size() && in[j].kind == Kind::Word) {
            words.push_back(in[j].text);
            ++j;
            const std::string last = asciiUpper(words.back());
            if (last != "DOUBLE" && last != "CHARACTER" && last != "TIMESTAMP" && last != "TIME"
                && last != "WITH" && last != "WITHOUT")
                break;
        }
        if (j < in.size() && isSymbol(in[j], "("))
            j = skipGroup(in, j);
        while (j + 1 < in.size() && isSymbol(in[j], "[") && isSymbol(in[j + 1], "]"))
            j += 2;
        if (out.empty())
            return j - 1;
        std::string t;
        for (const auto &w : words)
            t += (t.empty() ? "" : " ") + asciiUpper(w);
        Token &prev = out.back();
        if (t == "BYTEA" && prev.kind == Kind::String && prev.text.rfind("'\\x", 0) == 0) {
            prev.kind = Kind::Blob; // '\x00ff'::bytea is PostgreSQL's hex form
            prev.text = "X'" + prev.text.substr(3);
            return j - 1;
        }
        bool known = true;
        const std::string type = mapType(words, "", known);
        if (!known || type == "TEXT")
            return j - 1; // ::text, ::regclass, ::jsonb: the value as written
        // Wrap the operand: a literal, a word, or a parenthesised group.
        size_t start = out.size() - 1;
        if (isSymbol(prev, ")")) {
            int depth = 0;
            for (size_t k = out.size(); k-- > 0;) {
                if (isSymbol(out[k], ")"))
                    ++depth;
                else if (isSymbol(out[k], "(") && --depth == 0) {
                    start = k;
                    break;
                }
            }
        }
        if (start > 0 && (isSymbol(out[start - 1], "-") || isSymbol(out[start - 1], "+"))
            && prev.kind == Kind::Number)
            --start; // -1.5::float8
        std::vector<Token> operand(out.begin() + static_cast<long>(start), out.end());
        out.erase(out.begin() + static_cast<long>(start), out.end());
        Token cast{Kind::Word, "CAST", operand[0].line, operand[0].spaceBefore};
        out.push_back(cast);
        out.push_back({Kind::Symbol, "(", cast.line, false});
        operand[0].spaceBefore = false;
        out.insert(out.end(), operand.begin(), operand.end());
        out.push_back({Kind::Word, "AS", cast.line, true});
        out.push_back({Kind::Word, type, cast.line, true});
        out.push_back({Kind::Symbol, ")", cast.line, false});
        return j - 1;
    }
};

//! The table a CREATE TABLE or INSERT INTO statement names, unquoted; empty otherwise.
std::string tableOf(const std::vector<Token> &t, bool &creates)
{
    creates = false;
    size_t i = 0;
    if (t.size() > 1 && isWord(t[0], "CREATE") && isWord(t[1], "TABLE")) {
        creates = true;
        i = 2;
        if (i + 2 < t.size() && isWord(t[i], "IF") && isWord(t[i + 1], "NOT"))
            i += 3;
    } else if (t.size() > 1 && isWord(t[0], "INSERT") && isWord(t[1], "INTO")) {
        i = 2;
    } else {
        return {};
    }
    return i < t.size() ? unquote(t[i]) : std::string();
}

//! `schema` (the tables the script made so far) is replaced by a new one when the statement
//! makes a table: one handed out before stays as it was.
ScriptStatement translate(const RawStatement &raw, std::string_view script,
                          std::shared_ptr<const ScriptSchema> &schema)
{
    ScriptStatement out;
    out.line = raw.line;
    out.original = std::string(script.substr(raw.begin, raw.end - raw.begin));
    while (!out.original.empty() && (out.original.back() == ';' || out.original.back() == ' '))
        out.original.pop_back();
    if (raw.meta) {
        out.note = "psql meta-command";
        return out;
    }
    const auto &t = raw.tokens;
    auto word = [&](size_t i) {
        return i < t.size() && t[i].kind == Kind::Word ? asciiUpper(t[i].text) : std::string();
    };
    const std::string w0 = word(0), w1 = word(1), w2 = word(2);
    auto skip = [&](const char *why) {
        out.note = why;
        return out;
    };
    if (w0 == "BEGIN" || w0 == "COMMIT" || w0 == "END" || (w0 == "START" && w1 == "TRANSACTION"))
        return skip("transaction control (the import is one transaction of its own)");
    if (w0 == "ROLLBACK")
        return skip("ROLLBACK (the import is one transaction of its own)");
    if (w0 == "SET" || w0 == "PRAGMA" || w0 == "RESET" || w0 == "ANALYZE" || w0 == "VACUUM"
        || w0 == "REINDEX" || w0 == "CHECKPOINT")
        return skip("session setting");
    if (w0 == "SELECT") {
        const std::string text = asciiUpper(join(t));
        if (text.find("SET_CONFIG") != std::string::npos
            || text.find("SETVAL") != std::string::npos)
            return skip("session setting");
    }
    if (w0 == "COMMENT" || w0 == "GRANT" || w0 == "REVOKE" || w0 == "SECURITY"
        || ((w0 == "CREATE" || w0 == "ALTER" || w0 == "DROP")
            && (w1 == "SEQUENCE" || w1 == "SCHEMA" || w1 == "EXTENSION" || w1 == "PUBLICATION"
                || w1 == "SUBSCRIPTION")))
        return skip("ownership, permissions, sequences or schemas");
    if (w0 == "ALTER" && asciiUpper(join(t)).find(" OWNER TO ") != std::string::npos)
        return skip("ownership, permissions, sequences or schemas");
    if (w0 == "CREATE" && w1 == "VIEW") {
        // Made if Strata can run its query (the script runner says why when it cannot).
        Translator translator;
        out.sql = join(translator.general(t));
        size_t i = 2;
        if (word(i) == "IF" && word(i + 1) == "NOT")
            i += 3;
        out.table = i < t.size() ? unquote(t[i]) : std::string();
        out.createsView = true;
        return out;
    }
    const std::string created = w1 == "OR" ? word(3) : (w1 == "MATERIALIZED" ? "VIEW" : w1);
    if (w0 == "CREATE"
        && (created == "VIEW" || created == "TRIGGER" || created == "FUNCTION"
            || created == "PROCEDURE" || created == "TYPE" || created == "DOMAIN"
            || created == "RULE" || created == "AGGREGATE" || created == "POLICY"
            || created == "EVENT" || created == "CAST" || created == "OPERATOR"
            || created == "LANGUAGE" || created == "COLLATION"))
        return skip("not imported: Strata has no triggers, functions, types or materialized "
                    "views");
    if ((w0 == "DELETE" || w0 == "INSERT" || w0 == "UPDATE")
        && asciiUpper(join(t)).find("SQLITE_SEQUENCE") != std::string::npos)
        return skip("SQLite's AUTOINCREMENT counters");
    Translator translator;
    std::vector<Token> tokens = t;
    if (w0 == "ALTER" && w1 == "TABLE") {
        if (asciiUpper(join(t)).find("NEXTVAL") != std::string::npos)
            return skip("ownership, permissions, sequences or schemas");
        // ALTER TABLE [ONLY] [IF EXISTS] t ADD CONSTRAINT c PRIMARY KEY|UNIQUE (cols)
        size_t i = 2;
        if (word(i) == "ONLY")
            ++i;
        if (word(i) == "IF" && word(i + 1) == "EXISTS")
            i += 2;
        size_t add = i;
        while (add < t.size() && word(add) != "ADD")
            ++add;
        if (word(add) == "ADD" && word(add + 1) == "CONSTRAINT" && add + 3 < t.size()) {
            const std::string kind = word(add + 3);
            const size_t open = add + (kind == "PRIMARY" ? 5 : 4);
            if ((kind == "PRIMARY" || kind == "UNIQUE") && open < t.size()
                && isSymbol(t[open], "(")) {
                const auto table = translator.general(
                    {t.begin() + static_cast<long>(i), t.begin() + static_cast<long>(add)});
                out.sql = "CREATE UNIQUE INDEX " + t[add + 2].text + " ON " + join(table) + " "
                          + join(t, open, skipGroup(t, open));
                if (kind == "PRIMARY")
                    out.note = "a primary key added after the table was created is kept as a "
                               "unique index";
                return out;
            }
            return skip("not imported: foreign keys and check constraints");
        }
    }
    if (w0 == "CREATE" && (w1 == "TABLE" || w2 == "TABLE")) {
        tokens = translator.createTable(translator.general(t));
        bool creates = false;
        const std::string table = tableOf(tokens, creates);
        if (!table.empty()) {
            auto changed = std::make_shared<ScriptSchema>(*schema);
            (*changed)[table] = translator.columns;
            schema = std::move(changed);
        }
    } else if (w0 == "CREATE" && (w1 == "INDEX" || (w1 == "UNIQUE" && w2 == "INDEX"))) {
        std::vector<Token> kept;
        for (size_t i = 0; i < t.size(); ++i) {
            if (isWord(t[i], "USING") && i + 1 < t.size()) {
                ++i; // USING btree
                continue;
            }
            if (isWord(t[i], "ONLY"))
                continue;
            kept.push_back(t[i]);
        }
        tokens = translator.general(kept);
    } else {
        tokens = translator.general(t);
        Translator::hexStringsIntoBlobs(tokens, *schema);
    }
    out.sql = join(tokens);
    out.table = tableOf(tokens, out.createsTable);
    for (const auto &n : translator.notes)
        out.note += (out.note.empty() ? "" : "; ") + n;
    return out;
}

//! Blob columns of the table an INSERT names, in the order its values come.
std::vector<bool> blobColumns(const ScriptSchema &schema, const sqlscript::InsertTarget &target)
{
    std::vector<bool> blob;
    auto table = schema.find(target.table);
    if (table == schema.end())
        return blob;
    if (target.columns.empty()) {
        for (const auto &[name, isBlob] : table->second)
            blob.push_back(isBlob);
        return blob;
    }
    for (const auto &column : target.columns) {
        bool isBlob = false;
        for (const auto &[name, b] : table->second)
            if (name == column)
                isBlob = b;
        blob.push_back(isBlob);
    }
    return blob;
}

class SqlScriptSource : public ScriptSource {
public:
    SqlScriptSource(std::string_view script, const engine::Location &origin, bool literalRows,
                    std::function<void(const char *)> consumed)
        : m_script(script)
        , m_origin(origin)
        , m_tokens(m_script, m_origin)
        , m_literalRows(literalRows)
        , m_consumed(std::move(consumed))
    {
    }

    bool next(ScriptStatement &out) override
    {
        for (;;) {
            if (m_copy.active) {
                if (copyRows(out))
                    return true;
                continue;
            }
            m_tokens.skipBlank();
            const size_t pos = m_tokens.position();
            released(pos);
            if (m_literalRows && pos != m_generalAt && literalRows(out))
                return true;
            sqlscript::RawStatement raw;
            if (!m_tokens.next(raw))
                return false;
            if (!copyFromStdin(raw)) {
                out = translate(raw, m_script, m_schema);
                return true;
            }
        }
    }

private:
    static constexpr size_t kBatchRows = 4096;
    static constexpr size_t kReleaseEvery = 32 << 20;

    //! INSERTs of literal values into one table, one after the other, as one ScriptRows.
    bool literalRows(ScriptStatement &out)
    {
        const size_t begin = m_tokens.position();
        const int64_t firstLine = m_tokens.line();
        sqlscript::InsertTarget target;
        if (!sqlscript::parseInsertTarget(m_script, begin, target)
            || asciiUpper(target.table) == "SQLITE_SEQUENCE")
            return false;
        std::shared_ptr<ScriptRows> rows = reusedRows();
        rows->columns = target.columns;
        std::vector<bool> blob = blobColumns(*m_schema, target);
        size_t at = begin;
        size_t count = 0;
        for (;;) {
            size_t end = 0;
            int64_t lines = 0;
            if (!sqlscript::parseLiteralRows(m_script, target.valuesAt, blob, rows->rows, count,
                                             end, lines)) {
                m_generalAt = at; // read the general way, after the rows so far
                break;
            }
            m_tokens.resumeAt(end, m_tokens.line() + target.lines + lines);
            if (count >= kBatchRows)
                break;
            m_tokens.skipBlank();
            at = m_tokens.position();
            sqlscript::InsertTarget following;
            if (!sqlscript::parseInsertTarget(m_script, at, following)
                || following.table != target.table || following.columns != target.columns)
                break;
            target.valuesAt = following.valuesAt;
            target.lines = following.lines;
        }
        if (count == 0)
            return false;
        rows->rows.resize(count);
        const size_t end = m_tokens.position();
        // Callable from another thread while this source reads on: it reads only the script,
        // which does not change, and its own copy of the schema.
        rows->statements = [this, begin, end, firstLine, schema = m_schema] {
            std::vector<ScriptStatement> statements;
            auto unchanged = schema; // INSERTs do not change it
            const std::string_view part = m_script.substr(begin, end - begin);
            for (const auto &raw : sqlscript::Tokenizer(part, m_origin, firstLine).run())
                statements.push_back(translate(raw, part, unchanged));
            return statements;
        };
        out = {};
        out.line = firstLine;
        out.table = target.table;
        out.rows = std::move(rows);
        return true;
    }

    //! The script before `pos` is read.
    void released(size_t pos)
    {
        if (m_consumed && pos - m_released > kReleaseEvery) {
            m_consumed(m_script.data() + pos);
            m_released = pos;
        }
    }

    //! pg_dump's `COPY name [(columns)] FROM stdin;`: its rows follow, up to a line `\.`.
    bool copyFromStdin(const sqlscript::RawStatement &raw)
    {
        const auto &t = raw.tokens;
        if (t.size() < 4 || !isWord(t[0], "COPY") || !isWord(t[t.size() - 2], "FROM")
            || !isWord(t.back(), "STDIN"))
            return false;
        size_t i = 1;
        if (i + 2 < t.size() && isSymbol(t[i + 1], ".")
            && (isWord(t[i], "PUBLIC") || t[i].text == "\"public\""))
            i += 2;
        CopyBlock copy;
        copy.table = unquote(t[i++]);
        if (i < t.size() && isSymbol(t[i], "(")) {
            for (++i; i < t.size() && !isSymbol(t[i], ")"); ++i)
                if (!isSymbol(t[i], ","))
                    copy.columns.push_back(unquote(t[i]));
            ++i;
        }
        if (i != t.size() - 2)
            return false; // COPY ... WITH options: not pg_dump's
        // The rows start on the line after the statement.
        size_t at = m_tokens.position();
        const size_t lineEnd = m_script.find('\n', at);
        at = lineEnd == std::string_view::npos ? m_script.size() : lineEnd + 1;
        copy.active = true;
        copy.line = m_tokens.line() + 1;
        copy.statementLine = raw.line;
        copy.pos = at;
        sqlscript::InsertTarget target;
        target.table = copy.table;
        target.columns = copy.columns;
        copy.blob = blobColumns(*m_schema, target);
        m_copy = std::move(copy);
        return true;
    }

    //! The next rows of a COPY block (false: none, the block ended).
    bool copyRows(ScriptStatement &out)
    {
        const size_t begin = m_copy.pos;
        const int64_t firstLine = m_copy.line;
        released(begin);
        std::shared_ptr<ScriptRows> rows = reusedRows();
        size_t count = 0;
        while (count < (m_literalRows ? kBatchRows : 1)) {
            if (m_copy.pos >= m_script.size())
                throw EngineError(StatusCode::Invalid,
                                  "the COPY data starting here is never closed (expected a line "
                                  "\\. after its rows)",
                                  m_origin.at(m_copy.statementLine));
            const size_t lineEnd = m_script.find('\n', m_copy.pos);
            const size_t next = lineEnd == std::string_view::npos ? m_script.size() : lineEnd + 1;
            std::string_view line = m_script.substr(m_copy.pos, next - m_copy.pos);
            if (!line.empty() && line.back() == '\n')
                line.remove_suffix(1);
            m_copy.pos = next;
            ++m_copy.line;
            if (line == "\\." || line == "\\.\r") {
                m_copy.active = false;
                m_tokens.resumeAt(m_copy.pos, m_copy.line);
                break;
            }
            if (count == rows->rows.size())
                rows->rows.emplace_back();
            sqlscript::parseCopyLine(line, m_copy.blob, rows->rows[count++]);
        }
        if (count == 0)
            return false;
        rows->rows.resize(count);
        rows->columns = m_copy.columns;
        const size_t end = m_copy.pos;
        // Each row as an INSERT of its own, at its line (a row the table refuses is named).
        rows->statements = [this, begin, end, firstLine, table = m_copy.table,
                            columns = m_copy.columns, blob = m_copy.blob] {
            std::vector<ScriptStatement> statements;
            std::string head = "INSERT INTO " + engine::quoteIdentifier(table);
            if (!columns.empty()) {
                head += " (";
                for (size_t c = 0; c < columns.size(); ++c)
                    head += (c ? ", " : "") + engine::quoteIdentifier(columns[c]);
                head += ")";
            }
            head += " VALUES (";
            int64_t line = firstLine;
            engine::Row row;
            for (size_t at = begin; at < end; ++line) {
                size_t lineEnd = m_script.find('\n', at);
                lineEnd = lineEnd == std::string_view::npos ? m_script.size() : lineEnd;
                const std::string_view text = m_script.substr(at, lineEnd - at);
                at = lineEnd + 1;
                if (text == "\\." || text == "\\.\r")
                    break;
                sqlscript::parseCopyLine(text, blob, row);
                ScriptStatement s;
                s.line = line;
                s.original = std::string(text);
                s.table = table;
                s.sql = head;
                for (size_t c = 0; c < row.size(); ++c)
                    s.sql += (c ? ", " : "") + row[c].toSqlLiteral();
                s.sql += ")";
                statements.push_back(std::move(s));
            }
            return statements;
        };
        out = {};
        out.line = firstLine;
        out.table = m_copy.table;
        if (m_literalRows) {
            out.rows = std::move(rows);
        } else {
            auto one = rows->statements();
            out = std::move(one.at(0));
        }
        return true;
    }

    struct CopyBlock {
        bool active = false;
        std::string table;
        std::vector<std::string> columns;
        std::vector<bool> blob;
        size_t pos = 0;
        int64_t line = 0;          //!< of the row at `pos`
        int64_t statementLine = 0; //!< of the COPY statement
    };
    CopyBlock m_copy;

    //! Rows to fill: one the import job let go of (its values' buffers are reused), else new.
    std::shared_ptr<ScriptRows> reusedRows()
    {
        for (auto &rows : m_rowPool) {
            if (rows.use_count() == 1) {
                // The other thread's last reads of it happened before its release.
                std::atomic_thread_fence(std::memory_order_acquire);
                return rows;
            }
        }
        auto rows = std::make_shared<ScriptRows>();
        if (m_rowPool.size() < kPooledRows)
            m_rowPool.push_back(rows);
        return rows;
    }

    static constexpr size_t kPooledRows = 4;

    std::string_view m_script;
    engine::Location m_origin;
    sqlscript::Tokenizer m_tokens;
    std::vector<std::shared_ptr<ScriptRows>> m_rowPool;
    std::shared_ptr<const ScriptSchema> m_schema = std::make_shared<const ScriptSchema>();
    bool m_literalRows;
    std::function<void(const char *)> m_consumed;
    size_t m_released = 0;
    size_t m_generalAt = SIZE_MAX; //!< where a statement the fast path refused starts
};

} // namespace

std::unique_ptr<ScriptSource> openSqlScript(std::string_view script, const engine::Location &origin,
                                            bool literalRows,
                                            std::function<void(const char *)> consumed)
{
    return std::make_unique<SqlScriptSource>(script, origin, literalRows, std::move(consumed));
}

std::vector<ScriptStatement> translateSqlScript(std::string_view script,
                                                const engine::Location &origin)
{
    std::vector<ScriptStatement> out;
    auto source = openSqlScript(script, origin, false);
    for (ScriptStatement s; source->next(s);)
        out.push_back(std::move(s));
    return out;
}

} // namespace strata::transfer
