#!/usr/bin/env python3
"""soak.py - what the soak parts (tests/soak/soak-*.sh) make and check, in
one place: the sandbox's seed, each command's input file, and the
invariants after a phase, read from the results files, /_sandbox/stats and
the sandbox's saved state (--state: everything it holds).

    python3 soak.py seed BASE OUT CONTACTS [ENROLLED [ORGS]]
    python3 soak.py input COMMAND ROWS OUT [EXPORT]
    python3 soak.py check COMMAND PHASE PHASEDIR ROWS
    python3 soak.py summary COMMAND WORKDIR ROWS SECONDS

Every file is made from ROWS alone, the same way each time, so the check
knows what each row asked for without reading it back. check prints a line
for the phase and one for each invariant broken, and writes
PHASEDIR/figures.json (the clean phase's calls bound the later phases'):
  duplicates  a record made more than once (counted by the content the
              file asked for), a contact in a sequence twice, a write call
              past the clean run's count plus one a fault or a kill, an
              organization or a person paid for twice (answered twice, as
              logproxy.py saw it)
  lost        a row without exactly one result row, in order, or without
              the final status of a clean run, or whose record, edit or
              enrolment the sandbox does not hold
  leftovers   a *.tmp* or *.partial file after the last run
  journal     a journal a kill left that does not read as CSV
  finish      the last run did not finish (exit status not 0 or 1)
"""
import collections
import csv
import datetime
import json
import os
import sys

csv.field_size_limit(1 << 30)

DANA = 'dana.whitfield@sellwise-demo.com'
DANA_ID = '63bbd8f8fded92091c54ce8e'
DANA_MAILBOX = '63f0ff60a17484057a224f85'
Q4 = '68da6940bf20258320608de3'
LABEL_ID = '64a1f0c2e3b4d5a6978c0d1e'
LABEL = 'Soak Contacts'
STAGES = ['Discovery', 'Demo Scheduled', 'Proposal Sent', 'Closed Won', 'Closed Lost']
PEOPLE_TITLES = [('VP of Sales', 'vp'), ('Director of Sales', 'director'),
                 ('Sales Manager', 'manager'), ('Account Executive', 'senior')]


def _oid(kind, i):
    """the I-th (below 2**20) id of a KIND: 24 hex digits as Apollo's (a
    Mongo ObjectId), 8 of a "time" that no other kind's ids share (all with
    a letter, so none reads as a number), then 16 from splitmix64 of it"""
    assert 0 <= i < 2**20, i
    t = kind + i
    z = (t * 0x9E3779B97F4A7C15) & (2**64 - 1)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & (2**64 - 1)
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & (2**64 - 1)
    return '%08x%016x' % (t, z ^ (z >> 31))


def contact_id(i):
    return _oid(0x64c00000, i)


def account_id(i):
    return _oid(0x64b00000, i)


def account_domain(i):
    return 'soak-account-%d.example' % i


def org_domain(i):
    return 'soak-org-%d.example' % i


# ---- the seed ---------------------------------------------------------------

