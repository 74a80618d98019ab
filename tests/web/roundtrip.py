"""The round trip through the page: export contacts (from the start page,
without a file), the export downloaded, one title edited with Python's csv
module, the file uploaded, update run. The sandbox must get exactly that
change: one bulk_update holding that contact and that title, no other
write, and its records otherwise as they were."""
import csv
import json
import os

from webtest import csv_rows, die, main, records, wait

TITLE = 'Chief Round-Trip Officer'
EXCHANGES = os.environ['EXCHANGES']
READS = ('/search', '/email_accounts', '/fields', '/users', '/labels', '/typed_custom_fields')


def run_to_done(p, command, shot, what):
    """Run pressed; the Done page shown (and saved as `shot`); the run must
    be `command`, done, exit status 0"""
    p.click('button#run-btn')
    p.section('done', timeout=120)
    p.shot(shot)
    run = p.run()
    if run['command'] != command or run['state'] != 'done' or run['exit_status'] != 0:
        die('%s: %s %s exit status %s' % (what, run['command'], run['state'], run['exit_status']))


def exchanges():
    try:
        return [json.loads(line) for line in open(EXCHANGES, encoding='utf-8')]
    except FileNotFoundError:
        return []


def writes(exs):
    """the exchanges that could change a record"""
    return [e for e in exs if e['method'] not in ('GET', 'HEAD') and not e['path'].endswith(READS)]


def test(p):
    p.open()
    p.section('start')
    p.shot('start')
    p.click('button#export-contacts-btn')
    p.section('todo')
    if p.el('select#command').get_attribute('value') != 'export contacts':
        die('select#command after #export-contacts-btn: %r' % p.el('select#command').get_attribute('value'))
    p.shot('todo-export')
    run_to_done(p, 'export contacts', 'done-export', 'the export')
    data = p.download('export')
    exported = csv_rows(data)
    seed = json.load(open(os.environ['SEED'], encoding='utf-8'))
    if len(exported) != len(seed['contacts']):
        die('the export has %d contacts, the sandbox %d' % (len(exported), len(seed['contacts'])))

    # one title edited, as a person would in a spreadsheet program
    text = data.decode('utf-8-sig')
    rows = list(csv.reader(text.splitlines(keepends=True)))
    head = rows[0]
    target = rows[1][head.index('contact_id')]
    old = rows[1][head.index('title')]
    if old == TITLE:
        die('the first contact already has the title %s' % TITLE)
    rows[1][head.index('title')] = TITLE
    with open('contacts-edited.csv', 'w', newline='', encoding='utf-8') as f:
        csv.writer(f).writerows(rows)

    p.click('button#new-run-btn')
    p.section('start')
    p.upload('contacts-edited.csv')
    p.section('mapping')
    p.shot('mapping-edited')
    p.click('button#mapping-next')
    p.section('todo')
    p.select('select#command', value='update')
    wait('#command-line says update', lambda: 'update' in p.text('code#command-line'))
    p.shot('todo-update')
    before_records = {c['id']: c for c in records()}
    before = len(exchanges())
    run_to_done(p, 'update', 'done-update', 'the update')

    rs = csv_rows(p.download('results'))
    changed = [(r['contact_id'], r['_status'], r['_reason']) for r in rs if r['_status'] != 'unchanged']
    if changed != [(target, 'updated', 'changed: title')]:
        die('the update\'s results (rows not unchanged): %s' % changed[:10])
    if len(rs) != len(exported):
        die('%d result rows for %d rows sent' % (len(rs), len(exported)))

    sent = writes(exchanges()[before:])
    if len(sent) != 1 or not sent[0]['path'].endswith('/contacts/bulk_update'):
        die('the writes Apollo got: %s' % [(e['method'], e['path']) for e in sent])
    body = json.loads(sent[0]['request_body'])
    if body.get('contact_attributes') != [{'id': target, 'title': TITLE}]:
        die('the bulk_update sent: %s' % sent[0]['request_body'][:1000])
    after_records = {c['id']: c for c in records()}
    ignore = ('updated_at',)
    diff = [(i, k) for i in set(before_records) | set(after_records)
            for k in set(before_records.get(i, {})) | set(after_records.get(i, {}))
            if k not in ignore and before_records.get(i, {}).get(k) != after_records.get(i, {}).get(k)]
    if diff != [(target, 'title')] or after_records[target]['title'] != TITLE:
        die('the sandbox\'s contacts changed in: %s' % diff[:10])
    print('the round trip: one bulk_update, %s title %r -> %r' % (target, old, TITLE))


main(test)
