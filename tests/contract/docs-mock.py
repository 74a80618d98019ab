#!/usr/bin/python3
"""docs-mock.py - a stand-in for Apollo that answers only with its documented
examples (a test oracle for tests/e2e/docs-examples.sh; never linked).

Every endpoint apollo-csv calls answers with the reply of Apollo's own
example for that operation (tests/contract/examples/*.json, see the README
there), whatever the request asked: the tool must cope with the documented
shapes, including a team whose sequences, mailboxes and users are not the
ones it asked about. The x-api-key header is checked (401 otherwise); an
endpoint that is not known answers 404, so a test sees a call it did not
expect.

    docs-mock.py --port-file FILE [--port N] [--key KEY] [--examples DIR]
                 [--serve OPERATION=FILE ...]

--port 0 (the default) takes a free port and writes it to --port-file once
the server listens. --serve swaps one operation's reply for another file
(a variant: the async bulk update, a reply with a field of the wrong type).
GET /_mock/stats gives what was received: {"requests": {"POST
/api/v1/contacts/bulk_create": 2, ...}, "bodies": {same keys: [the JSON
bodies, in order]}}. SIGTERM stops it (status 0).

Standard library only (http.server, ThreadingHTTPServer, HTTP/1.1 with
keep-alive)."""
import argparse
import json
import os
import re
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/api/v1/"
HEX24 = "[0-9A-Za-z]+"

# (methods, path after /api/v1/, operationId): the operations apollo-csv calls.
# Where Apollo's own CLI uses another method than the document, both are taken.
ROUTES = [
    (("POST",), "contacts/bulk_create", "bulk-create-contacts"),
    (("POST",), "contacts/bulk_update", "bulk-update-contacts"),
    (("POST",), "contacts/search", "search-for-contacts"),
    (("GET",), "contacts/" + HEX24, "view-a-contact"),
    (("POST",), "accounts/bulk_create", "bulk-create-accounts"),
    (("POST",), "accounts/search", "search-for-accounts"),
    (("POST",), "emailer_campaigns/search", "search-for-sequences"),
    (("POST",), "emailer_campaigns/" + HEX24 + "/add_contact_ids", "add-contacts-to-sequence"),
    (("POST",), "emailer_campaigns/remove_or_stop_contact_ids", "update-contact-status-sequence"),
    (("GET", "POST"), "users/search", "get-a-list-of-users"),
    (("GET",), "email_accounts", "get-a-list-of-email-accounts"),
    (("GET",), "labels", "get-a-list-of-all-lists"),
    (("GET",), "contact_stages", "list-contact-stages"),
    (("GET",), "fields", "get-a-list-of-fields"),
    (("GET",), "opportunity_stages", "list-deal-stages"),
    (("POST",), "opportunities", "create-deal"),
    (("GET", "POST"), "opportunities/search", "list-all-deals"),
    (("POST",), "tasks", "create-a-task"),
    (("POST",), "tasks/bulk_create", "bulk-create-tasks"),
    (("POST",), "tasks/search", "search-tasks"),
    (("POST",), "people/bulk_match", "bulk-people-enrichment"),
    (("POST",), "organizations/bulk_enrich", "bulk-organization-enrichment"),
    (("POST",), "mixed_people/api_search", "people-api-search"),
    (("POST",), "usage_stats/api_usage_stats", "post_apiusage"),
]


class Mock:
    def __init__(self, key, replies):
        self.key = key
        self.replies = replies            # operationId -> body bytes
        self.lock = threading.Lock()
        self.requests = {}
        self.bodies = {}

    def note(self, what, body):
        with self.lock:
            self.requests[what] = self.requests.get(what, 0) + 1
            self.bodies.setdefault(what, []).append(body)

    def stats(self):
        with self.lock:
            return json.dumps({"requests": self.requests, "bodies": self.bodies}).encode()


def route(method, path):
    for methods, pattern, op in ROUTES:
        if method in methods and re.fullmatch(pattern, path):
            return op
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "docs-mock/1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, code, body, ctype="application/json"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        mock = self.server.mock
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        path = self.path.split("?", 1)[0]
        if self.command == "GET" and path == "/_mock/stats":
            return self.answer(200, mock.stats())
        if self.headers.get("x-api-key") != mock.key:
            return self.answer(401, b"Invalid API key.", "text/plain")
        if not path.startswith(PREFIX):
            return self.answer(404, b'{"error":"not an API path"}')
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        mock.note(self.command + " " + path, body)
        op = route(self.command, path[len(PREFIX):])
        if op is None:
            return self.answer(404, b'{"error":"the documented examples have no reply for this"}')
        return self.answer(200, mock.replies[op])

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = handle_any


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--key", default="docs-mock-key")
    ap.add_argument("--examples", default=os.path.join(here, "examples"))
    ap.add_argument("--serve", action="append", default=[], metavar="OPERATION=FILE")
    args = ap.parse_args()

    files = {op: os.path.join(args.examples, op + ".json") for _, _, op in ROUTES}
    for s in args.serve:
        op, _, f = s.partition("=")
        if op not in files or not f:
            sys.exit("docs-mock: --serve %s: no such operation" % s)
        files[op] = f
    replies = {}
    for op, f in files.items():
        with open(f, "rb") as fp:
            raw = fp.read()
        try:
            json.loads(raw)
        except ValueError as e:
            # a variant may be meant to be bad JSON; the examples never are
            if op + ".json" == os.path.basename(f):
                sys.exit("docs-mock: %s is not JSON: %s" % (f, e))
        replies[op] = raw

    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    httpd.daemon_threads = True
    httpd.mock = Mock(args.key, replies)

    def stop(signum, frame):
        threading.Thread(target=httpd.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as fp:
        fp.write("%d\n" % httpd.server_address[1])
    os.rename(tmp, args.port_file)
    httpd.serve_forever()
    httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
