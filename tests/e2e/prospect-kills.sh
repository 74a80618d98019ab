#!/bin/sh
# prospect SIGKILLed again and again while it researches, then --resume'd
# to the end (issue 22, "never twice"): what the research bought is never
# bought again. A clean run first gives the figures; then, against the
# same seed, runs are killed while organizations/bulk_enrich,
# mixed_people/api_search or people/bulk_match holds a call (the route is
# made to hang once N calls went through: every call before the hung one
# was answered, so each must be in the journal). The sandbox's own tally
# must equal the clean run's: every domain and every person asked once,
# the same credits, the same calls. The files written are the clean
# run's, and no journal or temporary file is left. On the way: a torn
# last record is asked again, a second run beside a live one and a run
# without --resume are refused, and --force starts the journal over.
. "$(dirname "$0")/import-lib.sh"
# a hung call is held 5 s: time enough to kill the run before it gives up
sandbox_start --rate minute=0,hour=0,day=0 --stall-ms 5000

# the 30 organizations of the seed and 15 domains Apollo does not know:
# 5 bulk_enrich calls, and a dozen bulk_match calls for 4 people a company
domains_csv 2 > t.csv

# hangs: the requests the sandbox hung; form ROUTE FORM [AFTER]
hangs() { stats; py "print(st()['replies'].get('hang', 0))"; }
form() {
	curl -s -X POST --data-binary "{\"route\":\"$1\",\"form\":\"$2\"${3:+,\"after\":$3}}" \
		"$ROOT/_sandbox/reply" | grep -q '"route"' || fail "cannot set $1 to $2"
}

# kill_at ROUTE N [ARGS]: prospect ARGS, SIGKILLed while its call to ROUTE
# after N more hangs (the sandbox counts them: every call before the hung
# one was answered, and must be journaled); the calls hung are counted
kills=0
hung_enrich=0 hung_search=0 hung_match=0
kill_at() {
	route=$1
	before=$(hangs)
	form "$route" hang "$2"
	shift 2
	APOLLO_BASE_URL=$BASE "$APOLLO_CSV" prospect --no-progress --per-company 4 "$@" t.csv > stdout 2> stderr &
	pid=$!
	i=0
	while [ "$(hangs)" -le "$before" ]; do
		alive $pid || { wait $pid; fail "prospect $* ended (status $?) before its call to $route hung"; }
		i=$((i + 1))
		[ $i -le 600 ] || fail "no call to $route hung in a minute"
		sleep 0.1
	done
	[ -z "$beside" ] || $beside
	kill -9 $pid
	wait $pid 2> /dev/null
	form "$route" normal
	n=$(($(hangs) - before))
	case $route in
	organizations/*) hung_enrich=$((hung_enrich + n)) ;;
	mixed_people/*) hung_search=$((hung_search + n)) ;;
	people/*) hung_match=$((hung_match + n)) ;;
	esac
	kills=$((kills + 1))
	[ -e t.research.partial ] || fail "kill $kills ($route): no journal left for --resume"
}
beside=

# while a run is live: a second one is refused, and buys nothing
second_run() {
	APOLLO_BASE_URL=$BASE run prospect --no-progress --per-company 4 --resume t.csv
	expect_status 6 "prospect --resume beside a live run"
	expect_in stderr "another apollo-csv run is researching"
}

# ---- the clean run: the figures to hold the killed ones to ----
enr prospect --no-progress --per-company 4 t.csv
expect_status 0 "prospect, clean"
stats
mv stats clean.json
mv t.people.csv clean.people.csv
mv t.domains.csv clean.domains.csv
rm -f t.people.results.csv
[ ! -e t.research.partial ] || fail "a clean run left its journal"
curl -s -X POST "$ROOT/_sandbox/reset" > /dev/null || fail "reset"

# ---- killed in each part of the research ----
kill_at organizations/bulk_enrich 1
beside=second_run
kill_at organizations/bulk_enrich 2 --resume
beside=
kill_at organizations/bulk_enrich 0 --resume
kill_at mixed_people/api_search 1 --resume
enr prospect --no-progress --per-company 4 t.csv
expect_status 6 "prospect after a killed run, without --resume"
expect_in stderr "t.research.partial: a prospect run was stopped while it researched; use --resume"
kill_at people/bulk_match 1 --resume
kill_at people/bulk_match 2 --resume
# a kill while a record was written: half a line, cut off and asked again
printf '{"call":"people/bulk_match","credits":1,"people":{"65' >> t.research.partial
kill_at people/bulk_match 1 --resume
expect_in stderr "its last record was cut off"
[ "$(tail -c 1 t.research.partial | od -An -c | tr -d ' ')" = '\n' ] ||
	fail "the journal does not end with a whole record: $(tail -c 200 t.research.partial)"
kill_at people/bulk_match 0 --resume

enr prospect --no-progress --per-company 4 --resume t.csv
expect_status 0 "prospect --resume after $kills kills"
expect_in stderr "going on with the research of the run that was stopped"
stats
check "
c = json.load(open('clean.json')); s = st()
hung = {'organizations/bulk_enrich': $hung_enrich, 'mixed_people/api_search': $hung_search, 'people/bulk_match': $hung_match}
for route in ('organizations/bulk_enrich', 'people/bulk_match'):
    want, got = c['enrichment'][route], s['enrichment'].get(route)
    if got != want: die('%s after $kills kills: %r, a clean run %r' % (route, got, want))
    key = 'POST /api/v1/' + route
    if s['requests'][key] - hung[route] != c['requests'][key]:
        die('%s: %d calls answered after $kills kills (%d more hung), %d in a clean run' %
            (route, s['requests'][key] - hung[route], hung[route], c['requests'][key]))
" "what the killed research bought"
cmp -s t.people.csv clean.people.csv || fail "the people differ from a clean run's: $(diff clean.people.csv t.people.csv | head)"
cmp -s t.domains.csv clean.domains.csv || fail "the domains differ from a clean run's: $(diff clean.domains.csv t.domains.csv | head)"
left=$(ls | grep -E 'research|tmp' || true)
[ -z "$left" ] || fail "left behind: $left"

# ---- --force starts over: the journal of a killed run is emptied ----
kill_at organizations/bulk_enrich 1 --force
[ "$(wc -l < t.research.partial)" -ge 1 ] || fail "nothing journaled before the kill"
kill_at organizations/bulk_enrich 0 --force
[ ! -s t.research.partial ] || fail "--force kept the journal: $(head -c 300 t.research.partial)"
enr prospect --no-progress --per-company 4 --force t.csv
expect_status 0 "prospect --force after a kill"
[ ! -e t.research.partial ] || fail "--force left its journal"
cmp -s t.people.csv clean.people.csv || fail "--force: the people differ from a clean run's"
exit 0
