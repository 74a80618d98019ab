"""Stop and Resume from the page: 20,000 new prospects (web-stop-resume.sh
made them) imported and enrolled in "Q4 Outbound - SaaS" against a slow
sandbox; Stop pressed once a tenth is done, the run must end "stopped"
(exit 130) part-way with Resume offered; Resume pressed, the run must end
done. Then every row has one final outcome, and the sandbox holds each
prospect once (no duplicate contact), enrolled once."""
import json
import os

from webtest import csv_rows, die, main, stats, wait

N = 20000
SEQ = 'Q4 Outbound - SaaS'
FROM = 'dana.whitfield@sellwise-demo.com'


def test(p):
    seed = json.load(open(os.environ['SEED'], encoding='utf-8'))
    q4 = [s['id'] for s in seed['sequences'] if s['name'] == SEQ][0]
    base = stats()
    p.open()
    p.section('start')
    p.shot('start')
    p.upload('prospects-20000.csv')
    p.section('mapping')
    wait('#mapping-counts: 20,000 ready', lambda: p.counts() == {'ready': N})
    p.shot('mapping')
    p.click('button#mapping-next')
    p.choose_import(SEQ, FROM)
    p.shot('todo')
    p.click('button#run-btn')
    p.section('running')

    # Stop once a tenth is done
    wait('a tenth of the rows done', lambda: float(p.el('progress#progress-bar').get_attribute('value') or 0) >= N / 10,
         timeout=120, every=0.05)
    p.shot('running')
    p.click('button#stop-btn')
    wait('the run stopped', lambda: p.run()['state'] == 'stopped', timeout=120)
    wait('#resume-btn shown', lambda: p.el('button#resume-btn').is_displayed())
    stopped = p.run()
    if stopped['exit_status'] != 130 or not stopped['resumable']:
        die('the stopped run: exit status %s, resumable %s' % (stopped['exit_status'], stopped['resumable']))
    done = stopped['progress']['done']
    if not 0 < done < N:
        die('stopped with %d of %d rows done: not in the middle' % (done, N))
    mid = stats()
    made = mid['contacts'] - base['contacts']
    if not 0 < made < N:
        die('%d contacts made by the stop: not in the middle' % made)
    p.shot('stopped')
    print('stopped at %d of %d rows, %d contacts made' % (done, N, made))

    p.click('button#resume-btn')
    p.section('done', timeout=300)
    p.shot('done')
    run = p.run()
    if run['state'] != 'done' or run['exit_status'] != 0:
        die('the resumed run: state %s, exit status %s' % (run['state'], run['exit_status']))
    if '--resume' not in run['command_line']:
        die('the resumed run\'s command line has no --resume: %s' % run['command_line'])

    rs = csv_rows(p.download('results'))
    if [r['_row'] for r in rs] != [str(i) for i in range(1, N + 1)]:
        die('_row is not 1..%d, each once (%d result rows)' % (N, len(rs)))
    left = [r['_row'] + ':' + r['_status'] + '/' + r['_sequence_status'] for r in rs
            if r['_status'] not in ('created', 'existing') or r['_sequence_status'] not in ('enrolled', 'already_enrolled')]
    if left:
        die('%d rows without a final outcome: %s' % (len(left), left[:10]))
    ids = set(r['_contact_id'] for r in rs)
    if len(ids) != N:
        die('%d distinct contact ids for %d prospects' % (len(ids), N))
    end = stats()
    if end['duplicate_emails'] != 0:
        die('the sandbox holds %d duplicate emails' % end['duplicate_emails'])
    if end['contacts'] != base['contacts'] + N:
        die('the sandbox holds %d contacts, expected %d + %d' % (end['contacts'], base['contacts'], N))
    if end['enrollments'].get(q4) != base['enrollments'].get(q4, 0) + N:
        die('Q4 enrollments %r, expected %d + %d' % (end['enrollments'].get(q4), base['enrollments'].get(q4, 0), N))
    print('resumed: %d rows, %d contacts made once each, %d enrolments' % (len(rs), N, N))


main(test)
