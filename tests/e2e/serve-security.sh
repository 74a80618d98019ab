#!/bin/sh
# apollo-csv serve's guards, with curl (doc: issue 20, the contract
# /work/briefs/serve-api.md, apollo-csv(1) SERVE): no token, a wrong token,
# a token anywhere but GET /, a foreign Host (DNS rebinding), a POST
# without the CSRF header or from another origin, OPTIONS: each refused,
# and none spends an API call. The right token gives an HttpOnly
# SameSite=Strict cookie. Uploads: bounded (413, nothing kept), never
# stored under the browser's name. Run options naming a file: 400. A
# second run while one runs: 409. The key (the environment's, and one
# stored through the page with mode 0600) is in no reply, header, log or
# file of the run; every reply has the security headers and no CORS one.
. "$(dirname "$0")/serve-lib.sh"
command -v curl > /dev/null || fail "curl is needed"

# every call held a while, so the run below is still going when it is
# asked to start again; no rate limit
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=0.5 --stall-ms 250 --fault-seed 7
python3 -c "
print('First Name,Last Name,Email,Company,Title')
for i in range(1, 2001):
    print('Web%d,Guard%d,web%d@serve-security.test,Serve Security %d,Buyer' % (i, i, i, i % 23))
" > gen.csv
head -c 300000 /dev/zero | tr '\0' 'x' > big.csv
STORED=stored-key-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
serve_start --max-upload 256K

