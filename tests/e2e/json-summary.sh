#!/bin/sh
# json-summary.sh - --json and --summary FILE in every exit status: one JSON
# object, the last and only thing on standard output, the same in FILE;
# every documented key with its type (SUMMARY FOR SCRIPTS in the man page);
# its counts equal to what the results file holds, api_calls and
# rate_limited to what /_sandbox/stats says the sandbox received; stopped
# set with resume when the run can go on; import, check, export, enroll and
# unenroll. Exit statuses: 0, 1 (an invalid
# row, a skipped contact, --errors), 2 (an unknown option, an unknown
# command, --json with -o -), 3 (a missing file), 4 (a refused key, an
# unknown sequence), 5 (503 after every retry), 6 (an existing output, a
# summary that cannot be written), 130 (Ctrl-C, sent once the results show
# rows done, then --resume).
. "$(dirname "$0")/import-lib.sh"

cat > summary_check.py <<'PY'
# summary_check.py FILE STATUS COMMAND [results=PATH] [calls] [stopped] [roles=a,b]
import collections
from e2e_helpers import *
KEYS = {'summary_version': int, 'command': (str, type(None)), 'exit_status': int, 'exit_meaning': str,
        'rows': int, 'status': dict, 'sequence_status': dict, 'skip_reasons': dict, 'api_calls': int,
        'retries': int, 'rate_limited': int, 'files': list, 'stopped': (dict, type(None)), 'messages': list}
STATUSES = ['ready', 'created', 'existing', 'updated', 'unchanged', 'duplicate', 'invalid', 'failed',
            'unprocessed', 'found', 'not_found']
SEQUENCE = ['enrolled', 'already_enrolled', 'skipped', 'failed']
ROLES = ['results', 'errors', 'report', 'contacts', 'people', 'tasks', 'deals']
path, status, command = sys.argv[1], int(sys.argv[2]), sys.argv[3]
opts = dict(a.split('=', 1) if '=' in a else (a, '') for a in sys.argv[4:])
lines = open(path, encoding='utf-8').read().splitlines()
if len(lines) != 1: die('%s: %d lines, expected the one JSON object' % (path, len(lines)))
s = json.loads(lines[0])
# "mappings": only the commands that read a prospect file, once they read its header
extra = set(s) - set(KEYS)
if extra - {'mappings'} or (extra and command not in ('check', 'import', 'prospect')) or set(KEYS) - set(s):
    die('keys %s, expected %s (and mappings for check, import, prospect)' % (sorted(s), sorted(KEYS)))
for m in s.get('mappings', []):
    if set(m) != {'file', 'profile', 'title', 'chosen_by', 'columns'} or not m['columns']: die('a mapping: %r' % m)
    for c in m['columns']:
        if set(c) != {'column', 'header', 'field', 'custom_field', 'by_map', 'outcome'}: die('a column: %r' % c)
for k, t in KEYS.items():
    if not isinstance(s[k], t) or isinstance(s[k], bool): die('%s is %r, not %s' % (k, s[k], t))
if s['summary_version'] != 1: die('summary_version %r' % s['summary_version'])
if s['exit_status'] != status: die('exit_status %d, expected %d' % (s['exit_status'], status))
if s['command'] != (None if command == 'null' else command): die('command %r' % s['command'])
if not s['exit_meaning']: die('no exit_meaning')
for group, words in (('status', STATUSES), ('sequence_status', SEQUENCE)):
    if [w for w in words if w not in s[group]]: die('%s lacks some of %s: %r' % (group, words, s[group]))
for group in ('status', 'sequence_status', 'skip_reasons'):
    for w, n in s[group].items():
        if type(n) is not int or n < 0: die('%s.%s is %r' % (group, w, n))
if s['rows'] != sum(s['status'].values()): die('rows %d, the statuses add up to %d' % (s['rows'], sum(s['status'].values())))
for f in s['files']:
    if set(f) != {'role', 'path'} or f['role'] not in ROLES or not f['path']: die('files: %r' % f)
for m in s['messages']:
    if set(m) != {'level', 'text'} or m['level'] not in ('error', 'warning') or not m['text']: die('messages: %r' % m)
    if m['text'].startswith('apollo-csv:'): die('a message keeps its prefix: %r' % m)
if status not in (0, 1) and status != 2 and not [m for m in s['messages'] if m['level'] == 'error']:
    die('exit status %d and no error message' % status)
stopped = s['stopped']
if 'stopped' in opts:
    if not stopped or set(stopped) != {'reason', 'resume'} or not stopped['reason'] or stopped['resume'] is not True:
        die('stopped %r, expected a reason and resume true' % stopped)
elif stopped is not None:
    die('stopped %r, expected null' % stopped)
if 'roles' in opts:
    roles = [f['role'] for f in s['files']]
    if roles != [r for r in opts['roles'].split(',') if r]: die('files %r, expected roles %s' % (s['files'], opts['roles']))
    for f in s['files']:
        if f['path'] != '-' and not os.path.exists(f['path']): die('%s is named but not there' % f['path'])
