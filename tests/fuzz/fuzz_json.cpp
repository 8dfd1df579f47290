// libFuzzer target: the JSON reader (every layout, JSON lines) on arbitrary bytes.
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The first byte picks the document reader or the JSON-lines reader.
    if (size > 0 && (data[0] & 1))
        strata::fuzz::readAll(data + 1, size - 1, "json", ".jsonl");
    else
        strata::fuzz::readAll(data, size, "json", ".json");
    return 0;
}
