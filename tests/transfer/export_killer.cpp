// Test helper: exports every table of a database as CSV (and zips it with "zip") and kills
// itself with SIGKILL at the KILL_AT-th progress report (batches, then each file published,
// the archive, links): kill points chosen by work done, not by time. With
// KILL_AT 0 it runs to the end and prints how many reports there were.
//   export_killer DB_DIR OUT_DIR KILL_AT [zip]
#include "engine/api/database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

using namespace strata;

namespace {

class KillAt : public transfer::ProgressSink {
public:
    explicit KillAt(int64_t at)
        : m_at(at)
    {
    }
    void setTotal(int64_t) override {}
    void advance(int64_t, const std::string &) override
    {
        if (++reports == m_at)
            ::raise(SIGKILL);
    }
    bool isCanceled() const override { return false; }
    int64_t reports = 0;

private:
    int64_t m_at;
};

} // namespace

int main(int argc, char **argv)
{
    if (argc < 4) {
        std::cerr << "usage: export_killer DB_DIR OUT_DIR KILL_AT [zip]\n";
        return 2;
    }
    transfer::registerBuiltinFormats();
    auto db = engine::Database::open(argv[1]);
    if (!db) {
        std::cerr << db.status().toString() << "\n";
        return 1;
    }
    transfer::ExportSpec spec;
    spec.scope = transfer::ExportScope::Full;
    spec.formats = {{"csv", {}}, {"json", {{"lines", "true"}}}};
    spec.outputDir = argv[2];
    spec.zip = argc > 4 && std::strcmp(argv[4], "zip") == 0;
    KillAt kill(std::atoll(argv[3]));
    auto r = transfer::runExport(**db, spec, &kill);
    if (!r) {
        std::cerr << r.status().toString() << "\n";
        return 1;
    }
    std::cout << kill.reports << "\n";
    return 0;
}
