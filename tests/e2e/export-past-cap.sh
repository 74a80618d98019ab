#!/bin/sh
# export contacts past Apollo's 50,000 display cap, at the bulk minimum: a
# sandbox holding 200,000 contacts (the seed's 300 and 199,700 made by
# --generate-contacts, over half of them in one stage, so that stage alone
# is more than two reads of 50,000 reach) is exported whole, every contact
# in the file exactly once, with no more than 1.05 contacts/search calls a
# page of 100 (plus the look-ups). The split is asserted through its
# messages: by stage, then the largest stage by contact list.
. "$(dirname "$0")/sandbox-lib.sh"
GEN=199700
sandbox_start --rate minute=0,hour=0,day=0 --generate-contacts $GEN
export APOLLO_BASE_URL=$BASE APOLLO_API_KEY=$KEY
SEARCH='POST /api/v1/contacts/search'

# calls_since BEFORE: "SEARCH-CALLS ALL-CALLS" made since the stats file BEFORE
calls_since() {
	stats
	python3 -c "
import json, sys
b, a = json.load(open('$1'))['requests'], json.load(open('stats'))['requests']
print(a.get('$SEARCH', 0) - b.get('$SEARCH', 0), sum(a.values()) - sum(b.values()))"
}

# the whole search: 200,000 contacts
stats; mv stats stats.0
"$APOLLO_CSV" export contacts -o all.csv 2> err || fail "export of 200,000: exit status $? ($(cat err))"
grep -q 'stage by stage' err || fail "export of 200,000 was not split by stage: $(cat err)"
grep -q 'list by list' err || fail "the stage past 100,000 was not split by list: $(cat err)"
set -- $(calls_since stats.0)
python3 - "$SEED" "$1" "$2" <<'PY' || fail "export of 200,000: $(tail -3 err)"
import csv, json, math, sys
seed = json.load(open(sys.argv[1]))
search, calls = int(sys.argv[2]), int(sys.argv[3])
rows = list(csv.DictReader(open('all.csv', encoding='utf-8-sig')))
ids = [r['contact_id'] for r in rows]
assert len(ids) == 200000 and len(set(ids)) == 200000, (len(ids), len(set(ids)))
# the seed's by id, the generated ones by email (their ids are the sandbox's)
lost = {c['id'] for c in seed['contacts']} - set(ids)
assert not lost, sorted(lost)[:3]
lost = {'gen%d@generated-%d.example' % (i, i % 1000) for i in range(199700)} - {r['email'] for r in rows}
assert not lost, (len(lost), sorted(lost)[:3])
pages = math.ceil(200000 / 100)
# every page of 100 about once; the five look-ups besides
assert pages <= search <= pages * 1.05, (search, pages)
assert calls - search == 5, (calls, search)
PY

# the generated contacts are in the seed: a reset keeps them
curl -s -f -o /dev/null -X POST "$ROOT/_sandbox/reset" || fail "POST /_sandbox/reset failed"
stats
python3 -c "
import json
assert json.load(open('stats'))['contacts'] == 200000, json.load(open('stats'))['contacts']
" || fail "after a reset the sandbox does not hold the 200,000 contacts: $(head -c 300 stats)"
exit 0
