#!/bin/sh
# a 422 refusing an account id one row of a bulk_create carries ("... is
# not a valid ID") is not narrowed down row by row any more: the call is
# sent once more without its account links, every row is created, and only
# the rows that had a link say it was dropped (foreign-ids.sh does the
# same at scale, with an Apollo export).
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
[ $rc = 0 ] || fail "exit status $rc, expected 0: $(cat err)"
python3 - <<'PY' || fail "results: $(cat n.results.csv)"
import csv
rs = list(csv.DictReader(open('n.results.csv')))
st = [r['_status'] for r in rs]
assert st == ['created'] * 8, st
assert rs[5]['_reason'].startswith('account link dropped: Apollo refused account_id 000000000000000000000bad'), rs[5]['_reason']
assert '000000000000000000000bad is not a valid ID' in rs[5]['_reason'], rs[5]['_reason']
# the rows without a link lost nothing, and say nothing
assert [r['_reason'] for i, r in enumerate(rs) if i != 5] == [''] * 7, rs
PY
stats
calls=$(python3 -c "import json; print(json.load(open('stats'))['requests']['POST /api/v1/contacts/bulk_create'])")
# the refused call, and the same call once more without the link
[ "$calls" = 2 ] || fail "$calls bulk_create calls for one chunk with a refused link, expected 2"
expect_stat '"duplicate_emails":0'
