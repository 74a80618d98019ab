#!/bin/sh
# prospect-never-twice: `apollo-csv prospect` with its follow-ups (a task
# and a deal per company) makes nothing twice and buys no research twice,
# whatever this machine's clock says and wherever a run is stopped
# (issue 22; never-twice.sh does the same for tasks and deals alone).
# Each scenario in a fresh, slow apollo-sandbox (half the requests stall
# 0.6 s before they are applied, so a kill finds requests in flight):
#   1. this machine's clock 5 s ahead of the sandbox's (libfaketime, the
#      tool only): the run killed (kill -9) in the research, in the import
#      and in the follow-ups, --resume after each, then --resume to the end;
#   2. the same 5 s behind;
#   3. Ctrl-C (SIGINT) mid-run: exit 130, a line saying so and to use
#      --resume; --resume finishes.
# Which files were there at each stop is told. After each scenario, from
# what the sandbox holds: no contact made twice (no duplicate email; the
# contacts are the seed's and the people imported), no task made twice for
# a company (the sandbox's tasks counted per contact with the run's type,
# due time and note), no deal made twice (counted by name), every task and
# deal the results files name held by the sandbox with the row's content,
# one per company (nothing lost); no credit spent twice on the research:
# the items asked of organizations/bulk_enrich and people/bulk_match are a
# clean run's, and again only those a stop lost (asked of the sandbox and
# not in the journal after the stop: the call in flight, at most one a
# stop); the research files are a clean run's; no journal, log or
# temporary file is left. One line of figures per scenario.
. "$(dirname "$0")/import-lib.sh"

# Debian's faketime is part of the project's set-up (./quickstart test)
need_clock

DANA=dana.whitfield@sellwise-demo.com
DUE="2026-12-15 09:30"
PER=2
cat >> e2e_helpers.py <<'PY'
def enrich(s, route):
    return s['enrichment'].get(route, {'asked': 0, 'credits': 0})
PY

# the input: the seed's 30 organizations and 10 domains Apollo does not know
domains_csv 3 > t.csv

# ---- a clean run's research, without faults: the figures to hold the
# stopped runs to (one sandbox, as each scenario's, fresh from the seed) ----
sandbox_start --rate minute=0,hour=0,day=0
cp t.csv clean.csv
enr prospect --no-progress --per-company $PER clean.csv
expect_status 0 "prospect, clean research"
stats
mv stats clean.json
[ -s clean.people.csv ] && [ -s clean.domains.csv ] || fail "the clean run wrote no research files"
check "
c = json.load(open('clean.json'))
doms = set(r['domain'] for r in rows('clean.domains.csv') if r['_status'] in ('found', 'not_found'))
asked = enrich(c, 'organizations/bulk_enrich')['asked']
if asked != len(doms): die('a clean run asked %d organizations for %d distinct domains' % (asked, len(doms)))
ppl = rows('clean.people.csv')
if len(set(p['Apollo Person ID'] for p in ppl)) != len(ppl): die('a clean run found a person twice')
if not len(ppl) <= enrich(c, 'people/bulk_match')['asked'] <= $PER * len(doms): die('a clean run matched %d people' % enrich(c, 'people/bulk_match')['asked'])
" "the clean run"
sandbox_stop

# tool_bg [NAME=VALUE...]: the tool itself in the background ($! is the
# tool: kill -9 must hit it), with $ARGS, in the environment given
tool_bg() {
	env "$@" APOLLO_BASE_URL="$BASE" "$APOLLO_CSV" prospect --no-progress --jobs 2 --per-company $PER \
		--type call --due "$DUE" --owner "$DANA" --note "$TAG" --deal "$TAG {company}" --amount 25k \
		$ARGS t.csv >> stdout 2>> stderr &
}
# the files of the run there now
files_now() { ls t.* 2> /dev/null | grep -v '^t\.csv$' | tr '\n' ' '; }

# new_scenario TAG SEED: a fresh sandbox, slow, and its counts before the run
new_scenario() {
	sandbox_stop
	[ "$sandbox_failed" = 0 ] || exit 1
	sandbox_start --rate minute=0,hour=0,day=0 --faults stall=0.5 --stall-ms 600 --fault-seed "$2"
	TAG=$1
	rm -f t.?*.csv t.*partial* stdout stderr
	stats
	mv stats before.json
	kills=0 rkills= lost="0 0"
}

