#pragma once

#include <string>
#include <string_view>

namespace strata::transfer {

//! Converts one GeoJSON geometry object (RFC 7946: Point, MultiPoint, LineString,
//! MultiLineString, Polygon, MultiPolygon, GeometryCollection; positions of two or three
//! numbers) into WKT ("POINT Z (1 2 3)"). Coordinates keep their exact double value, written
//! in the shortest form that reads back to it. On a malformed geometry returns false and says
//! what was expected in `error`.
//!
//! Why our own and not GEOS's GeoJSON reader and WKT writer: GEOS 3.11's reader refuses 3-D
//! positions, and its WKT writer overflows a stack buffer on coordinates of 1e136 and more.
bool geojsonGeometryToWkt(std::string_view geojson, std::string &wkt, std::string &error);

} // namespace strata::transfer