mkdir resp
n=0
COOKIE="Cookie: apollo_csv_session=$TOKEN"
CSRF="X-Apollo-CSV: 1"
# req NAME METHOD PATH [CURL-ARGS...]: the status in $code, the reply in
# the files headers and body; every reply is kept in resp/ (checked at the end)
req() {
	n=$((n + 1))
	r_name=$1 r_method=$2 r_path=$3
	shift 3
	: > "resp/$n-$r_name.h"
	: > "resp/$n-$r_name.b"
	code=$(curl -s -D "resp/$n-$r_name.h" -o "resp/$n-$r_name.b" -w '%{http_code}' -X "$r_method" "$@" \
		"$SERVE$r_path")
	tr -d '\r' < "resp/$n-$r_name.h" > headers
	cp "resp/$n-$r_name.b" body
}
expect_header() { grep -qi -- "$1" headers || fail "no header $1 in: $(cat headers)"; }
expect_no_header() { ! grep -qi -- "$1" headers || fail "a header $1 in: $(cat headers)"; }
# expect_js PYTHON-EXPR WHAT: the expression on the JSON reply b is true
expect_js() {
	out=$(/usr/bin/python3 -c "import json, sys
b = json.load(open('body'))
sys.exit(0 if ($1) else 1)" 2>&1) || fail "$2: $(head -c 1500 body) $out"
}
# calls: the requests the sandbox answered so far, all endpoints
calls() { stats; python3 -c "import json; print(sum(json.load(open('stats'))['requests'].values()))"; }
# the files under the serve folder, with their sizes
files() { find "$WORK/serve" -type f -printf '%P %s\n' | sort; }

# --- the session token
req no-token GET /
expect_code 403
req no-token-api GET /api/state
expect_code 403
req no-token-js GET /app.js
expect_code 403
req wrong-token GET "/?token=0123456789abcdef0123456789abcdef"
[ "$TOKEN" != 0123456789abcdef0123456789abcdef ] || fail "the token is not random"
expect_code 403
expect_no_header '^set-cookie'
req short-token GET "/?token=$(echo "$TOKEN" | cut -c 1-31)"
expect_code 403
expect_no_header '^set-cookie'
req upper-token GET "/?token=$(echo "$TOKEN" | tr a-f A-F)x"
expect_code 403
req token-foreign-host GET "/?token=$TOKEN" -H "Host: evil.example:$SERVE_PORT"
expect_code 403
expect_no_header '^set-cookie'
req token GET "/?token=$TOKEN"
expect_code 303
expect_header '^location: /$'
expect_header "^set-cookie: apollo_csv_session=$TOKEN;"
grep -i '^set-cookie:' headers | grep -qi 'httponly' || fail "the cookie is not HttpOnly: $(cat headers)"
grep -i '^set-cookie:' headers | grep -qi 'samesite=strict' || fail "the cookie is not SameSite=Strict: $(cat headers)"
grep -i '^set-cookie:' headers | grep -qi 'path=/' || fail "the cookie has no Path=/: $(cat headers)"
# the token is taken at GET / only, never as a key to anything else
req token-elsewhere GET "/api/state?token=$TOKEN"
expect_code 403
req wrong-cookie GET /api/state -H "Cookie: apollo_csv_session=0123456789abcdef0123456789abcdef"
expect_code 403

# --- with the cookie: the page and the state
req page GET / -H "$COOKIE"
expect_code 200
expect_header '^content-type: text/html'
# no inline script, style or handler: the policy would block them
python3 - body <<'PY' || fail "the page has inline script or style, which its Content-Security-Policy blocks"
import re, sys
page = open(sys.argv[1], encoding='utf-8').read()
bad = [m.group(0) for m in re.finditer(r'<script\b[^>]*>', page, re.I) if 'src=' not in m.group(0)]
bad += re.findall(r'<style\b', page, re.I) + re.findall(r'\sstyle\s*=', page, re.I)
bad += re.findall(r'\son[a-z]+\s*=', page, re.I)
bad += re.findall(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', page, re.I)
if bad: print(bad[:5]); sys.exit(1)
PY
req app-js GET /app.js -H "$COOKIE"
expect_code 200
expect_header '^content-type: \(text\|application\)/javascript'
req app-css GET /app.css -H "$COOKIE"
expect_code 200
expect_header '^content-type: text/css'
req state GET /api/state -H "$COOKIE"
expect_code 200
expect_header '^content-type: application/json'
expect_js "b['key']['source'] == 'APOLLO_API_KEY' and b['key']['config_path'] == '$CONFIG_FILE'" "the key's state"
expect_js "b['apollo'] == '$BASE' and b['dir'] == '$WORK/serve' and b['file'] is None and b['run'] is None" "the state at start"
[ "$(stat -c %a "$WORK/serve")" = 700 ] || fail "the serve folder has mode $(stat -c %a "$WORK/serve"), not 700"

# --- the Host header (DNS rebinding), even with the right cookie
for h in "evil.example:$SERVE_PORT" "127.0.0.1:$((SERVE_PORT + 1))" "127.0.0.1" "localhost.evil.example:$SERVE_PORT"; do
	req host GET /api/state -H "$COOKIE" -H "Host: $h"
	expect_code 403
	req host-page GET / -H "$COOKIE" -H "Host: $h"
	expect_code 403
	req host-post POST /api/key -H "$COOKIE" -H "$CSRF" -H "Host: $h" --data-binary "{\"key\":\"$STORED\"}"
	expect_code 403
done
req localhost GET /api/state -H "$COOKIE" -H "Host: localhost:$SERVE_PORT"
expect_code 200

# --- state-changing requests: the CSRF header, the origin, the cookie
req key-no-csrf POST /api/key -H "$COOKIE" --data-binary "{\"key\":\"$STORED\"}"
expect_code 403
req key-csrf-0 POST /api/key -H "$COOKIE" -H "X-Apollo-CSV: 0" --data-binary "{\"key\":\"$STORED\"}"
expect_code 403
req run-no-csrf POST /api/run -H "$COOKIE" --data-binary '{"command":"export contacts","options":[]}'
expect_code 403
req upload-no-csrf POST /api/upload -H "$COOKIE" -H "X-File-Name: gen.csv" --data-binary @gen.csv
expect_code 403
req check-no-csrf POST /api/check -H "$COOKIE" --data-binary '{"format":"","map":{}}'
expect_code 403
req stop-no-csrf POST /api/stop -H "$COOKIE"
expect_code 403
for o in http://evil.example "http://127.0.0.1:$((SERVE_PORT + 1))" "https://127.0.0.1:$SERVE_PORT" null; do
	req key-origin POST /api/key -H "$COOKIE" -H "$CSRF" -H "Origin: $o" --data-binary "{\"key\":\"$STORED\"}"
	expect_code 403
	req run-origin POST /api/run -H "$COOKIE" -H "$CSRF" -H "Origin: $o" \
		--data-binary '{"command":"export contacts","options":[]}'
	expect_code 403
done
req key-no-cookie POST /api/key -H "$CSRF" --data-binary "{\"key\":\"$STORED\"}"
expect_code 403
req run-no-cookie POST /api/run -H "$CSRF" --data-binary '{"command":"export contacts","options":[]}'
expect_code 403
# no CORS: a preflight is refused, and no reply has an Access-Control-* header
req options OPTIONS /api/run -H "$COOKIE" -H "Origin: http://evil.example" \
	-H "Access-Control-Request-Method: POST" -H "Access-Control-Request-Headers: x-apollo-csv"
expect_code 405
req options-page OPTIONS / -H "$COOKIE"
expect_code 405
[ ! -e "$CONFIG_FILE" ] || fail "a refused POST /api/key wrote the config file"
[ -z "$(find "$WORK/serve" -type f)" ] || fail "a refused request left files: $(files)"
[ "$(calls)" = 0 ] || fail "the refused requests reached Apollo: $(cat stats)"

# --- the key stored through the page: mode 0600, never answered back
req key POST /api/key -H "$COOKIE" -H "$CSRF" -H "Origin: $SERVE" -H 'Content-Type: application/json' \
	--data-binary "{\"key\":\"$STORED\"}"
expect_code 200
expect_js "set(b) == {'key'} and b['key']['source'] == 'APOLLO_API_KEY' and b['key']['config_path'] == '$CONFIG_FILE'" \
	"POST /api/key's answer (the environment's key still comes first)"
[ -f "$CONFIG_FILE" ] || fail "POST /api/key stored no $CONFIG_FILE"
[ "$(stat -c %a "$CONFIG_FILE")" = 600 ] || fail "the config file has mode $(stat -c %a "$CONFIG_FILE"), not 600"
grep -qx "api_key = $STORED" "$CONFIG_FILE" || fail "the config file lacks 'api_key = $STORED': $(sed 's/=.*/= .../' "$CONFIG_FILE")"

# --- uploads
req upload-exe POST /api/upload -H "$COOKIE" -H "$CSRF" -H "X-File-Name: notes.exe" --data-binary @gen.csv
expect_code 400
expect_js "isinstance(b['error'], str) and b['error']" "a 400 without {\"error\":...}"
[ -z "$(find "$WORK/serve" -type f)" ] || fail "a refused upload left files: $(files)"
[ "$(calls)" = 0 ] || fail "the refused upload reached Apollo: $(cat stats)"
req upload POST /api/upload -H "$COOKIE" -H "$CSRF" -H "X-File-Name: ..%2F..%2Fescape.csv" --data-binary @gen.csv
expect_code 200
expect_js "b['file']['bytes'] == $(wc -c < gen.csv) and b['check']['counts']['ready'] == 2000" "the upload's answer"
req upload-abs POST /api/upload -H "$COOKIE" -H "$CSRF" \
	-H "X-File-Name: $(echo "$WORK/abs-escape.csv" | sed 's#/#%2F#g')" --data-binary @gen.csv
expect_code 200
left=$(find "$WORK" -name '*escape.csv*'; ls -d /escape.csv "$(dirname "$WORK")/escape.csv" 2> /dev/null)
[ -z "$left" ] || fail "the browser's file name was used as a path: $left"
# (the contract says DIR/runs/RUNID/; serve keeps uploads in DIR/work/ID/;
# the second replaced the first, which no run used, and that one is gone)
stored=$(find "$WORK/serve" -mindepth 3 -maxdepth 3 -type f -name input.csv)
[ "$(echo "$stored" | grep -c .)" = 1 ] || fail "not the one upload stored as DIR/*/ID/input.csv: $(files)"
[ -z "$(find "$WORK/serve/uploads" -type f)" ] || fail "an upload left behind in DIR/uploads: $(files)"
for f in $stored; do
	cmp -s "$f" gen.csv || fail "$f is not the uploaded file"
	[ "$(stat -c %a "$(dirname "$f")")" = 700 ] || fail "$(dirname "$f") has mode $(stat -c %a "$(dirname "$f")"), not 700"
done
# a mapping asked for is the one the run uses (Title read into no field)
req check POST /api/check -H "$COOKIE" -H "$CSRF" --data-binary '{"format":"generic","map":{"title":""}}'
expect_code 200
expect_js "b['map'] == {'title': ''} and b['format'] == 'generic' and b['counts']['ready'] == 2000 and 'title' not in [c['field'] for c in b['mapping']['columns']]" \
	"POST /api/check with Title read into no field"
before=$(files)
c0=$(calls)
req upload-big POST /api/upload -H "$COOKIE" -H "$CSRF" -H "X-File-Name: big.csv" --data-binary @big.csv
expect_code 413
[ "$(files)" = "$before" ] || fail "the refused 300K upload (--max-upload 256K) left files: $(files)"
# (an upload and its check may ask Apollo for the team's custom fields)
[ "$(calls)" = "$c0" ] || fail "the refused upload reached Apollo ($c0 calls before, $(calls) after): $(cat stats)"

# --- runs: options naming a file, and unknown commands, refused at no cost
req team GET /api/team -H "$COOKIE"
expect_code 200
expect_js "'Q4 Outbound - SaaS' in [s['name'] for s in b['sequences']] and 'dana.whitfield@sellwise-demo.com' in [m['email'] for m in b['mailboxes']]" \
	"the team's sequences and mailboxes"
c0=$(calls)
for opt in '"-o","'"$WORK"'/x.csv"' '"--output","'"$WORK"'/x.csv"' '"--summary","'"$WORK"'/x.txt"' \
	'"--fields","'"$WORK"'/fields.json"' '"--errors","'"$WORK"'/x.csv"' '"--report","'"$WORK"'/x.csv"' \
	'"--json",null' '"--api-key-file","'"$CONFIG_FILE"'"' '"--force",null' '"--resume",null'; do
	req run-file-option POST /api/run -H "$COOKIE" -H "$CSRF" \
		--data-binary '{"command":"import","options":[["--sequence","Q4 Outbound - SaaS"],['"$opt"']]}'
	expect_code 400
	o=$(echo "$opt" | sed 's/^"\([^"]*\)".*/\1/')
	expect_js "'$o' in b['error']" "the 400 does not name $o"
done
for cmd in serve rm '' 'import; rm -rf /'; do
	req run-command POST /api/run -H "$COOKIE" -H "$CSRF" --data-binary "{\"command\":\"$cmd\",\"options\":[]}"
	expect_code 400
done
[ -z "$(find "$WORK" -maxdepth 1 \( -name 'x.*' -o -name fields.json \))" ] || fail "a refused option wrote a file"
[ "$(calls)" = "$c0" ] || fail "refused runs reached Apollo ($c0 calls before, $(calls) after): $(cat stats)"
req state-no-run GET /api/state -H "$COOKIE"
expect_js "b['run'] is None" "a refused run was started"

# --- one run at a time
stats
mv stats stats.before
req run POST /api/run -H "$COOKIE" -H "$CSRF" -H "Origin: $SERVE" \
	--data-binary '{"command":"import","options":[["--sequence","Q4 Outbound - SaaS"],["--from","dana.whitfield@sellwise-demo.com"]]}'
expect_code 202
expect_js "b['command'] == 'import' and b['state'] in ('running', 'done')" "the run's answer"
req run-again POST /api/run -H "$COOKIE" -H "$CSRF" \
	--data-binary '{"command":"export contacts","options":[]}'
expect_code 409
expect_js "isinstance(b['error'], str) and b['error']" "a 409 without {\"error\":...}"
i=0
while :; do
	req run-poll GET /api/run -H "$COOKIE"
	expect_code 200
	st=$(python3 -c "import json; print(json.load(open('body'))['state'])")
	case $st in running | stopping) ;; *) break ;; esac
	i=$((i + 1))
	[ $i -lt 600 ] || fail "the run did not end in 180 s"
	sleep 0.3
