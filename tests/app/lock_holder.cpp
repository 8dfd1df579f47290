// Opens a database for writing, says "locked", and holds it until standard input closes.
#include "engine/api/database.h"

#include <cstdio>
#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    auto db = strata::engine::Database::open(argv[1]);
    if (!db) {
        std::fprintf(stderr, "%s\n", db.status().toString().c_str());
        return 1;
    }
    std::printf("locked\n");
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    return 0;
}
