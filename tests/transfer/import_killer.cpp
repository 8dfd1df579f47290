// Test helper: imports a CSV file into a database folder and, once `rows` rows are inside the
// (uncommitted) transaction, prints "mid-import" and waits on standard input — to be killed.
//   import_killer DB_DIR FILE ROWS
#include "engine/api/database.h"
#include "engine/transfer/format.h"
#include "engine/transfer/import_job.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

using namespace strata;

namespace {

class Announce : public transfer::ProgressSink {
public:
    explicit Announce(int64_t rows)
        : m_rows(rows)
    {
    }
    void setTotal(int64_t) override {}
    void advance(int64_t rows, const std::string &) override
    {
        if (rows < m_rows || m_said)
            return;
        m_said = true;
        std::cout << "mid-import" << std::endl;
        std::string line;
        std::getline(std::cin, line); // blocks until killed (or stdin closes)
        std::exit(3);
    }
    bool isCanceled() const override { return false; }

private:
    int64_t m_rows;
    bool m_said = false;
};

} // namespace

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::cerr << "usage: import_killer DB_DIR FILE ROWS\n";
        return 2;
    }
    transfer::registerBuiltinFormats();
    auto db = engine::Database::open(argv[1]);
    if (!db) {
        std::cerr << db.status().toString() << "\n";
        return 1;
    }
    transfer::ImportSpec spec;
    spec.files = {argv[2]};
    spec.mode = transfer::ImportMode::Append;
    Announce announce(std::atoll(argv[3]));
    auto r = transfer::runImport(**db, spec, &announce);
    std::cerr << (r ? "finished" : r.status().toString()) << "\n";
    return 1;
}
