#include "engine/transfer/formats/csv/csv_reader.h"

#include "engine/transfer/formats/csv/csv_writer.h"

#include "engine/transfer/mapped_input.h"

#include <QFile>
#include <QStringDecoder>
#include <cstring>
#include <thread>

namespace strata::transfer {

using engine::EngineError;
using engine::StatusCode;

//! The file's bytes: mapped, or converted to UTF-8 (UTF-16 and Latin-1 files).
struct CsvReader::Data {
    explicit Data(const std::string &path)
        : input(path)
    {
    }
    MappedInput input;
    std::string converted;
    std::string_view text; //!< what is parsed: UTF-8, without a BOM
};

namespace {

//! A syntax error at a line and column of the file.
[[noreturn]] void syntaxError(const engine::Location &origin, int64_t line, int64_t column,
                              const std::string &message)
{
    throw EngineError(StatusCode::Invalid, message, origin.at(line, column));
}

} // namespace

//! Splits CSV text into records. Fields are views into the text, or into `scratch` when a
//! quoted field had doubled quotes to undo.
class CsvRecordParser {
public:
    struct Field {
        std::string_view text;
        bool quoted = false;
    };

    CsvRecordParser(std::string_view text, char delimiter, char quote,
                    const engine::Location &origin, int64_t maxFieldBytes, char escape = 0)
        : m_text(text)
        , m_delimiter(delimiter)
        , m_quote(quote)
        , m_escape(escape)
        , m_origin(origin)
        , m_maxField(maxFieldBytes)
    {
    }

