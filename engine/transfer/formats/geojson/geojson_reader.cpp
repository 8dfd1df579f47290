#include "engine/transfer/formats/geojson/geojson_reader.h"

#include "engine/transfer/formats/geojson/geojson_geometry.h"
#include "engine/transfer/formats/json/sax_cells.h"
#include "engine/transfer/mapped_input.h"

#include <QFile>
#include <exception>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <unordered_map>
#include <utility>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

namespace {

constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag
                                 | rapidjson::kParseValidateEncodingFlag
                                 | rapidjson::kParseNumbersAsStringsFlag;
constexpr size_t kMaxDepth = 64;

enum class Role { Root, Features, Feature, Properties, Capture, Ignore };

class Handler : public CellHandler<Handler> {
    friend class CellHandler<Handler>;

public:
    Handler(ImportSink &sink, const engine::Location &origin, const std::string &table,
            std::string_view text, const rapidjson::MemoryStream &stream)
        : m_sink(sink)
        , m_origin(origin)
        , m_text(text)
        , m_stream(stream)
    {
        m_table.name = table;
        m_table.columns.push_back(SourceColumn::named("geometry"));
        m_table.columns.back().type = LogicalType::Text;
        m_byName.emplace("geometry", 0);
    }

    bool Key(const char *s, rapidjson::SizeType n, bool)
    {
        if (!m_frames.empty())
            m_frames.back().key.assign(s, n);
        return true;
    }

    const DeferredError &error() const { return m_error; }
    void finish()
    {
        if (!m_begun)
            begin(); // a collection without features: an empty table
        guard([&] {
            if (m_wanted)
                m_sink.endTable();
        });
    }
    int64_t features() const { return m_index; }

private:
    struct Frame {
        Role role;
        bool isArray;
        std::string key;
        size_t start = 0; //!< Capture: offset of the value's first character
        size_t count = 0; //!< values seen inside
    };

    bool start(bool isArray)
    {
        if (m_frames.size() >= kMaxDepth)
            return fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
        const size_t offset = openingAt(m_stream.Tell());
        Role role = Role::Ignore;
        if (m_frames.empty()) {
            role = isArray ? Role::Ignore : Role::Root;
            if (isArray)
                return fail("expected a GeoJSON object (a FeatureCollection), found an array");
        } else {
            const Frame &parent = m_frames.back();
            switch (parent.role) {
            case Role::Root:
                if (parent.key == "features" && isArray)
                    role = Role::Features;
                else if (parent.key == "geometry" && !isArray && m_rootIsFeature)
                    role = Role::Capture;
                else if (parent.key == "properties" && !isArray && m_rootIsFeature)
                    role = Role::Properties;
                break;
            case Role::Features:
                if (isArray)
                    return fail("expected a Feature object, found an array");
                role = Role::Feature;
                break;
            case Role::Feature:
                if (parent.key == "geometry")
                    role = Role::Capture;
                else if (parent.key == "properties" && !isArray)
                    role = Role::Properties;
                break;
            case Role::Properties:
                role = Role::Capture; // a nested property value: kept as JSON text
                break;
            case Role::Capture:
            case Role::Ignore:
                role = Role::Ignore;
                break;
            }
        }
        if (role == Role::Feature)
            beginFeature();
        if (!m_frames.empty())
            ++m_frames.back().count;
        m_frames.push_back({role, isArray, {}, offset, 0});
        return !m_error.failed();
    }

    bool end()
    {
        const Frame frame = m_frames.back();
        m_frames.pop_back();
        if (frame.role == Role::Capture) {
            const std::string raw(
                m_text.substr(frame.start, closingEnd(m_stream.Tell()) - frame.start));
            const std::string &key = m_frames.back().key;
            if (m_frames.back().role == Role::Properties)
                setValue(key, Cell::Kind::Text, raw);
            else
                setGeometry(raw);
        } else if (frame.role == Role::Feature) {
            endFeature();
        } else if (frame.role == Role::Root && m_rootIsFeature) {
            endFeature();
        }
        return !m_error.failed();
    }

    bool scalar(const Cell &cell)
    {
        if (m_frames.empty())
            return fail("expected a GeoJSON object, found a single value");
        Frame &f = m_frames.back();
        ++f.count;
        if (f.role == Role::Root && f.key == "type" && cell.kind == Cell::Kind::Text) {
            if (cell.text == "Feature") {
                m_rootIsFeature = true;
                beginFeature();
            } else if (cell.text != "FeatureCollection") {
                return fail("expected a FeatureCollection or a Feature, found type "
                            + quoteForMessage(cell.text)
                            + " (a bare geometry has no rows to import)");
            }
        } else if (f.role == Role::Properties) {
            setValue(f.key, cell.kind, cell.text);
        } else if ((f.role == Role::Feature || (f.role == Role::Root && m_rootIsFeature))
                   && f.key == "geometry") {
            m_values[0] = {Cell::Kind::Null, {}};
            if (cell.kind != Cell::Kind::Null) // a WKT string, say: not GeoJSON, never NULL
                m_rowError
                    = "expected a GeoJSON geometry (an object) or null, found "
                      + std::string(cell.kind == Cell::Kind::Text ? "a string" : "a single value");
        }
        return !m_error.failed();
    }

