#pragma once
// The lexical half of reading a SQL script: statements of tokens, comments gone, lines kept.
// Pure text work (no database); internal to formats/sql.

#include "engine/api/database.h"
#include "engine/transfer/formats/sql/sql_literal_rows.h"

#include <string>
#include <string_view>
#include <vector>

namespace strata::transfer::sqlscript {

using engine::EngineError;
using engine::StatusCode;

enum class Kind { Word, QuotedIdent, String, Number, Blob, Symbol };

struct Token {
    Kind kind;
    std::string text; //!< as it will be written (strings and identifiers with their quotes)
    int64_t line = 0;
    bool spaceBefore = false;
};

struct RawStatement {
    std::vector<Token> tokens;
    int64_t line = 0;
    size_t begin = 0, end = 0; //!< byte range in the script
    bool meta = false;         //!< a psql meta-command line (\connect)
};

inline bool isWordStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_'
           || static_cast<unsigned char>(c) >= 0x80;
}

inline bool isWordChar(char c)
{
    return isWordStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

//! A string literal as Strata's SQL writes it ('it''s').
inline std::string quoteText(std::string_view s)
{
    return engine::Value::text(std::string(s)).toSqlLiteral();
}

//! Splits a script into statements of tokens; comments go, line numbers stay.
class Tokenizer {
public:
    //! `text` starts on line `firstLine` of the script `origin` names.
    Tokenizer(std::string_view text, const engine::Location &origin, int64_t firstLine = 1)
        : m_text(text)
        , m_origin(origin)
        , m_line(firstLine)
    {
    }

    //! Every statement of the script.
    std::vector<RawStatement> run()
    {
        std::vector<RawStatement> out;
        RawStatement s;
        while (next(s))
            out.push_back(std::move(s));
        return out;
    }

    //! The next statement (so a script of any size is read one statement at a time); false
    //! at the end of the script.
    bool next(RawStatement &current)
    {
        current = {};
        bool space = false;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '\n') {
                ++m_line;
                ++m_pos;
                space = true;
                m_lineStart = true;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                ++m_pos;
                space = true;
                continue;
            }
            if (c == '\\' && m_lineStart && current.tokens.empty()) {
                // psql meta-command: the rest of the line.
                current.meta = true;
                current.line = m_line;
                current.begin = m_pos;
                while (m_pos < m_text.size() && m_text[m_pos] != '\n')
                    ++m_pos;
                current.end = m_pos;
                return true;
            }
            m_lineStart = false;
            if (c == '-' && peek(1) == '-') {
                while (m_pos < m_text.size() && m_text[m_pos] != '\n')
                    ++m_pos;
                space = true;
                continue;
            }
            if (c == '/' && peek(1) == '*') {
                blockComment();
                space = true;
                continue;
            }
            if (c == ';') {
                ++m_pos;
                if (!current.tokens.empty()) {
                    current.end = m_pos;
                    return true;
                }
                space = false;
                continue;
            }
            if (current.tokens.empty()) {
                current.line = m_line;
                current.begin = m_pos;
            }
            current.tokens.push_back(token(space));
            space = false;
        }
        current.end = m_pos;
        return !current.tokens.empty();
    }

    //! Skips blanks, empty statements and comments up to the next statement (or psql
    //! meta-command), so that a caller can look at where it starts.
    void skipBlank()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '\n') {
                ++m_line;
                ++m_pos;
                m_lineStart = true;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                ++m_pos;
            } else if (c == ';') {
                ++m_pos;
                m_lineStart = false;
            } else if (c == '-' && peek(1) == '-') {
                m_lineStart = false;
                while (m_pos < m_text.size() && m_text[m_pos] != '\n')
                    ++m_pos;
            } else if (c == '/' && peek(1) == '*') {
                m_lineStart = false;
                blockComment();
            } else {
                return;
            }
        }
    }

    size_t position() const { return m_pos; }
    int64_t line() const { return m_line; }
    //! Goes on from `pos` (on `line`), after a statement read by other means.
    void resumeAt(size_t pos, int64_t line)
    {
        m_pos = pos;
        m_line = line;
        m_lineStart = false;
    }

