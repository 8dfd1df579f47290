#include "engine/transfer/formats/geojson/geojson_writer.h"

#include "engine/transfer/formats/json/json_writer.h"
#include "engine/transfer/formats/text_out.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <geos_c.h>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

namespace {

//! Where a table's geometry comes from: a WKT text column, or longitude and latitude columns.
struct GeometrySource {
    int wkt = -1;
    int lon = -1, lat = -1;
    bool found() const { return wkt >= 0 || (lon >= 0 && lat >= 0); }
};

bool sameName(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x))
                      == std::tolower(static_cast<unsigned char>(y));
           });
}

int findColumn(const TableMeta &t, std::initializer_list<const char *> names)
{
    for (const char *n : names)
        for (size_t i = 0; i < t.columns.size(); ++i)
            if (sameName(t.columns[i].name, n))
                return static_cast<int>(i);
    return -1;
}

GeometrySource geometrySource(const TableMeta &t, const std::map<std::string, std::string> &options)
{
    GeometrySource g;
    auto option = [&](const char *key) -> const std::string * {
        auto it = options.find(key);
        return it == options.end() ? nullptr : &it->second;
    };
    if (const auto *name = option("geometry")) {
        g.wkt = findColumn(t, {name->c_str()});
        return g;
    }
    if (option("lon") || option("lat")) {
        g.lon = option("lon") ? findColumn(t, {option("lon")->c_str()}) : -1;
        g.lat = option("lat") ? findColumn(t, {option("lat")->c_str()}) : -1;
        return g;
    }
    // By convention: a WKT column, else a longitude/latitude pair.
    g.wkt = findColumn(t, {"geometry", "geom", "wkt", "the_geom", "shape"});
    if (g.wkt >= 0 && t.columns[static_cast<size_t>(g.wkt)].type != LogicalType::Text)
        g.wkt = -1;
    if (g.wkt < 0) {
        g.lon = findColumn(t, {"lon", "longitude", "lng", "x", "centroid_lon"});
        g.lat = findColumn(t, {"lat", "latitude", "y", "centroid_lat"});
    }
    return g;
}

} // namespace

std::string geojsonRejects(const TableMeta &t, const std::map<std::string, std::string> &options)
{
    const GeometrySource g = geometrySource(t, options);
    if (g.found())
        return {};
    if (options.count("geometry"))
        return t.name + " has no column " + options.at("geometry") + " for the geometry";
    if (options.count("lon") || options.count("lat"))
        return t.name + " lacks the lon/lat columns named";
    return t.name
           + " has no geometry column (a WKT column such as 'geometry', or 'lon' and "
             "'lat'; name one with the geometry or lon/lat options)";
}

namespace {

//! RFC 7946 FeatureCollection, one feature a line. WKT is parsed by GEOS and written with its
//! GeoJSON writer; the other columns become properties.
class GeojsonWriter : public Writer {
public:
    GeojsonWriter(OutputFile &out, std::map<std::string, std::string> options)
        : m_out(out)
        , m_options(std::move(options))
    {
        // Options come checked against the schema (FormatRegistry::validate).
        auto it = m_options.find("on_invalid");
        m_skipInvalid = it != m_options.end() && it->second == "skip";
        m_geos = GEOS_init_r();
        GEOSContext_setErrorMessageHandler_r(
            m_geos,
            [](const char *message, void *self) {
                static_cast<GeojsonWriter *>(self)->m_geosError = message;
            },
            this);
        m_reader = GEOSWKTReader_create_r(m_geos);
    }
    ~GeojsonWriter() override
    {
        GEOSWKTReader_destroy_r(m_geos, m_reader);
        GEOS_finish_r(m_geos);
    }

    void beginTable(const TableMeta &table) override
    {
        m_meta = table;
        m_source = geometrySource(table, m_options);
        if (!m_source.found())
            throw EngineError(StatusCode::Invalid, geojsonRejects(table, m_options));
        m_keys.clear();
        m_types.clear();
        for (size_t c = 0; c < table.columns.size(); ++c) {
            std::string key;
            appendJsonString(key, table.columns[c].name);
            key += ':';
            m_keys.push_back(std::move(key));
            m_types.push_back(table.columns[c].type);
        }
        std::string &b = m_out.buffer();
        b += "{\"type\":\"FeatureCollection\",\"name\":";
        appendJsonString(b, table.name);
        b += ",\"features\":[";
        m_first = true;
        m_skipped = 0;
        m_row = 0;
    }

