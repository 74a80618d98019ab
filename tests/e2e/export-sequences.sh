#!/bin/sh
# export sequences: every sequence of the seed, its counts as numbers,
# rates as percentages (or Apollo's fractions), "loading" kept as such;
# narrowed by --sequence and --active; JSON; import --report; what
# reached the sandbox (one search a report).
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY

"$APOLLO_CSV" export sequences -q -o all.csv
rc=$?
# the seed has a sequence whose numbers are still loading: exit 1
[ $rc = 1 ] || fail "export sequences: exit status $rc, expected 1 (numbers loading)"
python3 - all.csv "$SEED" <<'PY' || fail "all.csv: $(cat all.csv)"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
seed = json.load(open(sys.argv[2]))
assert [r['id'] for r in rows] == [s['id'] for s in seed['sequences']], 'not every sequence, in order'
for r, s in zip(rows, seed['sequences']):
    if s.get('stats_loading'):
        assert r['unique_delivered'] == 'loading' and r['open_rate_percent'] == 'loading', r
        continue
    d, o = int(r['unique_delivered']), int(r['unique_opened'])
    want = round(o / d * 100, 1) if d else 0.0
    assert abs(float(r['open_rate_percent']) - want) <= 0.1, (r['name'], r['open_rate_percent'], want)
PY

"$APOLLO_CSV" export sequences -q --sequence "EMEA Follow-up" --rates fraction -o - > one.csv ||
	fail "one sequence: exit status $?"
[ "$(wc -l < one.csv)" = 2 ] || fail "one sequence: $(cat one.csv)"
head -1 one.csv | grep -q ',open_rate,' || fail "--rates fraction: header $(head -1 one.csv)"
rate=$(python3 -c "import csv; print(next(csv.DictReader(open('one.csv')))['open_rate'])")
python3 -c "assert 0 < float('$rate') < 1" || fail "--rates fraction: open_rate $rate is not a fraction"

"$APOLLO_CSV" export sequences -q --active --format json -o active.json
python3 -c "
import json
d = json.load(open('active.json'))
assert d and all(s['active'] and not s['archived'] for s in d), d
" || fail "--active --format json: $(cat active.json)"

"$APOLLO_CSV" export sequences -q --sequence "No Such Sequence" -o x.csv 2> err
[ $? = 4 ] || fail "an unknown --sequence: expected exit status 4"
grep -q "No Such Sequence" err || fail "an unknown --sequence: $(cat err)"
[ ! -e x.csv ] || fail "an unknown --sequence left x.csv"

# import --report: the enrolled sequence's numbers after the run
printf 'First Name,Last Name,Email,Company\nRia,Sen,ria.sen@report-test.example,Report Test Co\n' > one-row.csv
"$APOLLO_CSV" import -q --sequence "Q4 Outbound - SaaS" --from dana.whitfield@sellwise-demo.com \
	--report report.csv one-row.csv || fail "import --report: exit status $?"
python3 -c "
import csv
r = list(csv.DictReader(open('report.csv')))
assert len(r) == 1 and r[0]['name'] == 'Q4 Outbound - SaaS', r
" || fail "import --report: $(cat report.csv)"
stats
expect_stat '"POST /api/v1/emailer_campaigns/search":6'

# golden files: the seed's sequences as CSV and JSON, byte for byte (the
# seed's enrolments are old enough that their numbers no longer move)
sandbox_stop
sandbox_start
export APOLLO_BASE_URL=$BASE
"$APOLLO_CSV" export sequences -q -o golden.csv
"$APOLLO_CSV" export sequences -q --format json -o golden.json
for f in csv json; do
	cmp -s golden.$f "$TOP_SRCDIR/tests/e2e/expected/sequences.$f" ||
		fail "export sequences --format $f differs from tests/e2e/expected/sequences.$f:
$(diff "$TOP_SRCDIR/tests/e2e/expected/sequences.$f" golden.$f | head -20)"
done
