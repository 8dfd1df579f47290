#include "engine/transfer/naming.h"

#include <QDateTime>
#include <QTimeZone>
#include <algorithm>
#include <cctype>

namespace strata::transfer {

std::string nameTimestamp(int64_t micros, bool utc)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(micros / 1000, QTimeZone::utc());
    return (utc ? t : t.toLocalTime()).toString(QStringLiteral("yyyyMMdd_HHmmss")).toStdString();
}

std::string safeFileStem(const std::string &name)
{
    std::string out;
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?'
            || c == '"' || c == '<' || c == '>' || c == '|')
            out += '_';
        else
            out += static_cast<char>(c);
    }
    // No "..", no leading dots (hidden files), no trailing dots or spaces (Windows).
    for (size_t pos; (pos = out.find("..")) != std::string::npos;)
        out.replace(pos, 2, "_");
    while (!out.empty() && (out.front() == '.' || out.front() == ' '))
        out.erase(out.begin());
    while (!out.empty() && (out.back() == '.' || out.back() == ' '))
        out.pop_back();
    if (out.size() > 100) { // cut at a UTF-8 boundary
        size_t cut = 100;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut;
        out.resize(cut);
    }
    if (out.empty())
        out = "table";
    std::string upper = out.substr(0, out.find('.'));
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    static const char *kReserved[]
        = {"CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
           "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
    for (const char *r : kReserved)
        if (upper == r)
            return "_" + out;
    return out;
}

} // namespace strata::transfer
