#!/bin/sh
# export contacts while contacts it has read already are deleted: a sandbox
# of 1,000 (the seed's 300 and 700 from --generate-contacts) is exported
# with --jobs 1 through a small proxy that, once 5 pages have been read
# oldest first, answers as Apollo would after the 100 oldest contacts were
# deleted: every later page is the one after it, and total_entries is 900.
# The 100 contacts that moved onto page 5, read already, are never seen,
# and Apollo's latest count (900) equals what was read: the export must not
# take that for complete. It says it is NOT complete and exits 1.
# Deterministic: the proxy counts requests, no timing.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0 --generate-contacts 700
UP=$(cat port)

cat > proxy.py <<'PY'
import http.client, http.server, json, sys, threading
up, port_file, after = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
seen = {'search': 0}
lock = threading.Lock()

def send(method, path, body, headers):
    c = http.client.HTTPConnection('127.0.0.1', up, timeout=60)
    c.request(method, path, body, headers)
    r = c.getresponse()
    return r.status, r.getheaders(), r.read()

class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a):
        pass
    def handle_one(self, method):
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ('connection', 'host')}
        shifted = None
        if self.path.endswith('/contacts/search'):
            with lock:
                seen['search'] += 1
                deleted = seen['search'] > after
            q = json.loads(body or b'{}')
            if deleted and q.get('sort_ascending') and int(q.get('page', 1)) >= 1:
                # the 100 oldest are gone: page N now holds what page N+1 held
                shifted = int(q.get('page', 1))
                q['page'] = shifted + 1
                body = json.dumps(q).encode()
                headers['Content-Length'] = str(len(body))
        st, hs, out = send(method, self.path, body, headers)
        if self.path.endswith('/contacts/search') and seen['search'] > after and st == 200:
            r = json.loads(out)
            pg = r.get('pagination') or {}
            pg['total_entries'] = int(pg.get('total_entries', 0)) - 100
            pg['total_pages'] = (pg['total_entries'] + 99) // 100
            if shifted is not None:
                pg['page'] = shifted
            r['pagination'] = pg
            out = json.dumps(r).encode()
        self.send_response(st)
        for k, v in hs:
            if k.lower() not in ('connection', 'content-length', 'transfer-encoding', 'date', 'server'):
                self.send_header(k, v)
        self.send_header('Content-Length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    def do_GET(self):
        self.handle_one('GET')
    def do_POST(self):
        self.handle_one('POST')

srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Proxy)
with open(port_file + '.tmp', 'w') as f:
    f.write('%d\n' % srv.server_address[1])
import os
os.rename(port_file + '.tmp', port_file)
srv.serve_forever()
PY
/usr/bin/python3 proxy.py "$UP" proxy.port 5 2> proxy.err &
PROXY_PID=$!
# the proxy serves until stopped: stopped whatever way the test ends
trap 'st=$?; kill -TERM "$PROXY_PID" 2> /dev/null; sandbox_exit; [ "$sandbox_failed" = 0 ] || st=1; exit $st' EXIT
n=0
while [ ! -s proxy.port ]; do
	n=$((n + 1))
	[ $n -le 100 ] || fail "the proxy did not start: $(cat proxy.err)"
	kill -0 "$PROXY_PID" 2> /dev/null || fail "the proxy exited: $(cat proxy.err)"
	sleep 0.1
done
APOLLO_BASE_URL=http://127.0.0.1:$(cat proxy.port)/api/v1 APOLLO_API_KEY=$KEY \
	"$APOLLO_CSV" export contacts --jobs 1 -o all.csv 2> err
st=$?
[ $st = 1 ] || fail "export while contacts were deleted: exit status $st, expected 1 ($(cat err))"
grep -q "NOT complete" err || fail "export while contacts were deleted: no NOT complete warning: $(cat err)"
python3 - <<'PY' || fail "export while contacts were deleted: the file"
import csv
ids = [r['contact_id'] for r in csv.DictReader(open('all.csv', encoding='utf-8-sig'))]
# pages 1-5 and what were pages 7-10: 900 contacts, each once
assert len(ids) == 900 and len(set(ids)) == 900, (len(ids), len(set(ids)))
PY
exit 0
