#!/bin/sh
# sandbox-record.sh - apollo-sandbox --record: one JSON line per exchange on
# the API routes, each with the request as it came (method, base, path, the
# raw query string, Content-Type, User-Agent, body) and the answer as it
# went (status, Content-Type, body); deliberate, with why, for an answer off
# Apollo's shape on purpose (a reply form, a hang), 0 for no answer at all;
# bytes that are not UTF-8 kept as U+FFFD; lines written while the sandbox
# runs, whole even when many connections answer at once; the /_sandbox
# routes left out; and a record file that cannot be opened refused at
# start-up. sandbox_start records to $EXCHANGES for every test; this one
# reads that file.
. "$(dirname "$0")/sandbox-lib.sh"
PY=/usr/bin/python3

code=0
"$APOLLO_SANDBOX" --port 0 --seed "$SEED" -q --record "$WORK/no/such/dir/x.jsonl" 2> refused.err || code=$?
[ "$code" = 4 ] || fail "an unopenable --record file gave status $code, not 4: $(cat refused.err)"
grep -qF 'cannot open the record file' refused.err || fail "the refusal does not say why: $(cat refused.err)"

sandbox_start --reply labels=string --reply contact_stages=hang --stall-ms 300

# lines N: wait until the record has N lines (each is written as its
# exchange ends, a moment after the client has its answer)
lines() {
	n=0
	while [ "$(wc -l < "$EXCHANGES" 2> /dev/null || echo 0)" -lt "$1" ]; do
		n=$((n + 1))
		[ $n -le 200 ] || fail "the record has $(wc -l < "$EXCHANGES") lines, not $1: $(cat "$EXCHANGES")"
		sleep 0.05
	done
	[ "$(wc -l < "$EXCHANGES")" = "$1" ] || fail "the record has $(wc -l < "$EXCHANGES") lines, not $1"
}

api GET 'users/search?page=1&per_page=2&q%5B%5D=a%20b'
expect_code 200
lines 1
api POST contacts/search '{"q_keywords":"ana","per_page":5}'
expect_code 200
lines 2
api GET labels
expect_code 200
lines 3
code=$(curl -s -o body -w '%{http_code}' --max-time 10 -H "x-api-key: $KEY" "$BASE/contact_stages")
lines 4
printf '{"q_keywords":"\377x"}' > latin1.json
code=$(curl -s -o body -w '%{http_code}' -X POST -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
	--data-binary @latin1.json "$BASE/contacts/search")
lines 5
code=$(curl -s -o body -w '%{http_code}' "$ROOT/v1/labels")
expect_code 401
lines 6
stats
lines 6

# 40 answers from 8 connections at once: 40 whole lines
seq 40 | xargs -P 8 -I N curl -s -o /dev/null -H "x-api-key: $KEY" "$BASE/email_accounts?n=N" ||
	fail "the parallel requests failed"
lines 46

$PY - "$EXCHANGES" << 'EOF' || fail "the record is not as sent and answered: $(head -c 3000 "$EXCHANGES")"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
keys = {"method", "base", "path", "query", "request_type", "user_agent", "request_body", "status",
        "reply_type", "reply_body", "deliberate"}
for r in rows:
    assert keys <= set(r), "keys missing: %s" % (keys - set(r))

r = rows[0]
assert (r["method"], r["base"], r["path"]) == ("GET", "/api/v1", "/users/search"), r
assert r["query"] == "page=1&per_page=2&q%5B%5D=a%20b", r["query"]
assert r["user_agent"].startswith("curl/"), r["user_agent"]
assert r["request_body"] == "" and r["status"] == 200 and r["deliberate"] is False, r
assert r["reply_type"].startswith("application/json"), r["reply_type"]
assert isinstance(json.loads(r["reply_body"])["users"], list)

r = rows[1]
assert (r["method"], r["path"], r["query"]) == ("POST", "/contacts/search", ""), r
assert r["request_type"] == "application/json", r["request_type"]
assert r["request_body"] == '{"q_keywords":"ana","per_page":5}', r["request_body"]
assert "contacts" in json.loads(r["reply_body"])

r = rows[2]
assert r["reply_body"] == '"ok"' and r["deliberate"] is True and r["why"] == "reply:string", r

r = rows[3]
assert r["path"] == "/contact_stages" and r["status"] == 0, r
assert r["deliberate"] is True and r["why"] == "reply:hang", r

r = rows[4]
assert r["request_body"] == '{"q_keywords":"\ufffdx"}' and r.get("lossy") is True, r

r = rows[5]
assert (r["base"], r["path"], r["status"]) == ("/v1", "/labels", 401), r
assert r["reply_type"].startswith("text/plain") and r["reply_body"].startswith("Invalid API key"), r
assert "why" not in r and r["deliberate"] is False, r

par = rows[6:]
assert len(par) == 40 and all(r["path"] == "/email_accounts" and r["status"] == 200 for r in par), par
assert sorted(int(r["query"][2:]) for r in par) == list(range(1, 41))
assert all(len(json.loads(r["reply_body"])["email_accounts"]) > 0 for r in par)
EOF
