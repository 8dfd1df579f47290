#include "engine/sql/parser.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"

#include <cctype>
#include <charconv>
#include <cstring>
#include <limits>

namespace strata::engine::sql {

std::string describePosition(std::string_view text, uint32_t offset)
{
    uint32_t line = 1, col = 1;
    for (uint32_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

namespace {

//! A numeric literal as a double; beyond the range of doubles it is +/- infinity (9e999, as
//! SQLite and Strata's SQL exports write it) or, for tiny values, zero.
double floatLiteral(std::string_view text)
{
    double v = 0;
    auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec == std::errc::result_out_of_range) {
        const size_t e = text.find_first_of("eE");
        const bool tiny = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
        return tiny ? 0.0 : std::numeric_limits<double>::infinity();
    }
    return v;
}

enum class Tok { End, Ident, QuotedIdent, Integer, Float, String, Blob, Param, Op };

struct Token {
    Tok type = Tok::End;
    std::string text; //!< identifier (unquoted), literal contents, or operator
    uint32_t pos = 0;
};

const char *kReserved[] = {
    "SELECT",    "FROM",     "WHERE",  "GROUP",   "BY",     "HAVING",    "ORDER",  "LIMIT",
    "OFFSET",    "INSERT",   "INTO",   "VALUES",  "UPDATE", "SET",       "DELETE", "CREATE",
    "TABLE",     "DROP",     "ALTER",  "INDEX",   "ON",     "JOIN",      "LEFT",   "INNER",
    "OUTER",     "CROSS",    "AS",     "AND",     "OR",     "NOT",       "NULL",   "IS",
    "IN",        "BETWEEN",  "LIKE",   "CASE",    "WHEN",   "THEN",      "ELSE",   "END",
    "EXISTS",    "DISTINCT", "UNION",  "ALL",     "ASC",    "DESC",      "BEGIN",  "COMMIT",
    "ROLLBACK",  "PRIMARY",  "UNIQUE", "DEFAULT", "CAST",   "INTERSECT", "EXCEPT", "WITH",
    "RETURNING",
};

bool isReserved(std::string_view word)
{
    for (const char *k : kReserved)
        if (equalsIgnoreCase(word, k))
            return true;
    return false;
}

class Lexer {
public:
    explicit Lexer(std::string_view text)
        : m_text(text)
    {
    }

    std::vector<Token> run()
    {
        std::vector<Token> out;
        size_t lastEnd = 0;
        for (;;) {
            skipSpace();
            Token t;
            t.pos = static_cast<uint32_t>(m_pos);
            if (m_pos >= m_text.size()) {
                t.pos = static_cast<uint32_t>(lastEnd); // "expected ')'" points after the text
                out.push_back(t);
                return out;
            }
            const char c = m_text[m_pos];
            if (std::isalpha(static_cast<unsigned char>(c)) || c == '_'
                || static_cast<unsigned char>(c) >= 0x80) {
                if ((c == 'x' || c == 'X') && peek(1) == '\'') {
                    ++m_pos;
                    t.type = Tok::Blob;
                    t.text = hexBlob(quoted('\''), t.pos);
                } else {
                    size_t start = m_pos;
                    while (m_pos < m_text.size()
                           && (std::isalnum(static_cast<unsigned char>(m_text[m_pos]))
                               || m_text[m_pos] == '_' || m_text[m_pos] == '$'
                               || static_cast<unsigned char>(m_text[m_pos]) >= 0x80))
                        ++m_pos;
                    t.type = Tok::Ident;
                    t.text = std::string(m_text.substr(start, m_pos - start));
                }
            } else if (std::isdigit(static_cast<unsigned char>(c))
                       || (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
                number(t);
            } else if (c == '\'') {
                t.type = Tok::String;
                t.text = quoted('\'');
            } else if (c == '"' || c == '`') {
                t.type = Tok::QuotedIdent;
                t.text = quoted(c);
            } else if (c == '[') {
                size_t end = m_text.find(']', m_pos);
                if (end == std::string_view::npos)
                    fail(m_pos, "unterminated [identifier]");
                t.type = Tok::QuotedIdent;
                t.text = std::string(m_text.substr(m_pos + 1, end - m_pos - 1));
                m_pos = end + 1;
            } else if (c == '?') {
                t.type = Tok::Param;
                ++m_pos;
            } else {
                t.type = Tok::Op;
                static const char *kOps[] = {"->>", "->", "!~*", "!~", "~*", "<<", ">>", "<>",
                                             "<=",  ">=", "!=",  "==", "||", "(",  ")",  ",",
                                             ";",   "+",  "-",   "*",  "/",  "%",  "=",  "<",
                                             ">",   ".",  "&",   "|",  "~"};
                bool found = false;
                for (const char *op : kOps) {
                    if (m_text.substr(m_pos, std::strlen(op)) == op) {
                        t.text = op;
                        m_pos += std::strlen(op);
                        found = true;
                        break;
                    }
                }
                if (!found)
                    fail(m_pos, std::string("unexpected character '") + c + "'");
            }
            lastEnd = m_pos;
            out.push_back(std::move(t));
        }
    }

private:
    char peek(size_t ahead) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }
    [[noreturn]] void fail(size_t pos, const std::string &what)
    {
        throwError(StatusCode::Syntax, "syntax error at "
                                           + describePosition(m_text, static_cast<uint32_t>(pos))
                                           + ": " + what);
    }
    void skipSpace()
    {
        for (;;) {
            while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
                ++m_pos;
            if (m_text.substr(m_pos, 2) == "--") {
                while (m_pos < m_text.size() && m_text[m_pos] != '\n')
                    ++m_pos;
            } else if (m_text.substr(m_pos, 2) == "/*") {
                const size_t end = m_text.find("*/", m_pos + 2);
                if (end == std::string_view::npos)
                    fail(m_pos, "unterminated /* comment");
                m_pos = end + 2;
            } else {
                return;
            }
        }
    }
    std::string quoted(char q)
    {
        const size_t start = m_pos;
        ++m_pos;
        std::string out;
        for (;;) {
            if (m_pos >= m_text.size())
                fail(start, std::string("unterminated ") + (q == '\'' ? "string" : "identifier")
                                + " starting here");
            const char c = m_text[m_pos++];
            if (c == q) {
                if (m_pos < m_text.size() && m_text[m_pos] == q) {
                    out += q;
                    ++m_pos;
                    continue;
                }
                return out;
            }
            out += c;
        }
    }
    std::string hexBlob(const std::string &hex, uint32_t pos)
    {
        if (hex.size() % 2)
            fail(pos, "blob literal needs an even number of hex digits");
        std::string out;
        for (size_t i = 0; i < hex.size(); i += 2) {
            auto nib = [&](char h) {
                const int v = hexDigitValue(h);
                if (v < 0)
                    fail(pos, "blob literal holds a non-hex digit");
                return v;
            };
            out += static_cast<char>(nib(hex[i]) * 16 + nib(hex[i + 1]));
        }
        return out;
    }
    void number(Token &t)
    {
        const size_t start = m_pos;
        bool isFloat = false;
        while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            isFloat = true;
            ++m_pos;
            while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
                ++m_pos;
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            size_t p = m_pos + 1;
            if (p < m_text.size() && (m_text[p] == '+' || m_text[p] == '-'))
                ++p;
            if (p < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[p]))) {
                isFloat = true;
                m_pos = p;
                while (m_pos < m_text.size()
                       && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
                    ++m_pos;
            }
        }
        if (m_pos < m_text.size()
            && (std::isalpha(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_'))
            fail(m_pos, "a number runs into a name");
        t.type = isFloat ? Tok::Float : Tok::Integer;
        t.text = std::string(m_text.substr(start, m_pos - start));
    }

    std::string_view m_text;
    size_t m_pos = 0;
};

class Parser {
public:
    Parser(std::string_view text, std::vector<Token> tokens)
        : m_text(text)
        , m_tokens(std::move(tokens))
    {
    }

    std::vector<Statement> script()
    {
        std::vector<Statement> out;
        for (;;) {
            while (acceptOp(";")) {
            }
            if (cur().type == Tok::End)
                return out;
            m_paramCount = 0;
            Statement s = statement();
            s.paramCount = m_paramCount;
            s.end = cur().pos;
            if (cur().type != Tok::End && !isOp(";"))
                fail("';' or the end of the statement");
            out.push_back(std::move(s));
        }
    }

private:
    const Token &cur() const { return m_tokens[m_i]; }
    const Token &next(size_t k = 1) const
    {
        return m_tokens[std::min(m_i + k, m_tokens.size() - 1)];
    }
    void advance()
    {
        if (m_i + 1 < m_tokens.size())
            ++m_i;
    }
    bool isKw(const char *kw, size_t ahead = 0) const
    {
        const Token &t = ahead ? next(ahead) : cur();
        return t.type == Tok::Ident && equalsIgnoreCase(t.text, kw);
    }
    bool acceptKw(const char *kw)
    {
        if (!isKw(kw))
            return false;
        advance();
        return true;
    }
    void expectKw(const char *kw)
    {
        if (!acceptKw(kw))
            fail(kw);
    }
    bool isOp(const char *op) const { return cur().type == Tok::Op && cur().text == op; }
    bool acceptOp(const char *op)
    {
        if (!isOp(op))
            return false;
        advance();
        return true;
    }
    void expectOp(const char *op)
    {
        if (!acceptOp(op))
            fail(std::string("'") + op + "'");
    }
    std::string found() const
    {
        const Token &t = cur();
        switch (t.type) {
        case Tok::End:
            return "the end of the input";
        case Tok::String:
            return "string '" + t.text + "'";
        case Tok::QuotedIdent:
            return "\"" + t.text + "\"";
        default:
            return "'" + t.text + "'";
        }
    }
    [[noreturn]] void fail(const std::string &expected) const
    {
        throwError(StatusCode::Syntax, "syntax error at " + describePosition(m_text, cur().pos)
                                           + ": expected " + expected + " but found " + found());
    }
    std::string identifier(const char *what = "a name")
    {
        const Token &t = cur();
        if (t.type == Tok::QuotedIdent || (t.type == Tok::Ident && !isReserved(t.text))) {
            std::string name = t.text;
            advance();
            return name;
        }
        fail(what);
    }
    bool atIdentifier() const
    {
        return cur().type == Tok::QuotedIdent
               || (cur().type == Tok::Ident && !isReserved(cur().text));
    }

    //! WINDOW is no reserved word (SQLite's tables may be called so): it starts a clause only
    //! as "WINDOW name AS".
    bool atWindowClause() const
    {
        return isKw("WINDOW") && (next().type == Tok::Ident || next().type == Tok::QuotedIdent)
               && isKw("AS", 2);
    }

    Statement statement()
    {
        Statement s;
        s.pos = cur().pos;
        if (atQuery() || isOp("(")) {
            s.kind = StatementKind::Select;
            s.select = select();
        } else if (acceptKw("INSERT")) {
            insert(s);
        } else if (isKw("REPLACE") && isKw("INTO", 1)) {
            advance();
            s.orAction = Statement::OnConflict::Replace;
            insert(s);
        } else if (acceptKw("UPDATE")) {
            update(s);
        } else if (acceptKw("DELETE")) {
            s.kind = StatementKind::Delete;
            expectKw("FROM");
            s.table = identifier("a table name");
            if (acceptKw("WHERE"))
                s.where = expr();
            returning(s);
        } else if (acceptKw("CREATE")) {
            create(s);
        } else if (acceptKw("DROP")) {
            drop(s);
        } else if (acceptKw("ALTER")) {
            alter(s);
        } else if (acceptKw("EXPLAIN")) {
            s.kind = StatementKind::Explain;
            if (acceptKw("QUERY"))
                expectKw("PLAN");
            if (!atQuery() && !isOp("("))
                fail("a query after EXPLAIN (SELECT, WITH or VALUES)");
            s.select = select();
        } else if (acceptKw("REINDEX")) {
            s.kind = StatementKind::Reindex;
            if (atIdentifier())
                s.table = identifier();
        } else if (acceptKw("BEGIN") || acceptKw("START")) {
            s.kind = StatementKind::Begin;
            if (!acceptKw("TRANSACTION"))
                acceptKw("WORK");
        } else if (acceptKw("COMMIT") || acceptKw("END")) {
            s.kind = StatementKind::Commit;
            if (!acceptKw("TRANSACTION"))
                acceptKw("WORK");
        } else if (acceptKw("ROLLBACK")) {
            s.kind = StatementKind::Rollback;
            if (!acceptKw("TRANSACTION"))
                acceptKw("WORK");
        } else {
            fail("a statement (SELECT, WITH, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, "
                 "BEGIN, COMMIT or ROLLBACK)");
        }
        return s;
    }

    void insert(Statement &s)
    {
        s.kind = StatementKind::Insert;
        if (acceptKw("OR")) {
            if (acceptKw("REPLACE"))
                s.orAction = Statement::OnConflict::Replace;
            else if (acceptKw("IGNORE"))
                s.orAction = Statement::OnConflict::Ignore;
            else if (!acceptKw("ABORT") && !acceptKw("FAIL") && !acceptKw("ROLLBACK"))
                fail("REPLACE, IGNORE, ABORT, FAIL or ROLLBACK after INSERT OR");
        }
        expectKw("INTO");
        s.table = identifier("a table name");
        if (isOp("(") && !isKw("SELECT", 1)) {
            advance();
            do {
                s.columns.push_back(identifier("a column name"));
            } while (acceptOp(","));
            expectOp(")");
        }
        if (acceptKw("VALUES")) {
            do {
                expectOp("(");
                std::vector<ExprPtr> row;
                do {
                    row.push_back(expr());
                } while (acceptOp(","));
                expectOp(")");
                s.values.push_back(std::move(row));
            } while (acceptOp(","));
        } else if (atQuery() || isOp("(")) {
            s.select = select();
        } else if (acceptKw("DEFAULT")) {
            expectKw("VALUES");
            s.values.emplace_back();
        } else {
            fail("VALUES or SELECT");
        }
        if (isKw("ON") && isKw("CONFLICT", 1)) {
            s.hasUpsert = true;
            s.upsertPos = cur().pos;
            advance();
            advance();
            if (isOp("("))
                s.conflictTarget = columnList();
            expectKw("DO");
            if (acceptKw("NOTHING")) {
                s.doNothing = true;
            } else {
                expectKw("UPDATE");
                if (s.conflictTarget.empty())
                    fail("the conflict's columns, ON CONFLICT (...), before DO UPDATE");
                expectKw("SET");
                s.upsertSets = assignments();
                if (acceptKw("WHERE"))
                    s.upsertWhere = expr();
            }
        }
        returning(s);
    }

    //! RETURNING * | expr [AS name], ... (INSERT, UPDATE, DELETE).
    void returning(Statement &s)
    {
        if (!acceptKw("RETURNING"))
            return;
        do {
            s.returning.push_back(selectItem());
        } while (acceptOp(","));
    }

    //! * | table.* | expr [[AS] alias]: an item of a select list or of RETURNING.
    SelectItem selectItem()
    {
        SelectItem item;
        if (isOp("*")) {
            item.expr = std::make_unique<Expr>();
            item.expr->kind = ExprKind::Star;
            item.expr->pos = cur().pos;
            advance();
        } else if (atIdentifier() && next().type == Tok::Op && next().text == "."
                   && next(2).type == Tok::Op && next(2).text == "*") {
            item.expr = std::make_unique<Expr>();
            item.expr->kind = ExprKind::Star;
            item.expr->pos = cur().pos;
            item.expr->table = identifier();
            advance();
            advance();
        } else {
            item.expr = expr();
            if (acceptKw("AS"))
                item.alias = identifier("an alias");
            else if (atIdentifier())
                item.alias = identifier();
        }
        return item;
    }

    //! column = expr, ...: UPDATE's SET and DO UPDATE's.
    std::vector<std::pair<std::string, ExprPtr>> assignments()
    {
        std::vector<std::pair<std::string, ExprPtr>> out;
        do {
            std::string col = identifier("a column name");
            expectOp("=");
            out.emplace_back(std::move(col), expr());
        } while (acceptOp(","));
        return out;
    }

    void update(Statement &s)
    {
        s.kind = StatementKind::Update;
        s.table = identifier("a table name");
        expectKw("SET");
        s.assignments = assignments();
        if (acceptKw("WHERE"))
            s.where = expr();
        returning(s);
    }

    void ifNotExists(Statement &s)
    {
        if (acceptKw("IF")) {
            expectKw("NOT");
            expectKw("EXISTS");
            s.ifNotExists = true;
        }
    }
    void ifExists(Statement &s)
    {
        if (acceptKw("IF")) {
            expectKw("EXISTS");
            s.ifExists = true;
        }
    }

    std::vector<std::string> columnList()
    {
        std::vector<std::string> cols;
        expectOp("(");
        do {
            cols.push_back(identifier("a column name"));
            if (!acceptKw("ASC"))
                acceptKw("DESC");
        } while (acceptOp(","));
        expectOp(")");
        return cols;
    }

    void create(Statement &s)
    {
        if (acceptKw("UNIQUE")) {
            expectKw("INDEX");
            s.unique = true;
            createIndex(s);
            return;
        }
        if (acceptKw("INDEX")) {
            createIndex(s);
            return;
        }
        if (isKw("TEMP") || isKw("TEMPORARY"))
            fail("TABLE, VIEW or INDEX (temporary tables and views are not supported: they "
                 "would outlive the connection here)");
        if (acceptKw("VIEW")) {
            s.kind = StatementKind::CreateView;
            ifNotExists(s);
            s.table = identifier("a view name");
            if (isOp("("))
                s.columns = columnList();
            expectKw("AS");
            s.bodyPos = cur().pos;
            s.select = select();
            return;
        }
        expectKw("TABLE");
        s.kind = StatementKind::CreateTable;
        ifNotExists(s);
        s.table = identifier("a table name");
        expectOp("(");
        do {
            if (acceptKw("PRIMARY")) {
                expectKw("KEY");
                if (!s.primaryKey.empty())
                    fail("only one PRIMARY KEY");
                s.primaryKey = columnList();
            } else if (acceptKw("UNIQUE")) {
                s.uniqueKeys.push_back(columnList());
            } else if (acceptKw("CONSTRAINT")) {
                identifier("a constraint name");
                if (acceptKw("PRIMARY")) {
                    expectKw("KEY");
                    s.primaryKey = columnList();
                } else {
                    expectKw("UNIQUE");
                    s.uniqueKeys.push_back(columnList());
                }
            } else {
                s.columnSpecs.push_back(columnSpec());
            }
        } while (acceptOp(","));
        expectOp(")");
    }

    ColumnSpec columnSpec()
    {
        ColumnSpec c;
        c.pos = cur().pos;
        c.name = identifier("a column name");
        if (cur().type != Tok::Ident || isKw("PRIMARY") || isKw("NOT") || isKw("UNIQUE")
            || isKw("DEFAULT") || isKw("SENSITIVE") || isKw("NULL"))
            fail("a column type (INTEGER, DOUBLE, TEXT, VARCHAR(n), BOOLEAN, BLOB, DATE or "
                 "TIMESTAMP)");
        const uint32_t typePos = cur().pos;
        std::string typeName = cur().text;
        advance();
        // Two-word types.
        if (equalsIgnoreCase(typeName, "DOUBLE") && acceptKw("PRECISION"))
            typeName = "DOUBLE";
        if (equalsIgnoreCase(typeName, "CHARACTER") && acceptKw("VARYING"))
            typeName = "VARCHAR";
        if (!typeFromName(typeName, c.type)) {
            throwError(StatusCode::Syntax, "syntax error at " + describePosition(m_text, typePos)
                                               + ": unknown column type '" + typeName
                                               + "' (expected INTEGER, DOUBLE, TEXT, VARCHAR(n), "
                                                 "BOOLEAN, BLOB, DATE or TIMESTAMP)");
        }
        c.typeName = typeName;
        if (acceptOp("(")) {
            if (cur().type != Tok::Integer)
                fail("a length");
            const std::string len = cur().text;
            advance();
            if (acceptOp(","))
                advance(); // NUMERIC(p, s): scale ignored, stored as DOUBLE
            expectOp(")");
            c.typeName += "(" + len + ")";
            if (c.type == LogicalType::Text)
                c.maxLength = static_cast<uint32_t>(std::stoul(len));
        }
        if (c.type == LogicalType::Timestamp && acceptKw("WITH")) {
            expectKw("TIME");
            expectKw("ZONE");
        }
        for (;;) {
            if (acceptKw("PRIMARY")) {
                expectKw("KEY");
                c.primaryKey = true;
                if (!acceptKw("ASC"))
                    acceptKw("DESC");
                acceptKw("AUTOINCREMENT");
            } else if (acceptKw("NOT")) {
                expectKw("NULL");
                c.notNull = true;
            } else if (acceptKw("NULL")) {
            } else if (acceptKw("UNIQUE")) {
                c.unique = true;
            } else if (acceptKw("SENSITIVE")) {
                c.sensitive = true;
            } else if (acceptKw("DEFAULT")) {
                c.defaultExpr = isOp("(") ? primary() : unary();
            } else {
                break;
            }
        }
        return c;
    }

    void createIndex(Statement &s)
    {
        s.kind = StatementKind::CreateIndex;
        ifNotExists(s);
        s.indexName = identifier("an index name");
        expectKw("ON");
        s.table = identifier("a table name");
        s.columns = columnList();
    }

    void drop(Statement &s)
    {
        if (acceptKw("INDEX")) {
            s.kind = StatementKind::DropIndex;
            ifExists(s);
            s.indexName = identifier("an index name");
            return;
        }
        if (acceptKw("VIEW")) {
            s.kind = StatementKind::DropView;
            ifExists(s);
            s.table = identifier("a view name");
            return;
        }
        expectKw("TABLE");
        s.kind = StatementKind::DropTable;
        ifExists(s);
        s.table = identifier("a table name");
    }

    void alter(Statement &s)
    {
        expectKw("TABLE");
        s.kind = StatementKind::AlterTable;
        s.table = identifier("a table name");
        if (acceptKw("ADD")) {
            acceptKw("COLUMN");
            s.alter = Statement::AlterAction::AddColumn;
            s.columnSpecs.push_back(columnSpec());
        } else if (acceptKw("RENAME")) {
            if (acceptKw("TO")) {
                s.alter = Statement::AlterAction::RenameTable;
                s.newName = identifier("a new table name");
            } else {
                acceptKw("COLUMN");
                s.alter = Statement::AlterAction::RenameColumn;
                s.oldName = identifier("a column name");
                expectKw("TO");
                s.newName = identifier("a new column name");
            }
        } else if (acceptKw("DROP")) {
            acceptKw("COLUMN");
            s.alter = Statement::AlterAction::DropColumn;
            s.oldName = identifier("a column name");
        } else {
            fail("ADD COLUMN, RENAME TO, RENAME COLUMN or DROP COLUMN");
        }
    }

    //! A member of a compound SELECT: a SELECT, or a parenthesised query (which becomes
    //! SELECT * FROM (query), so that it keeps its own ORDER BY, LIMIT and compounds).
    std::shared_ptr<SelectStmt> compoundMember()
    {
        if (!isOp("("))
            return selectCore();
        const uint32_t pos = cur().pos;
        advance();
        auto inner = select();
        expectOp(")");
        auto wrapper = std::make_shared<SelectStmt>();
        SelectItem star;
        star.expr = std::make_unique<Expr>();
        star.expr->kind = ExprKind::Star;
        star.expr->pos = pos;
        wrapper->items.push_back(std::move(star));
        wrapper->from = std::make_unique<TableRef>();
        wrapper->from->kind = TableRef::Kind::Subquery;
        wrapper->from->pos = pos;
        wrapper->from->subquery = std::move(inner);
        wrapper->from->alias = "subquery";
        if (!atCompoundOperator())
            orderAndLimit(*wrapper);
        return wrapper;
    }

    bool atCompoundOperator() { return isKw("UNION") || isKw("INTERSECT") || isKw("EXCEPT"); }

    //! A query starts here: SELECT, WITH, or a parenthesised query.
    bool atQuery() const { return isKw("SELECT") || isKw("WITH"); }

    std::shared_ptr<SelectStmt> select()
    {
        std::vector<CommonTable> with;
        bool recursive = false;
        if (acceptKw("WITH")) {
            recursive = acceptKw("RECURSIVE");
            do {
                CommonTable table;
                table.pos = cur().pos;
                table.name = identifier("a name for the WITH query");
                if (acceptOp("(")) {
                    do {
                        table.columns.push_back(identifier("a column name"));
                    } while (acceptOp(","));
                    expectOp(")");
                }
                expectKw("AS");
                if (isKw("NOT") || isKw("MATERIALIZED")) { // PostgreSQL's hints: no meaning here
                    acceptKw("NOT");
                    expectKw("MATERIALIZED");
                }
                expectOp("(");
                table.query = select();
                expectOp(")");
                with.push_back(std::move(table));
            } while (acceptOp(","));
        }
        auto head = withoutWith();
        head->with = std::move(with);
        head->withRecursive = recursive;
        return head;
    }

    std::shared_ptr<SelectStmt> withoutWith()
    {
        auto head = compoundMember();
        SelectStmt *tail = head.get();
        while (atCompoundOperator()) {
            using Op = SelectStmt::CompoundOp;
            const bool unionOp = acceptKw("UNION");
            const bool intersect = !unionOp && acceptKw("INTERSECT");
            if (!unionOp && !intersect)
                expectKw("EXCEPT");
            const bool all = acceptKw("ALL");
            if (!all)
                acceptKw("DISTINCT");
            tail->compoundOp = unionOp     ? (all ? Op::UnionAll : Op::Union)
                               : intersect ? (all ? Op::IntersectAll : Op::Intersect)
                                           : (all ? Op::ExceptAll : Op::Except);
            tail->compoundNext = compoundMember();
            tail = tail->compoundNext.get();
        }
        // ORDER BY / LIMIT after the last member apply to the whole compound: kept on the head.
        if (head->compoundNext) {
            head->orderBy = std::move(tail->orderBy);
            head->limit = std::move(tail->limit);
            head->offset = std::move(tail->offset);
        }
        return head;
    }

    //! expr [ASC | DESC] [NULLS FIRST | NULLS LAST] of an ORDER BY (a window's takes no NULLS:
    //! `withNulls` false).
    OrderItem orderItem(bool withNulls = true)
    {
        OrderItem item;
        item.expr = expr();
        if (acceptKw("DESC"))
            item.descending = true;
        else
            acceptKw("ASC");
        if (withNulls && acceptKw("NULLS")) {
            if (acceptKw("FIRST")) {
                item.nulls = OrderItem::Nulls::First;
            } else {
                expectKw("LAST");
                item.nulls = OrderItem::Nulls::Last;
            }
        }
        return item;
    }

    void orderAndLimit(SelectStmt &s)
    {
        if (acceptKw("ORDER")) {
            expectKw("BY");
            do {
                s.orderBy.push_back(orderItem());
            } while (acceptOp(","));
        }
        if (acceptKw("LIMIT")) {
            s.limit = expr();
            if (acceptKw("OFFSET")) {
                s.offset = expr();
            } else if (acceptOp(",")) { // LIMIT offset, count
                s.offset = std::move(s.limit);
                s.limit = expr();
            }
        }
        if (acceptKw("OFFSET"))
            s.offset = expr();
    }

    std::shared_ptr<SelectStmt> selectCore()
    {
        auto s = std::make_shared<SelectStmt>();
        expectKw("SELECT");
        if (acceptKw("DISTINCT"))
            s->distinct = true;
        else
            acceptKw("ALL");
        do {
            s->items.push_back(selectItem());
        } while (acceptOp(","));
        if (acceptKw("FROM"))
            s->from = fromClause();
        if (acceptKw("WHERE"))
            s->where = expr();
        if (acceptKw("GROUP")) {
            expectKw("BY");
            do {
                s->groupBy.push_back(expr());
            } while (acceptOp(","));
        }
        if (acceptKw("HAVING"))
            s->having = expr();
        if (atWindowClause()) {
            advance();
            do {
                std::string name = identifier("a window name");
                expectKw("AS");
                expectOp("(");
                s->windows.emplace_back(std::move(name), windowSpec());
                expectOp(")");
            } while (acceptOp(","));
        }
        if (!atCompoundOperator())
            orderAndLimit(*s);
        return s;
    }

    //! What OVER (...) holds: [base window] [PARTITION BY ...] [ORDER BY ...] [frame].
    std::shared_ptr<WindowSpec> windowSpec()
    {
        auto w = std::make_shared<WindowSpec>();
        w->pos = cur().pos;
        if (atIdentifier() && !isKw("PARTITION") && !isKw("ROWS") && !isKw("RANGE"))
            w->base = identifier();
        if (acceptKw("PARTITION")) {
            expectKw("BY");
            do {
                w->partitionBy.push_back(expr());
            } while (acceptOp(","));
        }
        if (acceptKw("ORDER")) {
            expectKw("BY");
            do {
                w->orderBy.push_back(orderItem(false));
            } while (acceptOp(","));
        }
        if (isKw("ROWS") || isKw("RANGE")) {
            w->hasFrame = true;
            w->rows = isKw("ROWS");
            advance();
            auto bound = [&](bool isStart) {
                WindowSpec::Bound b;
                using K = WindowSpec::Bound::Kind;
                if (acceptKw("UNBOUNDED")) {
                    if (acceptKw("PRECEDING"))
                        b.kind = K::UnboundedPreceding;
                    else {
                        expectKw("FOLLOWING");
                        b.kind = K::UnboundedFollowing;
                    }
                } else if (acceptKw("CURRENT")) {
                    expectKw("ROW");
                    b.kind = K::CurrentRow;
                } else {
                    b.offset = expr();
                    if (acceptKw("PRECEDING"))
                        b.kind = K::Preceding;
                    else {
                        expectKw("FOLLOWING");
                        b.kind = K::Following;
                    }
                }
                (void)isStart;
                return b;
            };
            if (acceptKw("BETWEEN")) {
                w->start = bound(true);
                expectKw("AND");
                w->end = bound(false);
            } else {
                w->start = bound(true);
                w->end.kind = WindowSpec::Bound::Kind::CurrentRow;
            }
        }
        return w;
    }

    std::unique_ptr<TableRef> fromClause()
    {
        auto left = tableRef();
        for (;;) {
            TableRef::JoinType type;
            const bool natural = acceptKw("NATURAL");
            if (!natural && acceptOp(",")) {
                type = TableRef::JoinType::Cross;
            } else if (acceptKw("CROSS")) {
                expectKw("JOIN");
                type = TableRef::JoinType::Cross;
            } else if (isKw("LEFT") || isKw("RIGHT") || isKw("FULL")) {
                const std::string side = asciiUpper(cur().text);
                advance();
                acceptKw("OUTER");
                expectKw("JOIN");
                type = side == "LEFT"    ? TableRef::JoinType::Left
                       : side == "RIGHT" ? TableRef::JoinType::Right
                                         : TableRef::JoinType::Full;
            } else if (acceptKw("INNER")) {
                expectKw("JOIN");
                type = TableRef::JoinType::Inner;
            } else if (acceptKw("JOIN")) {
                type = TableRef::JoinType::Inner;
            } else {
                if (natural)
                    fail("JOIN after NATURAL");
                return left;
            }
            auto join = std::make_unique<TableRef>();
            join->kind = TableRef::Kind::Join;
            join->pos = cur().pos;
            join->joinType = type;
            join->natural = natural;
            join->left = std::move(left);
            join->right = tableRef();
            if (!natural && type != TableRef::JoinType::Cross) {
                if (acceptKw("USING")) {
                    join->usingColumns = columnList();
                } else if (acceptKw("ON")) {
                    join->on = expr();
                } else if (type != TableRef::JoinType::Inner) {
                    fail("ON or USING after the joined table");
                } // a plain JOIN without either pairs every row, as in SQLite
            }
            left = std::move(join);
        }
    }

    std::unique_ptr<TableRef> tableRef()
    {
        if (isOp("(") && !isKw("SELECT", 1) && !isKw("WITH", 1)
            && !(next().type == Tok::Op && next().text == "(")) {
            // (a JOIN b ON ...): joins grouped
            advance();
            auto grouped = fromClause();
            expectOp(")");
            return grouped;
        }
        auto ref = std::make_unique<TableRef>();
        ref->pos = cur().pos;
        if (acceptOp("(")) {
            ref->kind = TableRef::Kind::Subquery;
            ref->subquery = select();
            expectOp(")");
        } else {
            ref->name = identifier("a table name");
            if (acceptOp("(")) { // json_each(doc): a function that gives rows
                ref->kind = TableRef::Kind::Function;
                if (!isOp(")")) {
                    do {
                        ref->args.push_back(expr());
                    } while (acceptOp(","));
                }
                expectOp(")");
            }
        }
        if (acceptKw("AS"))
            ref->alias = identifier("an alias");
        else if (atIdentifier() && !atWindowClause() && !isKw("RIGHT") && !isKw("FULL")
                 && !isKw("NATURAL") && !isKw("USING"))
            ref->alias = identifier();
        // SQLite's index hints: the planner chooses for itself, so they change nothing.
        if (ref->kind == TableRef::Kind::Table) {
            if (isKw("NOT") && isKw("INDEXED", 1)) {
                advance();
                advance();
            } else if (acceptKw("INDEXED")) {
                expectKw("BY");
                identifier("an index name");
            }
        }
        if (ref->kind == TableRef::Kind::Subquery && ref->alias.empty())
            ref->alias = "subquery";
        return ref;
    }

    ExprPtr make(ExprKind kind, uint32_t pos)
    {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->pos = pos;
        return e;
    }
    ExprPtr binary(std::string op, ExprPtr l, ExprPtr r, uint32_t pos)
    {
        auto e = make(ExprKind::Binary, pos);
        e->op = std::move(op);
        e->args.push_back(std::move(l));
        e->args.push_back(std::move(r));
        return e;
    }

    ExprPtr expr() { return orExpr(); }

    ExprPtr orExpr()
    {
        auto l = andExpr();
        while (isKw("OR")) {
            const uint32_t pos = cur().pos;
            advance();
            l = binary("OR", std::move(l), andExpr(), pos);
        }
        return l;
    }
    ExprPtr andExpr()
    {
        auto l = notExpr();
        while (isKw("AND")) {
            const uint32_t pos = cur().pos;
            advance();
            l = binary("AND", std::move(l), notExpr(), pos);
        }
        return l;
    }
    ExprPtr notExpr()
    {
        if (isKw("NOT") && !isKw("EXISTS", 1)) {
            const uint32_t pos = cur().pos;
            advance();
            auto e = make(ExprKind::Unary, pos);
            e->op = "NOT";
            e->args.push_back(notExpr());
            return e;
        }
        return comparison();
    }
    ExprPtr comparison()
    {
        auto l = bitwise();
        for (;;) {
            const uint32_t pos = cur().pos;
            if (cur().type == Tok::Op
                && (isOp("=") || isOp("==") || isOp("<>") || isOp("!=") || isOp("<") || isOp("<=")
                    || isOp(">") || isOp(">="))) {
                std::string op = cur().text;
                if (op == "==")
                    op = "=";
                if (op == "!=")
                    op = "<>";
                advance();
                l = binary(op, std::move(l), bitwise(), pos);
                continue;
            }
            if (isOp("~") || isOp("~*") || isOp("!~") || isOp("!~*") || isKw("REGEXP")
                || (isKw("NOT") && isKw("REGEXP", 1))) {
                // PostgreSQL's ~ ~* !~ !~*, SQLite's [NOT] REGEXP: regexp_like()
                const std::string op = cur().type == Tok::Op ? cur().text : "";
                const bool negated = op.rfind("!", 0) == 0 || isKw("NOT");
                if (isKw("NOT"))
                    advance();
                advance();
                auto call = make(ExprKind::Function, pos);
                call->op = "REGEXP_LIKE";
                call->args.push_back(std::move(l));
                call->args.push_back(bitwise());
                auto flags = make(ExprKind::Literal, pos);
                flags->value = Value::text(op.find('*') != std::string::npos ? "i" : "");
                call->args.push_back(std::move(flags));
                if (negated) {
                    auto no = make(ExprKind::Unary, pos);
                    no->op = "NOT";
                    no->args.push_back(std::move(call));
                    l = std::move(no);
                } else {
                    l = std::move(call);
                }
                continue;
            }
            if (acceptKw("IS")) {
                const bool negated = acceptKw("NOT");
                if (acceptKw("NULL")) {
                    auto e = make(ExprKind::IsNull, pos);
                    e->negated = negated;
                    e->args.push_back(std::move(l));
                    l = std::move(e);
                    continue;
                }
                // IS [NOT] DISTINCT FROM (PostgreSQL), IS [NOT] x (SQLite): NULL-safe equality.
                bool distinct = false;
                if (acceptKw("DISTINCT")) {
                    expectKw("FROM");
                    distinct = true;
                }
                l = binary(negated != distinct ? "IS NOT" : "IS", std::move(l), bitwise(), pos);
                continue;
            }
            if (isKw("NOT") && isKw("NULL", 1)) {
                advance();
                advance();
                auto e = make(ExprKind::IsNull, pos);
                e->negated = true;
                e->args.push_back(std::move(l));
                l = std::move(e);
                continue;
            }
            if (acceptKw("ISNULL")) {
                auto e = make(ExprKind::IsNull, pos);
                e->args.push_back(std::move(l));
                l = std::move(e);
                continue;
            }
            if (acceptKw("NOTNULL")) {
                auto e = make(ExprKind::IsNull, pos);
                e->negated = true;
                e->args.push_back(std::move(l));
                l = std::move(e);
                continue;
            }
            bool negated = false;
            if (isKw("NOT") && (isKw("BETWEEN", 1) || isKw("IN", 1) || isKw("LIKE", 1))) {
                advance();
                negated = true;
            }
            if (acceptKw("BETWEEN")) {
                auto e = make(ExprKind::Between, pos);
                e->negated = negated;
                e->args.push_back(std::move(l));
                e->args.push_back(bitwise());
                expectKw("AND");
                e->args.push_back(bitwise());
                l = std::move(e);
                continue;
            }
            if (acceptKw("IN")) {
                ExprPtr e;
                if (!isOp("(")) {
                    // SQLite's "x IN table": the table's one column.
                    e = make(ExprKind::InSubquery, pos);
                    e->subquery = std::make_shared<SelectStmt>();
                    auto star = make(ExprKind::Star, cur().pos);
                    e->subquery->items.push_back(SelectItem{std::move(star), {}});
                    auto from = std::make_unique<TableRef>();
                    from->pos = cur().pos;
                    from->name = identifier("'(' or a table name");
                    e->subquery->from = std::move(from);
                    e->args.push_back(std::move(l));
                    e->negated = negated;
                    l = std::move(e);
                    continue;
                }
                expectOp("(");
                if (atQuery()) {
                    e = make(ExprKind::InSubquery, pos);
                    e->subquery = select();
                    e->args.push_back(std::move(l));
                } else {
                    e = make(ExprKind::InList, pos);
                    e->args.push_back(std::move(l));
                    if (!isOp(")")) {
                        do {
                            e->args.push_back(expr());
                        } while (acceptOp(","));
                    }
                }
                expectOp(")");
                e->negated = negated;
                l = std::move(e);
                continue;
            }
            if (acceptKw("LIKE")) {
                auto e = make(ExprKind::Like, pos);
                e->negated = negated;
                e->args.push_back(std::move(l));
                e->args.push_back(bitwise());
                if (acceptKw("ESCAPE"))
                    e->args.push_back(bitwise());
                l = std::move(e);
                continue;
            }
            return l;
        }
    }
    //! << >> & | (SQLite's precedence: below + and -, above comparisons).
    ExprPtr bitwise()
    {
        auto l = additive();
        for (;;) {
            const uint32_t pos = cur().pos;
            if (isOp("<<") || isOp(">>") || isOp("&") || isOp("|")) {
                std::string op = cur().text;
                advance();
                l = binary(op, std::move(l), additive(), pos);
            } else {
                return l;
            }
        }
    }
    ExprPtr additive()
    {
        auto l = multiplicative();
        for (;;) {
            const uint32_t pos = cur().pos;
            if (isOp("->") || isOp("->>")) {
                // SQLite's JSON operators: -> gives JSON text, ->> an SQL value
                const bool text = isOp("->>");
                advance();
                auto call = make(ExprKind::Function, pos);
                call->op = text ? "JSON_EXTRACT_TEXT" : "JSON_ARROW";
                call->args.push_back(std::move(l));
                call->args.push_back(multiplicative());
                l = std::move(call);
                continue;
            }
            if (isOp("+") || isOp("-") || isOp("||")) {
                std::string op = cur().text;
                advance();
                auto r = multiplicative();
                auto isInterval = [](const Expr &x) {
                    return x.kind == ExprKind::Function && x.op == "INTERVAL";
                };
                if (op != "||" && (isInterval(*r) || (op == "+" && isInterval(*l)))) {
                    // x + INTERVAL '...', x - INTERVAL '...', INTERVAL '...' + x
                    auto call = make(ExprKind::Function, pos);
                    call->op = op == "+" ? "ADD_INTERVAL" : "SUBTRACT_INTERVAL";
                    ExprPtr &when = isInterval(*r) ? l : r;
                    ExprPtr &interval = isInterval(*r) ? r : l;
                    call->args.push_back(std::move(when));
                    call->args.push_back(std::move(interval->args[0]));
                    l = std::move(call);
                    continue;
                }
                l = binary(op, std::move(l), std::move(r), pos);
            } else {
                return l;
            }
        }
    }
    ExprPtr multiplicative()
    {
        auto l = unary();
        for (;;) {
            const uint32_t pos = cur().pos;
            if (isOp("*") || isOp("/") || isOp("%")) {
                std::string op = cur().text;
                advance();
                l = binary(op, std::move(l), unary(), pos);
            } else {
                return l;
            }
        }
    }
    ExprPtr unary()
    {
        const uint32_t pos = cur().pos;
        if (isOp("-") || isOp("+") || isOp("~")) {
            std::string op = cur().text;
            advance();
            auto operand = unary();
            // Fold -literal so that -9223372036854775808 is an INTEGER.
            if (op == "-" && operand->kind == ExprKind::Literal
                && operand->value.type == LogicalType::Double && operand->name == "bigint") {
                operand->value = Value::integer(std::numeric_limits<int64_t>::min());
                operand->name.clear();
                return operand;
            }
            if (op == "-" && operand->kind == ExprKind::Literal
                && operand->value.type == LogicalType::Integer) {
                operand->value.i = -operand->value.i;
                operand->pos = pos;
                return operand;
            }
            if (op == "-" && operand->kind == ExprKind::Literal
                && operand->value.type == LogicalType::Double) {
                operand->value.d = -operand->value.d;
                operand->pos = pos;
                return operand;
            }
            auto e = make(ExprKind::Unary, pos);
            e->op = op;
            e->args.push_back(std::move(operand));
            return e;
        }
        return primary();
    }

    ExprPtr primary()
    {
        const Token &t = cur();
        const uint32_t pos = t.pos;
        switch (t.type) {
        case Tok::Integer: {
            auto e = make(ExprKind::Literal, pos);
            int64_t v;
            auto res = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
            if (res.ec == std::errc()) {
                e->value = Value::integer(v);
            } else {
                e->value = Value::real(floatLiteral(t.text));
                if (t.text == "9223372036854775808")
                    e->name = "bigint";
            }
            advance();
            return e;
        }
        case Tok::Float: {
            auto e = make(ExprKind::Literal, pos);
            e->value = Value::real(floatLiteral(t.text));
            advance();
            return e;
        }
        case Tok::String: {
            auto e = make(ExprKind::Literal, pos);
            e->value = Value::text(t.text);
            advance();
            return e;
        }
        case Tok::Blob: {
            auto e = make(ExprKind::Literal, pos);
            e->value = Value::blob(t.text);
            advance();
            return e;
        }
        case Tok::Param: {
            auto e = make(ExprKind::Param, pos);
            e->paramIndex = m_paramCount++;
            advance();
            return e;
        }
        case Tok::Op:
            if (acceptOp("(")) {
                if (atQuery()) {
                    auto e = make(ExprKind::ScalarSubquery, pos);
                    e->subquery = select();
                    expectOp(")");
                    return e;
                }
                auto e = expr();
                expectOp(")");
                return e;
            }
            fail("an expression");
        case Tok::End:
            fail("an expression");
        case Tok::QuotedIdent:
            return columnRef();
        case Tok::Ident:
            break;
        }
        if (acceptKw("NULL")) {
            return make(ExprKind::Literal, pos);
        }
        if (acceptKw("TRUE")) {
            auto e = make(ExprKind::Literal, pos);
            e->value = Value::boolean(true);
            return e;
        }
        if (acceptKw("FALSE")) {
            auto e = make(ExprKind::Literal, pos);
            e->value = Value::boolean(false);
            return e;
        }
        if (isKw("INTERVAL") && next().type == Tok::String) {
            // PostgreSQL's INTERVAL '1 day': only added to or subtracted from a date or
            // timestamp (additive() makes that a call; the binder refuses it elsewhere).
            advance();
            auto e = make(ExprKind::Function, pos);
            e->op = "INTERVAL";
            auto lit = make(ExprKind::Literal, cur().pos);
            lit->value = Value::text(cur().text);
            advance();
            e->args.push_back(std::move(lit));
            return e;
        }
        if (isKw("EXTRACT") && next().type == Tok::Op && next().text == "(" && isKw("FROM", 3)) {
            // EXTRACT(field FROM x) is date_part('field', x)
            advance();
            advance();
            auto e = make(ExprKind::Function, pos);
            e->op = "DATE_PART";
            auto field = make(ExprKind::Literal, cur().pos);
            field->value = Value::text(asciiLower(cur().text));
            advance();
            expectKw("FROM");
            e->args.push_back(std::move(field));
            e->args.push_back(expr());
            expectOp(")");
            return e;
        }
        if ((isKw("DATE") || isKw("TIMESTAMP")) && next().type == Tok::String) {
            const bool isDate = isKw("DATE");
            advance();
            auto e = make(ExprKind::Cast, pos);
            e->castType = isDate ? LogicalType::Date : LogicalType::Timestamp;
            auto lit = make(ExprKind::Literal, cur().pos);
            lit->value = Value::text(cur().text);
            advance();
            e->args.push_back(std::move(lit));
            return e;
        }
        if (isKw("CURRENT_TIMESTAMP") || isKw("CURRENT_DATE")) {
            auto e = make(ExprKind::Function, pos);
            e->op = isKw("CURRENT_DATE") ? "CURRENT_DATE" : "NOW";
            advance();
            return e;
        }
        if (acceptKw("CASE"))
            return caseExpr(pos);
        if (acceptKw("CAST")) {
            expectOp("(");
            auto e = make(ExprKind::Cast, pos);
            e->args.push_back(expr());
            expectKw("AS");
            if (cur().type != Tok::Ident)
                fail("a type name");
            std::string typeName = cur().text;
            if (!typeFromName(typeName, e->castType))
                fail("a type name (INTEGER, DOUBLE, TEXT, BOOLEAN, BLOB, DATE, TIMESTAMP)");
            advance();
            if (equalsIgnoreCase(typeName, "DOUBLE"))
                acceptKw("PRECISION");
            if (acceptOp("(")) {
                while (!isOp(")") && cur().type != Tok::End)
                    advance();
                expectOp(")");
            }
            expectOp(")");
            return e;
        }
        if (isKw("EXISTS") || (isKw("NOT") && isKw("EXISTS", 1))) {
            auto e = make(ExprKind::Exists, pos);
            e->negated = acceptKw("NOT");
            expectKw("EXISTS");
            expectOp("(");
            e->subquery = select();
            expectOp(")");
            return e;
        }
        if (next().type == Tok::Op && next().text == "(" && !isReserved(t.text)) {
            auto e = make(ExprKind::Function, pos);
            e->op = asciiUpper(t.text);
            advance();
            advance();
            if (isOp("*")) {
                auto star = make(ExprKind::Star, cur().pos);
                advance();
                e->args.push_back(std::move(star));
            } else if (!isOp(")")) {
                e->distinct = acceptKw("DISTINCT");
                do {
                    e->args.push_back(expr());
                } while (acceptOp(","));
                if (isKw("ORDER") && isKw("BY", 1)) {
                    advance();
                    advance();
                    e->aggregateOrder = std::make_shared<std::vector<OrderItem>>();
                    do {
                        e->aggregateOrder->push_back(orderItem());
                    } while (acceptOp(","));
                }
            }
            expectOp(")");
            // OVER w, or OVER (...): a window function.
            if (isKw("OVER")
                && ((next().type == Tok::Op && next().text == "(") || next().type == Tok::Ident
                    || next().type == Tok::QuotedIdent)) {
                advance();
                if (acceptOp("(")) {
                    e->over = windowSpec();
                    expectOp(")");
                } else {
                    e->over = std::make_shared<WindowSpec>();
                    e->over->pos = cur().pos;
                    e->over->base = identifier("a window name");
                }
            }
            return e;
        }
        return columnRef();
    }

    ExprPtr columnRef()
    {
        auto e = make(ExprKind::Column, cur().pos);
        std::string first = identifier("an expression");
        if (isOp(".")) {
            advance();
            e->table = std::move(first);
            e->name = identifier("a column name");
        } else {
            e->name = std::move(first);
        }
        return e;
    }

    ExprPtr caseExpr(uint32_t pos)
    {
        auto e = make(ExprKind::Case, pos);
        if (!isKw("WHEN")) {
            e->hasOperand = true;
            e->args.push_back(expr());
        }
        if (!isKw("WHEN"))
            fail("WHEN");
        while (acceptKw("WHEN")) {
            e->args.push_back(expr());
            expectKw("THEN");
            e->args.push_back(expr());
        }
        if (acceptKw("ELSE")) {
            e->hasElse = true;
            e->args.push_back(expr());
        }
        expectKw("END");
        return e;
    }

    std::string_view m_text;
    std::vector<Token> m_tokens;
    size_t m_i = 0;
    int m_paramCount = 0;
};

} // namespace

std::vector<Statement> parseScript(std::string_view sql)
{
    Parser parser(sql, Lexer(sql).run());
    return parser.script();
}

} // namespace strata::engine::sql
