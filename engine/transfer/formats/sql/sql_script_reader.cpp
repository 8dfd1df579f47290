#include "engine/transfer/formats/sql/sql_script_reader.h"

#include "engine/transfer/formats/sql/sql_translator.h"
#include "engine/transfer/mapped_input.h"

namespace strata::transfer {

namespace {

class SqlScriptReader : public Reader {
public:
    explicit SqlScriptReader(const ReadSource &source)
        : m_origin(source.origin)
        , m_input(source.path)
    {
    }

    void read(ImportSink &) override {}
    std::unique_ptr<ScriptSource> script() override
    {
        return openSqlScript(m_input.text(), m_origin, true,
                             [this](const char *upTo) { m_input.release(upTo); });
    }

private:
    engine::Location m_origin;
    MappedInput m_input;
};

} // namespace

std::unique_ptr<Reader> createSqlScriptReader(const ReadSource &source, const ImportSpec &)
{
    return std::make_unique<SqlScriptReader>(source);
}

} // namespace strata::transfer
