#pragma once

#include "engine/transfer/import_source.h"

#include <rapidjson/reader.h>

namespace strata::transfer {

//! RapidJSON SAX callbacks turned into the calls Strata's JSON readers make: every scalar
//! becomes a Cell (numbers as written), containers call start(isArray) and end(). `Derived`
//! provides scalar(const Cell &), start(bool), end() and Key(); each returns false to stop.
template<typename Derived>
class CellHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Derived> {
public:
    bool Null() { return self().scalar(Cell::null()); }
    bool Bool(bool b) { return self().scalar(Cell::of(Cell::Kind::Boolean, b ? "true" : "false")); }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool)
    {
        return self().scalar(Cell::of(Cell::Kind::Number, {s, n}));
    }
    bool String(const char *s, rapidjson::SizeType n, bool)
    {
        return self().scalar(Cell::of(Cell::Kind::Text, {s, n}));
    }
    bool StartObject() { return self().start(false); }
    bool StartArray() { return self().start(true); }
    bool EndObject(rapidjson::SizeType) { return self().end(); }
    bool EndArray(rapidjson::SizeType) { return self().end(); }

private:
    Derived &self() { return static_cast<Derived &>(*this); }
};

} // namespace strata::transfer