# journal_lost: what the sandbox was asked (organizations, people) and the
# research journal does not hold: the calls whose answers the stops lost,
# all of them so far (the calls the kill left in flight are applied first)
journal_lost() {
	sleep 1.2
	stats
	check "
b = json.load(open('before.json')); s = st()
j = {'organizations/bulk_enrich': set(), 'people/bulk_match': set()}
for line in open('t.research.partial', encoding='utf-8'):
    if not line.endswith('\\n'): break
    try: r = json.loads(line)
    except ValueError: break
    j[r['call']] |= set(r.get('organizations', r.get('people')) or {})
now = [enrich(s, k)['asked'] - enrich(b, k)['asked'] - len(j[k]) for k in sorted(j)]
was = [int(x) for x in '$lost'.split()]
for k, n, w in zip(sorted(j), now, was):
    if not w <= n <= w + 10: die('%s: %d items asked and not in the journal after a stop, %d before it: a stop loses one call (10) at most' % (k, n, w))
print('%d %d' % tuple(now))
" "$TAG: what the research journal holds"
	lost=$out
}

# kill_at SIGNAL FILE DELAY ENV...: a run (the first, or --resume after a
# stop), sent SIGNAL DELAY s after FILE is there (FILE "-": after the
# start); which files there were is told. Sets rc.
kill_at() {
	sig=$1 mark=$2 delay=$3
	shift 3
	tool_bg "$@"
	pid=$!
	i=0
	if [ "$mark" != - ]; then
		while [ ! -e "$mark" ] && alive $pid; do
			i=$((i + 1))
			[ $i -le 600 ] || fail "$TAG: no $mark in a minute"
			sleep 0.05
		done
	fi
	sleep "$delay"
	when="${delay} s after $([ "$mark" = - ] && echo the start || echo "$mark" appeared)"
	if alive $pid; then
		there=$(files_now)
		kill -"$sig" $pid
		wait $pid 2> /dev/null
		rc=$?
		kills=$((kills + 1))
		case $there in
		*t.research.partial*) where=research ;;
		*t.deals.results.csv.partial*) where=deals ;;
		*t.tasks.results.csv.partial*) where=tasks ;;
		*t.people.results.csv.partial*) where=import ;;
		*) where="gap between steps" ;;
		esac
		rkills="$rkills $where"
		echo "$TAG: kill -$sig #$kills, $when, in the $where (status $rc); there were: $there"
		if [ -e t.research.partial ]; then
			journal_lost
			echo "$TAG: asked of the sandbox and not in the journal (organizations, people): $lost"
		fi
	else
		wait $pid
		rc=$?
		echo "$TAG: the run ended (status $rc) before kill -$sig $when: $(files_now)"
	fi
	ARGS=--resume
}

# finish_run ENV...: --resume until it ends with 0 or 1
finish_run() { resume_until "0 1" "$TAG" "$@"; }

