#include "engine/transfer/formats/json/json_reader.h"

#include "engine/common/ascii.h"
#include "engine/transfer/formats/json/json_layout_handler.h"
#include "engine/transfer/formats/json/sax_cells.h"
#include "engine/transfer/mapped_input.h"

#include <QFile>
#include <algorithm>
#include <cstring>
#include <exception>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <thread>
#include <unordered_map>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

struct JsonReader::Data {
    explicit Data(const std::string &path)
        : input(path)
    {
    }
    MappedInput input;
    std::string preview;   //!< a preview's first bytes, then kScanPadding NULs
    std::string_view text; //!< always followed by a NUL byte (see readRange)
};

namespace {

constexpr size_t kScanPadding = 16;

using jsonlayout::Handler;
using jsonlayout::kParseFlags;

std::string_view headOf(std::string_view text, size_t limit)
{
    if (text.size() <= limit)
        return text;
    return text.substr(0, limit);
}

} // namespace

JsonReader::~JsonReader() = default;

std::unique_ptr<JsonReader> JsonReader::open(const ReadSource &source, const std::string &tableName,
                                             bool lines, int64_t maxBytes)
{
    std::unique_ptr<JsonReader> reader(new JsonReader);
    const std::string &path = source.path;
    reader->m_origin = source.origin;
    reader->m_table = tableName;
    reader->m_lines = lines;
    reader->m_maxBytes = maxBytes;
    reader->m_data = std::make_unique<Data>(path);
    Data &d = *reader->m_data;
    d.text = d.input.text();
    if (maxBytes > 0 && d.text.size() > static_cast<size_t>(maxBytes)) {
        // RapidJSON's SSE2 scan loads 16 aligned bytes at a time, up to 15 past the NUL: the
        // copy has that much room after it (a mapping's page always does).
        const size_t kept = static_cast<size_t>(maxBytes);
        d.preview.assign(d.text.substr(0, kept));
        d.preview.append(kScanPadding, '\0');
        d.text = std::string_view(d.preview.data(), kept);
    }
    const std::string_view head = headOf(d.text, 1 << 20);
    reader->m_describesTypes = !lines && head.find("\"column_defs\"") != std::string_view::npos;
    if (!lines && head.find("\"query\"") != std::string_view::npos
        && head.find("\"columns\":[{") != std::string_view::npos)
        reader->m_describesTypes = true;
    return reader;
}

void JsonReader::read(ImportSink &sink)
{
    readRange(sink, m_data->text, SIZE_MAX);
}

size_t JsonReader::readRange(ImportSink &sink, std::string_view text, size_t stopAt)
{
    Handler handler(sink, m_origin, m_table, m_lines, m_backupOnly, text);
    // A StringStream (NUL-terminated) rather than a MemoryStream: RapidJSON copies strings
    // 16 bytes at a time from it (with RAPIDJSON_SSE2) instead of byte by byte. Every text
    // here ends where the file or the preview's copy does, and a NUL follows both.
    if (text.data()[text.size()] != '\0')
        throw EngineError(StatusCode::Internal, "JSON text without its terminator", m_origin);
    rapidjson::StringStream stream(text.data());
    handler.setStream(&stream);
    rapidjson::Reader parser;
    auto skipSpace = [&] {
        while (stream.Peek() == ' ' || stream.Peek() == '\n' || stream.Peek() == '\r'
               || stream.Peek() == '\t')
            stream.Take();
    };
    auto positionOf = [&](size_t offset) { return locationOf(m_origin, text, offset); };
    skipSpace();
    if (stream.Peek() == '\0' && stream.Tell() >= text.size())
        throw EngineError(StatusCode::Invalid, "the file is empty (expected JSON)", m_origin);
    bool first = true;
    while (stream.Tell() < text.size() && stream.Tell() < stopAt) {
        handler.beginRoot(first ? 0 : stream.Tell());
        const size_t rootStart = stream.Tell();
        parser.Parse<kParseFlags>(stream, handler);
        handler.error().rethrow();
        if (parser.HasParseError()) {
            const size_t at = parser.GetErrorOffset();
            if (m_maxBytes > 0 && at >= text.size())
                break; // a preview cut the file short
            throw EngineError(StatusCode::Invalid,
                              std::string(rapidjson::GetParseError_En(parser.GetParseErrorCode()))
                                  + " (at " + handler.pathNow() + ")",
                              positionOf(at));
        }
        skipSpace();
        if (first && !m_lines && stream.Tell() < text.size()) {
            // More after the first value: JSON lines after all (its rows restart the table).
            if (text[rootStart] != '{')
                throw EngineError(StatusCode::Invalid,
                                  "expected the end of the file after the JSON value",
                                  positionOf(stream.Tell()));
            throw EngineError(StatusCode::Invalid,
                              "more than one JSON value; name the file .jsonl to read it as "
                              "JSON lines",
                              positionOf(stream.Tell()));
        }
        first = false;
    }
    handler.finish();
    handler.error().rethrow();
    return stream.Tell();
}

Reader::Split JsonReader::readSplit(ImportSink &first, ImportSink &second)
{
    // JSON lines only: a line end outside a value can only be between rows (a JSON string
    // cannot hold a raw line end), so the guess fails only for a value spread over lines.
    const std::string_view text = m_data->text;
    if (!m_lines || text.size() < (4u << 20))
        return Split::NotDone;
    size_t split = text.find('\n', text.size() / 2);
    if (split == std::string_view::npos)
        return Split::NotDone;
    while (split < text.size()
           && (text[split] == '\n' || text[split] == '\r' || text[split] == ' '
               || text[split] == '\t'))
        ++split;
    if (split >= text.size())
        return Split::NotDone;
    bool secondOk = true;
    std::thread other([&] {
        try {
            readRange(second, text.substr(split), SIZE_MAX);
        } catch (...) {
            secondOk = false;
        }
    });
    size_t stopped = 0;
    try {
        stopped = readRange(first, text, split);
    } catch (...) {
        other.join();
        throw;
    }
    other.join();
    if (secondOk && stopped == split)
        return Split::Halves;
    read(first); // the guess failed: the first sink reads it all again, alone
    return Split::Whole;
}

std::unique_ptr<Reader> createJsonReader(const ReadSource &source, const ImportSpec &spec)
{
    const std::string lower = engine::asciiLower(source.path);
    const bool lines = lower.ends_with(".jsonl") || lower.ends_with(".ndjson");
    auto reader
        = JsonReader::open(source, spec.table.empty() ? tableNameFromPath(source.path) : spec.table,
                           lines, spec.prefixBytes);
    reader->setBackupOnly(spec.restore);
    return reader;
}

} // namespace strata::transfer
