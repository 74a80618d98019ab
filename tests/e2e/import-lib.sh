# import-lib.sh - helpers for the end-to-end tests of import, enroll and
# unenroll against apollo-sandbox (sourced; it sources sandbox-lib.sh).
# Results files are read with python3's csv module (cells hold commas,
# quotes and newlines); `py CODE` runs CODE with these helpers loaded:
#   rows(path)   the results file as a list of dicts
#   st()         the file stats (run `stats` first) as a dict
#   seed         samples/sandbox-seed.json
#   req(key)     requests counted in stats for "METHOD /api/v1/path"
#   post(path, body)  the sandbox's JSON answer to POST BASE/path (BASE is
#                exported), tried again through its faults, up to 100 times
#   all_of(path, key) every record of a search (key: its list), page by
#                page; searches count in the stats, so read them after `stats`
#   check_partial(path) a RESULTS.partial up to its last newline: whole
#                records, _row 1..n without a gap; returns n
. "$(dirname "$0")/sandbox-lib.sh"
command -v python3 > /dev/null || { echo "SKIP: no python3"; exit 77; }
export APOLLO_API_KEY="$KEY"
# no config file of the machine's user
XDG_CONFIG_HOME=$WORK/config HOME=$WORK
export XDG_CONFIG_HOME HOME
Q4_NAME="Q4 Outbound - SaaS"
FROM=dana.whitfield@sellwise-demo.com
RES=

cat > e2e_helpers.py <<'PY'
import csv, io, json, os, sys
csv.field_size_limit(1 << 30)
seed = json.load(open(os.environ["SEED"], encoding="utf-8"))
def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
def st():
    return json.load(open("stats"))
def req(key):
    return st()["requests"].get(key, 0)
def seq_id(name):
    return [s["id"] for s in seed["sequences"] if s["name"] == name][0]
def count(rs, col, val):
    return sum(1 for r in rs if r[col] == val)
def die(msg):
    print(msg)
    sys.exit(1)
# after a finished import of gen_rows N into Q4 (base: the stats before it):
# one result per row, every row created once and enrolled once
def gen_invariants(path, base, n):
    rs = rows(path)
    s = st()
    q4 = seq_id('Q4 Outbound - SaaS')
    if [r['_row'] for r in rs] != [str(i) for i in range(1, n + 1)]:
        die('_row is not 1..%d, each once (%d result rows)' % (n, len(rs)))
    if s['duplicate_emails'] != 0: die('duplicate_emails %d' % s['duplicate_emails'])
    left = [r['_row'] + ':' + r['_status'] + '/' + r['_sequence_status'] for r in rs
            if r['_status'] not in ('created', 'existing') or r['_sequence_status'] not in ('enrolled', 'already_enrolled')]
    if left: die('%d rows not created and enrolled: %s' % (len(left), left[:10]))
    ids = set(r['_contact_id'] for r in rs)
    if len(ids) != n: die('%d distinct contact ids for %d new prospects' % (len(ids), n))
    if s['contacts'] != base['contacts'] + n:
        die('contacts %d, expected %d + %d' % (s['contacts'], base['contacts'], n))
    if s['enrollments'].get(q4) != base['enrollments'].get(q4, 0) + n:
        die('Q4 enrollments %r, expected %d + %d' % (s['enrollments'].get(q4), base['enrollments'].get(q4, 0), n))
    return rs
def post(path, body):
    import urllib.request
    r = urllib.request.Request(os.environ['BASE'] + '/' + path, data=json.dumps(body).encode(),
                               headers={'x-api-key': 'sandbox-master-key', 'Content-Type': 'application/json'})
    for i in range(100):
        try:
            return json.load(urllib.request.urlopen(r, timeout=30))
        except Exception:
            pass
    die('%s: no answer after 100 tries' % path)
def all_of(path, key):
    out, page = [], 1
    while True:
        b = post(path, {'per_page': 100, 'page': page})
        out += b[key]
        if page >= int(b['pagination']['total_pages'] or 1): return out
        page += 1
