#!/usr/bin/python3
"""Check a corpus written by make_corpus.py against two other readers.

    check_corpus.py DIR [--lo]

openpyxl: every workbook loads, and the text that openpyxl's values give
under the corpus's conventions is byte for byte the NAME.expected.csv (and
the sheet, row count and errors of NAME.expected.json).
--lo: LibreOffice Calc (soffice) converts each expected sheet to CSV; its
text cells must match, and the cells it shows differently (numbers and dates
take its formats) are listed to be looked at.
Exit status 1 if anything disagrees.
"""

import csv
import datetime as dt
import glob
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_corpus import FORMAT_KIND, csv_record, num_text  # noqa: E402

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL", msg)


def round_second(v):
    return (v + dt.timedelta(microseconds=500000)).replace(microsecond=0)


def text(cell):
    v = cell.value
    if v is None:
        return None
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, str):
        return v
    kind = FORMAT_KIND[cell.number_format]
    if isinstance(v, (int, float)):
        assert kind == "number", (cell.coordinate, cell.number_format)
        return num_text(v)
    if isinstance(v, dt.time):
        v = dt.datetime.combine(dt.date(2000, 1, 1), v)
    if isinstance(v, dt.datetime):
        v = round_second(v)
        return {"date": v.date().isoformat(), "datetime": v.isoformat(),
                "time": v.time().isoformat()}[kind]
    raise TypeError((cell.coordinate, v))


def sheet_of(wb, stem):
    if ".sheet" in stem:
        return wb.worksheets[int(stem.rsplit(".sheet", 1)[1]) - 1]
    return next(ws for ws in wb.worksheets if ws.sheet_state == "visible")


def check_openpyxl(d, stem):
    book = os.path.join(d, stem.split(".")[0] + ".xlsx")
    openpyxl.load_workbook(book)                       # formulas as text
    wb = openpyxl.load_workbook(book, data_only=True)  # cached values
    ws = sheet_of(wb, stem)
    grid, errors = {}, []
    for row in ws.iter_rows():
        for c in row:
            t = text(c)
            if t is not None:
                grid[(c.row, c.column)] = t
                if c.data_type == "e":
                    errors.append([f"{ws.title}!{c.coordinate}", t])
    nrows, ncols = max(r for r, _ in grid), max(c for _, c in grid)
    got = "".join(csv_record([grid.get((r, c), "") for c in range(1, ncols + 1)])
                  for r in range(1, nrows + 1))
    with open(os.path.join(d, stem + ".expected.csv"), encoding="utf-8", newline="") as f:
        want = f.read()
    if got != want:
        fail(f"{stem}: openpyxl gives\n{got}expected\n{want}")
    with open(os.path.join(d, stem + ".expected.json"), encoding="utf-8") as f:
        meta = json.load(f)
    if meta != {"sheet": ws.title, "rows": nrows, "errors": errors}:
        fail(f"{stem}: json {meta} but openpyxl: {ws.title} {nrows} {errors}")
    kinds = {(c.row, c.column): c.data_type for row in ws.iter_rows() for c in row}
    return wb.worksheets.index(ws) + 1, kinds


def check_lo(d, stem, sheetno, kinds, tmp):
    book = os.path.join(d, stem.split(".")[0] + ".xlsx")
    out = os.path.join(tmp, stem)
    os.makedirs(out, exist_ok=True)
    flt = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,{sheetno}"
    subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo-corpus", "--headless",
                    "--convert-to", flt, "--outdir", out, book],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    (path,) = glob.glob(os.path.join(out, "*.csv"))
    with open(path, encoding="utf-8", newline="") as f:
        lo = list(csv.reader(f))
    with open(os.path.join(d, stem + ".expected.csv"), encoding="utf-8", newline="") as f:
        want = list(csv.reader(f))
    shown = []
    for r, row in enumerate(want, 1):
        for c, w in enumerate(row, 1):
            g = lo[r - 1][c - 1] if r <= len(lo) and c <= len(lo[r - 1]) else ""
            if g == w:
                continue
            if kinds.get((r, c)) == "s" or (kinds.get((r, c)) is None and w == ""):
                fail(f"{stem}: LibreOffice R{r}C{c} {g!r}, expected {w!r}")
            else:
                shown.append(f"R{r}C{c} {w!r}->{g!r}")
    extra = [(r, row) for r, row in enumerate(lo, 1)
             if r > len(want) and any(row)] + \
            [(r, row) for r, row in enumerate(lo, 1) if len(row) > len(want[0]) and any(row[len(want[0]):])]
    if extra:
        fail(f"{stem}: LibreOffice has cells outside the expected extent: {extra}")
    print(f"{stem}: LibreOffice agrees on text"
          + (f"; shown differently: {', '.join(shown)}" if shown else ""))


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    d, lo = argv[1], "--lo" in argv[2:]
    stems = sorted(os.path.basename(p)[:-len(".expected.csv")]
                   for p in glob.glob(os.path.join(d, "*.expected.csv")))
    with tempfile.TemporaryDirectory() as tmp:
        for stem in stems:
            sheetno, kinds = check_openpyxl(d, stem)
            print(f"{stem}: openpyxl agrees")
            if lo:
                check_lo(d, stem, sheetno, kinds, tmp)
    for name in ("encrypted.xlsx", "legacy.xls"):
        with open(os.path.join(d, name), "rb") as f:
            head = f.read(512)
        if len(head) < 512 or not head.startswith(bytes.fromhex("D0CF11E0A1B11AE1")):
            fail(f"{name}: not an OLE2 header")
    with zipfile.ZipFile(os.path.join(d, "notxlsx.zip")) as z:
        if "xl/workbook.xml" in z.namelist():
            fail("notxlsx.zip has xl/workbook.xml")
    print("failures:", failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