    void writeBatch(const engine::RowBatch &batch) override
    {
        std::string &b = m_out.buffer();
        for (size_t r = 0; r < batch.rowCount(); ++r) {
            ++m_row;
            m_geometry.clear();
            if (!geometryOf(batch, r))
                continue; // invalid, skipped by option
            b += m_first ? "\n" : ",\n";
            m_first = false;
            b += "{\"type\":\"Feature\",\"geometry\":";
            b += m_geometry;
            b += ",\"properties\":{";
            bool firstProperty = true;
            for (size_t c = 0; c < batch.columnCount(); ++c) {
                if (static_cast<int>(c) == m_source.wkt)
                    continue;
                if (!firstProperty)
                    b += ',';
                firstProperty = false;
                b += m_keys[c];
                appendJsonValue(b, batch.columns[c], r, m_types[c]);
            }
            b += "}}";
            m_out.flushIfFull();
        }
    }

    void endTable() override
    {
        std::string &b = m_out.buffer();
        b += "\n]";
        if (m_skipped) // a foreign member: how many rows had a geometry GEOS could not read
            b += ",\"skipped_invalid_geometries\":" + std::to_string(m_skipped);
        b += "}\n";
    }
    void finish() override {}

private:
    //! Fills m_geometry ("null" for a NULL geometry); false for an invalid one being skipped.
    bool geometryOf(const engine::RowBatch &batch, size_t r)
    {
        if (m_source.wkt >= 0) {
            const auto &col = batch.columns[static_cast<size_t>(m_source.wkt)];
            if (col.isNull(r)) {
                m_geometry = "null";
                return true;
            }
            const std::string wkt(col.bytesAt(r));
            m_geosError.clear();
            GEOSGeometry *g = GEOSWKTReader_read_r(m_geos, m_reader, wkt.c_str());
            if (!g)
                return invalid("cannot read its WKT geometry: " + m_geosError);
            m_geometry.clear();
            const bool written = writeGeometry(g, 0);
            GEOSGeom_destroy_r(m_geos, g);
            if (!written)
                return invalid("cannot write its geometry as GeoJSON: " + m_geosError);
            return true;
        }
        const auto &lon = batch.columns[static_cast<size_t>(m_source.lon)];
        const auto &lat = batch.columns[static_cast<size_t>(m_source.lat)];
        if (lon.isNull(r) || lat.isNull(r)) {
            m_geometry = "null";
            return true;
        }
        auto number = [&](const engine::ColumnVector &c, LogicalType t) {
            return t == LogicalType::Double ? c.doubleAt(r) : static_cast<double>(c.intAt(r));
        };
        const double x = number(lon, m_types[static_cast<size_t>(m_source.lon)]);
        const double y = number(lat, m_types[static_cast<size_t>(m_source.lat)]);
        if (!std::isfinite(x) || !std::isfinite(y) || x < -180 || x > 180 || y < -90 || y > 90)
            return invalid("longitude/latitude (" + engine::formatDouble(x) + ", "
                           + engine::formatDouble(y) + ") are not WGS 84 coordinates");
        m_geometry = "{\"type\":\"Point\",\"coordinates\":[";
        text::appendDouble(m_geometry, x);
        m_geometry += ',';
        text::appendDouble(m_geometry, y);
        m_geometry += "]}";
        return true;
    }

