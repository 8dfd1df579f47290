#pragma once
// A table holding every type and the values that break careless writers and readers; shared
// by the export and import tests.

#include "engine/api/database.h"

#include <QtGlobal>
#include <limits>
#include <memory>
#include <string>

namespace strata::test {

using engine::Value;

//! Table t (id INTEGER PRIMARY KEY, s TEXT, d DOUBLE, b BOOLEAN, day DATE, ts TIMESTAMP,
//! x BLOB, email TEXT SENSITIVE) with six rows.
inline std::shared_ptr<engine::Database> trickyDatabase()
{
    auto db = engine::Database::openInMemory();
    auto c = db->connect();
    if (!c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, d DOUBLE, b BOOLEAN, "
                    "day DATE, ts TIMESTAMP, x BLOB, email TEXT SENSITIVE)"))
        qFatal("schema");
    const std::vector<engine::Row> rows = {
        {Value::integer(1), Value::text("plain"), Value::real(0.1), Value::boolean(true),
         Value::date(19782), Value::timestamp(1705314600123456),
         Value::blob(std::string("\0\x01\xff", 3)), Value::text("a@x")},
        {Value::integer(2), Value::text("comma, \"quote\"\nnew line"), Value::real(-1e300),
         Value::boolean(false), Value::date(-1), Value::timestamp(0), Value::blob(""),
         Value::null()},
        {Value::integer(3), Value::text(""), Value::real(std::numeric_limits<double>::quiet_NaN()),
         Value::null(), Value::null(), Value::null(), Value::null(), Value::text("b@x")},
        {Value::integer(INT64_MIN), Value::text("Zoë Müller 李伟 🚀"), Value::real(5e-324),
         Value::boolean(true), Value::date(2932896), Value::timestamp(-500000), Value::null(),
         Value::text("c@x")},
        {Value::integer(9007199254740993LL), Value::null(),
         Value::real(std::numeric_limits<double>::infinity()), Value::boolean(false),
         Value::date(0), Value::timestamp(1), Value::blob("hello"), Value::text("d@x")},
        {Value::integer(6), Value::text(" padded "), Value::real(123456789.125), Value::null(),
         Value::null(), Value::null(), Value::null(), Value::text("=HYPERLINK(\"x\")")},
    };
    if (!c->insertRows("t", {}, rows))
        qFatal("rows");
    return db;
}

} // namespace strata::test