    //! Reads the next non-blank record; false at the end.
    bool next()
    {
        fields.clear();
        m_scratch.clear();
        m_pending.clear();
        if (blankLinesAreRecords && m_pos < m_text.size()
            && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
            recordLine = m_line;
            recordStart = m_pos;
            original = m_text.substr(m_pos, 0);
            fields.push_back({original, false});
            endLine();
            return true;
        }
        while (m_pos < m_text.size() && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            endLine(); // blank lines separate nothing
        if (m_pos >= m_text.size())
            return false;
        recordLine = m_line;
        recordStart = m_pos;
        const size_t start = m_pos;
        for (;;) {
            readField();
            if (m_pos < m_text.size() && m_text[m_pos] == m_delimiter) {
                ++m_pos; // "a,b," at the very end still has an empty last field
                continue;
            }
            break;
        }
        size_t end = m_pos;
        if (m_pos < m_text.size())
            endLine();
        original = m_text.substr(start, end - start);
        for (const auto &p : m_pending)
            fields.push_back({p.inScratch ? std::string_view(m_scratch).substr(p.begin, p.length)
                                          : m_text.substr(p.begin, p.length),
                              p.quoted});
        return true;
    }

    //! In a file of one column an empty line is a record (its NULL or empty text), as the
    //! writer wrote it; elsewhere blank lines are skipped.
    bool blankLinesAreRecords = false;
    std::vector<Field> fields;
    int64_t recordLine = 0;
    size_t recordStart = 0; //!< byte offset of the record's first character
    std::string_view original;
    size_t position() const { return m_pos; }
    //! The text starts on this line of the file (a second half read on its own thread).
    void startAtLine(int64_t line) { m_line = line; }

private:
    struct Pending {
        size_t begin, length;
        bool quoted, inScratch;
    };

    int64_t column(size_t pos) const { return static_cast<int64_t>(pos - m_lineStart) + 1; }

    void endLine()
    {
        if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n')
            ++m_pos;
        ++m_pos;
        ++m_line;
        m_lineStart = m_pos;
    }

    void checkSize(size_t length, size_t start)
    {
        if (static_cast<int64_t>(length) > m_maxField)
            syntaxError(m_origin, m_line, column(start),
                        "a field longer than the limit of " + std::to_string(m_maxField)
                            + " bytes");
    }

    void readField()
    {
        const size_t start = m_pos;
        if (m_escape) {
            readEscapedField();
            return;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == m_quote) {
            readQuoted();
            return;
        }
        // Unquoted: up to the delimiter or a line end. A quote inside is taken literally, as
        // spreadsheets and Python's csv module do.
        size_t p = m_pos;
        const char *data = m_text.data();
        const size_t n = m_text.size();
        while (p < n) {
            const char c = data[p];
            if (c == m_delimiter || c == '\n' || c == '\r')
                break;
            ++p;
        }
        checkSize(p - start, start);
        m_pending.push_back({start, p - start, false, false});
        m_pos = p;
    }

    void readQuoted()
    {
        const int64_t openLine = m_line;
        const int64_t openColumn = column(m_pos);
        ++m_pos;
        size_t segment = m_pos;
        bool escaped = false;
        size_t scratchBegin = m_scratch.size();
        for (;;) {
            const void *hit = std::memchr(m_text.data() + m_pos, m_quote, m_text.size() - m_pos);
            if (!hit)
                syntaxError(m_origin, openLine, openColumn,
                            "the quoted field starting here is never closed (expected a "
                            "closing "
                                + std::string(1, m_quote) + " before the end of the file)");
            const size_t q = static_cast<size_t>(static_cast<const char *>(hit) - m_text.data());
            countLines(m_pos, q);
            if (q + 1 < m_text.size() && m_text[q + 1] == m_quote) { // "" inside: one quote
                if (!escaped) {
                    escaped = true;
                    scratchBegin = m_scratch.size();
                }
                m_scratch.append(m_text.substr(segment, q + 1 - segment));
                m_pos = segment = q + 2;
                checkSize(m_scratch.size() - scratchBegin, segment);
                continue;
            }
            if (escaped) {
                m_scratch.append(m_text.substr(segment, q - segment));
                checkSize(m_scratch.size() - scratchBegin, segment);
                m_pending.push_back({scratchBegin, m_scratch.size() - scratchBegin, true, true});
            } else {
                checkSize(q - segment, segment);
                m_pending.push_back({segment, q - segment, true, false});
            }
            m_pos = q + 1;
            break;
        }
        expectFieldEnd();
    }

    //! After a closing quote: the delimiter, a line end or the end of the file.
    void expectFieldEnd()
    {
        if (m_pos >= m_text.size())
            return;
        const char c = m_text[m_pos];
        if (c == m_delimiter || c == '\n' || c == '\r')
            return;
        // MySQL and others write \" for a quote inside quotes: say how to read such a file.
        const bool backslashed = m_pos >= 2 && m_text[m_pos - 2] == '\\' && !m_escape;
        syntaxError(m_origin, m_line, column(m_pos),
                    "expected the delimiter or a line end after the closing quote, found "
                        + quoteForMessage(m_text.substr(m_pos, 1))
                        + (backslashed ? " (the file seems to escape quotes with a backslash: "
                                         "import it with the escape character \\, "
                                         "--csv-escape '\\')"
                                       : ""));
    }

    //! A field of a file that escapes with m_escape (MySQL's \"): the escape character makes
    //! the next one literal, inside quotes and out; "" inside quotes is still one quote.
    void readEscapedField()
    {
        const size_t start = m_pos;
        const int64_t openLine = m_line;
        const int64_t openColumn = column(m_pos);
        const size_t scratchBegin = m_scratch.size();
        const bool quoted = m_pos < m_text.size() && m_text[m_pos] == m_quote;
        if (quoted)
            ++m_pos;
        for (;;) {
            if (m_pos >= m_text.size()) {
                if (quoted)
                    syntaxError(m_origin, openLine, openColumn,
                                "the quoted field starting here is never closed (expected a "
                                "closing "
                                    + std::string(1, m_quote) + " before the end of the file)");
                break;
            }
            const char c = m_text[m_pos];
            if (c == m_escape && m_pos + 1 < m_text.size()) {
                countLines(m_pos + 1, m_pos + 2);
                m_scratch += m_text[m_pos + 1];
                m_pos += 2;
            } else if (quoted && c == m_quote) {
                if (m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != m_quote) {
                    ++m_pos;
                    break;
                }
                m_scratch += c;
                m_pos += 2;
            } else if (!quoted && (c == m_delimiter || c == '\n' || c == '\r')) {
                break;
            } else {
                if (quoted)
                    countLines(m_pos, m_pos + 1);
                m_scratch += c;
                ++m_pos;
            }
            checkSize(m_scratch.size() - scratchBegin, start);
        }
        m_pending.push_back({scratchBegin, m_scratch.size() - scratchBegin, quoted, true});
        if (quoted)
            expectFieldEnd();
    }

    //! Line ends inside a quoted field still count as lines, for the positions in messages.
    void countLines(size_t from, size_t to)
    {
        for (size_t i = from; i < to; ++i) {
            const char c = m_text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= m_text.size() || m_text[i + 1] != '\n'))) {
                ++m_line;
                m_lineStart = i + 1;
            }
        }
    }

    std::string_view m_text;
    char m_delimiter, m_quote;
    char m_escape; //!< 0: none (RFC 4180)
    const engine::Location &m_origin;
    int64_t m_maxField;
    size_t m_pos = 0;
    size_t m_lineStart = 0;
    int64_t m_line = 1;
    std::string m_scratch;
    std::vector<Pending> m_pending;
};

