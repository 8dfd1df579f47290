// GeoJSON: one FeatureCollection per table with a geometry (WKT, or lon/lat columns).
#include "engine/transfer/format.h"
#include "engine/transfer/formats/geojson/geojson_reader.h"
#include "engine/transfer/formats/geojson/geojson_writer.h"

#include <QtGlobal>

namespace strata::transfer {

FormatInfo geojsonFormat()
{
    using Kind = FormatOption::Kind;
    FormatInfo f;
    f.id = "geojson";
    f.label = "GeoJSON";
    f.name = "GeoJSON (RFC 7946 FeatureCollection)";
    f.extension = "geojson";
    f.readExtensions = {"geojson"};
    f.mimeTypes = {"application/geo+json"};
    f.options = {
        {"geometry",
         Kind::Text,
         {},
         "",
         "the column holding WKT geometry (default: geometry, geom, wkt, the_geom, shape)",
         QT_TRANSLATE_NOOP("FormatOption", "Geometry column")},
        {"lon",
         Kind::Text,
         {},
         "",
         "the longitude column, with lat (default: lon, longitude, lng, x, centroid_lon)",
         QT_TRANSLATE_NOOP("FormatOption", "Longitude column")},
        {"lat",
         Kind::Text,
         {},
         "",
         "the latitude column, with lon",
         QT_TRANSLATE_NOOP("FormatOption", "Latitude column")},
        {"on_invalid",
         Kind::Choice,
         {"error", "skip"},
         "error",
         "a geometry that cannot be read stops the export, or its row is left out and counted",
         QT_TRANSLATE_NOOP("FormatOption", "Invalid geometry")},
    };
    // A JSON document naming a FeatureCollection (or a Feature) near its start.
    f.sniff = [](std::string_view head) {
        if (!opensJson(head))
            return Sniff::No;
        return head.find("\"FeatureCollection\"") != std::string_view::npos
                       || head.find("\"Feature\"") != std::string_view::npos
                   ? Sniff::Likely
                   : Sniff::No;
    };
    f.rejects = geojsonRejects;
    f.writer = createGeojsonWriter;
    f.reader = createGeojsonReader;
    return f;
}

} // namespace strata::transfer
