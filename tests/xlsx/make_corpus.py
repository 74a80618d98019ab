#!/usr/bin/python3
"""Write the .xlsx reader's test corpus (workbooks + what the reader must produce).

    make_corpus.py OUTDIR
        writes the workbooks of tests/xlsx/README into OUTDIR, each NAME.xlsx
        with NAME.expected.csv and NAME.expected.json.
    make_corpus.py --big N OUT.xlsx OUT.csv [--shared-strings]
        streams N prospect rows (plus a header row) into OUT.xlsx and the
        same rows into OUT.csv, for the 1M-row benchmark.  openpyxl's
        write_only mode writes inline strings; --shared-strings then moves
        them to a shared-string table, as Excel would (~1.34 distinct strings
        per row for this data, all of which a reader must hold).

Only the standard library and python3-openpyxl (3.0.9, Debian).  openpyxl
writes every string as an inline string and never writes cached formula
values, rich text, or a sheet without r= attributes, so the workbooks that
need those are written here by hand with zipfile, and the openpyxl-written
ones are repacked with their strings moved to a shared-string table, as
Excel writes them.  Repacking also pins timestamps: two runs give the same
bytes.

The expected text (the reader is written to it; see tests/xlsx/README):
  * one CSV record per sheet row, from row 1 to the last row holding a cell
    with a value, every record as wide as the widest row (columns from A);
    a <c> without a value (styled only, or a formula without cached value)
    is an empty cell and makes no row or column;
  * strings as stored (rich-text runs joined, phonetic runs left out,
    spaces kept), booleans TRUE/FALSE, errors as their text (#N/A);
  * numbers as up to 15 significant digits, no trailing zeros, no exponent;
    number formats that are not dates or times are ignored;
  * a date format gives YYYY-MM-DD, a date-and-time format
    YYYY-MM-DDTHH:MM:SS, a time format HH:MM:SS (24 h, seconds always), from
    the value rounded to the nearest second, whatever the format shows;
  * CSV: comma, fields quoted only when they hold , " CR or LF, quotes
    doubled, every record ends with \\n, UTF-8 without BOM.
"""

import datetime as dt
import io
import json
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.utils import get_column_letter, column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904

FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_ISO_TIME = "2026-01-01T00:00:00Z"

# ---------------------------------------------------------------- expected text

# How each number format used in the corpus renders (the reader must find the
# same from the format code or the built-in id).
FORMAT_KIND = {
    "General": "number",
    "yyyy-mm-dd": "date",
    "mm/dd/yyyy": "date",
    "d-mmm-yy": "date",
    "mm-dd-yy": "date",                    # openpyxl's name of built-in id 14
    "yyyy-mm-dd hh:mm:ss": "datetime",
    "m/d/yyyy h:mm": "datetime",
    "hh:mm": "time",
    "h:mm:ss AM/PM": "time",               # built-in id 19
    "0.00": "number",                      # built-in id 2
    "0%": "number",                        # built-in id 9
    "#,##0.00;[Red]-#,##0.00": "number",   # has a d, is no date
}


def num_text(x):
    """A number as Excel's General shows it, for the numbers the corpus holds."""
    if isinstance(x, bool):
        raise TypeError(x)
    if isinstance(x, int) or float(x).is_integer():
        i = int(x)
        assert abs(i) < 10**15, x
        return str(i)
    s = "%.15g" % x
    assert "e" not in s, x
    return s


def csv_field(s):
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_record(cells):
    return ",".join(csv_field(c) for c in cells) + "\n"


def write_expected(outdir, stem, sheet, grid, errors):
    """grid: {(row, col): text} of the cells with a value, 1-based."""
    nrows = max(r for r, _ in grid)
    ncols = max(c for _, c in grid)
    with open(os.path.join(outdir, stem + ".expected.csv"), "w",
              encoding="utf-8", newline="") as f:
        for r in range(1, nrows + 1):
            f.write(csv_record([grid.get((r, c), "") for c in range(1, ncols + 1)]))
    with open(os.path.join(outdir, stem + ".expected.json"), "w",
              encoding="utf-8", newline="") as f:
        json.dump({"sheet": sheet, "rows": nrows,
                   "errors": [[f"{sheet}!{ref}", e] for ref, e in errors]},
                  f, ensure_ascii=False)
        f.write("\n")


class Fmt:
    """A value with a number format."""
    def __init__(self, value, fmt):
        self.value, self.fmt = value, fmt


class Quoted:
    """A string typed with a leading apostrophe (quotePrefix style)."""
    def __init__(self, text):
        self.text = text


