// libFuzzer target: GeoJSON geometries to WKT. Whatever the converter accepts, GEOS must
// read back (the export reads WKT with GEOS): anything else is a bug, and aborts.
#include "engine/transfer/formats/geojson/geojson_geometry.h"

#include <cstdio>
#include <cstdlib>
#include <geos_c.h>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static GEOSContextHandle_t geos = GEOS_init_r();
    static GEOSWKTReader *reader = GEOSWKTReader_create_r(geos);
    const std::string text(reinterpret_cast<const char *>(data), size);
    std::string wkt, error;
    if (!strata::transfer::geojsonGeometryToWkt(text, wkt, error))
        return 0;
    GEOSGeometry *g = GEOSWKTReader_read_r(geos, reader, wkt.c_str());
    if (!g) {
        std::fprintf(stderr, "GEOS cannot read the WKT written for %s: %s\n", text.c_str(),
                     wkt.c_str());
        std::abort();
    }
    GEOSGeom_destroy_r(geos, g);
    return 0;
}
