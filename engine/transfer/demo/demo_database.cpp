#include "engine/transfer/demo/demo_database.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

namespace strata::transfer {

using engine::Row;
using engine::Value;

namespace {

//! splitmix64: small, fast and identical everywhere, so the demo data is reproducible.
class Random {
public:
    explicit Random(uint64_t seed)
        : m_state(seed)
    {
    }
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int64_t range(int64_t lo, int64_t hi)
    {
        return lo + static_cast<int64_t>(next() % (hi - lo + 1));
    }
    double uniform() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    template<typename T, size_t N>
    const T &pick(const std::array<T, N> &items)
    {
        return items[next() % N];
    }

private:
    uint64_t m_state;
};

const std::array<const char *, 24> kFirstNames
    = {"Alice",   "Bob",   "Carmen", "Dmitri", "Émilie",   "François", "Gráinne", "Hiroshi",
       "Ingrid",  "José",  "Kwame",  "Léa",    "Mohammed", "Nguyễn",   "Olga",    "Priya",
       "Quentin", "Renée", "Søren",  "Tomás",  "Ümit",     "Wei",      "Zoë",     "Björk"};
const std::array<const char *, 20> kLastNames
    = {"Anderson",     "Brown",  "García",   "Müller",   "O'Brien", "Łukasiewicz", "Nakamura",
       "Okafor",       "Petrov", "Quiñones", "Rossi",    "Schäfer", "Sørensen",    "Thompson",
       "Van der Berg", "Wang",   "Yılmaz",   "Ζαχαρίου", "Иванова", "李"};
const std::array<const char *, 6> kDomains
    = {"example.com",   "mail.example.org",  "post.example.net",
       "example.co.uk", "correo.example.es", "example.de"};
const std::array<const char *, 8> kCategories
    = {"Books", "Garden", "Kitchen", "Tools", "Toys", "Music", "Outdoor", "Office"};
const std::array<const char *, 12> kProductWords
    = {"Walnut", "Copper", "Linen", "Granite", "Cedar",  "Cobalt",
       "Maple",  "Slate",  "Amber", "Juniper", "Willow", "Basalt"};
const std::array<const char *, 10> kProductKinds
    = {"Lamp",    "Kettle", "Notebook", "Trowel", "Chess Set",
       "Ukulele", "Tent",   "Stapler",  "Mug",    "Planter"};
const std::array<const char *, 4> kStatuses = {"pending", "shipped", "delivered", "returned"};
const std::array<const char *, 6> kLandUse
    = {"Residential", "Agricultural", "Commercial", "Industrial", "Open Space", "Mixed Use"};
const std::array<const char *, 8> kStreets
    = {"Columbia Dr",    "Canal Dr", "Gage Blvd",     "Edison St",
       "Clearwater Ave", "Keene Rd", "Van Giesen St", "Badger Rd"};

std::string emailFolded(std::string s)
{
    // Email local parts stay ASCII: fold the accented letters the demo names use.
    static const std::pair<const char *, const char *> kFold[]
        = {{"é", "e"}, {"É", "e"}, {"è", "e"}, {"ç", "c"}, {"á", "a"}, {"ó", "o"}, {"ñ", "n"},
           {"ø", "o"}, {"Ø", "o"}, {"ü", "u"}, {"Ü", "u"}, {"ö", "o"}, {"ä", "a"}, {"ë", "e"},
           {"ı", "i"}, {"Ł", "l"}, {"ł", "l"}, {"ễ", "e"}, {"ã", "a"}, {"í", "i"}, {"Å", "a"}};
    for (const auto &[from, to] : kFold)
        for (size_t pos; (pos = s.find(from)) != std::string::npos;)
            s.replace(pos, std::strlen(from), to);
    std::string out;
    for (unsigned char c : s) {
        if (std::isalpha(c))
            out += static_cast<char>(std::tolower(c));
        else if (c == ' ' || c == '\'')
            continue;
        else if (c >= 0x80)
            continue; // email local parts stay ASCII
        else
            out += static_cast<char>(c);
    }
    return out.empty() ? "user" : out;
}

std::string fixed(double v, int digits)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

} // namespace

engine::Status createDemoDatabase(engine::Connection &c, int64_t rows)
{
    if (rows < 1)
        return {engine::StatusCode::Invalid, "the demo needs at least one row"};
    const bool outer = c.inTransaction();
    if (!outer) {
        auto st = c.begin();
        if (!st)
            return st;
    }
    auto fail = [&](engine::Status st) {
        if (!outer)
            (void)c.rollback(); // the failure returned is the one that matters
        return st;
    };
    auto ddl = c.executeScript(R"sql(
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name VARCHAR(80) NOT NULL,
            email TEXT SENSITIVE UNIQUE,
            age INTEGER,
            created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            price DOUBLE NOT NULL,
            in_stock BOOLEAN NOT NULL DEFAULT TRUE,
            added DATE
        );
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL,
            product_id INTEGER NOT NULL,
            quantity INTEGER NOT NULL,
            total DOUBLE NOT NULL,
            status TEXT NOT NULL,
            ordered_at TIMESTAMP NOT NULL
        );
        CREATE INDEX orders_user ON orders (user_id);
        CREATE TABLE parcels (
            id INTEGER PRIMARY KEY,
            parcel_number VARCHAR(20) NOT NULL UNIQUE,
            owner TEXT SENSITIVE,
            situs_address TEXT,
            land_use TEXT,
            assessed_value DOUBLE,
            area_sqft DOUBLE,
            centroid_lon DOUBLE,
            centroid_lat DOUBLE,
            geometry TEXT,
            updated DATE
        );
    )sql");
    if (!ddl)
        return fail(ddl.status());

    Random rng(0x5757A7A);
    const int64_t base = 1704067200LL * 1000000; // 2024-01-01T00:00:00Z
    std::vector<Row> batch;
    auto flush = [&](const char *table) -> engine::Status {
        auto r = c.insertRows(table, {}, batch);
        batch.clear();
        return r ? engine::Status() : r.status();
    };

    for (int64_t id = 1; id <= rows; ++id) {
        std::string first = rng.pick(kFirstNames), last = rng.pick(kLastNames);
        const std::string email = emailFolded(first) + "." + emailFolded(last) + std::to_string(id)
                                  + "@" + rng.pick(kDomains);
        Value age = rng.range(0, 19) == 0 ? Value::null() : Value::integer(rng.range(18, 90));
        batch.push_back({Value::integer(id), Value::text(first + " " + last), Value::text(email),
                         age, Value::timestamp(base + rng.range(0, 365LL * 86400) * 1000000)});
        if (batch.size() == 10000)
            if (auto st = flush("users"); !st)
                return fail(st);
    }
    if (auto st = flush("users"); !st)
        return fail(st);

    const int64_t products = std::max<int64_t>(5, rows / 5);
    for (int64_t id = 1; id <= products; ++id) {
        const std::string name
            = std::string(rng.pick(kProductWords)) + " " + rng.pick(kProductKinds);
        const double price = std::round(rng.uniform() * 20000 + 199) / 100.0;
        batch.push_back({Value::integer(id), Value::text(name), Value::text(rng.pick(kCategories)),
                         Value::real(price), Value::boolean(rng.range(0, 9) != 0),
                         Value::date(19723 + rng.range(0, 700))});
    }
    if (auto st = flush("products"); !st)
        return fail(st);

    const int64_t orders = rows * 3;
    for (int64_t id = 1; id <= orders; ++id) {
        const int64_t qty = rng.range(1, 5);
        const double unit = std::round(rng.uniform() * 20000 + 199) / 100.0;
        batch.push_back({Value::integer(id), Value::integer(rng.range(1, rows)),
                         Value::integer(rng.range(1, products)), Value::integer(qty),
                         Value::real(std::round(qty * unit * 100) / 100.0),
                         Value::text(rng.pick(kStatuses)),
                         Value::timestamp(base + rng.range(0, 600LL * 86400) * 1000000
                                          + rng.range(0, 999999))});
        if (batch.size() == 10000)
            if (auto st = flush("orders"); !st)
                return fail(st);
    }
    if (auto st = flush("orders"); !st)
        return fail(st);

    // Parcels around Kennewick, WA: small rotated rectangles in WGS 84.
    const int64_t parcels = std::max<int64_t>(10, rows / 2);
    for (int64_t id = 1; id <= parcels; ++id) {
        const double lon = -119.35 + rng.uniform() * 0.25;
        const double lat = 46.15 + rng.uniform() * 0.12;
        const double w = 0.0004 + rng.uniform() * 0.0012, h = 0.0003 + rng.uniform() * 0.0009;
        const double area = w * 111320.0 * std::cos(lat * M_PI / 180) * h * 110540.0 * 10.7639;
        const std::string wkt = "POLYGON ((" + fixed(lon - w / 2, 6) + " " + fixed(lat - h / 2, 6)
                                + ", " + fixed(lon + w / 2, 6) + " " + fixed(lat - h / 2, 6) + ", "
                                + fixed(lon + w / 2, 6) + " " + fixed(lat + h / 2, 6) + ", "
                                + fixed(lon - w / 2, 6) + " " + fixed(lat + h / 2, 6) + ", "
                                + fixed(lon - w / 2, 6) + " " + fixed(lat - h / 2, 6) + "))";
        char number[32];
        std::snprintf(number, sizeof number, "1-%04lld-%03lld-%04lld",
                      static_cast<long long>(rng.range(1000, 4999)),
                      static_cast<long long>(rng.range(100, 999)), static_cast<long long>(id));
        Value owner
            = rng.range(0, 24) == 0
                  ? Value::null()
                  : Value::text(std::string(rng.pick(kFirstNames)) + " " + rng.pick(kLastNames));
        batch.push_back(
            {Value::integer(id), Value::text(number), owner,
             Value::text(std::to_string(rng.range(100, 9999)) + " " + rng.pick(kStreets)),
             Value::text(rng.pick(kLandUse)),
             Value::real(std::round(rng.uniform() * 900000 + 40000)), Value::real(std::round(area)),
             Value::real(std::round(lon * 1e6) / 1e6), Value::real(std::round(lat * 1e6) / 1e6),
             Value::text(wkt), Value::date(19723 + rng.range(0, 700))});
        if (batch.size() == 10000)
            if (auto st = flush("parcels"); !st)
                return fail(st);
    }
    if (auto st = flush("parcels"); !st)
        return fail(st);
    return outer ? engine::Status() : c.commit();
}

} // namespace strata::transfer
