#!/usr/bin/python3
"""Prints every cell of a workbook's first sheet as openpyxl reads it, beside what the raw
sheet XML holds, for the round-trip test: [type, value, micros], where micros is, for a date
or datetime cell, the microseconds since 1970 that its serial number stands for, computed
exactly (a reader that works in microseconds gets this; openpyxl itself rounds to ms).
Floats are given as Python's repr text."""
import datetime
import json
import re
import sys
import zipfile
from fractions import Fraction

import openpyxl

path = sys.argv[1]
wb = openpyxl.load_workbook(path)
ws = wb.worksheets[0]

raw = {}
with zipfile.ZipFile(path) as z:
    sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    for ref, value in re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*><v>([^<]*)</v>', sheet):
        raw[ref] = value

rows = []
for row in ws.iter_rows():
    cells = []
    for c in row:
        v = c.value
        micros = None
        if isinstance(v, (datetime.datetime, datetime.date)) and c.coordinate in raw:
            serial = Fraction(float(raw[c.coordinate]))
            micros = round((serial - 25569) * 86400000000)
        if isinstance(v, datetime.datetime):
            cells.append(["datetime", v.isoformat(timespec="microseconds"), micros])
        elif isinstance(v, datetime.date):
            cells.append(["date", v.isoformat(), micros])
        elif isinstance(v, float):  # as text: JSON readers may turn -0.0 into 0
            cells.append(["float", repr(v), None])
        elif v is None:
            cells.append(["empty", None, None])
        else:
            cells.append([type(v).__name__, v, None])
    rows.append(cells)
print(json.dumps(rows))
