#!/bin/sh
# import of 2000 new prospects into a sequence through every kind of
# fault the sandbox makes (5xx, 429, dropped connections, lost replies,
# malformed and truncated replies, stalls past --timeout): every row gets one result,
# no contact is created twice, every contact is enrolled once. Rows that
# failed after every retry are finished by --resume, as the tool says.
. "$(dirname "$0")/import-lib.sh"
gen_rows 2000 > gen.csv
RES=gen.results.csv

# every fault kind, a fixed seed (21 draws each kind in the first 50
# requests), stalls longer than --timeout
sandbox_start --faults 5xx=0.1,429=0.05,drop=0.02,lost=0.02,malformed=0.02,truncated=0.01,stall=0.01 \
	--fault-seed 21 --stall-ms 3000
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
gen_invariants('$RES', json.load(open('stats.before')), 2000)
" "after faults"
# a contact this run created cannot have been in the sequence before it
soft_check "
rs = rows('$RES')
bad = [r['_row'] for r in rs if r['_status'] == 'created' and r['_sequence_status'] == 'already_enrolled']
if bad: die('%d created rows say already_enrolled (a lost add_contact_ids reply retried), e.g. rows %s' % (len(bad), bad[:5]))
" "sequence status after a lost reply"

# rows that failed after every retry: --resume finishes them
sandbox_stop
# the sandbox keeps its data (--state) when it is restarted without faults
sandbox_start --faults 5xx=0.3 --fault-seed 3 --state state.json
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
# no answer after every retry: the outcome is unknown, so the rows are
# unprocessed (not failed) and --resume sends them again
failed=$(py "print(sum(1 for r in rows('$RES') if r['_status'] == 'unprocessed'))")
[ "$failed" -gt 0 ] || fail "no row left unprocessed with --retries 0 and 30% 5xx"
sandbox_stop
sandbox_start --state state.json
imp --resume --sequence "$Q4_NAME" --from "$FROM" gen.csv
stats
out=$(py "
gen_invariants('$RES', json.load(open('stats.before')), 2000)
" 2>&1) || soft_fail "$failed rows got no answer after every retry and the tool said to run again with --resume; --resume (exit status $rc) did not finish them: $out"
finish