def seed(base, out, contacts, enrolled=False, orgs=0):
    """the sample seed, with CONTACTS contacts (each with its own account,
    on the list "Soak Contacts"; active in Q4 when ENROLLED is 1) and ORGS
    organizations of 4 people each in the directory (for prospect)"""
    s = json.load(open(base, encoding='utf-8'))
    s['labels'].append({'id': LABEL_ID, 'name': LABEL, 'modality': 'contacts', 'cached_count': contacts})
    for i in range(contacts):
        s['accounts'].append({'id': account_id(i), 'name': 'Soak Account %d' % i, 'domain': account_domain(i),
                              'owner_id': DANA_ID, 'created_at': '2025-01-01T00:00:00.000Z'})
        s['contacts'].append({
            'id': contact_id(i), 'first_name': 'Soak%d' % i, 'last_name': 'Contact%d' % i,
            'name': 'Soak%d Contact%d' % (i, i), 'email': 'soak%d@%s' % (i, account_domain(i)),
            'email_status': 'verified', 'title': 'Buyer %d' % i, 'organization_name': 'Soak Account %d' % i,
            'account_id': account_id(i), 'owner_id': DANA_ID, 'label_ids': [LABEL_ID],
            'created_at': '2025-01-01T00:00:00.000Z', 'updated_at': '2025-01-01T00:00:00.000Z',
            'job_change': False, 'owner_permission': True,
            'campaign_statuses': [{'sequence_id': Q4, 'status': 'active', 'added_at': '2025-06-01T00:00:00.000Z',
                                   'finished_at': None, 'mailbox_id': DANA_MAILBOX}] if enrolled else []})
    d = s.setdefault('directory', {'organizations': [], 'people': []})
    for i in range(orgs):
        oid = _oid(0x64d00000, i)
        d['organizations'].append({'id': oid, 'name': 'Soak Org %d' % i, 'primary_domain': org_domain(i),
                                   'website_url': 'http://www.' + org_domain(i), 'industry': 'computer software',
                                   'estimated_num_employees': 50 + i, 'city': 'Austin', 'country': 'United States'})
        for j, (title, level) in enumerate(PEOPLE_TITLES):
            d['people'].append({'id': _oid(0x64e00000, i * 4 + j), 'first_name': 'Pat%d' % j, 'last_name': 'Org%d' % i,
                                'name': 'Pat%d Org%d' % (j, i), 'title': title, 'seniority': level,
                                'email': 'pat%d@%s' % (j, org_domain(i)), 'email_status': 'verified',
                                'organization_id': oid, 'city': 'Austin', 'country': 'United States'})
    json.dump(s, open(out, 'w', encoding='utf-8'))


# ---- what each command is given, row by row ----------------------------------