def check_partial(path):
    data = open(path, encoding='utf-8', newline='').read()
    data = data[:data.rfind('\n') + 1]
    recs = list(csv.reader(io.StringIO(data, newline='')))
    if not recs: return 0
    head = recs[0]
    for i, r in enumerate(recs[1:], 1):
        if len(r) != len(head): die('%s: record %d has %d cells, the header %d' % (path, i, len(r), len(head)))
        if r[head.index('_row')] != str(i): die('%s: record %d has _row %s' % (path, i, r[head.index('_row')]))
    return len(recs) - 1
PY
export SEED BASE

# clock_env OFFSET: the environment that moves this machine's clock by
# OFFSET (+5s, -5s) for the program run in it: Debian's libfaketime, which
# ./quickstart test installs (a test that needs it fails without it)
clock_env() {
	lib=
	for d in /usr/lib/x86_64-linux-gnu/faketime /usr/lib/*/faketime /usr/lib/faketime; do
		[ -f "$d/libfaketime.so.1" ] && lib=$d/libfaketime.so.1 && break
	done
	[ -n "$lib" ] || fail "libfaketime is not installed (apt-get install faketime; ./quickstart test does)"
	echo "LD_PRELOAD=$lib FAKETIME=$1 FAKETIME_DONT_RESET=1 ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0"
}
# need_clock: fail at once, saying why, where clock_env cannot work (a test
# whose scenarios move the clock calls it first)
need_clock() { out=$(clock_env +0s) || { echo "$out"; exit 1; }; }

py() { python3 -c "from e2e_helpers import *
$1"; }

# fail, loud: what the tool said, the sandbox's stats and the results file
fail() {
	echo "FAIL $TEST_NAME: $*"
	for f in stdout stderr stats log $RES; do
		[ -s "$f" ] && { echo "--- $f:"; head -c 4000 "$f"; echo; }
	done
	exit 1
}

# check CODE MESSAGE: python CODE must exit 0; its output goes into the failure
check() {
	out=$(py "$1" 2>&1) || fail "$2: $out"
}

# imp ARGS...: apollo-csv import against the sandbox
imp() { APOLLO_BASE_URL=$BASE run import --no-progress "$@"; }
enr() { APOLLO_BASE_URL=$BASE run "$@"; }

# a CSV of N new prospects at a domain the seed does not know
gen_rows() {
	python3 -c "
import sys
n = int(sys.argv[1])
print('First Name,Last Name,Email,Company,Title')
for i in range(1, n + 1):
    print('Gen%d,Person%d,gen%d@e2e-generated-prospects.test,Generated Prospects %d,Buyer' % (i, i, i, i % 37))
" "$1"
}

# domains_csv EVERY: an input of prospect (a domain column): the seed's 30
# organizations' domains, each I-th (from 0) that EVERY divides followed
# by one Apollo does not know, unknown-I.example
domains_csv() {
	py "
print('domain')
for i, o in enumerate(seed['directory']['organizations']):
    print(o['primary_domain'])
    if i % $1 == 0: print('unknown-%d.example' % i)
"
}

# alive PID: the process is running (a zombie is not alive: kill -0 would
# say it is)
alive() { [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status"; }

# resume_until STATUSES WHAT [NAME=VALUE...]: the test's own tool_bg (the
# tool in the background with $ARGS, in the environment given) with
# ARGS=--resume, again until its exit status is one of STATUSES ("0",
# "0 1"); the fourth that ends otherwise fails WHAT. The status in $rc.
resume_until() {
	until_ok=$1 until_what=$2
	shift 2
	tries=0
	ARGS=--resume
	while :; do
		tool_bg "$@"
		wait $!
		rc=$?
		tries=$((tries + 1))
		case " $until_ok " in *" $rc "*) break ;; esac
		[ $tries -lt 4 ] || fail "$until_what: --resume ended with $rc $tries times"
	done
}

# soft_fail MESSAGE: a failure the rest of the test does not depend on;
# reported at once, the test goes on and fails at its end (finish)
soft_failed=
soft_fail() {
	echo "FAIL $TEST_NAME: $*"
	for f in stdout stderr; do
		[ -s "$f" ] && { echo "--- $f:"; head -c 3000 "$f"; echo; }
	done
	soft_failed=1
}
finish() { [ -z "$soft_failed" ] || exit 1; exit 0; }
# soft_check CODE MESSAGE: check, but a soft_fail
soft_check() {
	out=$(py "$1" 2>&1) || soft_fail "$2: $out"
}
