#!/usr/bin/env python3
"""Writes the hostile-import corpus: malformed or dangerous files, each with the error an
import must give (expected.tsv: file, options, a piece of the expected message). Run it to
regenerate; the files are kept in git so the fuzzers can use them as seeds too.

The database each file is imported into holds (see tst_import.cpp):
  keep  (id INTEGER PRIMARY KEY, name TEXT)   one row: 1, 'one'
  typed (n INTEGER NOT NULL, d DATE)          empty
  keyed (id INTEGER PRIMARY KEY)              empty
and must be unchanged after every one of them."""
import os

here = os.path.dirname(os.path.abspath(__file__))
cases = []


def case(name, data, expected, options=""):
    with open(os.path.join(here, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    cases.append((name, options, expected))


# --- CSV: syntax ---
case("unclosed_quote.csv", 'a,b\n1,"abc\n2,3\n', "unclosed_quote.csv:2:3: the quoted field starting here is never closed")
case("text_after_quote.csv", 'a,b\n1,"x"y\n', "text_after_quote.csv:2:6: expected the delimiter or a line end after the closing quote")
case("too_many_fields.csv", "a,b\n1,2\n3,4,5\n", "too_many_fields.csv:3: expected 2 fields (as in the header), found 3")
case("too_few_fields.csv", "a,b,c\n1,2,3\n4,5\n", "too_few_fields.csv:3: expected 3 fields (as in the header), found 2")
case("quote_in_header.csv", '"a,b\n1,2\n', "quote_in_header.csv:1:1: the quoted field starting here is never closed")
case("empty.csv", "", "empty.csv: the file holds no data")
case("only_bom.csv", b"\xef\xbb\xbf", "only_bom.csv: the file holds no data")
case("only_blank_lines.csv", "\n\r\n\n", "only_blank_lines.csv: the file holds no data")
case("huge_field.csv", "a,b\n1," + "x" * 5000 + "\n", "huge_field.csv:2:3: a field longer than the limit of 4096 bytes", "maxfield=4096")
case("huge_quoted_field.csv", 'a\n"' + 'y""' * 3000 + '"\n', "a field longer than the limit of 4096 bytes", "maxfield=4096")
# --- CSV: content ---
case("invalid_utf8.csv", b"a,b\n1,caf\xc3\n", "invalid_utf8.csv:2: column 2 ('b'): expected UTF-8 text, found an invalid byte sequence", "encoding=utf-8")
case("overlong_utf8.csv", b"a\n\xc0\xaf\n", "expected UTF-8 text, found an invalid byte sequence", "encoding=utf-8")
case("surrogate_utf8.csv", b"a\n\xed\xa0\x80\n", "expected UTF-8 text, found an invalid byte sequence", "encoding=utf-8")
case("nul_byte.csv", b"a,b\n1,x\x00y\n", "nul_byte.csv:2: column 2 ('b'): expected text, found a NUL byte")
case("not_an_integer.csv", "n,d\n1,2024-01-01\nabc,2024-01-02\n", "not_an_integer.csv:3: column 1 ('n'): expected an integer, found 'abc'", "mode=append;table=typed")
case("not_a_date.csv", "n,d\n1,2024-02-30\n", "not_a_date.csv:2: column 2 ('d'): expected a date (YYYY-MM-DD), found '2024-02-30'", "mode=append;table=typed")
case("integer_overflow.csv", "n\n99999999999999999999\n", "expected an integer, found '99999999999999999999'", "mode=append;table=typed")
case("null_in_not_null.csv", "n,d\n,2024-01-01\n", "NOT NULL", "mode=append;table=typed")
case("unknown_column.csv", "n,zzz\n1,2\n", "the file has columns that table 'typed' lacks: zzz", "mode=append;table=typed")
case("missing_required.csv", "d\n2024-01-01\n", "needs values the file does not have, for NOT NULL columns without a default: n", "mode=append;table=typed")
case("duplicate_key_existing.csv", "id,name\n2,two\n1,again\n", "duplicate_key_existing.csv:3: duplicate key", "mode=append;table=keep")
case("duplicate_key_in_file.csv", "id\n5\n6\n5\n", "duplicate_key_in_file.csv:4: duplicate key", "mode=append;table=keyed")
case("table_exists.csv", "id,name\n9,nine\n", "table 'keep' already exists", "table=keep")
case("merge_without_key.csv", "n,d\n1,2024-01-01\n", "has no primary key, so rows cannot be merged", "mode=merge;table=typed")
case("unknown_encoding.csv", "a\n1\n", "unknown encoding 'ebcdic'", "encoding=ebcdic")
# --- JSON: syntax ---
case("truncated.json", '{"tables": {"t": {"data": [{"a": 1}', "truncated.json:1:")
case("trailing_comma.json", '[{"a": 1},]', "trailing_comma.json:1:")
case("unterminated_string.json", '[{"a": "abc}]', "unterminated_string.json:1:")
case("leading_zero.json", '[{"a": 01}]', "leading_zero.json:1:")
case("raw_control_char.json", '[{"a": "x\ty"}]', "raw_control_char.json:1:")
case("deep_arrays.json", "[" * 5000 + "]" * 5000, "nesting deeper than 64 levels")
case("deep_objects.json", '{"a":' * 5000 + "1" + "}" * 5000, "nesting deeper than 64 levels")
case("invalid_utf8.json", b'[{"a": "caf\xc3"}]', "invalid_utf8.json:1: $[0].a: expected UTF-8 text, found an invalid byte sequence")
case("invalid_utf8_key.json", b'[{"ok": 1, "caf\xc3": 2}]', "invalid_utf8_key.json:1: $[0]: expected UTF-8 text in a key, found an invalid byte sequence")
case("invalid_utf8_name.json", b'{"table": {"name": "t\xff", "data": []}}', "invalid_utf8_name.json:1: $.table.name: expected UTF-8 text, found an invalid byte sequence")
case("empty.json", "  \n", "empty.json: the file is empty")
case("two_values.json", '{"a": 1}\n{"a": 2}\n', "more than one JSON value")
case("scalar_root.json", "42", "expected an object or an array at the top level")
case("string_root.json", '"hello"', "expected an object or an array at the top level")
# --- JSON: structure and content ---
case("nul_in_string.json", '[{"a": "x\\u0000y"}]', "nul_in_string.json:1: $[0].a: expected text, found a NUL byte")
case("row_not_object.json", "[1, 2]", "row_not_object.json:1: $[0]: expected a row (an object or an array), found a single value")
case("nested_value.json", '[{"a": {"b": 1}}]', "column 'a': expected a string, number, boolean or null, found an object")
case("array_in_row.json", '[{"a": [1, 2]}]', "found an array")
case("bad_value_with_defs.json", '{"tables": {"t": {"schema": {"column_defs": [{"name": "n", "type": "INTEGER"}]}, "data": [{"n": 1}, {"n": "abc"}]}}}', "$.tables.t.data[1].n: expected an integer, found 'abc'")
case("unknown_type.json", '{"tables": {"t": {"schema": {"column_defs": [{"name": "n", "type": "FANCY"}]}, "data": []}}}', "column type 'FANCY' is not one Strata knows")
case("unknown_key_with_defs.json", '{"tables": {"t": {"schema": {"column_defs": [{"name": "n", "type": "INTEGER"}]}, "data": [{"n": 1, "m": 2}]}}}', "key 'm' is not a column of the table's schema")
case("def_without_name.json", '{"tables": {"t": {"schema": {"column_defs": [{"type": "INTEGER"}]}, "data": []}}}', "expected a \"name\" in the column definition")
case("duplicate_key.json", '{"tables": {"t": {"schema": {"column_defs": [{"name": "id", "type": "INTEGER", "primary_key": true, "nullable": false}]}, "data": [{"id": 1}, {"id": 1}]}}}', "$.tables.t.data[1]: duplicate key")
case("null_not_null.json", '{"tables": {"t": {"schema": {"column_defs": [{"name": "id", "type": "INTEGER", "nullable": false}]}, "data": [{"id": null}]}}}', "NOT NULL")
case("too_long.json", '{"tables": {"t": {"schema": {"column_defs": [{"name": "s", "type": "TEXT", "declared_type": "VARCHAR(3)"}]}, "data": [{"s": "abcdef"}]}}}', "value too long")
case("nan_integer.json", '{"tables": {"t": {"schema": {"column_defs": [{"name": "n", "type": "INTEGER"}]}, "data": [{"n": NaN}]}}}', "expected an integer, found 'NaN'")
case("evil_table_name.json", '{"tables": {"keep\\"; DROP TABLE keep; --": {"schema": {"column_defs": [{"name": "n", "type": "INTEGER"}]}, "data": [{"n": "x"}]}}}', "expected an integer, found 'x'")
case("array_line.jsonl", '{"a": 1}\n[1]\n', "expected an object on each line of JSON lines, found an array")
case("bad_line.jsonl", '{"a": 1}\n{"a": 2}\n{"a":\n', "bad_line.jsonl:4:1:")

# --- GeoJSON ---
def feature(geometry, properties='{"a": 1}'):
    return '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": ' + geometry + ', "properties": ' + properties + '}]}'


case("empty_position.geojson", feature('{"type": "LineString", "coordinates": [[]]}'), "$.features[0].geometry: expected a position of two or three numbers, found []")
case("empty_ring_position.geojson", feature('{"type": "Polygon", "coordinates": [[[]]]}'), "expected a position of two or three numbers, found []")
case("text_coordinates.geojson", feature('{"type": "Point", "coordinates": "east"}'), "$.features[0].geometry: expected \"coordinates\" (an array) in a Point")
case("unknown_geometry.geojson", feature('{"type": "Circle", "coordinates": [1, 2]}'), "expected a geometry type (Point, LineString, Polygon, their Multi forms or GeometryCollection), found 'Circle'")
case("bare_geometry.geojson", '{"type": "Point", "coordinates": [1, 2]}', "expected a FeatureCollection or a Feature, found type 'Point'")
case("features_not_objects.geojson", '{"type": "FeatureCollection", "features": [[1, 2]]}', "expected a Feature object, found an array")
case("array_root.geojson", "[1, 2]", "expected a GeoJSON object (a FeatureCollection), found an array")
case("deep.geojson", feature("[" * 200 + "]" * 200), "nesting deeper than 64 levels")

# --- zip archives ---
import hashlib, io, json, zipfile


def zipcase(name, entries, expected, options="", method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for entry_name, data in entries:
            info = zipfile.ZipInfo(entry_name, date_time=(2024, 1, 15, 10, 30, 0))
            info.compress_type = method
            z.writestr(info, data)
    case(name, buf.getvalue(), expected, options)


zipcase("traversal.zip", [("../evil.csv", "a\n1\n")], "entry ../evil.csv has an unsafe path")
zipcase("traversal_deep.zip", [("data/../../evil.csv", "a\n1\n")], "has an unsafe path")
zipcase("absolute.zip", [("/tmp/evil.csv", "a\n1\n")], "entry /tmp/evil.csv has an unsafe path")
zipcase("backslash.zip", [("..\\evil.csv", "a\n1\n")], "has an unsafe path")
zipcase("bomb.zip", [("zeros.csv", "a\n" + "0" * (40 << 20))], "it looks like a zip bomb and is not unpacked")
zipcase("too_big_entry.zip", [("big.csv", "a\n" + "1\n" * 5000)], "expands to 10002 bytes, more than the limit of 4096", "maxentry=4096", zipfile.ZIP_STORED)
rows = "id,name\r\n1,x\r\n"
manifest = {"files": [{"name": "t_export_20240115_103000.csv", "format": "csv", "table": "t", "rows": 1,
                       "bytes": len(rows), "sha256": hashlib.sha256(b"tampered").hexdigest()}]}
zipcase("tampered.zip", [("manifest.json", json.dumps(manifest)), ("t_export_20240115_103000.csv", rows)],
        "the archive does not match its manifest.json, so nothing was imported")
zipcase("nothing_to_import.zip", [("readme.txt", "hello"), ("picture.png", "\x89PNG")], "holds no file Strata can import")
case("not_a_zip.zip", b"PK\x03\x04 this is not really a zip", "not a readable zip archive")
zipcase("duplicate_entry.zip", [("keep.csv", "id,name\n2,two\n"), ("keep.csv", "id,name\n3,three\n")],
        "entry keep.csv appears more than once (which one is meant is ambiguous); nothing was imported")
zipcase("bad_entry.zip", [("ok.csv", "a\n1\n"), ("bad.csv", 'a,b\n1,"x\n')], "bad_entry.zip:bad.csv:2:3: the quoted field starting here is never closed")

# --- later additions: the line and index of a bad element; GeoJSON geometries checked by Strata ---
case("row_not_object_third.json", '[{"a": 1},\n {"a": 2},\n 3]\n', "row_not_object_third.json:3: $[2]: expected a row (an object or an array), found a single value")
case("geometry_as_wkt.geojson", feature('"POINT (1 2)"'), "$.features[0].geometry: expected a GeoJSON geometry (an object) or null, found a string")
case("four_coordinates.geojson", feature('{"type": "Point", "coordinates": [1, 2, 3, 4]}'), "expected a position of two or three numbers, found an array of 4")
case("mixed_dimensions.geojson", feature('{"type": "LineString", "coordinates": [[1, 2], [3, 4, 5]]}'), "expected every position of a geometry to have the same number of coordinates")
case("open_ring.geojson", feature('{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}'), "expected a closed polygon ring")
case("short_ring.geojson", feature('{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}'), "expected a polygon ring of at least four positions")
case("one_point_line.geojson", feature('{"type": "LineString", "coordinates": [[0, 0]]}'), "expected a line of at least two positions")
case("huge_coordinate.geojson", feature('{"type": "Point", "coordinates": [1e400, 0]}'), "Number too big to be stored in double")
case("string_in_position.geojson", feature('{"type": "Point", "coordinates": [1, "2"]}'), "found a non-number in it")
nested = '{"type": "GeometryCollection", "geometries": []}'
for _ in range(19):
    nested = '{"type": "GeometryCollection", "geometries": [' + nested + ']}'
case("deep_collection.geojson", feature(nested), "nested deeper than")

with open(os.path.join(here, "expected.tsv"), "w") as f:
    f.write("# file\toptions\texpected error (a part of the message)\n")
    for name, options, expected in cases:
        f.write(f"{name}\t{options}\t{expected}\n")
print(f"{len(cases)} files")
