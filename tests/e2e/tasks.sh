#!/bin/sh
# tasks FILE against the sandbox: every accepted spelling of type,
# priority, status and due; each invalid-row reason; contacts by email in
# one contacts/bulk_create call (an unknown email becomes a contact);
# tasks sharing their settings in one tasks/bulk_create call, the others
# one by one; --timezone; a contact Apollo refuses fails alone. Then the
# never-twice promises: a second run is refused, --resume after a finished
# run sends nothing, lost answers are looked for instead of sent again,
# kill -9 and --resume leave exactly one task per row, and a run stopped
# by the rate limit is finished by --resume.
. "$(dirname "$0")/import-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0
DANA=dana.whitfield@sellwise-demo.com
RES=t.results.csv
tk() { APOLLO_BASE_URL=$BASE run tasks --no-progress "$@"; }

cat >> e2e_helpers.py <<'PY'
import urllib.request
# a call to the sandbox; tried again through its faults
def api(path, body):
    for attempt in range(40):
        r = urllib.request.Request(os.environ['BASE'] + '/' + path, data=json.dumps(body).encode(),
                                   headers={'x-api-key': 'sandbox-master-key', 'Content-Type': 'application/json'})
        try:
            return json.load(urllib.request.urlopen(r, timeout=10))
        except Exception as e:
            last = e
    raise last
# every task the sandbox holds, by id
def tasks():
    out, page = {}, 1
    while True:
        d = api('tasks/search', {'page': page, 'per_page': 100})
        for t in d['tasks']: out[t['id']] = t
        if page >= int(d['pagination']['total_pages'] or 1): return out
        page += 1
def user_id(email):
    return [u['id'] for u in seed['users'] if u['email'] == email][0]
def contact_id(email):
    return [c['id'] for c in seed['contacts'] if c['email'] == email][0]
PY
export BASE

emails=$(py "print(' '.join(c['email'] for c in seed['contacts'] if c['email'])[:2000])")
set -- $emails
E1=$1 E2=$2 E3=$3 E4=$4 E5=$5 E6=$6
C7=$(py "print([c['id'] for c in seed['contacts'] if c['email']][6])")

# ---- spellings, reasons, bulk paths ----
cat > t.csv <<EOF
Email,Contact ID,Type,Due Date,Priority,Status,Owner,Notes,Task Title,First Name,Last Name,Company
$E1,,Call,2026-12-01 09:00,High,,$DANA,Ring about the renewal,,,,
$E2,,phone call,2026-12-01T09:00:00Z,high,scheduled,$DANA,Ring about the renewal,,,,
new.lead@brand-new-co.test,,CALL,1 Dec 2026 9:00 AM,HIGH,Open,$DANA,Ring about the renewal,,Nia,Okafor,Brand New Co
,$C7,LinkedIn connect,15/12/2026,,,Marco Ferri,,Say hello,,,
$E3,,Manual email,1-Dec-2026,medium,completed,$DANA,,,,,
$E4,,linkedin - send connection request,"Dec 2, 2026",low,skipped,$DANA,,,,,
$E5,,View profile,2026-12-03,Med,done,$DANA,,,,,
$E6,,Interact with post,2026-12-04,lo,To do,$DANA,,,,,
$E1,,LinkedIn message,2026-12-05 14:30:00+01:00,,,$DANA,,,,,
$E2,,To-do,46361,,,$DANA,,,,,
$E3,,action_item,2026-12-06,urgent,,$DANA,,,,,
$E1,,Call,2026-12-01 09:00,High,,$DANA,Ring about the renewal,,,,
$E1,,Fax,2026-12-01,,,$DANA,,,,,
$E1,,Call,03/04/2026,,,$DANA,,,,,
$E1,,Call,31/02/2026,,,$DANA,,,,,
$E1,,Call,2026-12-01,whenever,,$DANA,,,,,
$E1,,Call,2026-12-01,,later,$DANA,,,,,
,,Call,2026-12-01,,,$DANA,,,,,
not-an-email,,Call,2026-12-01,,,$DANA,,,,,
,not an id!,Call,2026-12-01,,,$DANA,,,,,
$E1,,Call,2026-12-01,,,nobody@nowhere.test,,,,,
$E1,,,2026-12-01,,,$DANA,,,,,
$E1,,Call,,,,$DANA,,,,,
,ffffffffffffffffffffffff,Call,2026-12-09,,,$DANA,,,,,
EOF
stats; mv stats stats.before
tk t.csv
expect_status 1 "tasks with invalid rows"
stats
check "
rs = rows('$RES'); s = st(); b = json.load(open('stats.before'))
got = [r['_status'] for r in rs]
want = ['created'] * 11 + ['duplicate'] + ['invalid'] * 11 + ['failed']
if got != want: die('statuses %r' % got)
why = [r['_reason'] for r in rs]
expect = {12: 'the same task as row 1', 13: '\"Fax\" is not a task type', 14: 'could be 3 April 2026 (dmy) or 4 March 2026 (mdy)',
          15: '31/02/2026', 16: '\"whenever\" is not a priority', 17: '\"later\" is not a task status',
          18: 'no contact', 19: 'not-an-email', 20: 'is not an Apollo contact id', 21: 'is not one of the team',
          22: 'no task type', 23: 'no due date', 24: 'Apollo did not make the task'}
