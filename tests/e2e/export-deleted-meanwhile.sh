#!/bin/sh
# export contacts while contacts it has read already are deleted: a sandbox
# of 1,000 (the seed's 300 and 700 from --generate-contacts) is exported
# with --jobs 1 through a small proxy that, once 5 pages have been read
# oldest first, answers as Apollo would after the 100 oldest contacts were
# deleted: every later page is the one after it, and total_entries is 900.
# The 100 contacts that moved onto page 5, read already, are never seen,
# and Apollo's latest count (900) equals what was read: the export must not
# take that for complete. It says it is NOT complete and exits 1.
# Deterministic: the proxy counts requests, no timing.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0 --generate-contacts 700
search_proxy_start delete 5
APOLLO_BASE_URL=$PROXY_BASE APOLLO_API_KEY=$KEY \
	"$APOLLO_CSV" export contacts --jobs 1 -o all.csv 2> err
st=$?
[ $st = 1 ] || fail "export while contacts were deleted: exit status $st, expected 1 ($(cat err))"
grep -q "NOT complete" err || fail "export while contacts were deleted: no NOT complete warning: $(cat err)"
python3 - <<'PY' || fail "export while contacts were deleted: the file"
import csv
ids = [r['contact_id'] for r in csv.DictReader(open('all.csv', encoding='utf-8-sig'))]
# pages 1-5 and what were pages 7-10: 900 contacts, each once
assert len(ids) == 900 and len(set(ids)) == 900, (len(ids), len(set(ids)))
PY
exit 0
