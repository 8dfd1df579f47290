// Strata's formats, each described whole in its folder under formats/ (FormatInfo): adding a
// format is that folder and one line here.
#include "engine/transfer/format.h"

namespace strata::transfer {

FormatInfo csvFormat();
FormatInfo jsonFormat();
FormatInfo sqlFormat();
FormatInfo sqliteFormat();
FormatInfo xlsxFormat();
FormatInfo geojsonFormat();
FormatInfo zipFormat();
FormatInfo markdownFormat();

void registerBuiltinFormats()
{
    auto &registry = FormatRegistry::instance();
    for (auto format : {csvFormat, jsonFormat, sqlFormat, sqliteFormat, xlsxFormat, geojsonFormat,
                        zipFormat, markdownFormat})
        registry.add(format());
}

} // namespace strata::transfer