# check_all WHAT: what the sandbox holds and the files say; one line of figures
check_all() {
	left=$(ls | grep -E '\.partial$|\.partial\.log$|\.research\.partial$|\.tmp' || true)
	[ -z "$left" ] || fail "$1: left behind: $left"
	cmp -s t.people.csv clean.people.csv || fail "$1: the people differ from a clean run's: $(diff clean.people.csv t.people.csv | head)"
	cmp -s t.domains.csv clean.domains.csv || fail "$1: the domains differ from a clean run's: $(diff clean.domains.csv t.domains.csv | head)"
	stats
	check "
b = json.load(open('before.json')); s = st(); c = json.load(open('clean.json'))
tag, due = '$TAG', '$DUE'.replace(' ', 'T')
# contacts: none twice, every person imported once
ppl = rows('t.people.csv'); imp = rows('t.people.results.csv')
if s['duplicate_emails'] != 0: die('duplicate_emails %d' % s['duplicate_emails'])
if len(imp) != len(ppl): die('%d people, %d import results' % (len(ppl), len(imp)))
bad = [(r['_row'], r['_status'], r['_reason']) for r in imp if r['_status'] not in ('created', 'existing')]
if bad: die('%d people not imported: %s' % (len(bad), bad[:5]))
if len(set(r['_contact_id'] for r in imp)) != len(imp): die('%d contact ids for %d people' % (len(set(r['_contact_id'] for r in imp)), len(imp)))
known = set(x['email'].lower() for x in seed['contacts'] if x.get('email'))
new = len(set(r['Email'].lower() for r in imp) - known)
if s['contacts'] != b['contacts'] + new: die('contacts %d, expected %d + %d people imported' % (s['contacts'], b['contacts'], new))
companies = len(set(r['Domain Row'] for r in imp))
# tasks: one per company, none twice
tk = rows('t.tasks.results.csv')
if len(tk) != companies: die('%d task rows for %d companies' % (len(tk), companies))
bad = [(r['_row'], r['_status'], r['_reason']) for r in tk if r['_status'] != 'created']
if bad: die('%d tasks not made: %s' % (len(bad), bad[:5]))
held = [t for t in all_of('tasks/search', 'tasks') if t.get('note') == tag and t['type'] == 'call' and t['due_at'][:16] == due]
per = {}
for t in held: per.setdefault(t['contact_id'], []).append(t['id'])
twice = {k: v for k, v in per.items() if len(v) > 1}
if twice: die('%d companies with the task made more than once (%d tasks for %d companies): %s; their rows: %s' % (len(twice), len(held), companies,
              sorted(twice.items())[:3], [(r['_row'], r['contact_id'], r['_task_id'], r['_reason']) for r in tk if r['contact_id'] in twice][:3]))
ids = {t['id']: t for t in held}
for r in tk:
    t = ids.get(r['_task_id'])
    if not t or t['contact_id'] != r['contact_id']: die('task row %s: %r is not a task of %s in the sandbox' % (r['_row'], r['_task_id'], r['contact_id']))
if len(held) != companies: die('the sandbox holds %d tasks for %d companies' % (len(held), companies))
# deals: one per company, none twice
dl = rows('t.deals.results.csv')
if len(dl) != companies: die('%d deal rows for %d companies' % (len(dl), companies))
bad = [(r['_row'], r['_status'], r['_reason']) for r in dl if r['_status'] != 'created']
if bad: die('%d deals not made: %s' % (len(bad), bad[:5]))
held = [d for d in all_of('opportunities/search', 'opportunities') if d['name'].startswith(tag + ' ')]
names = [d['name'] for d in held]
twice = sorted(set(n for n in names if names.count(n) > 1))
if twice: die('%d deals made more than once (%d deals for %d companies): %s; their rows: %s' % (len(twice), len(held), companies, twice[:3],
              [(r['_row'], r['name'], r['_deal_id'], r['_reason']) for r in dl if r['name'] in twice][:3]))
ids = {d['id']: d for d in held}
for r in dl:
    d = ids.get(r['_deal_id'])
    if not d or d['name'] != r['name'] or d['account_id'] != r['account']: die('deal row %s: %r is not the deal %r in the sandbox' % (r['_row'], r['_deal_id'], r['name']))
if len(held) != companies: die('the sandbox holds %d deals for %d companies' % (len(held), companies))
# the research: what a clean run asked, and again only what the stops
# lost (asked, and not in the journal when the run was stopped)
figs, again = [], 0
for route, lost in zip(('organizations/bulk_enrich', 'people/bulk_match'), [int(x) for x in '$lost'.split()]):
    got, want = enrich(s, route)['asked'] - enrich(b, route)['asked'], enrich(c, route)['asked']
    if got != want + lost:
        die('%s: %d items asked, a clean run asks %d, and %d were lost by the stops: %d bought twice' % (route, got, want, lost, got - want - lost))
    again += lost
    figs.append('%s %d asked (clean %d), %d credits' % (route.split('/')[0], got, want, enrich(s, route)['credits'] - enrich(b, route)['credits']))
found = sum('found in Apollo' in r['_reason'] for r in imp + tk + dl)
logged = sum('written in its log' in r['_reason'] for r in imp + tk + dl)
print('$1: $kills stops (${rkills# }); %d people, %d tasks, %d deals for %d companies, each once; %d rows found in Apollo, %d from the log; %s; %d asked again (lost in flight at the kills)' %
      (len(imp), len(tk), len(dl), companies, found, logged, '; '.join(figs), again))
" "$1"
	echo "$out"
}

# killed_thrice WHAT TAG SEED FIRST: three kills spread over the run (FIRST
# s after the start, in the research; in the import; in the follow-ups),
# --resume after each, then to the end
killed_thrice() {
	new_scenario "$2" "$3"
	ARGS=
	kill_at 9 - "$4" $CLOCK
	kill_at 9 t.people.results.csv.partial 0.2 $CLOCK
	kill_at 9 t.tasks.csv 0.25 $CLOCK
	finish_run $CLOCK
	check_all "$1"
}

CLOCK=$(clock_env +5s)
# (with these seeds the first kill leaves a people/bulk_match call in
# flight, the second an organizations/bulk_enrich call)
killed_thrice "clock 5 s ahead, 3 kills" pnt1 11 2.0
CLOCK=$(clock_env -5s)
killed_thrice "clock 5 s behind, 3 kills" pnt2 12 1.5

# Ctrl-C mid-run: 130, said so, and --resume finishes
CLOCK=
new_scenario pnt3 13
ARGS=
kill_at INT t.people.results.csv.partial 0.3
[ "$rc" = 130 ] || fail "exit status $rc after Ctrl-C, expected 130"
expect_in stderr "stopped by Ctrl-C"
expect_in stderr "--resume"
finish_run
check_all "Ctrl-C, then --resume"
exit 0
