#!/bin/sh
# export contacts past the 50,000 cap while contacts are added: a sandbox of
# 60,000 (the seed's 300 and 59,700 from --generate-contacts) is exported
# with --jobs 1 through a small proxy that, just before the 505th
# contacts/search request (the newest-first read under way), creates 100
# contacts in the sandbox. They sort newest, in front of the pages still to
# read: the export must notice it is short and look again, so the file
# holds all 60,100 contacts once, exit 0, for no more than 1.05 search
# calls a page of 100. Deterministic: the proxy counts requests, no timing.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0 --generate-contacts 59700
UP=$(cat port)

cat > proxy.py <<'PY'
import http.client, http.server, json, sys, threading
up, port_file, at = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
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
        if self.path.endswith('/contacts/search'):
            with lock:
                seen['search'] += 1
                if seen['search'] == at:
                    new = [{'first_name': 'Late', 'last_name': 'Comer%d' % i,
                            'email': 'late%d@meanwhile-e2e.example' % i, 'organization_name': 'Meanwhile Co'}
                           for i in range(100)]
                    st, _, _ = send('POST', '/api/v1/contacts/bulk_create', json.dumps({'contacts': new}),
                                    {'x-api-key': self.headers.get('x-api-key', ''),
                                     'Content-Type': 'application/json'})
                    assert st == 200, st
        st, hs, out = send(method, self.path, body, headers)
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
/usr/bin/python3 proxy.py "$UP" proxy.port 505 2> proxy.err &
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
stats; mv stats stats.0
APOLLO_BASE_URL=http://127.0.0.1:$(cat proxy.port)/api/v1 APOLLO_API_KEY=$KEY \
	"$APOLLO_CSV" export contacts --jobs 1 -o all.csv 2> err
st=$?
[ $st = 0 ] || fail "export while contacts were added: exit status $st ($(cat err))"
stats
python3 - <<'PY' || fail "export while contacts were added: $(tail -3 err)"
import csv, json, math
b, a = json.load(open('stats.0')), json.load(open('stats'))
assert a['contacts'] == 60100, a['contacts']
search = a['requests']['POST /api/v1/contacts/search'] - b['requests'].get('POST /api/v1/contacts/search', 0)
rows = list(csv.DictReader(open('all.csv', encoding='utf-8-sig')))
ids = [r['contact_id'] for r in rows]
assert len(ids) == 60100 and len(set(ids)) == 60100, (len(ids), len(set(ids)))
late = {'late%d@meanwhile-e2e.example' % i for i in range(100)} - {r['email'] for r in rows}
assert not late, sorted(late)[:3]
assert 601 <= search <= 601 * 1.05, search
PY
exit 0