    // GeoJSON written here from GEOS's geometry: GEOS 3.11's GeoJSON writer drops Z.
    bool writeSequence(const GEOSCoordSequence *seq, bool single)
    {
        unsigned size = 0, dims = 2;
        if (!seq || !GEOSCoordSeq_getSize_r(m_geos, seq, &size)
            || !GEOSCoordSeq_getDimensions_r(m_geos, seq, &dims))
            return false;
        if (!single)
            m_geometry += '[';
        for (unsigned i = 0; i < size; ++i) {
            double x = 0, y = 0, z = 0;
            if (!GEOSCoordSeq_getX_r(m_geos, seq, i, &x)
                || !GEOSCoordSeq_getY_r(m_geos, seq, i, &y))
                return false;
            if (!std::isfinite(x) || !std::isfinite(y)) {
                m_geosError = "a coordinate is not a finite number (JSON has none)";
                return false;
            }
            if (i)
                m_geometry += ',';
            m_geometry += '[';
            text::appendDouble(m_geometry, x);
            m_geometry += ',';
            text::appendDouble(m_geometry, y);
            if (dims >= 3 && GEOSCoordSeq_getZ_r(m_geos, seq, i, &z) && !std::isnan(z)) {
                if (!std::isfinite(z)) {
                    m_geosError = "a coordinate is not a finite number (JSON has none)";
                    return false;
                }
                m_geometry += ',';
                text::appendDouble(m_geometry, z);
            }
            m_geometry += ']';
        }
        if (!single)
            m_geometry += ']';
        return true;
    }
    bool writePolygonRings(const GEOSGeometry *polygon)
    {
        m_geometry += '[';
        if (!GEOSisEmpty_r(m_geos, polygon)) {
            if (!writeSequence(
                    GEOSGeom_getCoordSeq_r(m_geos, GEOSGetExteriorRing_r(m_geos, polygon)), false))
                return false;
            const int holes = GEOSGetNumInteriorRings_r(m_geos, polygon);
            for (int h = 0; h < holes; ++h) {
                m_geometry += ',';
                if (!writeSequence(
                        GEOSGeom_getCoordSeq_r(m_geos, GEOSGetInteriorRingN_r(m_geos, polygon, h)),
                        false))
                    return false;
            }
        }
        m_geometry += ']';
        return true;
    }
    bool writeGeometry(const GEOSGeometry *g, int depth)
    {
        if (depth > 32)
            return false;
        const int type = GEOSGeomTypeId_r(m_geos, g);
        const bool empty = GEOSisEmpty_r(m_geos, g) == 1;
        auto parts = [&](auto &&each) {
            const int n = GEOSGetNumGeometries_r(m_geos, g);
            for (int i = 0; i < n; ++i) {
                if (i)
                    m_geometry += ',';
                if (!each(GEOSGetGeometryN_r(m_geos, g, i)))
                    return false;
            }
            return true;
        };
        switch (type) {
        case GEOS_POINT:
            m_geometry += "{\"type\":\"Point\",\"coordinates\":";
            if (empty)
                m_geometry += "[]";
            else if (!writeSequence(GEOSGeom_getCoordSeq_r(m_geos, g), true))
                return false;
            break;
        case GEOS_LINESTRING:
        case GEOS_LINEARRING:
            m_geometry += "{\"type\":\"LineString\",\"coordinates\":";
            if (!writeSequence(GEOSGeom_getCoordSeq_r(m_geos, g), false))
                return false;
            break;
        case GEOS_POLYGON:
            m_geometry += "{\"type\":\"Polygon\",\"coordinates\":";
            if (!writePolygonRings(g))
                return false;
            break;
        case GEOS_MULTIPOINT:
        case GEOS_MULTILINESTRING: {
            const bool points = type == GEOS_MULTIPOINT;
            m_geometry += points ? "{\"type\":\"MultiPoint\",\"coordinates\":["
                                 : "{\"type\":\"MultiLineString\",\"coordinates\":[";
            if (!parts([&](const GEOSGeometry *p) {
                    return writeSequence(GEOSGeom_getCoordSeq_r(m_geos, p), points);
                }))
                return false;
            m_geometry += ']';
            break;
        }
        case GEOS_MULTIPOLYGON:
            m_geometry += "{\"type\":\"MultiPolygon\",\"coordinates\":[";
            if (!parts([&](const GEOSGeometry *p) { return writePolygonRings(p); }))
                return false;
            m_geometry += ']';
            break;
        case GEOS_GEOMETRYCOLLECTION:
            m_geometry += "{\"type\":\"GeometryCollection\",\"geometries\":[";
            if (!parts([&](const GEOSGeometry *p) { return writeGeometry(p, depth + 1); }))
                return false;
            m_geometry += ']';
            break;
        default:
            return false;
        }
        m_geometry += '}';
        return true;
    }

    bool invalid(const std::string &why)
    {
        if (m_skipInvalid) {
            ++m_skipped;
            return false;
        }
        throw EngineError(StatusCode::Invalid, m_meta.name + " row " + std::to_string(m_row) + ": "
                                                   + why + " (or export with on_invalid=skip)");
    }

    OutputFile &m_out;
    std::map<std::string, std::string> m_options;
    bool m_skipInvalid = false;
    GEOSContextHandle_t m_geos = nullptr;
    GEOSWKTReader *m_reader = nullptr;
    std::string m_geosError;
    TableMeta m_meta;
    GeometrySource m_source;
    std::vector<std::string> m_keys;
    std::vector<LogicalType> m_types;
    std::string m_geometry;
    bool m_first = true;
    int64_t m_skipped = 0;
    int64_t m_row = 0;
};

} // namespace

std::unique_ptr<Writer> createGeojsonWriter(OutputFile &out, const ExportContext &,
                                            const std::map<std::string, std::string> &options)
{
    return std::make_unique<GeojsonWriter>(out, options);
}

} // namespace strata::transfer
