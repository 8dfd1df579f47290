#include "engine/transfer/formats/geojson/geojson_geometry.h"

#include <charconv>
#include <cmath>
#include <memory>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <vector>

namespace strata::transfer {

namespace {

constexpr int kMaxCollectionDepth = 16;
constexpr size_t kMaxDepth = 64;

//! A parsed JSON value. Numbers are converted by std::from_chars (RapidJSON's full-precision
//! strtod reads out of bounds on long runs of zeros, found by fuzz_geometry).
struct Node {
    enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
    double number = 0;
    std::string text;
    std::vector<std::string> keys; //!< an object's keys; its values are in `items`
    std::vector<Node> items;

    bool IsObject() const { return kind == Kind::Object; }
    bool IsArray() const { return kind == Kind::Array; }
    bool IsString() const { return kind == Kind::String; }
    bool IsNumber() const { return kind == Kind::Number; }
    bool Empty() const { return items.empty(); }
    size_t Size() const { return items.size(); }
    const Node &operator[](size_t i) const { return items[i]; }
    double GetDouble() const { return number; }
    const Node *member(std::string_view key) const
    {
        for (size_t i = 0; i < keys.size(); ++i)
            if (keys[i] == key)
                return &items[i];
        return nullptr;
    }
    bool operator==(const Node &o) const
    {
        return kind == o.kind && number == o.number && text == o.text && items == o.items;
    }
};

class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
public:
    Node root;
    std::string error;

    bool Null() { return add(Node{}); }
    bool Bool(bool) { return add(Node{Node::Kind::Bool}); }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool)
    {
        Node v{Node::Kind::Number};
        const auto res = std::from_chars(s, s + n, v.number);
        if (res.ec != std::errc() || res.ptr != s + n || !std::isfinite(v.number)) {
            error = "expected a number a double can hold, found " + std::string(s, n);
            return false;
        }
        return add(std::move(v));
    }
    bool String(const char *s, rapidjson::SizeType n, bool)
    {
        Node v{Node::Kind::String};
        v.text.assign(s, n);
        return add(std::move(v));
    }
    bool Key(const char *s, rapidjson::SizeType n, bool)
    {
        m_key.assign(s, n);
        return true;
    }
    bool StartObject() { return open(Node::Kind::Object); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(Node::Kind::Array); }
    bool EndArray(rapidjson::SizeType) { return close(); }

private:
    bool add(Node v)
    {
        if (m_open.empty()) {
            root = std::move(v);
            return true;
        }
        Node &parent = *m_open.back();
        if (parent.kind == Node::Kind::Object)
            parent.keys.push_back(m_key);
        parent.items.push_back(std::move(v));
        return true;
    }
    bool open(Node::Kind kind)
    {
        if (m_open.size() >= kMaxDepth) {
            error = "expected a geometry nested at most " + std::to_string(kMaxDepth)
                    + " levels deep";
            return false;
        }
        Node v{kind};
        if (m_open.empty()) {
            root = std::move(v);
            m_open.push_back(&root);
            return true;
        }
        Node &parent = *m_open.back();
        if (parent.kind == Node::Kind::Object)
            parent.keys.push_back(m_key);
        parent.items.push_back(std::move(v));
        m_open.push_back(&parent.items.back());
        return true;
    }
    bool close()
    {
        m_open.pop_back();
        return true;
    }
    std::string m_key;
    std::vector<Node *> m_open; //!< pointers stay valid: only the innermost node grows
};

class WktWriter {
public:
    explicit WktWriter(std::string &out)
        : m_out(out)
    {
    }
    std::string error;

    bool geometry(const Node &g, int depth)
    {
        if (!g.IsObject())
            return fail("expected a geometry object");
        const Node *type = g.member("type");
        if (!type || !type->IsString())
            return fail("expected a geometry with a \"type\"");
        const std::string &name = type->text;
        if (name == "GeometryCollection") {
            if (depth >= kMaxCollectionDepth)
                return fail("geometry collections nested deeper than "
                            + std::to_string(kMaxCollectionDepth) + " levels");
            const Node *parts = g.member("geometries");
            if (!parts || !parts->IsArray())
                return fail("expected \"geometries\" (an array) in a GeometryCollection");
            m_out += "GEOMETRYCOLLECTION";
            if (parts->Empty()) {
                m_out += " EMPTY";
                return true;
            }
            m_out += " (";
            bool first = true;
            for (const auto &part : parts->items) {
                if (!first)
                    m_out += ", ";
                first = false;
                if (!geometry(part, depth + 1))
                    return false;
            }
            m_out += ")";
            return true;
        }
        static const struct {
            const char *geojson, *wkt;
            int nesting; //!< array levels above a position
        } kKinds[] = {{"Point", "POINT", 0},           {"MultiPoint", "MULTIPOINT", 1},
                      {"LineString", "LINESTRING", 1}, {"MultiLineString", "MULTILINESTRING", 2},
                      {"Polygon", "POLYGON", 2},       {"MultiPolygon", "MULTIPOLYGON", 3}};
        for (const auto &kind : kKinds) {
            if (name != kind.geojson)
                continue;
            const Node *coords = g.member("coordinates");
            if (!coords || !coords->IsArray())
                return fail("expected \"coordinates\" (an array) in a " + name);
            m_out += kind.wkt;
            if (coords->Empty()) { // RFC 7946 3.1: an empty geometry
                m_out += " EMPTY";
                return true;
            }
            m_dims = 0;
            if (!findDimension(*coords, kind.nesting))
                return false;
            if (m_dims == 3)
                m_out += " Z";
            m_out += " ";
            return coordinates(*coords, kind.nesting, name);
        }
        return fail("expected a geometry type (Point, LineString, Polygon, their Multi forms or "
                    "GeometryCollection), found '"
                    + name + "'");
    }

private:
    bool fail(const std::string &message)
    {
        error = message;
        return false;
    }

