#include "engine/transfer/formats/geojson/geojson_geometry.h"

#include <charconv>
#include <cmath>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace strata::transfer {

namespace {

constexpr int kMaxCollectionDepth = 16;

class WktWriter {
public:
    explicit WktWriter(std::string &out)
        : m_out(out)
    {
    }
    std::string error;

    bool geometry(const rapidjson::Value &g, int depth)
    {
        if (!g.IsObject())
            return fail("expected a geometry object");
        const auto type = g.FindMember("type");
        if (type == g.MemberEnd() || !type->value.IsString())
            return fail("expected a geometry with a \"type\"");
        const std::string name(type->value.GetString(), type->value.GetStringLength());
        if (name == "GeometryCollection") {
            if (depth >= kMaxCollectionDepth)
                return fail("geometry collections nested deeper than "
                            + std::to_string(kMaxCollectionDepth) + " levels");
            const auto parts = g.FindMember("geometries");
            if (parts == g.MemberEnd() || !parts->value.IsArray())
                return fail("expected \"geometries\" (an array) in a GeometryCollection");
            m_out += "GEOMETRYCOLLECTION";
            if (parts->value.Empty()) {
                m_out += " EMPTY";
                return true;
            }
            m_out += " (";
            bool first = true;
            for (const auto &part : parts->value.GetArray()) {
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
            const auto coords = g.FindMember("coordinates");
            if (coords == g.MemberEnd() || !coords->value.IsArray())
                return fail("expected \"coordinates\" (an array) in a " + name);
            m_out += kind.wkt;
            if (coords->value.Empty()) { // RFC 7946 3.1: an empty geometry
                m_out += " EMPTY";
                return true;
            }
            m_dims = 0;
            if (!findDimension(coords->value, kind.nesting))
                return false;
            if (m_dims == 3)
                m_out += " Z";
            m_out += " ";
            return coordinates(coords->value, kind.nesting, name);
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
    bool findDimension(const rapidjson::Value &v, int nesting)
    {
        if (nesting == 0) {
            if (!v.IsArray() || v.Size() < 2 || v.Size() > 3)
                return fail(std::string("expected a position of two or three numbers, found ")
                            + (v.IsArray()
                                   ? (v.Empty() ? "[]" : "an array of " + std::to_string(v.Size()))
                                   : "something else"));
            for (const auto &n : v.GetArray())
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
        for (const auto &item : v.GetArray())
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

    bool coordinates(const rapidjson::Value &v, int nesting, const std::string &type)
    {
        if (nesting == 0) {
            m_out += "(";
            for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
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
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
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
                for (rapidjson::SizeType k = 0; k < v[i].Size(); ++k) {
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
    rapidjson::SizeType m_dims = 0;
};

} // namespace

bool geojsonGeometryToWkt(std::string_view geojson, std::string &wkt, std::string &error)
{
    rapidjson::Document doc;
    // Full precision: every coordinate is the double nearest to its text, as from_chars gives.
    doc.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseStopWhenDoneFlag>(
        geojson.data(), geojson.size());
    if (doc.HasParseError()) {
        error = std::string("expected JSON: ") + rapidjson::GetParseError_En(doc.GetParseError());
        return false;
    }
    wkt.clear();
    WktWriter writer(wkt);
    if (!writer.geometry(doc, 0)) {
        error = writer.error;
        return false;
    }
    return true;
}

} // namespace strata::transfer
