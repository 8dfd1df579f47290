#pragma once

#include "engine/api/database.h"

#include <random>
#include <string>
#include <vector>

namespace strata::bench {

using namespace strata::engine;

//! The table of ../shared/design/PERFORMANCE.md: id, name (with commas, quotes, newlines,
//! emoji), email, age, score, active, created, note (10% NULL). Deterministic.
struct Data {
    std::vector<Row> rows;
};

inline Data makeData(int64_t n)
{
    std::mt19937_64 rng(7);
    static const char *names[] = {"Alice",          "Bob \"the builder\"",
                                  "Zoë, Müller",    "李伟",
                                  "Émile\nNewline", "O'Brien",
                                  "Søren 🚀",        "Анна"};
    Data d;
    d.rows.reserve(n);
    const int64_t base = 1704067200LL * 1000000;
    for (int64_t i = 0; i < n; ++i) {
        Row r;
        r.push_back(Value::integer(i + 1));
        r.push_back(Value::text(std::string(names[rng() % 8]) + " " + std::to_string(i)));
        r.push_back(Value::text("user" + std::to_string(i) + "@example.com"));
        r.push_back(Value::integer(static_cast<int64_t>(18 + rng() % 70)));
        r.push_back(Value::real(static_cast<double>(rng() % 1000000) / 1000.0));
        r.push_back(Value::boolean(rng() % 2));
        r.push_back(
            Value::timestamp(base + static_cast<int64_t>(rng() % (365ULL * 86400 * 1000000))));
        if (rng() % 10 == 0)
            r.push_back(Value::null());
        else
            r.push_back(Value::text("note " + std::to_string(rng() % 100000)));
        d.rows.push_back(std::move(r));
    }
    return d;
}

} // namespace strata::bench