for row, text in expect.items():
    if text not in why[row - 1]: die('row %d: reason %r lacks %r' % (row, why[row - 1], text))
if 'created for this task' not in why[2]: die('row 3: %r' % why[2])
made = tasks()
ids = [r['_task_id'] for r in rs[:11]]
if len(set(ids)) != 11 or any(i not in made for i in ids): die('task ids %r' % ids)
dana, marco = user_id('$DANA'), user_id('marco.ferri@sellwise-demo.com')
def t(row): return made[rs[row - 1]['_task_id']]
want = {1: ('call', 'high', 'scheduled', '2026-12-01T09:00:00.000+00:00', dana),
        2: ('call', 'high', 'scheduled', '2026-12-01T09:00:00.000+00:00', dana),
        3: ('call', 'high', 'scheduled', '2026-12-01T09:00:00.000+00:00', dana),
        4: ('linkedin_step_connect', 'medium', 'scheduled', '2026-12-15T00:00:00.000+00:00', marco),
        5: ('outreach_manual_email', 'medium', 'completed', '2026-12-01T00:00:00.000+00:00', dana),
        6: ('linkedin_step_connect', 'low', 'skipped', '2026-12-02T00:00:00.000+00:00', dana),
        7: ('linkedin_step_view_profile', 'medium', 'completed', '2026-12-03T00:00:00.000+00:00', dana),
        8: ('linkedin_step_interact_post', 'low', 'scheduled', '2026-12-04T00:00:00.000+00:00', dana),
        9: ('linkedin_step_message', 'medium', 'scheduled', '2026-12-05T13:30:00.000+00:00', dana),
        10: ('action_item', 'medium', 'scheduled', '2026-12-05T00:00:00.000+00:00', dana),
        11: ('action_item', 'high', 'scheduled', '2026-12-06T00:00:00.000+00:00', dana)}
for row, w in want.items():
    g = (t(row)['type'], t(row)['priority'], t(row)['status'], t(row)['due_at'], t(row)['user_id'])
    if g != w: die('row %d: task %r, expected %r' % (row, g, w))
if t(4)['title'] != 'Say hello' or t(1)['note'] != 'Ring about the renewal': die('title/note %r %r' % (t(4)['title'], t(1)['note']))
if t(1)['contact_id'] != contact_id('$E1') or t(4)['contact_id'] != '$C7': die('contacts of the tasks')
if t(3)['contact']['email'] != 'new.lead@brand-new-co.test' or t(3)['contact']['last_name'] != 'Okafor': die('new contact %r' % t(3)['contact'])
if s['tasks'] != b['tasks'] + 11: die('sandbox tasks %d, expected %d + 11' % (s['tasks'], b['tasks']))
if s['contacts'] != b['contacts'] + 1: die('contacts %d, expected one new' % s['contacts'])
rq = s['requests']
# rows 1-3 share their settings: one bulk call; the other 8 and the refused id alone
want_rq = {'POST /api/v1/users/search': 1, 'POST /api/v1/contacts/bulk_create': 1,
           'POST /api/v1/tasks/bulk_create': 1, 'POST /api/v1/tasks': 9}
