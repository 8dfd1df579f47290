#pragma once

#include "engine/transfer/import_source.h"

#include <memory>

namespace strata::transfer {

//! Reads an RFC 7946 FeatureCollection (or a single Feature), streaming with RapidJSON's SAX
//! parser: each feature becomes a row, its geometry a WKT text column named "geometry"
//! (geojson_geometry.h), its properties the other columns.
//! A nested property value (an object or array) is kept as its JSON text.
std::unique_ptr<Reader> createGeojsonReader(const ReadSource &source, const ImportSpec &spec);

} // namespace strata::transfer
