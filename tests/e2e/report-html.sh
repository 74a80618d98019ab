#!/bin/sh
# the HTML sequence report: one self-contained page (nothing fetched, no
# script), rendered by headless Chromium (installed by quickstart): the
# screenshot is not blank and the page logs no console error. Also what
# the page says: every sequence, its numbers, "loading" kept.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
"$APOLLO_CSV" export sequences -q --format html -o report.html 2> err
[ $? = 1 ] || fail "export sequences --format html: expected exit status 1 (numbers loading): $(cat err)"
grep -q '<svg' report.html || fail "report.html has no chart"
! grep -Eiq '<script|src=|href=|url\(|@import' report.html || fail "report.html is not self-contained"
python3 - "$SEED" <<'PY' || fail "report.html lacks a sequence or a number"
import json, sys, html
page = open('report.html', encoding='utf-8').read()
seed = json.load(open(sys.argv[1]))
for s in seed['sequences']:
    assert html.escape(s['name']) in page, s['name']
assert 'loading' in page and 'Funnel' in page
PY

BROWSER=$(command -v chromium || command -v chromium-browser || true)
[ -n "$BROWSER" ] || fail "headless Chromium is needed for this test (Debian package chromium; ./quickstart test installs it)"
# a browser profile of its own, so parallel tests do not share one
"$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$PWD/profile" \
	--window-size=1000,1400 --enable-logging=stderr --log-level=0 \
	--screenshot="$PWD/shot.png" "file://$PWD/report.html" > chrome.out 2> chrome.err ||
	fail "chromium failed: $(tail -5 chrome.err)"
! grep -i 'CONSOLE' chrome.err | grep -Eiq 'error|uncaught' ||
	fail "console errors: $(grep -i CONSOLE chrome.err)"
python3 - <<'PY' || fail "the screenshot looks blank"
import struct, zlib
data = open('shot.png', 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat, w = 8, b'', 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
        assert depth == 8 and ctype in (2, 6), (depth, ctype)
        bpp = 3 if ctype == 2 else 4
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours, inked, total = set(), 0, 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 4 == 0:
        for x in range(0, w, 4):
            px = tuple(line[x * bpp:x * bpp + 3])
            colours.add(px)
            total += 1
            inked += px != (255, 255, 255)
assert len(colours) > 20 and inked > total * 0.03, (len(colours), inked, total)
PY