namespace {

using RecordParser = CsvRecordParser;

bool looksTyped(std::string_view s)
{
    TypeGuess guess;
    guess.observe(Cell::of(Cell::Kind::Text, s));
    const auto t = guess.type();
    return t == engine::LogicalType::Integer || t == engine::LogicalType::Double
           || t == engine::LogicalType::Date || t == engine::LogicalType::Timestamp;
}

//! The start of `text` ending at a line end, at most `limit` bytes (all of it when shorter).
std::string_view headOf(std::string_view text, size_t limit)
{
    if (text.size() <= limit)
        return text;
    const size_t nl = text.find_last_of("\n\r", limit);
    return nl == std::string_view::npos ? text.substr(0, limit) : text.substr(0, nl + 1);
}

char sniffDelimiter(std::string_view head, char quote, char escape, const engine::Location &origin)
{
    char best = ',';
    double bestScore = 0;
    for (char candidate : {',', '\t', ';', '|'}) {
        RecordParser parser(head, candidate, quote, origin, INT64_MAX, escape);
        std::vector<size_t> counts;
        try {
            while (counts.size() < 50 && parser.next())
                counts.push_back(parser.fields.size());
        } catch (const EngineError &) {
            // a head cut inside a quoted field, or not this delimiter
        }
        if (counts.empty() || counts[0] < 2)
            continue;
        size_t same = 0;
        for (size_t c : counts)
            same += c == counts[0];
        // Consistent field counts matter most; more fields break ties.
        const double score = static_cast<double>(same) / static_cast<double>(counts.size()) * 1000
                             + static_cast<double>(counts[0]);
        if (score > bestScore) {
            bestScore = score;
            best = candidate;
        }
    }
    return best;
}

int64_t lineOfOffset(std::string_view text, size_t offset)
{
    int64_t line = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i)
        line += text[i] == '\n';
    return line;
}

} // namespace

CsvReader::~CsvReader() = default;

