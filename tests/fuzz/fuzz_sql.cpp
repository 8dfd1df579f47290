// libFuzzer target: the SQL script tokenizer and translator, then the engine's parser on
// every translated statement.
#include "engine/api/database.h"
#include "engine/transfer/formats/sql/sql_translator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view script(reinterpret_cast<const char *>(data), size);
    try {
        for (const auto &s : strata::transfer::translateSqlScript(script, {.file = "fuzz.sql"}))
            (void)strata::engine::isReadOnlyScript(s.sql);
    } catch (const strata::engine::EngineError &) {
    }
    return 0;
}
