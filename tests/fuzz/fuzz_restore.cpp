// libFuzzer target: the JSON reader as a restore reads (backup layout only) on arbitrary bytes.
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    strata::fuzz::readAll(data, size, "json", ".json", true);
    return 0;
}
