// libFuzzer target: the GeoJSON reader (and GEOS behind it) on arbitrary bytes.
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    strata::fuzz::readAll(data, size, "geojson", ".geojson");
    return 0;
}