std::unique_ptr<CsvReader> CsvReader::open(const ReadSource &source, const std::string &tableName,
                                           const CsvReadOptions &options, int64_t maxBytes)
{
    std::unique_ptr<CsvReader> reader(new CsvReader);
    const std::string &path = source.path;
    const engine::Location &origin = reader->m_origin = source.origin;
    reader->m_table = tableName;
    reader->m_options = options;
    reader->m_data = std::make_unique<Data>(path);
    Data &d = *reader->m_data;
    std::string_view bytes = d.input.bytes();
    if (maxBytes > 0)
        bytes = headOf(bytes, static_cast<size_t>(maxBytes));
    CsvDialect &dialect = reader->m_dialect;
    auto startsWith
        = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
    auto decodeInto = [&](QStringConverter::Encoding encoding, std::string_view raw) {
        QStringDecoder decoder(encoding);
        const QString text = decoder.decode(QByteArrayView(raw.data(), qsizetype(raw.size())));
        d.converted = text.toStdString();
        d.text = d.converted;
    };
    const std::string &encoding = options.encoding;
    if (startsWith("\xEF\xBB\xBF")) {
        dialect.encoding = "utf-8-bom";
        d.text = bytes.substr(3); // the BOM never reaches the first column's name
    } else if (startsWith("\xFF\xFE") || startsWith("\xFE\xFF")) {
        const bool le = startsWith("\xFF\xFE");
        dialect.encoding = le ? "utf-16le" : "utf-16be";
        decodeInto(le ? QStringConverter::Utf16LE : QStringConverter::Utf16BE, bytes.substr(2));
    } else if (encoding == "latin-1" || encoding == "latin1" || encoding == "iso-8859-1") {
        dialect.encoding = "latin-1";
        decodeInto(QStringConverter::Latin1, bytes);
    } else if (encoding == "utf-16" || encoding == "utf-16le" || encoding == "utf-16be") {
        dialect.encoding = encoding == "utf-16be" ? "utf-16be" : "utf-16le";
        decodeInto(encoding == "utf-16be" ? QStringConverter::Utf16BE : QStringConverter::Utf16LE,
                   bytes);
    } else if (encoding.empty() || encoding == "utf-8" || encoding == "utf8") {
        d.text = bytes;
        if (encoding.empty()) {
            const std::string_view sample = headOf(bytes, 1 << 20);
            const size_t bad = invalidUtf8At(sample);
            if (bad != std::string_view::npos) {
                dialect.encoding = "latin-1";
                reader->m_warnings.push_back(
                    source.name() + ": not UTF-8 (an invalid byte on line "
                    + std::to_string(lineOfOffset(sample, bad))
                    + "); read as Latin-1 — pass --encoding to choose another");
                decodeInto(QStringConverter::Latin1, bytes);
            }
        }
    } else {
        throw EngineError(StatusCode::Invalid,
                          "unknown encoding '" + encoding
                              + "' (known: utf-8, utf-16, utf-16le, utf-16be, latin-1)");
    }
    dialect.quote = options.quote;
    const std::string_view head = headOf(d.text, 64 << 10);
    dialect.delimiter = options.delimiter
                            ? *options.delimiter
                            : sniffDelimiter(head, dialect.quote, options.escape, origin);
    if (options.header) {
        dialect.header = *options.header;
    } else {
        // A first record with a number or a date in it is data; otherwise it names columns.
        RecordParser parser(head, dialect.delimiter, dialect.quote, origin, INT64_MAX,
                            options.escape);
        dialect.header = true;
        try {
            if (parser.next())
                for (const auto &f : parser.fields)
                    if (looksTyped(f.text))
                        dialect.header = false;
        } catch (const EngineError &) {
        }
    }
    dialect.formulaGuard = options.undoFormulaGuard.value_or(dialect.encoding == "utf-8-bom");
    return reader;
}

SourceTable CsvReader::header(CsvRecordParser &parser, bool &haveRecord)
{
    SourceTable table;
    table.name = m_table;
    haveRecord = parser.next();
    if (m_dialect.header && haveRecord) {
        std::vector<std::string> seen;
        for (size_t i = 0; i < parser.fields.size(); ++i) {
            std::string name(parser.fields[i].text);
            if (name.empty())
                name = "column_" + std::to_string(i + 1);
            std::string unique = name;
            for (int k = 2; std::find(seen.begin(), seen.end(), unique) != seen.end(); ++k)
                unique = name + "_" + std::to_string(k);
            if (unique != name && !m_headerChecked)
                m_warnings.push_back(
                    m_origin.toString() + ": the header names column " + quoteForMessage(name)
                    + " more than once; the repeat is named " + quoteForMessage(unique));
            seen.push_back(unique);
            table.columns.push_back(SourceColumn::named(unique));
        }
        parser.blankLinesAreRecords = table.columns.size() == 1;
        haveRecord = parser.next();
    } else if (haveRecord) {
        for (size_t i = 0; i < parser.fields.size(); ++i)
            table.columns.push_back(SourceColumn::named("column_" + std::to_string(i + 1)));
        parser.blankLinesAreRecords = table.columns.size() == 1;
    }
    m_headerChecked = true;
    if (table.columns.empty())
        throw EngineError(StatusCode::Invalid,
                          "the file holds no data (expected a header line or rows)", m_origin);
    return table;
}

bool CsvReader::emitRecords(CsvRecordParser &parser, ImportSink &sink, size_t width, size_t stopAt)
{
    std::vector<Cell> cells;
    RowOrigin origin;
    auto isNullMarker = [&](std::string_view s) {
        for (const auto &m : m_options.nullMarkers)
            if (s == m)
                return true;
        return false;
    };
    do {
        if (parser.recordStart >= stopAt)
            return true;
        origin.line = parser.recordLine;
        origin.original = parser.original;
        if (parser.fields.size() != width) {
            sink.rejectRow(origin, 0,
                           "expected " + std::to_string(width) + " fields"
                               + (m_dialect.header ? " (as in the header)" : " (as in line 1)")
                               + ", found " + std::to_string(parser.fields.size()));
            continue;
        }
        cells.clear();
        for (const auto &f : parser.fields) {
            std::string_view s = f.text;
            if (!f.quoted && ((s.empty() && m_options.emptyIsNull) || isNullMarker(s))) {
                cells.push_back(Cell::null());
                continue;
            }
            if (m_dialect.formulaGuard && !s.empty() && s[0] == '\'' && looksGuarded(s, 1))
                s.remove_prefix(1);
            cells.push_back(Cell::of(Cell::Kind::Text, s));
        }
        sink.row(cells, origin);
    } while (parser.next());
    return false;
}