def text_of(v):
    if isinstance(v, Quoted):
        return v.text
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return num_text(v)
    assert isinstance(v, Fmt), v
    kind, x = FORMAT_KIND[v.fmt], v.value
    if kind == "number":
        return num_text(x)
    if isinstance(x, dt.datetime):
        assert x.microsecond == 0
        if kind == "date":
            return x.date().isoformat()
        if kind == "datetime":
            return x.isoformat(timespec="seconds")
        return x.time().isoformat(timespec="seconds")
    if isinstance(x, dt.date):
        assert kind == "date"
        return x.isoformat()
    assert isinstance(x, dt.time) and kind == "time"
    return x.isoformat(timespec="seconds")


# ---------------------------------------------------------- openpyxl workbooks

def fill_sheet(ws, rows):
    """rows: lists of values (None = no cell), row 1 first. Returns the grid."""
    grid = {}
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(v, Quoted):
                cell.value = v.text
                cell.quotePrefix = True
            elif isinstance(v, Fmt):
                cell.value = v.value
                cell.number_format = v.fmt
            else:
                assert not (isinstance(v, str) and v.startswith("=")), v
                cell.value = v
            grid[(r, c)] = text_of(v)
    return grid


INLINE_RE = re.compile(
    r'<c ([^>]*?) ?t="inlineStr"([^>]*)><is><t( xml:space="preserve")?>(.*?)</t></is></c>',
    re.S)
CT_SST = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
REL_SST = ('<Relationship Type="http://schemas.openxmlformats.org/officeDocument/'
           '2006/relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdSst"/>')


class Sharer:
    """Moves openpyxl's inline strings to a shared-string table."""
    def __init__(self):
        self.sst, self.index, self.count = [], {}, 0

    def _one(self, m):
        attrs = (m.group(1) + m.group(2)).strip()
        si = f'<si><t{m.group(3) or ""}>{m.group(4)}</t></si>'
        i = self.index.get(si)
        if i is None:
            i = self.index[si] = len(self.sst)
            self.sst.append(si)
        self.count += 1
        return f'<c {attrs} t="s"><v>{i}</v></c>'

    def sub(self, xml):
        out = INLINE_RE.sub(self._one, xml)
        assert "inlineStr" not in out
        return out

    def chunks(self):
        yield (XML_DECL + f'<sst xmlns="{NS_MAIN}" count="{self.count}" '
               f'uniqueCount="{len(self.sst)}">').encode("utf-8")
        for k in range(0, len(self.sst), 10000):
            yield "".join(self.sst[k:k + 10000]).encode("utf-8")
        yield b"</sst>"

    @staticmethod
    def package(name, data):
        """[Content_Types].xml and the workbook's rels with the table in."""
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", CT_SST.encode() + b"</Types>")
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", REL_SST.encode() + b"</Relationships>")
        return data


def repack(path, shared_strings=True):
    """Rewrite an openpyxl workbook: strings to a shared-string table (as
    Excel writes them), fixed timestamps (same bytes on every run)."""
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]
    sharer = Sharer()
    out = []
    for name, data in parts:
        if name.startswith("xl/worksheets/") and shared_strings:
            data = sharer.sub(data.decode("utf-8")).encode("utf-8")
        elif name == "docProps/core.xml":
            data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
                          FIXED_ISO_TIME.encode(), data)
        out.append((name, data))
    if sharer.sst:
        out = [(n, sharer.package(n, d)) for n, d in out]
        out.append(("xl/sharedStrings.xml", b"".join(sharer.chunks())))
    write_zip(path, out)