if rq != want_rq: die('requests %r, expected %r' % (rq, want_rq))
" "tasks: spellings, reasons and bulk paths"
expect_in stderr "1 contact was made for emails Apollo did not have"

# several contacts with one setting go in one bulk call; --timezone
py "
print('contact_id')
for c in [c for c in seed['contacts'] if c['email']][10:250]: print(c['id'])
" > many.csv
stats; mv stats stats.before
tk --type 'LinkedIn view profile' --due '2026-12-07 09:30' --timezone America/New_York --owner "$DANA" \
	-o many.results.csv many.csv
expect_status 0 "tasks with the settings as options"
stats
check "
rs = rows('many.results.csv'); s = st(); b = json.load(open('stats.before'))
if [r['_status'] for r in rs] != ['created'] * 240: die('not all created')
made = tasks()
for r in rs:
    m = made[r['_task_id']]
    if (m['type'], m['due_at'], m['contact_id']) != ('linkedin_step_view_profile', '2026-12-07T14:30:00.000+00:00', r['contact_id']):
        die('task %r' % m)
n = lambda k: s['requests'].get(k, 0) - b['requests'].get(k, 0)
if n('POST /api/v1/tasks/bulk_create') != 3 or n('POST /api/v1/tasks') != 0: die('requests %r' % s['requests'])
" "240 tasks with one setting: 3 bulk calls"

# an earlier run's results as the input: its _status is not the task's
# status, its _contact_id is the contact; a row of empty cells is a gap
tk --type Call --due 2026-12-20 --owner "$DANA" -o again.csv many.results.csv
expect_status 0 "tasks on an earlier run's results"
check "
rs = rows('again.csv')
if [r['_status'] for r in rs] != ['created'] * 240: die('statuses %r' % sorted(set(r['_status'] for r in rs)))
made = tasks()
if any(made[r['_task_id']]['status'] != 'scheduled' for r in rs): die('a status taken from _status')
" "an earlier run's results as input"
printf 'email,type,due,owner\n,,,\n%s,call,2026-12-21,%s\n' "$E1" "$DANA" > gap.csv
tk gap.csv
expect_status 0 "tasks with a blank row"
check "
rs = rows('gap.results.csv')
if [(r['_status'], r['_reason']) for r in rs] != [('invalid', 'blank row'), ('created', '')]: die('%r' % [(r['_status'], r['_reason']) for r in rs])
" "a blank row"

# ---- never twice ----
tk t.csv
expect_status 6 "tasks again on the same results"
expect_in stderr "--resume"
stats; mv stats stats.before
tk --resume t.csv
expect_status 1 "tasks --resume after a finished run"
stats
check "
s = st(); b = json.load(open('stats.before'))
if s['tasks'] != b['tasks']: die('--resume made %d tasks' % (s['tasks'] - b['tasks']))
for k in ('POST /api/v1/tasks', 'POST /api/v1/tasks/bulk_create', 'POST /api/v1/contacts/bulk_create'):
    if s['requests'].get(k) != b['requests'].get(k): die('--resume sent %s' % k)
if [r['_status'] for r in rows('$RES')][:12] != ['created'] * 11 + ['duplicate']: die('results changed')
" "--resume after a finished run"

