#include "engine/transfer/format.h"

namespace strata::transfer {

FormatRegistry &FormatRegistry::instance()
{
    static FormatRegistry registry;
    return registry;
}

void FormatRegistry::add(FormatInfo info, Factory writerFactory)
{
    for (auto &[existing, factory] : m_formats) {
        if (existing.id == info.id) { // registering twice replaces (tests call it repeatedly)
            existing = std::move(info);
            factory = std::move(writerFactory);
            return;
        }
    }
    m_formats.emplace_back(std::move(info), std::move(writerFactory));
}

const FormatInfo *FormatRegistry::find(const std::string &id) const
{
    for (const auto &[info, factory] : m_formats)
        if (info.id == id)
            return &info;
    return nullptr;
}

std::vector<FormatInfo> FormatRegistry::formats() const
{
    std::vector<FormatInfo> out;
    for (const auto &[info, factory] : m_formats)
        out.push_back(info);
    return out;
}

std::unique_ptr<Writer>
FormatRegistry::createWriter(const std::string &id, OutputFile &out, const ExportContext &context,
                             const std::map<std::string, std::string> &options) const
{
    for (const auto &[info, factory] : m_formats) {
        if (info.id != id)
            continue;
        for (const auto &[key, value] : options)
            if (!info.options.count(key))
                throw engine::EngineError(engine::StatusCode::Invalid,
                                          "format " + id + " has no option '" + key + "'");
        return factory(out, context, options);
    }
    std::string known;
    for (const auto &[info, factory] : m_formats)
        known += (known.empty() ? "" : ", ") + info.id;
    throw engine::EngineError(engine::StatusCode::Invalid,
                              "unknown format '" + id + "' (known: " + known + ")");
}

} // namespace strata::transfer
