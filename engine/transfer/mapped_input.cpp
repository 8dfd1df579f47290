#include "engine/transfer/mapped_input.h"

#include "engine/api/database.h"

namespace strata::transfer {

using engine::EngineError;
using engine::StatusCode;

MappedInput::MappedInput(const std::string &path)
{
    m_file.setFileName(QString::fromStdString(path));
    if (!m_file.open(QIODevice::ReadOnly))
        throw EngineError(StatusCode::Io,
                          path + ": cannot open (" + m_file.errorString().toStdString() + ")");
    const qint64 size = m_file.size();
    if (size == 0)
        return;
    const auto *mapped = reinterpret_cast<const char *>(m_file.map(0, size));
    if (!mapped)
        throw EngineError(StatusCode::Io,
                          path + ": cannot read (" + m_file.errorString().toStdString() + ")");
    m_bytes = std::string_view(mapped, static_cast<size_t>(size));
}

std::string_view MappedInput::text() const
{
    std::string_view t = m_bytes;
    if (t.substr(0, 3) == "\xEF\xBB\xBF")
        t.remove_prefix(3);
    return t;
}

std::string lineColumnOf(std::string_view text, size_t offset)
{
    int64_t line = 1;
    size_t lineStart = 0;
    for (size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    return std::to_string(line) + ":" + std::to_string(offset - lineStart + 1);
}

} // namespace strata::transfer
