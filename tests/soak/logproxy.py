#!/usr/bin/env python3
"""logproxy.py - a pass-through HTTP proxy that writes down every request
apollo-csv makes to apollo-sandbox and what came of it (the soak's prospect,
update, enroll and unenroll parts).

    python3 logproxy.py UPSTREAM_PORT PORT_FILE LOG_FILE

/_sandbox/stats counts requests per route, but not what each asked for: to
tell whether a domain's organization or a person's email was paid for
twice, or a contact's edit or enrolment sent again after Apollo had
answered it, the soak needs each such request's body, when it came and
whether its answer reached the tool. The proxy listens on a free port of
127.0.0.1 (written to PORT_FILE once it accepts), takes one request a
connection, sends it on with "Connection: close", and passes the answer
back byte for byte as it comes, so every fault of the sandbox reaches the
tool as it was made: a 5xx, a 429, a dropped or lost connection (closed
without an answer), a malformed or truncated body, a stall. Each request
is one JSON line in LOG_FILE:

    {"path": "/api/v1/people/bulk_match", "status": 200, "answered": true,
     "req": {...request body...}, "resp": {...answer body...},
     "t0": when the request came, "t1": when its answer ended, ...}

"answered" is true only for a whole 200 (its Content-Length met, its body
JSON) that the tool was still waiting for when it ended (it had not hung
up: a time-out, a kill); "req" and "resp" are kept for the routes in
LOGGED. Stops on SIGTERM."""
import json
import os
import select
import signal
import socket
import sys
import threading
import time

# the routes whose bodies are kept: what costs credits, and the writes that
# name contacts (which contacts a call sent, and whether it was answered)
LOGGED = ('organizations/bulk_enrich', 'people/bulk_match', 'contacts/bulk_update', 'add_contact_ids',
          'remove_or_stop_contact_ids')


def read_request(conn):
    """(method, target, headers, body) of one request, or None"""
    buf = b''
    while b'\r\n\r\n' not in buf:
        chunk = conn.recv(65536)
        if not chunk or len(buf) > (1 << 22):
            return None
        buf += chunk
    head, body = buf.split(b'\r\n\r\n', 1)
    lines = head.split(b'\r\n')
    method, target, _ = lines[0].decode('latin-1').split(' ', 2)
    headers, length = [], 0
    for line in lines[1:]:
        name, _, value = line.decode('latin-1').partition(':')
        low = name.strip().lower()
        if low == 'content-length':
            length = int(value.strip())
        if low in ('connection', 'keep-alive', 'proxy-connection', 'expect'):
            continue
        if low == 'transfer-encoding':
            return None        # apollo-csv sends bodies with a length
        headers.append('%s: %s' % (name.strip(), value.strip()))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return method, target, headers, body[:length]


def parse_answer(data):
    """(status, whole, body bytes) of the bytes the sandbox sent"""
    if b'\r\n\r\n' not in data:
        return None, False, b''
    head, body = data.split(b'\r\n\r\n', 1)
    lines = head.split(b'\r\n')
    try:
        status = int(lines[0].split(b' ')[1])
    except (IndexError, ValueError):
        return None, False, b''
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(b':')
        if name.strip().lower() == b'content-length':
            length = int(value.strip())
    whole = length is not None and len(body) >= length
    return status, whole, body[:length] if length is not None else body


class Proxy:
    def __init__(self, upstream, log_path):
        self.upstream = upstream
        self.log = open(log_path, 'a', encoding='utf-8')
        self.lock = threading.Lock()

    def write(self, entry):
        with self.lock:
            self.log.write(json.dumps(entry, sort_keys=True) + '\n')
            self.log.flush()

    def serve(self, conn):
        try:
            self.one(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def one(self, conn):
        req = read_request(conn)
        if not req:
            return
        method, target, headers, body = req
        t0 = time.time()
        path = target.split('?', 1)[0]
        up = socket.create_connection(('127.0.0.1', self.upstream))
        head = '%s %s HTTP/1.1\r\n%s\r\nConnection: close\r\n\r\n' % (method, target, '\r\n'.join(headers))
        up.sendall(head.encode('latin-1') + body)
        data, gone = b'', False
        watch = [up, conn]
        while True:
            ready, _, _ = select.select(watch, [], [])
            if conn in ready:
                # the tool sends nothing more: readable means it hung up
                try:
                    more = conn.recv(4096)
                except OSError:
                    more = b''
                if not more:
                    # a tool that has its whole answer may hang up first
                    gone = not parse_answer(data)[1]
                    watch = [up]
            if up in ready:
                chunk = up.recv(65536)
                if not chunk:
                    break
                data += chunk
                if not gone:
                    try:
                        conn.sendall(chunk)
                    except OSError:
                        gone = True
                        watch = [up]
        up.close()
        status, whole, answer = parse_answer(data)
        entry = {'method': method, 'path': path, 'status': status, 'whole': whole,
                 'answered': bool(status == 200 and whole and not gone), 't0': t0, 't1': time.time()}
        if any(path.endswith(r) for r in LOGGED):
            for key, raw in (('req', body), ('resp', answer)):
                try:
                    entry[key] = json.loads(raw)
                except ValueError:
                    entry[key] = None
            if entry['resp'] is None:
                entry['answered'] = False
        self.write(entry)


def main():
    upstream, port_file, log_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    proxy = Proxy(upstream, log_path)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.0.1', 0))
    srv.listen(128)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with open(port_file + '.new', 'w') as f:
        f.write('%d\n' % srv.getsockname()[1])
    os.rename(port_file + '.new', port_file)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=proxy.serve, args=(conn,), daemon=True).start()


if __name__ == '__main__':
    main()