if 'results' in opts:
    rs = rows(opts['results'])
    if s['rows'] != len(rs): die('rows %d, the results file has %d' % (s['rows'], len(rs)))
    got = collections.Counter(r['_status'] for r in rs)
    for w in STATUSES:
        if s['status'][w] != got.get(w, 0): die('status.%s %d, the results file has %d' % (w, s['status'][w], got.get(w, 0)))
    if '_sequence_status' in rs[0]:
        got = collections.Counter(r['_sequence_status'] for r in rs)
        for w in set(SEQUENCE) | set(got) - {''}:
            if s['sequence_status'].get(w) != got.get(w, 0): die('sequence_status.%s %r, the results file has %d' % (w, s['sequence_status'].get(w), got.get(w, 0)))
        got = collections.Counter(r['_sequence_reason'] for r in rs if r['_sequence_status'] == 'skipped')
        if dict(got) != s['skip_reasons']: die('skip_reasons %r, the results file has %r' % (s['skip_reasons'], dict(got)))
if 'calls' in opts:
    before, after = json.load(open('stats.before')), st()
    sent = sum(after['requests'].values()) - sum(before['requests'].values())
    if s['api_calls'] != sent: die('api_calls %d, the sandbox received %d' % (s['api_calls'], sent))
    limited = after['responses'].get('429', 0) - before['responses'].get('429', 0)
    if s['rate_limited'] != limited: die('rate_limited %d, the sandbox answered 429 %d times' % (s['rate_limited'], limited))
PY

# summary STATUS COMMAND [CHECKS...]: the run just made (rc, stdout, the
# --summary file s.json) against the shape and the checks
summary() {
	want=$1
	shift
	[ "$rc" = "$want" ] || fail "exit status $rc, expected $want"
	out=$(python3 summary_check.py stdout "$want" "$@" 2>&1) || fail "--json: $out"
	[ -e s.json ] || fail "no summary file s.json"
	cmp -s stdout s.json || fail "--summary FILE differs from --json: $(cat s.json)"
	rm -f s.json
}
# sb ARGS...: a run of apollo-csv against the sandbox, its stats taken before
sb() {
	stats
	mv stats stats.before
	APOLLO_BASE_URL=$BASE run "$@" --json --summary s.json
	stats
}

sandbox_start --rate minute=0,hour=0,day=0
python3 -c "
import json
s = json.load(open('$SEED'))
c = {c['id']: c for c in s['contacts']}[s['notes']['unverified_email'][0]]
print('First Name,Last Name,Email,Company')
print(','.join([c['first_name'], c['last_name'], c['email'], c['organization_name']]))
print('New,Person,new.person@summary-e2e.test,Summary Co')
print('Bad,Row,not-an-email,Summary Co')
" > imp.csv
gen_rows 5 > five.csv

# 0: everything went through, into a sequence; and check, and export
sb import --no-progress -q --sequence "$Q4_NAME" --from "$FROM" five.csv
summary 0 import results=five.results.csv calls roles=results
check "
s = json.load(open('stdout'))
if s['status']['created'] != 5 or s['sequence_status']['enrolled'] != 5: die('%r' % s)
" "exit 0: five created and enrolled"
run check --json --summary s.json -o checked.csv five.csv
summary 0 check results=checked.csv roles=results
# (1 when the sandbox says some numbers are still "loading")
# enroll and unenroll the contacts the import made (already in Q4, then finished)
sb enroll -q --no-progress --sequence "$Q4_NAME" --from "$FROM" -o enrolled.csv five.results.csv
summary 0 enroll results=enrolled.csv calls roles=results
sb unenroll -q --no-progress --sequence "$Q4_NAME" --mode finished -o finished.csv five.results.csv
summary 0 unenroll results=finished.csv calls roles=results
check "
if json.load(open('stdout'))['sequence_status'].get('finished') != 5: die('unenroll: not 5 finished')
" "unenroll: finished counted"
sb export sequences -q -o seq.json
[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "export sequences: exit status $rc"
summary "$rc" export calls roles=report

# 1: an invalid row, a skipped contact; --errors
sb import --no-progress -q --sequence "$Q4_NAME" --from "$FROM" --errors fix.csv imp.csv
summary 1 import results=imp.results.csv calls roles=results,errors
check "
s = json.load(open('stdout'))
if s['skip_reasons'] != {'contacts_unverified_email': 1}: die('skip_reasons %r' % s['skip_reasons'])
if not [m for m in s['messages'] if m['text'].startswith('imp.csv:4:3: ')]: die('messages %r' % s['messages'])
" "exit 1: the skip code and the row's message"

# 2: the parser refuses the command line; the options are found all the
# same
run import --bogus --json --summary s.json imp.csv
summary 2 import roles=
expect_in stdout '"text":"import: unknown option --bogus"'
run frobnicate --json --summary=s.json
summary 2 null roles=
run import --json --summary s.json -o - imp.csv
summary 2 import roles=
expect_in stderr "--json and -o - both write to standard output"
run check --json --summary s.json - < imp.csv
summary 2 check
expect_in stderr "--json and the results of standard input"
# a summary never replaces the input, even from a command line refused
cp imp.csv imp.keep
for summary_opt in "--summary imp.csv" "--summary=imp.csv" "--bogus --summary imp.csv"; do
	# shellcheck disable=SC2086
	run check --json $summary_opt imp.csv
	[ "$rc" = 2 ] || fail "check $summary_opt imp.csv: exit status $rc, expected 2"
	cmp -s imp.csv imp.keep || fail "check $summary_opt imp.csv replaced the input"
	case $summary_opt in
	--bogus*) ;;
	*) expect_in stderr "--summary imp.csv names another of the run's files" ;;
	esac
	cp stdout s.json
	summary 2 check roles=