private:
    //! The token at the current position (not a blank, comment or ';').
    Token token(bool spaceBefore)
    {
        const char c = m_text[m_pos];
        Token t;
        t.line = m_line;
        t.spaceBefore = spaceBefore;
        if (c == '\'') {
            t.kind = Kind::String;
            t.text = quoteText(quoted('\'', "string"));
        } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
            ++m_pos;
            t.kind = Kind::String;
            t.text = quoteText(escapeString());
        } else if ((c == 'X' || c == 'x') && peek(1) == '\'') {
            ++m_pos;
            t.kind = Kind::Blob;
            t.text = "X" + quoteText(quoted('\'', "blob literal"));
        } else if (c == '"') {
            t.kind = Kind::QuotedIdent;
            const std::string name = quoted('"', "quoted identifier");
            t.text = engine::quoteIdentifier(name);
        } else if (c == '`') {
            t.kind = Kind::QuotedIdent;
            t.text = engine::quoteIdentifier(quoted('`', "quoted identifier"));
        } else if (c == '$' && dollarTag()) {
            t.kind = Kind::String;
            t.text = quoteText(dollarQuoted());
        } else if (isWordStart(c)) {
            t.kind = Kind::Word;
            const size_t start = m_pos;
            while (m_pos < m_text.size() && isWordChar(m_text[m_pos]))
                ++m_pos;
            t.text = std::string(m_text.substr(start, m_pos - start));
        } else if (std::isdigit(static_cast<unsigned char>(c))
                   || (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
            t.kind = Kind::Number;
            const size_t start = m_pos;
            while (m_pos < m_text.size()
                   && (std::isalnum(static_cast<unsigned char>(m_text[m_pos]))
                       || m_text[m_pos] == '.'
                       || ((m_text[m_pos] == '+' || m_text[m_pos] == '-')
                           && (m_text[m_pos - 1] == 'e' || m_text[m_pos - 1] == 'E'))))
                ++m_pos;
            t.text = std::string(m_text.substr(start, m_pos - start));
        } else {
            t.kind = Kind::Symbol;
            if (c == ':' && peek(1) == ':') {
                t.text = "::";
                m_pos += 2;
            } else {
                t.text = std::string(1, c);
                ++m_pos;
            }
        }
        return t;
    }

    char peek(size_t ahead) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }

    [[noreturn]] void unterminated(const char *what, int64_t line)
    {
        throw EngineError(StatusCode::Invalid,
                          std::string("the ") + what
                              + " starting here is never closed (expected its closing quote "
                                "before the end of the file)",
                          m_origin.at(line));
    }

    //! The content of a quoted token; the quote doubled inside stands for itself.
    std::string quoted(char quote, const char *what)
    {
        const int64_t line = m_line;
        std::string out;
        ++m_pos;
        for (;;) {
            if (m_pos >= m_text.size())
                unterminated(what, line);
            const char c = m_text[m_pos++];
            if (c == '\n')
                ++m_line;
            if (c == quote) {
                if (m_pos < m_text.size() && m_text[m_pos] == quote) {
                    out += quote;
                    ++m_pos;
                    continue;
                }
                return out;
            }
            out += c;
        }
    }

    //! PostgreSQL E'...': backslash escapes.
    std::string escapeString()
    {
        const int64_t line = m_line;
        std::string out;
        ++m_pos;
        for (;;) {
            if (m_pos >= m_text.size())
                unterminated("string", line);
            char c = m_text[m_pos++];
            if (c == '\n')
                ++m_line;
            if (c == '\'') {
                if (m_pos < m_text.size() && m_text[m_pos] == '\'') {
                    out += '\'';
                    ++m_pos;
                    continue;
                }
                return out;
            }
            if (c != '\\' || m_pos >= m_text.size()) {
                out += c;
                continue;
            }
            m_pos = unescapeBackslash(m_text, m_pos, false, out);
        }
    }

    bool dollarTag()
    {
        size_t p = m_pos + 1;
        while (p < m_text.size()
               && (std::isalnum(static_cast<unsigned char>(m_text[p])) || m_text[p] == '_'))
            ++p;
        return p < m_text.size() && m_text[p] == '$';
    }

    std::string dollarQuoted()
    {
        const int64_t line = m_line;
        const size_t tagEnd = m_text.find('$', m_pos + 1);
        const std::string tag(m_text.substr(m_pos, tagEnd + 1 - m_pos));
        const size_t close = m_text.find(tag, tagEnd + 1);
        if (close == std::string_view::npos)
            unterminated("dollar-quoted string", line);
        const std::string body(m_text.substr(tagEnd + 1, close - tagEnd - 1));
        for (char c : body)
            m_line += c == '\n';
        m_pos = close + tag.size();
        return body;
    }

    void blockComment()
    {
        const int64_t line = m_line;
        int depth = 0;
        do {
            if (m_pos + 1 >= m_text.size())
                unterminated("comment", line);
            if (m_text[m_pos] == '/' && m_text[m_pos + 1] == '*') {
                ++depth;
                m_pos += 2;
            } else if (m_text[m_pos] == '*' && m_text[m_pos + 1] == '/') {
                --depth;
                m_pos += 2;
            } else {
                m_line += m_text[m_pos] == '\n';
                ++m_pos;
            }
        } while (depth > 0);
    }

    std::string_view m_text;
    const engine::Location &m_origin;
    size_t m_pos = 0;
    int64_t m_line = 1;
    bool m_lineStart = true;
};

} // namespace strata::transfer::sqlscript