    void begin()
    {
        m_begun = true;
        guard([&] { m_wanted = m_sink.beginTable(m_table); });
    }

    void beginFeature()
    {
        if (!m_begun)
            begin();
        m_values.assign(m_table.columns.size(), {Cell::Kind::Null, {}});
        m_rowLine = lineOf(m_stream.Tell());
        m_rowError.clear();
    }

    void setGeometry(const std::string &geojson)
    {
        std::string wkt, why;
        if (!geojsonGeometryToWkt(geojson, wkt, why)) {
            m_rowError = why;
            return;
        }
        m_values[0] = {Cell::Kind::Text, std::move(wkt)};
    }

    void setValue(const std::string &key, Cell::Kind kind, std::string_view text)
    {
        auto it = m_byName.find(key);
        if (it == m_byName.end()) {
            it = m_byName.emplace(key, m_table.columns.size()).first;
            m_table.columns.push_back(SourceColumn::named(key));
            m_values.resize(m_table.columns.size());
            guard([&] {
                if (m_wanted)
                    m_sink.addColumn(key);
            });
        }
        m_values[it->second] = {kind, std::string(text)};
    }

    void endFeature()
    {
        RowOrigin origin;
        origin.line = m_rowLine;
        origin.jsonArray = m_rootIsFeature ? std::string_view("$") : std::string_view("$.features");
        origin.index = m_index++;
        if (!m_wanted)
            return;
        if (!m_rowError.empty()) {
            guard([&] { m_sink.rejectRow(origin, 1, m_rowError); });
            return;
        }
        m_cells.clear();
        for (const auto &[kind, text] : m_values)
            m_cells.push_back(kind == Cell::Kind::Null ? Cell::null() : Cell::of(kind, text));
        guard([&] { m_sink.row(m_cells, origin); });
    }

    // RapidJSON's iterative parser calls the handler before it takes the bracket token, so
    // the stream stands on the '{' that opens (or the '}' that closes) a value.
    size_t openingAt(size_t tell) const { return tell; }
    size_t closingEnd(size_t tell) const { return std::min(tell + 1, m_text.size()); }

    int64_t lineOf(size_t offset)
    {
        for (; m_countedTo < offset && m_countedTo < m_text.size(); ++m_countedTo)
            m_line += m_text[m_countedTo] == '\n';
        return m_line;
    }

    bool fail(const std::string &message)
    {
        return m_error.fail(
            std::make_exception_ptr(EngineError(StatusCode::Invalid, message, m_origin)));
    }

    template<typename F>
    void guard(F &&f)
    {
        m_error.guard(std::forward<F>(f));
    }

    ImportSink &m_sink;
    const engine::Location &m_origin;
    std::string_view m_text;
    const rapidjson::MemoryStream &m_stream;
    SourceTable m_table;
    std::unordered_map<std::string, size_t> m_byName;
    std::vector<Frame> m_frames;
    std::vector<std::pair<Cell::Kind, std::string>> m_values;
    std::vector<Cell> m_cells;
    std::string m_rowError;
    bool m_begun = false, m_wanted = false, m_rootIsFeature = false;
    int64_t m_index = 0, m_rowLine = 0, m_line = 1;
    size_t m_countedTo = 0;
    DeferredError m_error;
};

class GeojsonReader : public Reader {
public:
    GeojsonReader(const ReadSource &source, std::string table)
        : m_origin(source.origin)
        , m_table(std::move(table))
        , m_input(source.path)
        , m_text(m_input.text())
    {
    }

    void read(ImportSink &sink) override
    {
        rapidjson::MemoryStream stream(m_text.data(), m_text.size());
        Handler handler(sink, m_origin, m_table, m_text, stream);
        rapidjson::Reader parser;
        parser.Parse<kParseFlags>(stream, handler);
        handler.error().rethrow();
        if (parser.HasParseError()) {
            throw EngineError(StatusCode::Invalid,
                              rapidjson::GetParseError_En(parser.GetParseErrorCode()),
                              locationOf(m_origin, m_text, parser.GetErrorOffset()));
        }
        handler.finish();
    }

private:
    engine::Location m_origin;
    std::string m_table;
    MappedInput m_input;
    std::string_view m_text;
};

} // namespace

std::unique_ptr<Reader> createGeojsonReader(const ReadSource &source, const ImportSpec &spec)
{
    return std::make_unique<GeojsonReader>(
        source, spec.table.empty() ? tableNameFromPath(source.path) : spec.table);
}

} // namespace strata::transfer