done
expect_js "b['state'] == 'done' and b['exit_status'] == 0 and b['progress']['done'] == b['progress']['total'] == 2000" \
	"the run did not end done, 2000 of 2000, exit status 0"
expect_js "sorted(d['name'] for d in b['downloads']) and all(d['href'] == '/api/download/' + d['name'] for d in b['downloads'])" \
	"the downloads"
python3 -c "import json; print('\n'.join(d['name'] for d in json.load(open('body'))['downloads']))" > downloads
grep -qx results downloads || fail "no results download: $(cat downloads)"
for d in $(cat downloads); do
	req "download-$d" GET "/api/download/$d" -H "$COOKIE"
	expect_code 200
	expect_header '^content-disposition: attachment; filename="'
	[ "$d" != results ] || cp body results.csv
	[ "$d" != report_html ] || cp body report.html
done
# the report as a page: made by export sequences once, when first asked
grep -q '^<!DOCTYPE html>' report.html || fail "report_html is no page: $(head -c 300 report.html)"
stats
mv stats stats.page
req download-again GET /api/download/report_html -H "$COOKIE"
expect_code 200
stats
python3 - <<'PY' || fail "report_html asked Apollo again"
import json
a, b = json.load(open('stats.page')), json.load(open('stats'))
assert a['requests'] == b['requests'], (a['requests'], b['requests'])
PY
python3 - <<'PY' || fail "the results download"
import csv
rs = list(csv.DictReader(open('results.csv', encoding='utf-8-sig', newline='')))
assert [r['_row'] for r in rs] == [str(i) for i in range(1, 2001)], len(rs)
bad = [r['_row'] for r in rs if r['_status'] != 'created' or r['_sequence_status'] != 'enrolled']
assert not bad, bad[:10]
PY
req rows GET "/api/rows?name=results&offset=1000&limit=1000" -H "$COOKIE"
expect_code 200
expect_js "len(b['rows']) == 1000 and b['more'] is False and '_status' in b['header']" "GET /api/rows at offset 1000"
for bad in "/api/rows?name=..%2F..%2Fconfig%2Fapollo-csv%2Fconfig" "/api/download/..%2F..%2F..%2Fconfig%2Fapollo-csv%2Fconfig" \
	"/api/download/input" "/api/download/..%2Finput.csv"; do
	req not-a-path GET "$bad" -H "$COOKIE"
	case $code in 400 | 404) ;; *) fail "GET $bad: HTTP $code, expected 400 or 404: $(head -c 300 body)" ;; esac