# answers lost, connections dropped, 5xx and bodies that are not JSON:
# what was made is found, not made again
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --faults lost=0.2,5xx=0.1,drop=0.1,malformed=0.1,truncated=0.05 --fault-seed 7
py "
print('contact_id,type,due,owner')
cs = [c for c in seed['contacts'] if c['email']]
for i, c in enumerate(cs[:200]):
    # half share one setting (bulk calls), half are due at their own minute (one by one)
    print('%s,call,%s,$DANA' % (c['id'], '2026-12-10 10:00' if i % 2 else '2026-12-10 10:%02d' % (i // 2 % 60)))
" > faults.csv
stats; mv stats stats.before
tk --retries 12 --backoff 1 --jobs 4 -o faults.results.csv faults.csv
expect_status 0 "tasks through faults"
stats
check "
rs = rows('faults.results.csv'); s = st(); b = json.load(open('stats.before'))
if [r['_status'] for r in rs] != ['created'] * 200: die('statuses %r' % [r['_status'] for r in rs if r['_status'] != 'created'])
if s['tasks'] != b['tasks'] + 200: die('%d tasks made for 200 rows' % (s['tasks'] - b['tasks']))
made = tasks()
if len(set(r['_task_id'] for r in rs)) != 200 or any(r['_task_id'] not in made for r in rs): die('task ids')
if sum(s['faults'].values()) < 10: die('too few faults to prove anything: %r' % s['faults'])
if not s['requests'].get('POST /api/v1/tasks/search'): die('no look after a lost answer')
print('faults %r, %d found' % (s['faults'], sum('found in Apollo' in r['_reason'] for r in rs)))
" "tasks through faults"
echo "$out" >> log

# kill -9 mid-way, then --resume: one task per row
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=0.4 --stall-ms 150 --fault-seed 9
py "
print('contact_id,type,due,owner')
for i, c in enumerate([c for c in seed['contacts'] if c['email']][:280]):
    print('%s,action_item,2026-12-11 %02d:%02d,$DANA' % (c['id'], 8 + i // 60, i % 60))
" > kill.csv
stats; mv stats stats.before
go() {
	APOLLO_BASE_URL=$BASE exec "$APOLLO_CSV" tasks --no-progress --jobs 2 "$@" kill.csv > stdout 2> stderr
}
resume=
for d in 0.7 1.1 0.9; do
	(go $resume) &
	pid=$!
	sleep "$d"
	kill -9 $pid 2> /dev/null
	wait $pid
	echo "killed after $d s (exit status $?)" >> log
	# as a person would take a moment: a request the killed run had sent
	# is done by the sandbox (a stall lasts 150 ms) before the look
	sleep 0.5
	resume=--resume
done
(go --resume)
rc=$?
expect_status 0 "the last tasks --resume"
stats
check "
rs = rows('kill.results.csv'); s = st(); b = json.load(open('stats.before'))
if [r['_row'] for r in rs] != [str(i) for i in range(1, 281)]: die('rows %d' % len(rs))
if [r['_status'] for r in rs] != ['created'] * 280: die('not all created')
if s['tasks'] != b['tasks'] + 280: die('%d tasks made for 280 rows' % (s['tasks'] - b['tasks']))
made = tasks()
ids = [r['_task_id'] for r in rs]
if len(set(ids)) != 280 or any(i not in made for i in ids): die('task ids')
mine = [t for t in made.values() if t['due_at'].startswith('2026-12-11')]
if len(mine) != 280: die('%d tasks due on the 11th' % len(mine))
" "kill -9 and --resume"

# stopped by the rate limit, finished by --resume
sandbox_stop
sandbox_start --rate minute=4,hour=0,day=0 --time-scale 1 --state sandbox.state
stats; mv stats stats.before
tk --max-wait 1 --jobs 1 -o rate.results.csv faults.csv
expect_status 5 "tasks stopped by the rate limit"
expect_in stderr "--resume"
check "
rs = rows('rate.results.csv')
if not any(r['_status'] == 'unprocessed' for r in rs): die('nothing unprocessed')
if any('--resume' not in r['_reason'] for r in rs if r['_status'] == 'unprocessed'): die('reason without --resume')
" "the rate-limit stop"
sandbox_stop
sandbox_start --rate minute=0,hour=0,day=0 --state sandbox.state
tk --resume -o rate.results.csv faults.csv
expect_status 0 "tasks --resume after the rate limit"
stats
check "
rs = rows('rate.results.csv'); s = st(); b = json.load(open('stats.before'))
if [r['_status'] for r in rs] != ['created'] * 200: die('not all created')
if s['tasks'] != b['tasks'] + 200: die('%d tasks made for 200 rows' % (s['tasks'] - b['tasks']))
" "--resume after the rate limit"
exit 0
