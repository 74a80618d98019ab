#!/bin/sh
# import of 2000 new prospects into a sequence through every kind of
# fault the sandbox makes (5xx, 429, dropped connections, lost replies,
# malformed replies, stalls past --timeout): every row gets one result,
# no contact is created twice, every contact is enrolled once. Rows that
# failed after every retry are finished by --resume, as the tool says.
. "$(dirname "$0")/import-lib.sh"
gen_rows 2000 > gen.csv
RES=gen.results.csv
SEQ="--sequence $Q4_NAME"

# the invariants after a finished import: INVARIANTS
cat > invariants.py <<'PY'
from e2e_helpers import *
def invariants(path, base):
    rs = rows(path)
    s = st()
    q4 = seq_id('Q4 Outbound - SaaS')
    if [r['_row'] for r in rs] != [str(i) for i in range(1, 2001)]:
        die('_row is not 1..2000, each once (%d result rows)' % len(rs))
    if s['duplicate_emails'] != 0: die('duplicate_emails %d' % s['duplicate_emails'])
    left = [r['_row'] + ':' + r['_status'] + '/' + r['_sequence_status'] for r in rs
            if r['_status'] not in ('created', 'existing') or r['_sequence_status'] not in ('enrolled', 'already_enrolled')]
    if left: die('%d rows not created and enrolled: %s' % (len(left), left[:10]))
    ids = set(r['_contact_id'] for r in rs)
    if len(ids) != 2000: die('%d distinct contact ids for 2000 new prospects' % len(ids))
    if s['contacts'] != base['contacts'] + 2000:
        die('contacts %d, expected %d + 2000' % (s['contacts'], base['contacts']))
    if s['enrollments'].get(q4) != base['enrollments'].get(q4, 0) + 2000:
        die('Q4 enrollments %r, expected %d + 2000' % (s['enrollments'].get(q4), base['enrollments'].get(q4, 0)))
    return rs
PY

# every fault kind, a fixed seed, stalls longer than --timeout
sandbox_start --faults 5xx=0.1,429=0.05,drop=0.02,lost=0.02,malformed=0.02,stall=0.01 \
	--fault-seed 11 --stall-ms 3000
stats; mv stats stats.before
imp --timeout 2 --backoff 10 --sequence "$Q4_NAME" --from "$FROM" gen.csv
echo "first run: exit status $rc"
n=0
while [ "$rc" != 0 ] && [ $n -lt 3 ]; do
	n=$((n + 1))
	imp --resume --timeout 2 --backoff 10 --sequence "$Q4_NAME" --from "$FROM" gen.csv
	echo "--resume $n: exit status $rc"
done
expect_status 0 "import through faults (and $n --resume)"
stats
py "print('faults:', st()['faults'], 'responses:', st()['responses'])"
[ "$(py "print(sum(st()['faults'].values()) > 0)")" = True ] || fail "the sandbox made no faults"
check "
from invariants import *
invariants('$RES', json.load(open('stats.before')))
" "after faults"
# a contact this run created cannot have been in the sequence before it
soft_check "
rs = rows('$RES')
bad = [r['_row'] for r in rs if r['_status'] == 'created' and r['_sequence_status'] == 'already_enrolled']
if bad: die('%d created rows say already_enrolled (a lost add_contact_ids reply retried), e.g. rows %s' % (len(bad), bad[:5]))
" "sequence status after a lost reply"

# rows that failed after every retry: --resume finishes them
sandbox_stop
sandbox_start --faults 5xx=0.3 --fault-seed 3
stats; mv stats stats.before
rm -f "$RES"
n=0
# a failed look-up (sequence, mailbox) stops before any row: try again
while [ ! -e "$RES" ] && [ $n -lt 10 ]; do
	n=$((n + 1))
	imp --force --retries 0 --backoff 10 --sequence "$Q4_NAME" --from "$FROM" gen.csv
done
[ "$rc" = 5 ] || fail "exit status $rc with --retries 0 and 30% 5xx, expected 5"
expect_in stderr "--resume"
failed=$(py "print(sum(1 for r in rows('$RES') if 'failed' in (r['_status'], r['_sequence_status'])))")
[ "$failed" -gt 0 ] || fail "no row failed with --retries 0 and 30% 5xx"
sandbox_stop
sandbox_start
imp --resume --sequence "$Q4_NAME" --from "$FROM" gen.csv
stats
out=$(py "
from invariants import *
invariants('$RES', json.load(open('stats.before')))
" 2>&1) || soft_fail "$failed rows failed after every retry and the tool said to run again with --resume; --resume (exit status $rc) did not finish them: $out"
finish
