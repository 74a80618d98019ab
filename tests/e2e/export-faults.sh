#!/bin/sh
# an export through faults is complete, or says it is not and leaves no
# file: with retries, every fault kind (seeded) still gives every contact
# once; with no retries and many faults, the export stops with exit
# status 5 and nothing under the output name.
. "$(dirname "$0")/sandbox-lib.sh"
# a long export: 5,300 contacts (the seed's and 5,000 imported first,
# with faults off), 53 pages read through every fault kind
sandbox_start --rate minute=0,hour=0,day=0 --state state.json
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
python3 -c "
print('First Name,Last Name,Email,Company')
for i in range(5000): print('F%d,Fault%d,f%d@export-faults.example,Fault Co %d' % (i, i, i, i))" > more.csv
"$APOLLO_CSV" import -q --no-progress more.csv || fail "import of 5,000 rows: exit status $?"
"$APOLLO_CSV" export contacts -q -o want.csv || fail "export without faults: exit status $?"
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --state state.json \
	--faults 5xx=0.15,429=0.05,drop=0.05,lost=0.05,malformed=0.05,truncated=0.05,stall=0.05 \
	--fault-seed 11 --stall-ms 1500
export APOLLO_BASE_URL=$BASE
"$APOLLO_CSV" export contacts -q --timeout 1 --backoff 10 -o all.csv 2> err ||
	fail "export through faults: exit status $? ($(cat err))"
python3 - <<'PY' || fail "export through faults is not every contact once"
import csv
want = sorted(r['contact_id'] for r in csv.DictReader(open('want.csv')))
ids = [r['contact_id'] for r in csv.DictReader(open('all.csv'))]
assert len(want) == 5300 and sorted(ids) == want, (len(ids), len(set(ids)), len(want))
PY
stats
python3 -c "
import json
f = json.load(open('stats'))['faults']
assert sum(f.values()) >= 3, f
print('faults survived:', f)
" || fail "the sandbox made no faults: $(cat stats)"
sandbox_stop

sandbox_start --rate minute=0,hour=0,day=0 --faults 5xx=0.6 --fault-seed 3
export APOLLO_BASE_URL=$BASE
"$APOLLO_CSV" export contacts -q --retries 0 -o short.csv 2> err
rc=$?
[ $rc = 5 ] || fail "export with no retries through 60% 5xx: exit status $rc, expected 5 ($(cat err))"
[ ! -e short.csv ] || fail "a failed export left short.csv"
grep -Eq "nothing was written|cannot read" err || fail "the failed export does not say so: $(cat err)"