def repack_streaming(path):
    """repack() for a big workbook: the sheet is streamed a row at a time;
    only the table of distinct strings is held (as any writer of one must)."""
    tmp = path + ".tmp"
    sharer = Sharer()
    with zipfile.ZipFile(path) as zin, \
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            new = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            new.compress_type = zipfile.ZIP_DEFLATED
            if not info.filename.startswith("xl/worksheets/"):
                zout.writestr(new, sharer.package(info.filename, zin.read(info)))
                continue
            with zin.open(info) as src, zout.open(new, "w", force_zip64=True) as dst:
                rest = b""
                while True:
                    block = src.read(1 << 20)
                    buf = rest + block
                    if block:   # whole rows only: a cell never spans a </row>
                        cut = buf.rfind(b"</row>")
                        cut = 0 if cut < 0 else cut + len(b"</row>")
                    else:
                        cut = len(buf)
                    if cut:
                        dst.write(sharer.sub(buf[:cut].decode("utf-8")).encode("utf-8"))
                    rest = buf[cut:]
                    if not block:
                        break
        new = zipfile.ZipInfo("xl/sharedStrings.xml", FIXED_ZIP_TIME)
        new.compress_type = zipfile.ZIP_DEFLATED
        with zout.open(new, "w", force_zip64=True) as dst:
            for chunk in sharer.chunks():
                dst.write(chunk)
    os.replace(tmp, path)


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def pyxl_book(outdir, stem, sheets, active=0, epoch=None, expect=None):
    """sheets: [(name, rows, state)]; expect: {suffix: sheet index} of the
    expected files to write (suffix "" = the default read)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if epoch is not None:
        wb.epoch = epoch
    grids = []
    for name, rows, state, merges in sheets:
        ws = wb.create_sheet(name)
        ws.sheet_state = state
        grids.append(fill_sheet(ws, rows))
        for m in merges:
            ws.merge_cells(m)
    wb.active = active
    for i, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = i == active
    path = os.path.join(outdir, stem + ".xlsx")
    wb.save(path)
    repack(path)
    for suffix, i in (expect or {"": active}).items():
        write_expected(outdir, stem + suffix, sheets[i][0], grids[i], [])


# ------------------------------------------------------- hand-written workbooks

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# xf 0: General; xf 1: wrapped text (a cell with a line break); xf 2: a fill
# (a styled empty cell, as Excel writes for formatted blank cells).
STYLES = (XML_DECL + f'<styleSheet xmlns="{NS_MAIN}">'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="3"><fill><patternFill patternType="none"/></fill>'
          '<fill><patternFill patternType="gray125"/></fill>'
          '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>'
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
          '<alignment wrapText="1"/></xf>'
          '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs>'
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
          '</styleSheet>')


def t_elem(text):
    sp = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f"<t{sp}>{escape(text)}</t>"


class SST:
    def __init__(self):
        self.items, self.index, self.count = [], {}, 0

    def add(self, inner):
        """inner: the XML inside <si>. Returns its index."""
        self.count += 1
        if inner not in self.index:
            self.index[inner] = len(self.items)
            self.items.append(inner)
        return self.index[inner]

    def xml(self):
        return (XML_DECL + f'<sst xmlns="{NS_MAIN}" count="{self.count}" '
                f'uniqueCount="{len(self.items)}">'
                + "".join(f"<si>{i}</si>" for i in self.items) + "</sst>")


class HandSheet:
    """Cells by reference; each records its XML and the text expected."""
    def __init__(self, name, sst, state=None, target=None):
        self.name, self.sst, self.state, self.target = name, sst, state, target
        self.cells = {}        # (row, col) -> xml
        self.grid = {}         # (row, col) -> text, cells with a value
        self.errors = []
        self.row_attrs = {}    # row -> extra attributes of <row>
        self.merges = []
        self.raw_data = None   # literal <sheetData> content, if given

    def _put(self, ref, xml, text):
        m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
        key = (int(m.group(2)), column_index_from_string(m.group(1)))
        assert key not in self.cells, ref
        self.cells[key] = xml
        if text is not None:
            self.grid[key] = text

    def s(self, ref, text, style=None):
        st = f' s="{style}"' if style is not None else ""
        i = self.sst.add(t_elem(text))
        self._put(ref, f'<c r="{ref}"{st} t="s"><v>{i}</v></c>', text)

    def srich(self, ref, inner, text, style=None):
        st = f' s="{style}"' if style is not None else ""
        i = self.sst.add(inner)
        self._put(ref, f'<c r="{ref}"{st} t="s"><v>{i}</v></c>', text)

    def inl(self, ref, text=None, inner=None):
        inner = inner if inner is not None else t_elem(text)
        self._put(ref, f'<c r="{ref}" t="inlineStr"><is>{inner}</is></c>', text)

    def n(self, ref, v, text=None, t_attr=False):
        t = ' t="n"' if t_attr else ""
        self._put(ref, f'<c r="{ref}"{t}><v>{v}</v></c>',
                  text if text is not None else num_text(float(v) if "." in v else int(v)))

    def b(self, ref, v):
        self._put(ref, f'<c r="{ref}" t="b"><v>{int(v)}</v></c>', "TRUE" if v else "FALSE")

    def f(self, ref, formula, cached, t=None, text=None, fattrs=""):
        """A formula; cached None = no <v> (no value, an empty cell)."""
        ta = f' t="{t}"' if t else ""
        fx = f"<f{fattrs}/>" if formula is None else f"<f{fattrs}>{escape(formula)}</f>"
        v = "" if cached is None else f"<v>{escape(cached)}</v>"
        if cached is None:
            text = None
        elif text is None:
            if t in ("str", "e"):
                text = cached
            elif t == "b":
                text = "TRUE" if cached == "1" else "FALSE"
            else:
                text = num_text(float(cached) if "." in cached else int(cached))
        self._put(ref, f'<c r="{ref}"{ta}>{fx}{v}</c>', text)
        if t == "e":
            self.errors.append((ref, cached))

    def e(self, ref, err):
        self._put(ref, f'<c r="{ref}" t="e"><v>{escape(err)}</v></c>', err)
        self.errors.append((ref, err))

    def blank(self, ref, style=2):
        self._put(ref, f'<c r="{ref}" s="{style}"/>', None)

    def xml(self):
        if self.raw_data is not None:
            data = self.raw_data
        else:
            rows = sorted({r for r, _ in self.cells} | set(self.row_attrs))
            data = ""
            for r in rows:
                cs = "".join(self.cells[k] for k in sorted(self.cells) if k[0] == r)
                attrs = self.row_attrs.get(r, "")
                data += (f'<row r="{r}"{attrs}>{cs}</row>' if cs
                         else f'<row r="{r}"{attrs}/>')
        merges = ""
        if self.merges:
            merges = (f'<mergeCells count="{len(self.merges)}">'
                      + "".join(f'<mergeCell ref="{m}"/>' for m in self.merges)
                      + "</mergeCells>")
        return (XML_DECL + f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
                f"<sheetData>{data}</sheetData>{merges}</worksheet>")


def hand_book(outdir, stem, sheets, sst, active=0, expect=None):
    """sheets: HandSheets in workbook order; a sheet's target defaults to
    worksheets/sheetN.xml (N = its position)."""
    ct = [f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          f'<Override PartName="/xl/workbook.xml" ContentType="{CT}sheet.main+xml"/>',
          f'<Override PartName="/xl/styles.xml" ContentType="{CT}styles+xml"/>']
    rels, entries, parts = [], [], []
    for i, sh in enumerate(sheets, 1):
        target = sh.target or f"worksheets/sheet{i}.xml"
        ct.append(f'<Override PartName="/xl/{target}" ContentType="{CT}worksheet+xml"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{NS_R}/worksheet" Target="{target}"/>')
        state = f' state="{sh.state}"' if sh.state else ""
        entries.append(f'<sheet name="{escape(sh.name)}" sheetId="{i}"{state} r:id="rId{i}"/>')
        parts.append((f"xl/{target}", sh.xml()))
    rels.append(f'<Relationship Id="rIdStyles" Type="{NS_R}/styles" Target="styles.xml"/>')
    parts.append(("xl/styles.xml", STYLES))
    if sst.items:
        ct.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}sharedStrings+xml"/>')
        rels.append(f'<Relationship Id="rIdSst" Type="{NS_R}/sharedStrings" Target="sharedStrings.xml"/>')
        parts.append(("xl/sharedStrings.xml", sst.xml()))
    head = [
        ("[Content_Types].xml", XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types">' + "".join(ct) + "</Types>"),
        ("_rels/.rels", XML_DECL + f'<Relationships xmlns="{NS_PKG_R}"><Relationship Id="rId1" '
         f'Type="{NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", XML_DECL + f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
         f'<bookViews><workbookView activeTab="{active}"/></bookViews>'
         f'<sheets>{"".join(entries)}</sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", XML_DECL + f'<Relationships xmlns="{NS_PKG_R}">'
         + "".join(rels) + "</Relationships>"),
    ]
    write_zip(os.path.join(outdir, stem + ".xlsx"),
              [(n, d.encode("utf-8")) for n, d in head + parts])
    for suffix, i in (expect or {"": active}).items():
        sh = sheets[i]
        write_expected(outdir, stem + suffix, sh.name, sh.grid, sh.errors)


# ------------------------------------------------------------------ the corpus

HEAD = ["First Name", "Last Name", "Email", "Company", "Phone"]


def make_shared(outdir):
    rows = [
        HEAD + ["Account ID", "Score", "Opted In", "Notes"],
        ["Ada", "Quill", "ada.quill@example.com", "Acme, Inc.", 5551234567,
         100000000000001, 0.1, True, "Met at the expo"],
        ["Bram", "Okafor", "bram@example.org", 'The "Best" Widgets',
         Quoted("0199001189"), 42, 2.5, False, "Phone typed as '0199001189"],
        ["Cyd", "Lindqvist", "cyd@example.net", "Northwind Traders", 5550001111,
         -42, 1234567.5, True, None],
        ["Dee", "Park", "dee.park@example.com", "Globex", None,
         7, -0.25, False, "  two spaces before, one after "],
        ["Eli", "Moreau", "eli@example.com", "Acme, Inc.", "0199001189",
         0, 3.14159, True, "TRUE"],
    ]
    pyxl_book(outdir, "shared", [("Leads", rows, "visible", [])])


def make_inline(outdir):
    sst = SST()
    sh = HandSheet("Leads", sst)
    for col, h in zip("ABCDEF", HEAD + ["Notes"]):
        sh.inl(f"{col}1", h)
    data = [("Fay", "Ng", "fay.ng@example.com", "Initech", "5550102030", "Inline only"),
            ("Gus", "Berg", "gus@example.org", "Umbrella, Ltd.", None, " spaced "),
            ("Hal", "Ito", "hal.ito@example.net", 'Say "hi"', "5550405060", "")]
    for r, row in enumerate(data, 2):
        for col, v in zip("ABCDEF", row):
            if v is None:
                continue
            if col == "E":
                sh.n(f"{col}{r}", v)
            elif v == "":
                sh.inl(f"{col}{r}", "", inner="<t/>")
            else:
                sh.inl(f"{col}{r}", v)
    hand_book(outdir, "inline", [sh], sst)


def make_richtext(outdir):
    sst = SST()
    sh = HandSheet("Leads", sst)
    for col, h in zip("ABCDEF", ["First Name", "Last Name", "Email", "Company", "City", "Notes"]):
        sh.s(f"{col}1", h)
    # row 2: non-ASCII, rich runs, phonetic run (not part of the text)
    sh.s("A2", "Zoë")
    sh.s("B2", "Müller")
    sh.s("C2", "zoe.mueller@example.de")
    sh.srich("D2", '<r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t>Müller</t></r>'
             '<r><rPr><sz val="11"/><rFont val="Calibri"/></rPr>'
             '<t xml:space="preserve"> &amp; Söhne</t></r>', "Müller & Söhne")
    sh.srich("E2", '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>'
             '<phoneticPr fontId="0" type="noConversion"/>', "東京")
    sh.srich("F2", '<r><rPr><b/></rPr><t>Hel</t></r><r><t xml:space="preserve">lo </t></r>',
             "Hello ")
    # row 3: entities, inline rich text, a line break inside a cell
    sh.s("A3", "太郎")
    sh.s("B3", "山田")
    sh.s("C3", "taro.yamada@example.jp")
    sh.srich("D3", '<t>&lt;Beta&gt; &quot;Labs&quot; &amp; Co</t>', '<Beta> "Labs" & Co')
    sh.inl("E3", "Ōsaka (HQ)", inner='<r><t>Ōsaka</t></r>'
           '<r><rPr><i/></rPr><t xml:space="preserve"> (HQ)</t></r>')
    sh.s("F3", "Call re: Café order\nthen email the quote", style=1)
    # row 4: character reference, 4-byte UTF-8, kept spaces
    sh.s("A4", "Ïñès")
    sh.srich("B4", "<t>O&#8217;Brien</t>", "O\u2019Brien")
    sh.s("C4", "ines.obrien@example.ie")
    sh.s("D4", "🚀 Rocket Co")
    sh.s("E4", "  Dublin  ")
    sh.srich("F4", '<r><t>a&amp;b, </t></r><r><rPr><u/></rPr><t>c&gt;d</t></r>', "a&b, c>d")
    hand_book(outdir, "richtext", [sh], sst)


DATE_HEAD = ["Name", "Signed up", "Next call", "Met", "Birthday", "Last contact",
             "Meeting", "Call at", "Slot", "Deal", "Margin", "Balance"]
DATE_FMTS = [None, "yyyy-mm-dd", "mm/dd/yyyy", "d-mmm-yy", "mm-dd-yy",
             "yyyy-mm-dd hh:mm:ss", "m/d/yyyy h:mm", "hh:mm", "h:mm:ss AM/PM",
             "0.00", "0%", "#,##0.00;[Red]-#,##0.00"]
D, DT, T = dt.date, dt.datetime, dt.time
DATE_ROWS = [
    ["Ada Quill", D(2026, 3, 5), D(2026, 3, 5), D(2026, 3, 5), D(1990, 7, 14),
     DT(2026, 3, 5, 14, 30), DT(2026, 3, 5, 14, 30, 45), T(14, 30), T(14, 30),
     2.5, 0.25, -1234.5],
    ["Bram Okafor", D(2024, 2, 29), D(2000, 1, 1), D(1999, 12, 31), D(1950, 6, 15),
     DT(2026, 12, 31, 23, 59, 59), DT(2026, 1, 2, 8, 5), T(9, 5, 7), T(0, 0),
     1234567.5, 1, 1234.5],
    # a time of day under a date-only format: the date alone
    ["Cyd Lindqvist", DT(2026, 3, 5, 14, 30), D(2031, 11, 9), D(1904, 1, 2), D(1972, 2, 29),
     DT(1904, 1, 2, 0, 0, 1), DT(2000, 2, 29, 12, 0), T(23, 59, 59), T(12, 0, 1),
     0.1, 0, 0],
]


def date_rows(extra=()):
    rows = [DATE_HEAD]
    for row in list(DATE_ROWS) + list(extra):
        rows.append([v if f is None else Fmt(v, f) for v, f in zip(row, DATE_FMTS)])
    return rows


def make_dates(outdir):
    # 1900-03-01 is serial 61, the first day after Excel's fictitious 1900-02-29
    extra = [["Dee Park", D(1900, 3, 1), D(1900, 3, 1), D(1900, 3, 1), D(1900, 3, 1),
              DT(1900, 3, 1, 6, 0), DT(1900, 3, 1, 18, 15, 30), T(6, 0), T(18, 15, 30),
              -0.25, 0.5, 0]]
    pyxl_book(outdir, "dates", [("Leads", date_rows(extra), "visible", [])])


def make_date1904(outdir):
    pyxl_book(outdir, "date1904", [("Leads", date_rows(), "visible", [])],
              epoch=CALENDAR_MAC_1904)


def make_formulas(outdir):
    sst = SST()
    sh = HandSheet("Pipeline", sst)
    own = HandSheet("Owners", sst)
    for col, h in zip("ABCDEFGH", ["Company", "Seats", "Price", "Total", "Label",
                                   "Big deal", "Per seat", "Owner"]):
        sh.s(f"{col}1", h)
    own.s("A1", "Company")
    own.s("B1", "Owner")
    for r, (co, owner) in enumerate([("Acme", "Dana Reyes"), ("Globex", "Ken Oduya"),
                                     ("Initech", "Dana Reyes")], 2):
        own.s(f"A{r}", co)
        own.s(f"B{r}", owner)
    lookup = "VLOOKUP(A{0},Owners!$A$2:$B$4,2,FALSE)"
    # Acme
    sh.s("A2", "Acme"); sh.n("B2", "42"); sh.n("C2", "2")
    sh.f("D2", "B2*C2", "84")
    sh.f("E2", 'A2&"-"&B2', "Acme-42", t="str")
    sh.f("F2", "D2>1000", "0", t="b")
    sh.f("G2", "D2/B2", "2")
    sh.f("H2", lookup.format(2), "Dana Reyes", t="str")
    # Globex: a shared formula (Excel writes the first cell's text only)
    sh.s("A3", "Globex"); sh.n("B3", "10"); sh.n("C3", "150")
    sh.f("D3", "B3*C3", "1500", fattrs=' t="shared" ref="D3:D5" si="0"')
    sh.f("E3", 'A3&"-"&B3', "Globex-10", t="str")
    sh.f("F3", "D3>1000", "1", t="b")
    sh.f("G3", "D3/B3", "150")
    sh.f("H3", lookup.format(3), "Ken Oduya", t="str")
    # Initech: no seats, so an error
    sh.s("A4", "Initech"); sh.n("B4", "0"); sh.n("C4", "99")
    sh.f("D4", None, "0", fattrs=' t="shared" si="0"')
    sh.f("E4", 'A4&"-"&B4', "Initech-0", t="str")
    sh.f("F4", "D4>1000", "0", t="b")
    sh.f("G4", "D4/B4", "#DIV/0!", t="e")
    sh.f("H4", lookup.format(4), "Dana Reyes", t="str")
    # Umbrella: a cached value with float noise, shown with 15 digits: 0.3
    sh.s("A5", "Umbrella"); sh.n("B5", "3"); sh.n("C5", "0.1")
    sh.f("D5", None, "0.30000000000000004", fattrs=' t="shared" si="0"', text="0.3")
    sh.f("E5", 'A5&"-"&B5', "Umbrella-3", t="str")
    sh.f("F5", "D5>1000", "0", t="b")
    sh.f("G5", "D5/B5", "0.1")
    sh.e("H5", "#N/A")      # an error value typed in, no formula
    # Hooli: formulas without a cached value (as openpyxl writes them), and a
    # string formula whose cached value is the empty string
    sh.s("A6", "Hooli"); sh.n("B6", "5"); sh.n("C6", "20")
    sh.f("D6", "B6*C6", None)
    sh.f("E6", 'IF(B6>9,A6,"")', "", t="str")
    sh.f("F6", "D6>1000", None)
    sh.f("G6", "D6/B6", None)
    sh.f("H6", f"IFERROR({lookup.format(6)},\"\")", "", t="str")
    hand_book(outdir, "formulas", [sh, own], sst)


def make_merged(outdir):
    rows = [
        ["Q3 leads"],
        HEAD,
        ["Ivo", "Kral", "ivo.kral@example.cz", "Acme, Inc.", 5552223333],
        ["Jun", "Sato", "jun.sato@example.jp", None, 5554445555],   # merged D3:D4
        ["Kim", "Lee", "kim.lee@example.kr", "Globex", None],
        ["Notes for the whole list", None, None, None, None],      # merged A6:E6
    ]
    pyxl_book(outdir, "merged",
              [("Leads", rows, "visible", ["A1:E1", "D3:D4", "A6:E6"])])


def make_emptyfirst(outdir):
    rows = [
        [],
        HEAD,
        ["Lia", "Rossi", "lia.rossi@example.it", "Initech", 5556667777],
        ["Max", "Braun", "max.braun@example.de", "Umbrella", None],
        [],
        [None, "Oz", "oz@example.com", None, "0155512345"],
        ["Pia", "Holm", "pia.holm@example.se", "Northwind", 5558889999],
    ]
    pyxl_book(outdir, "emptyfirst", [("Leads", rows, "visible", [])])


def make_hidden(outdir):
    old = [["Name", "Status"], ["Old Contact", "bounced"], ["Stale Lead", "unsubscribed"]]
    leads = [HEAD,
             ["Quin", "Abbott", "quin@example.com", "Acme, Inc.", 5551112222],
             ["Rae", "Cole", "rae.cole@example.org", "Globex", "0199001189"]]
    q4 = [HEAD + ["Region"],
          ["Sam", "Diaz", "sam.diaz@example.com", "Initech", 5553334444, "West"],
          ["Tia", "Eze", "tia.eze@example.net", "Hooli", None, "East, NY"],
          ["Uma", "Fox", "uma.fox@example.org", "Umbrella", 5556660000, None]]
    pyxl_book(outdir, "hidden",
              [("Old import", old, "hidden", []), ("Leads", leads, "visible", []),
               ("Q4 leads", q4, "visible", [])],
              active=1, expect={"": 1, ".sheet3": 2})


def make_sparse(outdir):
    sst = SST()
    # The first sheet in workbook order lives in sheet2.xml: the reader follows
    # workbook.xml and its rels, not part names.
    sh = HandSheet("Sparse", sst, target="worksheets/sheet2.xml")
    sh.s("A1", "Name"); sh.s("C1", "Email"); sh.s("F1", "Notes")
    sh.s("A2", "Vic Hale"); sh.s("F2", "no email yet")
    sh.s("C5", "lone.email@example.com")
    sh.n("B7", "5557778888", t_attr=True); sh.b("D7", True)
    sh.row_attrs[7] = ' spans="2:4"'
    # formatted but empty: a styled <c> without a value, and a row without
    # cells, after the data: neither makes a record or a column
    sh.blank("H7")
    sh.blank("B9")
    sh.row_attrs[10] = ' ht="24" customHeight="1"'
    # The second sheet leaves out r= on rows and cells (positions follow the
    # previous one; a <c/> without value still takes its column).
    norefs = HandSheet("No refs", sst, target="worksheets/sheet1.xml")

    def si(text):
        return f'<c t="s"><v>{sst.add(t_elem(text))}</v></c>'
    norefs.raw_data = (
        "<row>" + si("Name") + si("Email") + si("Company") + si("Phone") + "</row>"
        "<row>" + si("Wes Ory") + "<c/>" + si("Acme") + "<c><v>5550001234</v></c></row>"
        '<row r="4"><c r="B4" t="s"><v>' + str(sst.add(t_elem("x@example.com"))) + "</v></c>"
        + si("Globex") + "</row>"
        "<row>" + si("Yan Zhu") + "</row>")
    norefs.grid = {(1, 1): "Name", (1, 2): "Email", (1, 3): "Company", (1, 4): "Phone",
                   (2, 1): "Wes Ory", (2, 3): "Acme", (2, 4): "5550001234",
                   (4, 2): "x@example.com", (4, 3): "Globex",
                   (5, 1): "Yan Zhu"}
    hand_book(outdir, "sparse", [sh, norefs], sst, expect={"": 0, ".sheet2": 1})


def ole2_bytes(size, streams=()):
    """The start of a compound file (as .xls and encrypted .xlsx are), with
    directory entries (128 bytes each, the name in UTF-16LE) for `streams`
    in the sector after the header, where a small file keeps them."""
    head = (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16)
            + bytes.fromhex("3E00" "0300" "FEFF" "0900" "0600"))
    head += bytes(512 - len(head))
    for name in streams:
        n = name.encode("utf-16-le") + b"\0\0"
        head += n + bytes(64 - len(n)) + len(n).to_bytes(2, "little") + b"\x02" + bytes(61)
    return head + bytes(size - len(head))


def make_not_workbooks(outdir):
    # an encrypted workbook is a compound file holding these two streams;
    # an .xls holds a Workbook stream
    for name, size, streams in (("encrypted.xlsx", 4096, ("EncryptionInfo", "EncryptedPackage")),
                                ("legacy.xls", 1536, ("Workbook",))):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(ole2_bytes(size, streams))
    write_zip(os.path.join(outdir, "notxlsx.zip"),
              [("README.txt", b"A zip, but no xl/workbook.xml in it.\n"),
               ("leads.csv", b"First Name,Email\nAda,ada@example.com\n")])


def make_corpus(outdir):
    os.makedirs(outdir, exist_ok=True)
    for make in (make_shared, make_inline, make_richtext, make_dates, make_date1904,
                 make_formulas, make_merged, make_emptyfirst, make_hidden,
                 make_sparse, make_not_workbooks):
        make(outdir)


# ----------------------------------------------------------------- big mode

FIRST = ["Ada", "Bram", "Cyd", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivo", "Jun",
         "Kim", "Lia", "Max", "Oz", "Pia", "Quin", "Rae", "Sam", "Tia", "Uma",
         "Zoë", "Ïñès"]
LAST = ["Quill", "Okafor", "Lindqvist", "Park", "Moreau", "Ng", "Berg", "Ito",
        "Kral", "Sato", "Lee", "Rossi", "Braun", "Holm", "Abbott", "Cole", "Diaz",
        "Eze", "Fox", "Müller", "O'Brien"]
COMPANY = ["Acme, Inc.", "Globex", "Initech", "Umbrella", "Northwind Traders",
           "Hooli", 'The "Best" Widgets', "Müller & Söhne"]
TITLE = ["CEO", "CTO", "VP Sales", "Head of Growth", "Sales Manager",
         "Account Executive", "Founder"]
CITY = ["Portland, OR", "Austin", "Zürich", "東京", "Lyon", "Dublin", "Toronto"]


def big_row(i):
    first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
    user = re.sub(r"[^a-z.]", "", (first + "." + last).lower().encode("ascii", "ignore")
                  .decode()) or "lead"
    email = f"{user}.{i}@example.com"
    # every third phone is text (as typed with a leading 0), the rest numbers
    phone = f"0{1550000000 + i}" if i % 3 == 0 else 5550000000 + i
    return [first, last, email, COMPANY[i % len(COMPANY)], TITLE[(i * 3) % len(TITLE)],
            phone, CITY[(i * 5) % len(CITY)]]


def make_big(n, xlsx_path, csv_path, shared_strings=False):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Leads")
    head = ["First Name", "Last Name", "Email", "Company", "Title", "Phone", "City"]
    with open(csv_path, "w", encoding="utf-8", newline="") as out:
        ws.append(head)
        out.write(csv_record(head))
        for i in range(n):
            row = big_row(i)
            ws.append(row)
            out.write(csv_record([text_of(v) for v in row]))
        wb.save(xlsx_path)
    if shared_strings:
        repack_streaming(xlsx_path)


def main(argv):
    if len(argv) in (5, 6) and argv[1] == "--big" and argv[5:] in ([], ["--shared-strings"]):
        make_big(int(argv[2]), argv[3], argv[4], shared_strings=len(argv) == 6)
    elif len(argv) == 2 and not argv[1].startswith("-"):
        make_corpus(argv[1])
    else:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
