#!/bin/sh
# Rows Apollo matched to a contact it has (existing) say how: by email, or
# by name and company with the email Apollo's contact has (or that it has
# none); which of the file's values the contact did not take, and which
# of them --existing update would apply. With --existing update, the
# fields it updated. bulk_create never changes the contacts it matches.
. "$(dirname "$0")/import-lib.sh"
sandbox_start

py "
full = [c for c in seed['contacts'] if c.get('email') and c.get('first_name') and c.get('last_name')
        and c.get('organization_name') and c.get('title')]
a, b, same = full[10], full[11], full[12]
w = csv.writer(open('ex.csv', 'w', newline='', encoding='utf-8'), lineterminator='\n')
w.writerow(['First Name', 'Last Name', 'Email', 'Company', 'Title'])
w.writerow([a['first_name'], a['last_name'], a['email'], a['organization_name'], 'Chief Reason Officer'])
w.writerow([b['first_name'], b['last_name'], 'other.address@reasons-e2e.example', b['organization_name'],
            'Head of Reasons'])
w.writerow([same['first_name'], same['last_name'], same['email'], same['organization_name'], same['title']])
json.dump({'a': a, 'b': b, 'same': same}, open('picked.json', 'w'))
"
want() { py "import json; p = json.load(open('picked.json')); print($1)"; }

RES=ex.results.csv
stats; mv stats stats.before
imp ex.csv
expect_status 0 "import of contacts Apollo has"
stats
check "
p = json.load(open('picked.json')); a, b, same = p['a'], p['b'], p['same']
rs = rows('$RES')
if [r['_status'] for r in rs] != ['existing'] * 3: die('statuses %r' % [r['_status'] for r in rs])
if [r['_contact_id'] for r in rs] != [a['id'], b['id'], same['id']]: die('ids %r' % [r['_contact_id'] for r in rs])
w0 = ('matched by email; not applied, as the contact exists: title \"Chief Reason Officer\" (Apollo has \"%s\"); '
      '--existing update would apply title' % a['title'])
w1 = (\"matched by name and company: Apollo's contact has the email %s, not the file's \"
      'other.address@reasons-e2e.example; not applied, as the contact exists: title \"Head of Reasons\" '
      '(Apollo has \"%s\"); --existing update would apply title' % (b['email'], b['title']))
w2 = \"matched by email; no file value differs from Apollo's (of the fields its reply shows)\"
for got, exp in zip([r['_reason'] for r in rs], [w0, w1, w2]):
    if got != exp: die('_reason %r, expected %r' % (got, exp))
bb = json.load(open('stats.before'))
if req('POST /api/v1/contacts/bulk_create') - bb['requests'].get('POST /api/v1/contacts/bulk_create', 0) != 1:
    die('bulk_create calls')
if st()['contacts'] != bb['contacts']: die('a contact was made')
" "existing rows explained"
# Apollo's contacts are as they were: nothing of the file applied
id_b=$(want "p['b']['id']")
api GET "contacts/$id_b"
expect_code 200
expect_body "\"email\":\"$(want "p['b']['email']")\""
expect_no_body 'Head of Reasons'

# --existing update: the reason names what was updated
RES=upd.results.csv
cp ex.csv upd.csv
imp --existing update upd.csv
expect_status 0 "import --existing update"
check "
p = json.load(open('picked.json')); b = p['b']
rs = rows('$RES')
got = [(r['_status'], r['_reason']) for r in rs]
exp = [('updated', 'matched by email; updated: title'),
       ('updated', \"matched by name and company: Apollo's contact has the email %s, not the file's \"
                   'other.address@reasons-e2e.example; updated: title' % b['email']),
       ('unchanged', 'matched by email; nothing --existing update sends differs')]
if got != exp: die('got %r, expected %r' % (got, exp))
" "--existing update explained"
api GET "contacts/$id_b"
expect_body '"title":"Head of Reasons"'
