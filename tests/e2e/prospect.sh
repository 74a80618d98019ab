#!/bin/sh
# prospect FILE against the sandbox: from company domains to people
# enrolled in a sequence, with a task and a deal per company. Checks each
# step's files against the sandbox's directory (every person found works
# at the domain of the row it names, has a verified email, at most
# --per-company a company, the titles asked for), the bulk paths used
# (one organizations/bulk_enrich for 8 domains, one search per set of
# titles, bulk_match 10 a call), the contacts, enrolments, tasks and deals
# the sandbox holds after it, --resume spending no credit and making
# nothing twice, and --max-credits.
. "$(dirname "$0")/import-lib.sh"
sandbox_start --rate minute=0,hour=0,day=0
DANA=dana.whitfield@sellwise-demo.com

cat >> e2e_helpers.py <<'PY'
people = {p['id']: p for p in seed['directory']['people']}
orgs = {o['id']: o for o in seed['directory']['organizations']}
def domain_of(person_id):
    return orgs[people[person_id]['organization_id']]['primary_domain']
PY

py "
o = seed['directory']['organizations']
print('Company Domain,Titles')
for x in o[:6]: print(x['primary_domain'] + ',')
print('no-such-company-at-all.test,')
print('https://www.%s/,Director' % o[6]['primary_domain'])
print(o[0]['primary_domain'] + ',')
print(',')
" > t.csv
stats; mv stats stats.before
enr prospect --no-progress --per-company 2 --sequence "$Q4_NAME" --from "$FROM" --allow same-company \
	--type call --due 2026-12-15 --owner "$DANA" --deal '{company} - new business' --amount 25k \
	--stage Discovery t.csv
expect_status 0 "prospect"
stats
check "
b = json.load(open('stats.before')); s = st()
n = lambda k: s['requests'].get(k, 0) - b['requests'].get(k, 0)
dom = rows('t.domains.csv')
got = [r['_status'] for r in dom]
if got[6:] != ['not_found', got[7], 'duplicate', 'invalid']: die('domain statuses %r' % got)
if got[:6] != ['found'] * 6: die('the seed companies: %r' % got[:6])
if 'no organization' not in dom[6]['_reason']: die('row 7: %r' % dom[6]['_reason'])
ppl = rows('t.people.csv')
if not ppl: die('nobody found')
by_row = {}
for p in ppl:
    row = int(p['Domain Row'])
    want = dom[row - 1]['Company Domain'].replace('https://www.', '').strip('/')
    if domain_of(p['Apollo Person ID']) != want: die('%s is not at %s' % (p['Email'], want))
    src = people[p['Apollo Person ID']]
    if src.get('email_status') != 'verified' or p['Email'] != src['email']: die('email of %r' % p)
    by_row.setdefault(row, []).append(p)
for row, ps in by_row.items():
    if len(ps) > 2: die('%d people for row %d' % (len(ps), row))
    if int(dom[row - 1]['_people']) != len(ps): die('row %d: _people %s, %d in the people file' % (row, dom[row - 1]['_people'], len(ps)))
for p in by_row.get(8, []):
    if 'Director' not in p['Title']: die('row 8 asked for directors: %r' % p['Title'])
res = rows('t.people.results.csv')
if len(res) != len(ppl) or any(r['_status'] != 'created' for r in res): die('import %r' % [r['_status'] for r in res])
if any(r['_sequence_status'] not in ('enrolled', 'skipped') for r in res): die('sequence %r' % [r['_sequence_status'] for r in res])
companies = len(by_row)
tk = rows('t.tasks.results.csv'); dl = rows('t.deals.results.csv')
if len(tk) != companies or any(r['_status'] != 'created' for r in tk): die('tasks %r' % [r['_status'] for r in tk])
if len(dl) != companies or any(r['_status'] != 'created' for r in dl): die('deals %r' % [r['_status'] for r in dl])
if not all(r['name'].endswith(' - new business') for r in rows('t.deals.csv')): die('deal names')
if s['contacts'] != b['contacts'] + len(ppl): die('contacts %d, expected %d + %d' % (s['contacts'], b['contacts'], len(ppl)))
if s['tasks'] != b['tasks'] + companies or s['opportunities'] != b['opportunities'] + companies: die('tasks/deals in the sandbox')
want = {'POST /api/v1/organizations/bulk_enrich': 1, 'POST /api/v1/mixed_people/api_search': 2,
        'POST /api/v1/people/bulk_match': (sum(int(r['_people']) for r in dom if r['_people']) + 9) // 10,
        'POST /api/v1/contacts/bulk_create': 1, 'POST /api/v1/accounts/bulk_create': 1,
        'POST /api/v1/emailer_campaigns/{id}/add_contact_ids': 1, 'POST /api/v1/tasks/bulk_create': 1,
        'POST /api/v1/opportunities': companies}
for k, v in want.items():
    if n(k) != v: die('%s: %d calls, expected %d (%r)' % (k, n(k), v, s['requests']))
if n('POST /api/v1/emailer_campaigns/search') != 1 or n('GET /api/v1/email_accounts') != 1: die('look-ups repeated %r' % s['requests'])
" "prospect: research, import, tasks and deals"
expect_in stderr "8 domains researched"

# again: refused; --resume: no credit spent, nothing made twice
enr prospect --no-progress --per-company 2 t.csv
expect_status 6 "prospect again without --resume"
stats; mv stats stats.before
enr prospect --no-progress --per-company 2 --sequence "$Q4_NAME" --from "$FROM" --allow same-company \
	--type call --due 2026-12-15 --owner "$DANA" --deal '{company} - new business' --amount 25k \
	--stage Discovery --resume t.csv
expect_status 0 "prospect --resume"
expect_in stderr "no credits spent on it again"
stats
check "
b = json.load(open('stats.before')); s = st()
for k in ('POST /api/v1/organizations/bulk_enrich', 'POST /api/v1/mixed_people/api_search', 'POST /api/v1/people/bulk_match',
          'POST /api/v1/contacts/bulk_create', 'POST /api/v1/tasks/bulk_create', 'POST /api/v1/tasks', 'POST /api/v1/opportunities'):
    if s['requests'].get(k, 0) != b['requests'].get(k, 0): die('--resume sent %s' % k)
if (s['contacts'], s['tasks'], s['opportunities']) != (b['contacts'], b['tasks'], b['opportunities']): die('--resume made something')
" "prospect --resume"

# a credit limit: 3 credits research 3 organizations and no one more
py "
print('domain')
for x in seed['directory']['organizations'][10:16]: print(x['primary_domain'])
" > few.csv
enr prospect --no-progress --max-credits 3 few.csv
expect_status 0 "prospect --max-credits 3"
check "
dom = rows('few.domains.csv')
over = [r for r in dom if 'max-credits' in r['_reason']]
if len(over) != 3: die('%d rows past the limit: %r' % (len(over), [r['_reason'] for r in dom]))
if rows('few.people.csv'): die('people matched with no credit left')
" "--max-credits"
expect_in stderr "credits used: 3 of --max-credits 3"
exit 0
