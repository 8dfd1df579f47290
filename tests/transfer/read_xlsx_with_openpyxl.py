#!/usr/bin/python3
"""Reads a workbook Strata wrote with openpyxl and prints what a spreadsheet user would get:
per sheet its name, frozen pane, autofilter, header font, and each cell's Python type and
value (dates as ISO text, datetimes with microseconds)."""
import datetime
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, datetime.datetime):
                cells.append(["datetime", v.isoformat(timespec="microseconds")])
            elif isinstance(v, datetime.date):
                cells.append(["date", v.isoformat()])
            elif v is None:
                cells.append(["empty", None])
            else:
                cells.append([type(v).__name__, v])
        rows.append(cells)
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                "header_bold": bool(ws["A1"].font.b), "rows": rows})
print(json.dumps(out))
