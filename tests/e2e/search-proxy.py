"""search-proxy.py - stands between apollo-csv and apollo-sandbox and
changes the contacts under an export while it reads them, as Apollo's own
would change when people add or delete contacts meanwhile. Deterministic:
it counts contacts/search requests, no timing.

    python3 search-proxy.py UPSTREAM_PORT PORT_FILE add N
        just before the Nth search, creates 100 contacts in the sandbox
        (late0..late99@meanwhile-e2e.example)
    python3 search-proxy.py UPSTREAM_PORT PORT_FILE delete N
        after N searches, answers as Apollo would once the 100 oldest
        contacts are gone: an oldest-first page P holds what page P+1 held,
        and every search's total_entries is 100 fewer

Everything else passes through. Listens on a free port of 127.0.0.1,
written to PORT_FILE once it accepts; serves until stopped."""
import http.client
import http.server
import json
import os
import sys
import threading

up, port_file, mode, at = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
assert mode in ('add', 'delete'), mode
seen = {'search': 0}
lock = threading.Lock()


def send(method, path, body, headers):
    c = http.client.HTTPConnection('127.0.0.1', up, timeout=60)
    c.request(method, path, body, headers)
    r = c.getresponse()
    return r.status, r.getheaders(), r.read()


def add_contacts(key):
    new = [{'first_name': 'Late', 'last_name': 'Comer%d' % i,
            'email': 'late%d@meanwhile-e2e.example' % i, 'organization_name': 'Meanwhile Co'}
           for i in range(100)]
    st, _, _ = send('POST', '/api/v1/contacts/bulk_create', json.dumps({'contacts': new}),
                    {'x-api-key': key, 'Content-Type': 'application/json'})
    assert st == 200, st


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *a):
        pass

    def handle_one(self, method):
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ('connection', 'host')}
        search = self.path.endswith('/contacts/search')
        deleted, shifted = False, None
        if search:
            with lock:
                seen['search'] += 1
                if mode == 'add' and seen['search'] == at:
                    add_contacts(self.headers.get('x-api-key', ''))
                deleted = mode == 'delete' and seen['search'] > at
            q = json.loads(body or b'{}')
            if deleted and q.get('sort_ascending') and int(q.get('page', 1)) >= 1:
                # the 100 oldest are gone: page P now holds what page P+1 held
                shifted = int(q.get('page', 1))
                q['page'] = shifted + 1
                body = json.dumps(q).encode()
                headers['Content-Length'] = str(len(body))
        st, hs, out = send(method, self.path, body, headers)
        if deleted and st == 200:
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
os.rename(port_file + '.tmp', port_file)
srv.serve_forever()
