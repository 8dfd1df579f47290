// Zip archives: checked and unpacked by the import job (zip_input.h); their entries are read
// by the formats their names say. Exports write zips themselves (archive.h, ExportSpec::zip).
#include "engine/transfer/format.h"

namespace strata::transfer {

FormatInfo zipFormat()
{
    FormatInfo f;
    f.id = "zip";
    f.label = "Zip";
    f.name = "Zip archive (of files in the formats above)";
    f.extension = "zip";
    f.readExtensions = {"zip"};
    f.mimeTypes = {"application/zip"};
    f.capabilities = Archive;
    f.sniff = [](std::string_view head) {
        return head.substr(0, 4) == std::string_view("PK\x03\x04", 4) ? Sniff::Surely : Sniff::No;
    };
    return f;
}

} // namespace strata::transfer
