#!/usr/bin/python3
"""Prints each sheet of a workbook as [name, rows], reading the XML as a stream: a workbook of
a million rows is too big for openpyxl in a test's time, and the sheet names and row counts
are what a spreadsheet user sees of a split table."""
import json
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
with zipfile.ZipFile(sys.argv[1]) as z:
    workbook = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = []
    for sheet in workbook.iter(NS + "sheet"):
        target = targets[sheet.get(RELS + "id")].lstrip("/")
        path = target if target.startswith("xl/") else "xl/" + target
        rows = 0
        with z.open(path) as f:
            for _, element in ET.iterparse(f):
                if element.tag == NS + "row":
                    rows += 1
                    element.clear()
        out.append([sheet.get("name"), rows])
print(json.dumps(out))
