#!/usr/bin/python3
"""Reads a CSV written by Strata with pandas, the way an analyst would, and prints each cell
as JSON (None for missing, Python types as pandas gives them) so the test can compare."""
import json
import math
import sys

import pandas as pd

path = sys.argv[1]
df = pd.read_csv(path, keep_default_na=False, na_values=[""], float_precision="round_trip")
rows = []
for record in df.itertuples(index=False):
    row = []
    for v in record:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            row.append(None)
        elif hasattr(v, "item"):
            row.append(v.item())
        else:
            row.append(v)
    rows.append(row)
print(json.dumps({"columns": list(df.columns), "dtypes": [str(t) for t in df.dtypes], "rows": rows}))