    //! Every position of one geometry has the same number of coordinates (2 or 3).
    bool findDimension(const Node &v, int nesting)
    {
        if (nesting == 0) {
            if (!v.IsArray() || v.Size() < 2 || v.Size() > 3)
                return fail(std::string("expected a position of two or three numbers, found ")
                            + (v.IsArray()
                                   ? (v.Empty() ? "[]" : "an array of " + std::to_string(v.Size()))
                                   : "something else"));
            for (const auto &n : v.items)
                if (!n.IsNumber())
                    return fail("expected a position of two or three numbers, found a "
                                "non-number in it");
            if (m_dims != 0 && m_dims != v.Size())
                return fail("expected every position of a geometry to have the same number of "
                            "coordinates");
            m_dims = v.Size();
            return true;
        }
        if (!v.IsArray())
            return fail("expected an array of positions");
        for (const auto &item : v.items)
            if (!findDimension(item, nesting - 1))
                return false;
        return true;
    }

    void number(double d)
    {
        char buf[32];
        auto res = std::to_chars(buf, buf + sizeof buf, d);
        m_out.append(buf, res.ptr);
    }

    bool coordinates(const Node &v, int nesting, const std::string &type)
    {
        if (nesting == 0) {
            m_out += "(";
            for (size_t i = 0; i < v.Size(); ++i) {
                if (i)
                    m_out += " ";
                const double d = v[i].GetDouble();
                if (!std::isfinite(d))
                    return fail("expected finite coordinates");
                number(d);
            }
            m_out += ")";
            return true;
        }
        // Lines need two positions, rings four and closed.
        const bool ring
            = (type == "Polygon" && nesting == 1) || (type == "MultiPolygon" && nesting == 1);
        const bool line
            = (type == "LineString" && nesting == 1) || (type == "MultiLineString" && nesting == 1);
        if (!ring && !line && v.Empty()) { // an empty polygon inside a MultiPolygon
            m_out += "EMPTY";
            return true;
        }
        if (line && v.Size() < 2)
            return fail("expected a line of at least two positions");
        if (ring) {
            if (v.Size() < 4)
                return fail("expected a polygon ring of at least four positions");
            if (v[0] != v[v.Size() - 1])
                return fail("expected a closed polygon ring (its last position equal to its "
                            "first)");
        }
        m_out += "(";
        for (size_t i = 0; i < v.Size(); ++i) {
            if (i)
                m_out += ", ";
            if (nesting == 1) {
                // A position inside a list: "x y", without its own parentheses, except in a
                // MultiPoint, where WKT puts each point in its own.
                if (type == "MultiPoint") {
                    if (!coordinates(v[i], 0, type))
                        return false;
                    continue;
                }
                for (size_t k = 0; k < v[i].Size(); ++k) {
                    if (k)
                        m_out += " ";
                    const double d = v[i][k].GetDouble();
                    if (!std::isfinite(d))
                        return fail("expected finite coordinates");
                    number(d);
                }
                continue;
            }
            if (!coordinates(v[i], nesting - 1, type))
                return false;
        }
        m_out += ")";
        return true;
    }

    std::string &m_out;
    size_t m_dims = 0;
};

} // namespace

bool geojsonGeometryToWkt(std::string_view geojson, std::string &wkt, std::string &error)
{
    TreeBuilder tree;
    rapidjson::MemoryStream stream(geojson.data(), geojson.size());
    rapidjson::Reader reader;
    reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseIterativeFlag
                 | rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseValidateEncodingFlag>(
        stream, tree);
    if (reader.HasParseError()) {
        error = !tree.error.empty() ? tree.error
                                    : std::string("expected JSON: ")
                                          + rapidjson::GetParseError_En(reader.GetParseErrorCode());
        return false;
    }
    wkt.clear();
    WktWriter writer(wkt);
    if (!writer.geometry(tree.root, 0)) {
        error = writer.error;
        return false;
    }
    return true;
}

} // namespace strata::transfer
