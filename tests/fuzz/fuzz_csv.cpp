// libFuzzer target: the CSV reader (sniffing, parsing, conversion) on arbitrary bytes.
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    strata::fuzz::readAll(data, size, "csv", ".csv");
    return 0;
}
