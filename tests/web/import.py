"""The sample prospects through the page: upload, City mapped to no field,
import and enrol in "Q4 Outbound - SaaS" from Dana's mailbox (allowing
contacts of a company already in it), the progress
to the end, the results downloaded. They must be the command line's
(cli.results.csv: the same file, --map city=, --allow same-company, against a sandbox of its
own, run by web-import.sh): the same rows, _status, _reason,
_sequence_status and _sequence_reason; the same calls to Apollo, and the
same contacts made (present_raw_address without the city)."""
import json
import os
import time

from webtest import calls_between, csv_rows, die, main, records, stats, wait

SAMPLE = os.path.join(os.environ['TOP_SRCDIR'], 'samples', 'prospects.csv.gz')
SEQ = 'Q4 Outbound - SaaS'
FROM = 'dana.whitfield@sellwise-demo.com'
COMPARED = ('_row', '_line', 'First Name', 'Email', '_status', '_reason', '_sequence_status', '_sequence_reason')


def test(p):
    p.open()
    p.section('start')
    wait('#key-state says the key is from APOLLO_API_KEY', lambda: 'APOLLO_API_KEY' in p.text('#key-state'))
    p.shot('start')

    p.upload(SAMPLE)
    p.section('mapping')
    wait('#mapping-counts: 270 ready, 15 duplicate, 15 invalid',
         lambda: p.counts() == {'ready': 270, 'duplicate': 15, 'invalid': 15})
    headers = [tr.get_attribute('data-header') for tr in p.els('table#mapping-table tr[data-header]')]
    if headers != ['First Name', 'Last Name', 'Email', 'Title', 'Company', 'Website', 'Phone', 'City',
                   'State', 'Country', 'Lists', 'Notes']:
        die('the mapping table\'s rows: %s' % headers)
    p.shot('mapping')
    city = 'table#mapping-table tr[data-header="City"] select.field-select'
    if p.el(city).get_attribute('value') != 'city':
        die('City does not feed city: %r' % p.el(city).get_attribute('value'))
    p.select(city, value='')
    # the page asks check again with the new mapping
    wait('the check with City read into no field', lambda: p.state()['check']['map'].get('city') == '')
    if {k: n for k, n in p.state()['check']['counts'].items() if n} != {'ready': 270, 'duplicate': 15, 'invalid': 15}:
        die('the counts after the change: %s' % p.state()['check']['counts'])
    p.shot('mapping-changed')

    p.click('button#mapping-next')
    p.choose_import(SEQ, FROM)
    # whether a contact is skipped as "same company" depends on which of the
    # company's contacts was enrolled first, which the order the chunks
    # land in decides: allowed here and on the command line
    p.click('input[name=allow][value="same-company"]')
    wait('#command-line names the sequence, the mailbox and --allow same-company',
         lambda: SEQ in p.text('code#command-line') and FROM in p.text('code#command-line') and
         'same-company' in p.text('code#command-line'))
    p.shot('todo')

    before = stats()
    p.click('button#run-btn')
    # the progress as the page shows it, until the run is done
    seen, shot = [], False
    end = time.time() + 180
    while 'done' not in p.shown():
        if time.time() > end:
            die('the run did not end within 180 s: %s' % p.run())
        if 'running' in p.shown():
            bar = p.el('progress#progress-bar')
            seen.append((bar.get_attribute('value'), bar.get_attribute('max')))
            if not shot:
                p.shot('running')
                shot = True
        time.sleep(0.05)
    p.section('done')
    p.shot('done')
    run = p.run()
    if run['state'] != 'done' or run['exit_status'] != 1:
        die('the run: state %s, exit status %s (1: some rows need attention)' % (run['state'], run['exit_status']))
    prog = run['progress']
    if prog['done'] != prog['total'] or prog['total'] != 300:
        die('the run\'s progress at the end: %s' % prog)
    bar = p.el('progress#progress-bar')
    if (bar.get_attribute('value'), bar.get_attribute('max')) != ('300', '300'):
        die('#progress-bar at the end: value %s, max %s' % (bar.get_attribute('value'), bar.get_attribute('max')))
    if p.text('#progress-text') != '300 of 300 rows':
        die('#progress-text at the end: %r' % p.text('#progress-text'))
    if [v for v in seen if v[1] not in (None, '', '300') and float(v[0] or 0) > float(v[1])]:
        die('the progress went past its total: %s' % seen)
    print('progress seen in the page:', sorted(set(seen))[:20])

    # the counts shown are the results'
    results = csv_rows(p.download('results'))
    cli = csv_rows(open('cli.results.csv', 'rb').read())
    for status in ('created', 'duplicate', 'invalid'):
        n = sum(1 for r in results if r['_status'] == status)
        cell = p.els('table#counts tr[data-status="%s"] td.count' % status)
        if not cell or cell[0].get_attribute('textContent').strip().replace(',', '') != str(n):
            die('table#counts %s: %s, the results have %d' %
                (status, cell[0].get_attribute('textContent') if cell else 'no row', n))

    # the command line's results
    if len(results) != len(cli):
        die('%d result rows, the command line %d' % (len(results), len(cli)))
    diff = [(c['_row'], k, r.get(k), c.get(k)) for r, c in zip(results, cli) for k in COMPARED if r.get(k) != c.get(k)]
    if diff:
        die('the results differ from the command line\'s (row, column, page, CLI): %s' % diff[:10])
    if list(results[0]) != list(cli[0]):
        die('the results\' columns: %s; the command line\'s: %s' % (list(results[0]), list(cli[0])))

    # what Apollo got: the same calls, the same contacts
    page_calls = calls_between(before, stats())
    cli_stats = json.load(open('cli.stats'))
    if page_calls != cli_stats['requests']:
        die('the page\'s run made the calls %s; the command line %s' % (page_calls, cli_stats['requests']))
    made = {c['email']: c for c in records() if c['email']}
    cli_made = {c['email']: c for c in json.load(open('cli.contacts.json'))['contacts'] if c['email']}
    keys = ('first_name', 'last_name', 'title', 'organization_name', 'present_raw_address', 'city', 'website_url')
    created = [r['Email'].strip().lower() for r in results if r['_status'] == 'created' and r['Email'].strip()]
    if len(created) < 150:
        die('only %d rows created' % len(created))
    diff = [(e, k, made.get(e, {}).get(k), cli_made.get(e, {}).get(k))
            for e in created for k in keys if made.get(e, {}).get(k) != cli_made.get(e, {}).get(k)]
    if diff:
        die('the contacts made differ from the command line\'s (email, field, page, CLI): %s' % diff[:10])
    # and the change of mapping was sent: no contact has the file's city
    # (a city also named in the State or Country column aside)
    cities = {r['Email'].strip().lower(): r['City'] for r in results
              if r['City'] and r['City'] not in r['State'] + r['Country']}
    kept = [e for e in created if e in cities and cities[e] in (made[e].get('present_raw_address') or '')]
    kept += [e for e in created if made[e].get('city')]
    if kept or not [e for e in created if e in cities]:
        die('contacts made with the city the mapping left out: %s' % kept[:5])
    print('the page\'s run: %d rows, calls %s, the same as the command line\'s' % (len(results), page_calls))


main(test)
