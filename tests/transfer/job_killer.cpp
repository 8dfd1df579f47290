// Test helper: runs an export or an import on a database folder and dies in the middle of it,
// at a point chosen by work done, never by time.
//   job_killer export DB_DIR OUT_DIR KILL_AT [zip]
//     Exports every table as CSV and JSON lines (zipped with "zip") and kills itself with
//     SIGKILL at the KILL_AT-th progress report (batches, then each file published, the
//     archive, links). With KILL_AT 0 it runs to the end and prints how many reports there were.
//   job_killer import DB_DIR FILE ROWS
//     Appends a file and, once ROWS rows are inside the (uncommitted) transaction, prints
//     "mid-import" and waits on standard input — to be killed.
#include "engine/api/database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/import_job.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

using namespace strata;

namespace {

//! A progress sink that does `act` at each report; `reports` counts them.
template<typename Act>
class OnProgress : public transfer::ProgressSink {
public:
    explicit OnProgress(Act act)
        : m_act(std::move(act))
    {
    }
    void setTotal(int64_t) override {}
    void advance(int64_t rows, const std::string &) override { m_act(++reports, rows); }
    bool isCanceled() const override { return false; }
    int64_t reports = 0;

private:
    Act m_act;
};

int runExport(engine::Database &db, int argc, char **argv)
{
    transfer::ExportSpec spec;
    spec.scope = transfer::ExportScope::Full;
    spec.formats = {{"csv", {}}, {"json", {{"lines", "true"}}}};
    spec.outputDir = argv[3];
    spec.zip = argc > 5 && std::strcmp(argv[5], "zip") == 0;
    const int64_t killAt = std::atoll(argv[4]);
    OnProgress kill([killAt](int64_t report, int64_t) {
        if (report == killAt)
            ::raise(SIGKILL);
    });
    auto r = transfer::runExport(db, spec, &kill);
    if (!r) {
        std::cerr << r.status().toString() << "\n";
        return 1;
    }
    std::cout << kill.reports << "\n";
    return 0;
}

int runImport(engine::Database &db, char **argv)
{
    transfer::ImportSpec spec;
    spec.files = {argv[3]};
    spec.mode = transfer::ImportMode::Append;
    const int64_t waitAt = std::atoll(argv[4]);
    OnProgress announce([waitAt, said = false](int64_t, int64_t rows) mutable {
        if (rows < waitAt || said)
            return;
        said = true;
        std::cout << "mid-import" << std::endl;
        std::string line;
        std::getline(std::cin, line); // blocks until killed (or stdin closes)
        std::exit(3);
    });
    auto r = transfer::runImport(db, spec, &announce);
    std::cerr << (r ? "finished" : r.status().toString()) << "\n";
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    const bool exporting = argc >= 5 && std::strcmp(argv[1], "export") == 0;
    const bool importing = argc == 5 && std::strcmp(argv[1], "import") == 0;
    if (!exporting && !importing) {
        std::cerr << "usage: job_killer export DB_DIR OUT_DIR KILL_AT [zip]\n"
                     "       job_killer import DB_DIR FILE ROWS\n";
        return 2;
    }
    transfer::registerBuiltinFormats();
    auto db = engine::Database::open(argv[2]);
    if (!db) {
        std::cerr << db.status().toString() << "\n";
        return 1;
    }
    return exporting ? runExport(**db, argc, argv) : runImport(**db, argv);
}