done

# 3: a missing input
run check --json --summary s.json missing.csv
summary 3 check roles=
expect_in stdout 'missing.csv: cannot open'

# 4: a refused key (the rows left for --resume), an unknown sequence
APOLLO_API_KEY=wrong-key sb import --no-progress -q -o refused.csv imp.csv
summary 4 import results=refused.csv calls stopped roles=results
sb import --no-progress -q --force --sequence "No Such Sequence" --from "$FROM" imp.csv
summary 4 import calls roles=

# 6: an output that exists (no --force); a summary that cannot be written
echo x > taken.csv
sb import --no-progress -q -o taken.csv five.csv
summary 6 import calls roles=
APOLLO_BASE_URL=$BASE run check -q --json --summary no/such/dir/s.json -o c2.csv five.csv
[ "$rc" = 6 ] || fail "a summary file that cannot be written: exit status $rc, expected 6"
cp stdout s.json
summary 6 check results=c2.csv
expect_in stderr "no/such/dir/s.json: cannot write the summary"
sandbox_stop

# 5: every create answered 503, after every retry
sandbox_start --rate minute=0,hour=0,day=0 --reply contacts/bulk_create=503
sb import --no-progress -q --force --retries 1 --backoff 10 imp.csv
summary 5 import results=imp.results.csv calls stopped roles=results
check "
s = json.load(open('stdout'))
if s['retries'] != 1 or s['status']['unprocessed'] != 2: die('retries %d, unprocessed %d' % (s['retries'], s['status']['unprocessed']))
" "exit 5: the retry and the rows left"
sandbox_stop

# 130: Ctrl-C once the results show rows done (every call held 300 ms)
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=1 --stall-ms 300
gen_rows 2000 > big.csv
stats
mv stats stats.before
APOLLO_BASE_URL=$BASE "$APOLLO_CSV" import -q --no-progress --jobs 1 --json --summary s.json big.csv \
	> stdout 2> stderr &
pid=$!
n=0
until [ -s big.results.csv.partial ] && [ "$(wc -l < big.results.csv.partial)" -gt 150 ]; do
	n=$((n + 1))
	[ $n -le 600 ] || fail "no rows done after 60 s"
	kill -0 $pid 2> /dev/null || fail "the import ended before Ctrl-C"
	sleep 0.1
done
kill -INT $pid
wait $pid
rc=$?
stats
summary 130 import results=big.results.csv calls stopped roles=results
check "
s = json.load(open('stdout'))
if 'Ctrl-C' not in s['stopped']['reason'] or not s['status']['unprocessed']: die('%r' % s)
" "130: stopped by Ctrl-C, rows left"
sb import -q --no-progress --resume big.csv
summary 0 import results=big.results.csv calls roles=results

# ---- the summary never replaces one of the run's own files, in any spelling ----
printf 'First Name,Last Name,Email\nA,B,a@own.example\n' > own.csv
cp own.csv own.keep
"$APOLLO_CSV" check -q --force --summary ./own.csv own.csv > stdout 2> stderr
cmp -s own.csv own.keep || fail "--summary ./own.csv replaced the input"
grep -q "the summary is not written: this is one of the run's own files" stderr || fail "no message: $(cat stderr)"
"$APOLLO_CSV" check -q --force own.csv > /dev/null 2>&1
cp own.results.csv results.keep
"$APOLLO_CSV" check -q --force --summary own.results.csv own.csv > stdout 2> stderr
rc=$?
[ "$rc" = 6 ] || fail "--summary naming the default results: exit $rc, expected 6"
grep -q '^First Name' own.results.csv || fail "--summary replaced the results: $(head -2 own.results.csv)"
# a FIFO is written in place and stays a FIFO
mkfifo sum.fifo
cat sum.fifo > fifo.out &
catpid=$!
"$APOLLO_CSV" check -q --force --summary sum.fifo own.csv > /dev/null 2> stderr || fail "--summary FIFO: $(cat stderr)"
wait $catpid
[ -p sum.fifo ] || fail "--summary replaced the FIFO"
/usr/bin/python3 -c 'import json; json.load(open("fifo.out"))' || fail "the FIFO got no JSON: $(cat fifo.out)"
exit 0
