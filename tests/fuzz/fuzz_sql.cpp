// libFuzzer target: the SQL script tokenizer and translator, then the engine's parser on
// every translated statement; and the fast path that reads INSERTs of literals and COPY
// blocks straight into rows, with the statements it falls back to.
#include "engine/api/database.h"
#include "engine/transfer/formats/sql/sql_translator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view script(reinterpret_cast<const char *>(data), size);
    const strata::engine::Location origin{.file = "fuzz.sql"};
    try {
        for (const auto &s : strata::transfer::translateSqlScript(script, origin))
            (void)strata::engine::isReadOnlyScript(s.sql);
    } catch (const strata::engine::EngineError &) {
    }
    try {
        auto source = strata::transfer::openSqlScript(script, origin, true);
        for (strata::transfer::ScriptStatement s; source->next(s);)
            if (s.rows)
                for (const auto &one : s.rows->statements())
                    (void)strata::engine::isReadOnlyScript(one.sql);
    } catch (const strata::engine::EngineError &) {
    }
    return 0;
}