void CsvReader::read(ImportSink &sink)
{
    CsvRecordParser parser(m_data->text, m_dialect.delimiter, m_dialect.quote, m_origin,
                           m_options.maxFieldBytes, m_options.escape);
    bool haveRecord = false;
    const SourceTable table = header(parser, haveRecord);
    if (!sink.beginTable(table))
        return;
    if (haveRecord)
        emitRecords(parser, sink, table.columns.size(), SIZE_MAX);
    sink.endTable();
}

Reader::Split CsvReader::readSplit(ImportSink &first, ImportSink &second)
{
    const std::string_view text = m_data->text;
    if (text.size() < (4u << 20) || m_options.escape)
        return Split::NotDone; // small: not worth a thread; escapes: a line end may be escaped
    size_t split = text.find('\n', text.size() / 2);
    if (split == std::string_view::npos)
        return Split::NotDone;
    ++split;
    CsvRecordParser parser(text, m_dialect.delimiter, m_dialect.quote, m_origin,
                           m_options.maxFieldBytes);
    bool haveRecord = false;
    const SourceTable table = header(parser, haveRecord);
    if (!first.beginTable(table))
        return Split::Whole;
    if (!second.beginTable(table)) {
        if (haveRecord)
            emitRecords(parser, first, table.columns.size(), SIZE_MAX);
        first.endTable();
        return Split::Whole;
    }
    // The second half is read on a thread of its own, guessing that the split falls between
    // records; the first half checks the guess when it gets there.
    const size_t width = table.columns.size();
    bool secondOk = true;
    std::thread other([&] {
        try {
            CsvRecordParser rest(text.substr(split), m_dialect.delimiter, m_dialect.quote, m_origin,
                                 m_options.maxFieldBytes);
            rest.blankLinesAreRecords = width == 1;
            // Its lines are the file's: what it reports (a value that widened a column) says
            // where in the file. LF, CRLF and a lone CR each end a line.
            const std::string_view head = text.substr(0, split);
            int64_t line = 1 + std::count(head.begin(), head.end(), '\n');
            for (size_t cr = head.find('\r'); cr != std::string_view::npos;
                 cr = head.find('\r', cr + 1))
                if (cr + 1 >= head.size() || head[cr + 1] != '\n')
                    ++line;
            rest.startAtLine(line);
            if (rest.next())
                emitRecords(rest, second, width, SIZE_MAX);
        } catch (const EngineError &) {
            secondOk = false; // started inside a quoted field, most likely
        } catch (...) {
            secondOk = false;
        }
    });
    bool stoppedAtSplit = false;
    try {
        stoppedAtSplit = haveRecord && emitRecords(parser, first, width, split);
    } catch (...) {
        other.join();
        throw;
    }
    other.join();
    // The guess held when the first half stopped at a record starting exactly at the split;
    // a first half that read to the end saw the second half's rows itself.
    const bool guessHeld = secondOk && stoppedAtSplit && parser.recordStart == split;
    if (stoppedAtSplit && !guessHeld)
        emitRecords(parser, first, width, SIZE_MAX); // a quoted field spanned the split: go on here
    second.endTable();
    first.endTable();
    return guessHeld ? Split::Halves : Split::Whole;
}

std::map<std::string, std::string> CsvReader::detected() const
{
    return {
        {"delimiter", m_dialect.delimiter == '\t' ? "tab" : std::string(1, m_dialect.delimiter)},
        {"quote", std::string(1, m_dialect.quote)},
        {"header", m_dialect.header ? "yes" : "no"},
        {"encoding", m_dialect.encoding}};
}

std::unique_ptr<Reader> createCsvReader(const ReadSource &source, const ImportSpec &spec)
{
    return CsvReader::open(source, spec.table.empty() ? tableNameFromPath(source.path) : spec.table,
                           spec.csv, spec.prefixBytes);
}

} // namespace strata::transfer