done
# what Apollo got: the one run, 20 chunks created and enrolled once each
stats
python3 - <<'PY' || fail "what the sandbox received"
import json
a, b = json.load(open('stats.before')), json.load(open('stats'))
q = b['requests']
assert b['duplicate_emails'] == 0, b['duplicate_emails']
assert b['contacts'] == a['contacts'] + 2000, (a['contacts'], b['contacts'])
assert q.get('POST /api/v1/contacts/bulk_create') == 20, q
assert q.get('POST /api/v1/emailer_campaigns/{id}/add_contact_ids') == 20, q
assert sum(b['enrollments'].values()) == sum(a['enrollments'].values()) + 2000
PY
curl -s -o records.json "$ROOT/_sandbox/records/contacts" || fail "no records"
python3 - <<'PY' || fail "the run did not use the mapping of the last POST /api/check (Title read into no field)"
import json
made = [c for c in json.load(open('records.json'))['contacts'] if (c['email'] or '').endswith('@serve-security.test')]
assert len(made) == 2000 and not [c['title'] for c in made if c['title']], len(made)
PY

# --- the key: in no reply (body or header), log line, or file of the runs
for k in "$KEY" "$STORED"; do
	leak=$(grep -rlF -- "$k" resp serve.out serve.err "$WORK/serve")
	[ -z "$leak" ] || fail "the key $k is in: $leak"
done
# --- every reply: the security headers, and no CORS header
for h in resp/*.h; do
	for want in '^cache-control: no-store' '^x-content-type-options: nosniff' '^x-frame-options: deny' \
		'^referrer-policy: no-referrer' \
		"^content-security-policy: default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"; do
		grep -qi -- "$want" "$h" || fail "$h lacks $want: $(cat "$h")"
	done
	! grep -qi '^access-control-' "$h" || fail "$h has an Access-Control-* header: $(cat "$h")"
done
serve_stop
exit 0
