#!/bin/sh
# export contacts past the 50,000 cap while contacts are added: a sandbox of
# 60,000 (the seed's 300 and 59,700 from --generate-contacts) is exported
# with --jobs 1 through a small proxy that, just before the 505th
# contacts/search request (the newest-first read under way), creates 100
# contacts in the sandbox. They sort newest, in front of the pages still to
# read: the export must notice it is short and look again, so the file
# holds all 60,100 contacts once, exit 0, for no more than 1.05 search
# calls a page of 100. Deterministic: the proxy counts requests, no timing.
. "$(dirname "$0")/sandbox-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0 --generate-contacts 59700
search_proxy_start add 505
stats; mv stats stats.0
APOLLO_BASE_URL=$PROXY_BASE APOLLO_API_KEY=$KEY \
	"$APOLLO_CSV" export contacts --jobs 1 -o all.csv 2> err
st=$?
[ $st = 0 ] || fail "export while contacts were added: exit status $st ($(cat err))"
stats
python3 - <<'PY' || fail "export while contacts were added: $(tail -3 err)"
import csv, json, math
b, a = json.load(open('stats.0')), json.load(open('stats'))
assert a['contacts'] == 60100, a['contacts']
search = a['requests']['POST /api/v1/contacts/search'] - b['requests'].get('POST /api/v1/contacts/search', 0)
rows = list(csv.DictReader(open('all.csv', encoding='utf-8-sig')))
ids = [r['contact_id'] for r in rows]
assert len(ids) == 60100 and len(set(ids)) == 60100, (len(ids), len(set(ids)))
late = {'late%d@meanwhile-e2e.example' % i for i in range(100)} - {r['email'] for r in rows}
assert not late, sorted(late)[:3]
assert 601 <= search <= 601 * 1.05, search
PY
exit 0