def task_rows(n):
    """two tasks a contact: even rows share their settings (tasks/bulk_create,
    100 contacts a call), odd rows are due at their own minute (one by one)"""
    out = []
    for i in range(n):
        if i % 2 == 0:
            due = datetime.datetime(2026, 12, 1, 9, 0)
            kind, word, note = 'call', 'Call', 'Soak: shared call'
        else:
            due = datetime.datetime(2027, 1, 1) + datetime.timedelta(minutes=i)
            kind, word, note = 'action_item', 'Action item', 'Soak row %d' % (i + 1)
        out.append({'cells': [contact_id(i // 2), word, due.strftime('%Y-%m-%d %H:%M'), DANA, note],
                    'key': (contact_id(i // 2), kind, due.strftime('%Y-%m-%dT%H:%M:00.000+00:00'), note)})
    return out


def deal_accounts(n):
    return max(1, (n + 3) // 4)


def deal_rows(n):
    """four deals an account, alike but for the amount, stage and date"""
    out = []
    for i in range(n):
        amount = (i % 4 + 1) * 1000 + i
        date = '2027-%02d-%02d' % (i % 12 + 1, i % 28 + 1)
        name = 'Soak deal %d' % (i // 4 + 1)
        acct = i // 4 % deal_accounts(n)
        out.append({'cells': [name, account_domain(acct), '${:,}'.format(amount), STAGES[i % 5], date],
                    'key': (name, account_id(acct), amount, STAGES[i % 5], date)})
    return out


def update_edit(i, row):
    """the edit made to the i-th soak contact of the export: a third change
    title and last name, a third title only, a third nothing"""
    if i % 3 == 0:
        row['title'] = 'Soak Title %d v2' % i
        row['last_name'] = 'Edited%d' % i
    elif i % 3 == 1:
        row['title'] = 'Soak Title %d v2' % i
    return row


def prospect_rows(n):
    """ORGS domains, one in 20 that Apollo has no organization for"""
    return [('no-such-org-%d.example' % i) if i % 20 == 19 else org_domain(i) for i in range(n)]


def write_csv(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def make_input(cmd, n, out, export=None):
    if cmd == 'tasks':
        write_csv(out, ['contact_id', 'type', 'due', 'owner', 'note'], [r['cells'] for r in task_rows(n)])
    elif cmd == 'deals':
        write_csv(out, ['Name', 'Domain', 'Amount', 'Stage', 'Closed Date'], [r['cells'] for r in deal_rows(n)])
    elif cmd in ('enroll', 'unenroll'):
        write_csv(out, ['contact_id'], [[contact_id(i)] for i in range(n)])
    elif cmd == 'prospect':
        write_csv(out, ['Company Domain'], [[d] for d in prospect_rows(n)])
    elif cmd == 'update':
        with open(export, newline='', encoding='utf-8') as f:
            r = csv.DictReader(f)
            head = r.fieldnames
            ours = set(contact_id(i) for i in range(n))
            mine = {x['contact_id']: x for x in r if x['contact_id'] in ours}
        rows = [update_edit(i, mine[contact_id(i)]) for i in range(n)]
        with open(out, 'w', newline='', encoding='utf-8') as f:
            w = csv.DictWriter(f, head)
            w.writeheader()
            w.writerows(rows)
    else:
        sys.exit('soak.py: no input for %s' % cmd)


# ---- the invariants after a phase ----------------------------------------------

WRITES = {
    'update': 'POST /api/v1/contacts/bulk_update',
    'enroll': 'POST /api/v1/emailer_campaigns/{id}/add_contact_ids',
    'unenroll': 'POST /api/v1/emailer_campaigns/remove_or_stop_contact_ids',
}


def read_rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


class Phase:
    """one phase's files, and what its checks found"""

    def __init__(self, part, name, pdir, n):
        self.part, self.name, self.dir, self.n = part, name, pdir, n
        self.info = json.load(open(os.path.join(pdir, 'info.json')))
        sb = os.path.join(pdir, 'sb')
        self.before = json.load(open(os.path.join(sb, 'before.json')))
        self.after = json.load(open(os.path.join(sb, 'after.json')))
        self.state = json.load(open(os.path.join(sb, 'state.json'), encoding='utf-8'))
        self.leftovers = [x for x in open(os.path.join(pdir, 'leftovers.txt')).read().split('\n') if x]
        self.journal = [x for x in open(os.path.join(pdir, 'journal.err')).read().split('\n') if x]
        self.faults = self.after.get('faults', {})
        self.dups, self.lost = 0, 0
        self.broken, self.notes = [], []
        clean = os.path.join(os.path.dirname(pdir), 'clean', 'figures.json')
        self.clean = json.load(open(clean)) if name != 'clean' and os.path.exists(clean) else None

    def run(self, name):
        return os.path.join(self.dir, 'run', name)

    def calls(self, key):
        return self.after['requests'].get(key, 0) - self.before['requests'].get(key, 0)

    def duplicate(self, count, what, examples=()):
        if count:
            self.dups += count
            self.broken.append('duplicates: %d %s%s' % (count, what, eg(examples)))

    def lose(self, what, problems):
        """problems: (row, kind, text) for each thing wrong with a row; a
        row with one or more is one row lost"""
        rows = {}
        for row, kind, text in problems:
            rows.setdefault(row, (kind, text))
        if rows:
            kinds = collections.Counter(k for k, _ in rows.values())
            self.lost += len(rows)
            self.broken.append('lost: %d %s (%s)%s' % (len(rows), what, ', '.join('%s %d' % kv for kv in kinds.items()),
                                                       eg(t for _, t in rows.values())))

    def in_order(self, path, n, problems, label='row'):
        """the result row of each of n rows in the file at path (None where
        it has none); a row with no result row, several, or one out of
        order is a problem"""
        rs = read_rows(self.run(path))
        out, seen, last = [None] * n, collections.Counter(), 0
        for k, r in enumerate(rs, 1):
            row = int(r['_row']) if (r.get('_row') or '').isdigit() else 0
            seen[row] += 1
            if not 1 <= row <= n:
                problems.append((('extra', k), 'a result row for no row', '%s: result row %d has _row %r' % (
                    path, k, r.get('_row'))))
                continue
            if row <= last:
                problems.append((row, 'out of order', '%s %d: its result row comes after %s %d\'s' % (
                    label, row, label, last)))
            last = max(last, row)
            if out[row - 1] is None:
                out[row - 1] = r
        for i in range(1, n + 1):
            if not seen[i]:
                problems.append((i, 'no result row', '%s %d: no result row in %s (%d rows)' % (label, i, path, len(rs))))
            elif seen[i] > 1:
                problems.append((i, 'several result rows', '%s %d: %d result rows' % (label, i, seen[i])))
        return out

    def bound(self, key):
        """a write route's calls against the clean run's: faults may each
        cost one call more, kills one each (the call in flight)"""
        got = self.calls(key)
        if not self.clean:
            return got
        clean = self.clean['calls'].get(key, 0)
        extra = sum(self.faults.values()) if self.name in ('faults', 'skew') else self.info['kills']
        limit = clean + extra
        self.notes.append('%s: %d calls (clean run %d, at most %d)' % (key.split(' ')[1], got, clean, limit))
        if got > limit:
            self.duplicate(got - limit, 'calls to %s past the clean run\'s %d + %d %s' % (
                key.split(' ')[1], clean, extra, 'faults' if self.name != 'kills' else 'kills'))
        return got


def proxy_log(p):
    log = os.path.join(p.dir, 'sb', 'proxy.log')
    return [json.loads(x) for x in open(log, encoding='utf-8')] if os.path.exists(log) else []


def sent_again(p, route):
    """contacts a write call named again after Apollo had answered a call
    naming them (logproxy.py): a note beside the calls' bound"""
    first, again = {}, collections.Counter()
    log = [e for e in proxy_log(p) if e['path'].endswith(route) and e.get('req')]
    if not log:
        return None
    def ids(e):
        b = e['req']
        return [x.get('id') for x in b.get('contact_attributes', [])] + list(b.get('contact_ids', []))
    for e in sorted(log, key=lambda e: e['t1']):
        if e['answered']:
            for i in ids(e):
                first.setdefault(i, e['t1'])
    for e in log:
        for i in ids(e):
            if i in first and e['t0'] > first[i]:
                again[i] += 1
    p.notes.append('%d contacts sent again after Apollo had answered for them (%d times in all)' % (
        len(again), sum(again.values())))
    return len(again)


def eg(examples):
    examples = list(examples)
    return ', e.g. %s' % '; '.join(str(x) for x in examples[:3]) if examples else ''


def made_once(p, what, records, key, want):
    """records (tasks, deals) counted by the content the file asked for:
    one each; a record no row asked for is one too many as well"""
    count = collections.Counter(key(x) for x in records)
    asked = set(want)
    twice = [(k, c) for k, c in count.items() if k in asked and c > 1]
    stray = [k for k in count if k not in asked]
    p.duplicate(sum(c - 1 for _, c in twice), '%ss made more than once' % what,
                ['%s x%d' % (' / '.join(map(str, k)), c) for k, c in twice])
    p.duplicate(sum(count[k] for k in stray), '%ss no row asked for' % what, stray)


def made_rows(p, what, path, id_col, records, key, want):
    """one result row a row, in order, created, naming the record the
    sandbox holds with the row's content"""
    problems = []
    rs = p.in_order(path, p.n, problems)
    by_id = {x['id']: x for x in records}
    for i, (w, r) in enumerate(zip(want, rs), 1):
        if r is None:
            continue
        if r['_status'] != 'created':
            problems.append((i, 'not created', 'row %d: %s %s' % (i, r['_status'], r['_reason'][:160])))
        elif r[id_col] not in by_id or key(by_id[r[id_col]]) != w:
            problems.append((i, 'not the %s it names' % what, 'row %d: %s %s' % (i, id_col, r[id_col])))
    p.lose('rows', problems)


def check_tasks(p):
    want = [r['key'] for r in task_rows(p.n)]
    tasks = p.state.get('tasks', [])
    key = lambda t: (t.get('contact_id'), t.get('type'), t.get('due_at'), t.get('note') or '')
    made_once(p, 'task', tasks, key, want)
    made_rows(p, 'task', 'tasks.results.csv', '_task_id', tasks, key, want)
    return {'records': len(tasks)}


def check_deals(p):
    want = [r['key'] for r in deal_rows(p.n)]
    stage = {s['id']: s['name'] for s in p.state['opportunity_stages']}
    deals = p.state.get('opportunities', [])
    key = lambda d: (d.get('name'), d.get('account_id'),
                     int(round(float(d['amount']))) if d.get('amount') is not None else None,
                     stage.get(d.get('opportunity_stage_id')), (d.get('closed_date') or '')[:10])
    made_once(p, 'deal', deals, key, want)
    made_rows(p, 'deal', 'deals.results.csv', '_deal_id', deals, key, want)
    return {'records': len(deals)}


def check_update(p):
    problems = []
    rs = p.in_order('update.results.csv', p.n, problems)
    held = {c['id']: c for c in p.state['contacts']}
    for i, r in enumerate(rs):
        want = 'unchanged' if i % 3 == 2 else 'updated'
        if r is not None and r['_status'] != want:
            problems.append((i + 1, 'not ' + want, 'row %d: %s, expected %s %s' % (i + 1, r['_status'], want,
                                                                                  r['_reason'][:160])))
        c = held.get(contact_id(i), {})
        title = 'Buyer %d' % i if i % 3 == 2 else 'Soak Title %d v2' % i
        last = 'Edited%d' % i if i % 3 == 0 else 'Contact%d' % i
        if (c.get('title'), c.get('last_name')) != (title, last):
            problems.append((i + 1, 'edit not held', 'contact %d holds %r, expected %r' % (
                i, (c.get('title'), c.get('last_name')), (title, last))))
    p.lose('rows', problems)
    return {'records': sum(1 for i in range(p.n) if i % 3 != 2), 'sent': p.bound(WRITES['update']),
            'sent_again': sent_again(p, 'contacts/bulk_update')}


def memberships(c, seq):
    return [s for s in c.get('contact_campaign_statuses') or [] if s.get('emailer_campaign_id') == seq]


def check_enroll(p):
    problems = []
    rs = p.in_order('enroll.results.csv', p.n, problems)
    held = {c['id']: c for c in p.state['contacts']}
    m = [len(memberships(held.get(contact_id(i), {}), Q4)) for i in range(p.n)]
    for i, (r, x) in enumerate(zip(rs, m)):
        if r is not None and r['_sequence_status'] not in ('enrolled', 'already_enrolled'):
            problems.append((i + 1, 'not enrolled', 'row %d: %s %s' % (i + 1, r['_sequence_status'],
                                                                   r['_sequence_reason'][:160])))
        if not x:
            problems.append((i + 1, 'not in the sequence', 'row %d: %s is not in the sequence' % (i + 1, contact_id(i))))
    p.lose('rows', problems)
    p.duplicate(sum(x - 1 for x in m if x > 1), 'contacts in the sequence more than once',
                [contact_id(i) for i, x in enumerate(m) if x > 1])
    again = sum(1 for r in rs if r is not None and r['_sequence_status'] == 'already_enrolled')
    if again:
        p.notes.append('%d rows say already_enrolled: sent again after they were enrolled' % again)
    return {'records': sum(1 for x in m if x), 'sent': p.bound(WRITES['enroll']), 'again': again,
            'sent_again': sent_again(p, 'add_contact_ids')}


def check_unenroll(p):
    problems = []
    rs = p.in_order('unenroll.results.csv', p.n, problems)
    held = {c['id']: c for c in p.state['contacts']}
    for i, r in enumerate(rs):
        if r is not None and r['_sequence_status'] != 'removed':
            problems.append((i + 1, 'not removed', 'row %d: %s %s' % (i + 1, r['_sequence_status'],
                                                                  r['_sequence_reason'][:160])))
        if memberships(held.get(contact_id(i), {}), Q4):
            problems.append((i + 1, 'still in the sequence', 'row %d: %s is still in it' % (i + 1, contact_id(i))))
    p.lose('rows', problems)
    others = p.before['enrollments'].get(Q4, 0) - p.n
    if p.after['enrollments'].get(Q4, 0) < others:
        p.broken.append('others: %d contacts of the sequence that no row named were taken out' % (
            others - p.after['enrollments'].get(Q4, 0)))
    return {'records': sum(1 for i in range(p.n) if not memberships(held.get(contact_id(i), {}), Q4)),
            'sent': p.bound(WRITES['unenroll']), 'sent_again': sent_again(p, 'remove_or_stop_contact_ids')}


def credits(p):
    """organizations and people answered more than once: paid for again"""
    orgs, persons, calls = collections.Counter(), collections.Counter(), collections.Counter()
    for e in proxy_log(p):
        for route, got, ids in (('organizations/bulk_enrich', orgs, lambda b: [x.lower() for x in b.get('domains', [])]),
                                ('people/bulk_match', persons,
                                 lambda b: [d.get('id') or d.get('email') or json.dumps(d, sort_keys=True)
                                            for d in b.get('details', [])])):
            if e['path'].endswith(route):
                calls[route] += 1
                if e['answered']:
                    got.update(ids(e.get('req') or {}))
    for route, got in (('organizations/bulk_enrich', orgs), ('people/bulk_match', persons)):
        twice = [k for k, c in got.items() if c > 1]
        p.duplicate(sum(got[k] - 1 for k in twice), 'answers of %s paid for again (%d %s answered more than '
                    'once)' % (route, len(twice), route.split('/')[0]), twice)
    p.notes.append('credits: %d organizations and %d people answered; %d bulk_enrich and %d bulk_match calls' % (
        sum(orgs.values()), sum(persons.values()), calls['organizations/bulk_enrich'], calls['people/bulk_match']))


def check_prospect(p):
    # the research: one row a domain, found or not as in a clean run
    problems = []
    rs = p.in_order('prospect.domains.csv', p.n, problems)
    for i, (d, r) in enumerate(zip(prospect_rows(p.n), rs), 1):
        want = 'not_found' if d.startswith('no-such') else 'found'
        if r is not None and r['_status'] != want:
            problems.append((i, 'not ' + want, 'row %d: %s, expected %s %s' % (i, r['_status'], want,
                                                                              r['_reason'][:100])))
    p.lose('domain rows', problems)
    people = read_rows(p.run('prospect.people.csv'))
    if p.clean and len(people) != p.clean['people']:
        p.lost += abs(len(people) - p.clean['people'])
        p.broken.append('lost: %d people researched, a clean run %d' % (len(people), p.clean['people']))
    # each person imported once and enrolled once
    mine = [c for c in p.state['contacts'] if (c.get('email') or '').lower().split('@')[-1].startswith('soak-org-')]
    count = collections.Counter(c['email'].lower() for c in mine)
    in_q4 = collections.Counter(c['email'].lower() for c in mine if memberships(c, Q4))
    p.duplicate(sum(c - 1 for c in count.values() if c > 1), 'contacts made more than once',
                [e for e, c in count.items() if c > 1])
    p.duplicate(sum(len(memberships(c, Q4)) - 1 for c in mine if len(memberships(c, Q4)) > 1),
                'contacts in the sequence more than once')
    problems = []
    pr = p.in_order('prospect.people.results.csv', len(people), problems, 'person')
    for i, (x, r) in enumerate(zip(people, pr), 1):
        if r is not None and (r['_status'] not in ('created', 'existing') or
                              r['_sequence_status'] not in ('enrolled', 'already_enrolled')):
            problems.append((i, 'not imported and enrolled', 'person %d: %s/%s %s' % (
                i, r['_status'], r['_sequence_status'], r['_reason'][:100])))
        if not in_q4[x['Email'].lower()]:
            problems.append((i, 'no contact in the sequence', 'person %d: %s' % (i, x['Email'])))
    p.lose('people', problems)
    # a follow-up task and a deal a company, each made once
    companies = len({x['Domain Row'] for x in people})
    ids = {c['id'] for c in mine}
    tasks = [t for t in p.state.get('tasks', []) if t.get('contact_id') in ids]
    deals = [d for d in p.state.get('opportunities', []) if (d.get('name') or '').endswith(' - soak')]
    for step, records, key, id_col in (('task', tasks, lambda t: (t.get('contact_id'), t.get('type'), t.get('due_at')),
                                        '_task_id'),
                                       ('deal', deals, lambda d: (d.get('name'), d.get('account_id')), '_deal_id')):
        count = collections.Counter(key(x) for x in records)
        p.duplicate(sum(c - 1 for c in count.values() if c > 1), 'follow-up %ss made more than once' % step,
                    ['%s x%d' % (' / '.join(map(str, k)), c) for k, c in count.items() if c > 1])
        problems = []
        res = p.in_order('prospect.%ss.results.csv' % step, companies, problems, step)
        held = {x['id'] for x in records}
        for i, r in enumerate(res, 1):
            if r is not None and (r['_status'] != 'created' or r[id_col] not in held):
                problems.append((i, 'not created', '%s %d: %s %s' % (step, i, r['_status'], r['_reason'][:100])))
        p.lose('companies without their %s' % step, problems)
    credits(p)
    return {'records': len(mine), 'people': len(people), 'companies': companies}


CHECKS = {'tasks': check_tasks, 'deals': check_deals, 'update': check_update, 'enroll': check_enroll,
          'unenroll': check_unenroll, 'prospect': check_prospect}


def check(part, name, pdir, n):
    p = Phase(part, name, pdir, n)
    fig = CHECKS[part](p)
    if p.leftovers:
        p.broken.append('leftovers: %d temporary files after the last run%s' % (len(p.leftovers), eg(p.leftovers)))
    if p.journal:
        p.broken.append('journal: %d journals not readable after a kill%s' % (len(p.journal), eg(p.journal)))
    if p.info['rc'] not in (0, 1):
        p.broken.append('finish: the last of %d runs exited %s' % (p.info['runs'], p.info['rc']))
    if name == 'kills' and p.info['kills'] < p.info['kills_asked']:
        p.notes.append('only %d of %d kills landed: the run finished before the rest (more rows, more kills)' % (
            p.info['kills'], p.info['kills_asked']))
    if name in ('faults', 'skew') and not p.faults:
        p.notes.append('no fault was met: too few requests to soak')
    where = os.path.join(pdir, 'where.txt')
    if os.path.exists(where):
        steps = collections.Counter(open(where).read().split())
        p.notes.append('kills landed in: %s' % ', '.join('%s %d' % kv for kv in steps.items()))
    faults = sum(p.faults.values())
    fig.update({'phase': name, 'rows': n, 'runs': p.info['runs'], 'rc': p.info['rc'], 'kills': p.info['kills'],
                'faults': faults, 'fault_kinds': p.faults, 'duplicates': p.dups, 'lost': p.lost,
                'leftovers': len(p.leftovers), 'seconds': p.info['seconds'], 'broken': p.broken, 'notes': p.notes,
                'calls': p.after['requests'], 'skew': p.info['skew']})
    if name == 'clean':
        fig['calls'] = {k: p.calls(k) for k in p.after['requests']}
    line = '%s: %d rows, %d run%s (last exit %s)%s, %d s' % (
        name, n, p.info['runs'], '' if p.info['runs'] == 1 else 's', p.info['rc'],
        ', %d of %d kills landed' % (p.info['kills'], p.info['kills_asked']) if name == 'kills' else '',
        p.info['seconds'])
    if p.info['skew']:
        line += ', the sandbox\'s clock %s s behind' % p.info['skew']
    if faults:
        line += '; faults survived %d (%s)' % (faults, ', '.join('%s %d' % kv for kv in sorted(p.faults.items())))
    line += '; duplicates %d, lost %d, leftovers %d: %s' % (p.dups, p.lost, len(p.leftovers),
                                                            'FAIL' if p.broken else 'ok')
    print('soak-%s: %s' % (part, line))
    for b in p.broken:
        print('soak-%s:   broken: %s' % (part, b))
    for x in p.notes:
        print('soak-%s:   note: %s' % (part, x))
    json.dump(fig, open(os.path.join(pdir, 'figures.json'), 'w'), indent=1)
    return 1 if p.broken else 0


PHASES = ('clean', 'faults', 'skew', 'kills')


def summary(part, work, n, seconds):
    figs = [json.load(open(os.path.join(work, ph, 'figures.json'))) for ph in PHASES
            if os.path.exists(os.path.join(work, ph, 'figures.json'))]
    broken = ['%s: %s' % (f['phase'], b.split(':')[0]) for f in figs for b in f['broken']]
    # a phase whose check did not get to the end has no figures: no pass
    broken += ['%s: no figures' % ph for ph in PHASES if os.path.isdir(os.path.join(work, ph)) and
               not os.path.exists(os.path.join(work, ph, 'figures.json'))]
    landed = sum(f['kills'] for f in figs)
    print('soak-%s: %d rows, %d kills, %d faults survived, %d duplicates, %d lost, %d leftovers, %d s: %s' % (
        part, n, landed, sum(f['faults'] for f in figs), sum(f['duplicates'] for f in figs),
        sum(f['lost'] for f in figs), sum(f['leftovers'] for f in figs), seconds,
        'FAIL (%s)' % ', '.join(dict.fromkeys(broken)) if broken else 'PASS'))
    return 1 if broken else 0


if __name__ == '__main__':
    a = sys.argv[1:]
    if a[0] == 'seed':
        seed(a[1], a[2], int(a[3]), len(a) > 4 and a[4] == '1', int(a[5]) if len(a) > 5 else 0)
    elif a[0] == 'input':
        make_input(a[1], int(a[2]), a[3], a[4] if len(a) > 4 else None)
    elif a[0] == 'check':
        sys.exit(check(a[1], a[2], a[3], int(a[4])))
    elif a[0] == 'summary':
        sys.exit(summary(a[1], a[2], int(a[3]), int(a[4])))
    else:
        sys.exit('soak.py: unknown %s' % a[0])
