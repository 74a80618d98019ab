#!/bin/sh
# a 422 on a bulk_create of several rows is narrowed down by halving, so
# the one row Apollo refuses (an account id it does not know) fails with
# Apollo's words and its neighbours are created; the number of calls
# stays small (log2 of the chunk, twice).
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
{
	echo 'First Name,Last Name,Email,Company,Account Id'
	for i in 1 2 3 4 5 6 7 8; do
		acc=
		[ $i = 6 ] && acc=000000000000000000000bad
		echo "N$i,Row$i,n$i@narrow-e2e.example,Narrow Co $i,$acc"
	done
} > n.csv
"$APOLLO_CSV" import -q --no-progress n.csv 2> err
rc=$?
[ $rc = 1 ] || fail "exit status $rc, expected 1 (a failed row): $(cat err)"
python3 - <<'PY' || fail "results: $(cat n.results.csv)"
import csv
rs = list(csv.DictReader(open('n.results.csv')))
st = [r['_status'] for r in rs]
assert st == ['created'] * 5 + ['failed'] + ['created'] * 2, st
assert '000000000000000000000bad is not a valid ID' in rs[5]['_reason'], rs[5]['_reason']
PY
stats
calls=$(python3 -c "import json; print(json.load(open('stats'))['requests']['POST /api/v1/contacts/bulk_create'])")
# 8 rows: the whole, then halves of 4, 2, 1 where the bad row is: 1 + 2 + 2 + 2
[ "$calls" -le 7 ] || fail "$calls bulk_create calls to narrow down one bad row of 8"
expect_stat '"duplicate_emails":0'
