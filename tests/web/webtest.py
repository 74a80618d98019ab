"""webtest.py - what the browser tests of `apollo-csv serve` share.

Each test (tests/web/NAME.py) is run by its wrapper tests/e2e/web-NAME.sh,
which starts a fresh apollo-sandbox and a fresh `apollo-csv serve --dir`
(tests/e2e/serve-lib.sh) and passes them in the environment: SERVE_URL (the
line serve printed), SERVE, TOKEN, ROOT (the sandbox), SHOTS, WEB_TEST.
The browser is Debian's chromium, driven by chromedriver through
python3-selenium, headless at 1280x800 with a profile of its own. The page
is driven by the element ids of the contract (issue 20); what the server
did is read from its JSON API with the session cookie, and what Apollo got
from the sandbox's /_sandbox/stats and --record log.
"""
import csv
import io
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

SERVE = os.environ['SERVE']
SERVE_URL = os.environ['SERVE_URL']
TOKEN = os.environ['TOKEN']
ROOT = os.environ['ROOT']
SHOTS = os.environ['SHOTS']
NAME = os.environ['WEB_TEST']
SECTIONS = ('start', 'mapping', 'todo', 'running', 'done')

csv.field_size_limit(1 << 30)


# the index in #steps of the one item marked aria-current="step" (on the
# item or inside it); -1 when none is, or more than one
CURRENT_STEP = '''
const items = [...document.querySelectorAll('#steps li')];
if (items.length !== 5 || document.querySelectorAll('#steps [aria-current="step"]').length !== 1) return -1;
return items.findIndex((li) => li.getAttribute('aria-current') === 'step' || li.querySelector('[aria-current="step"]'));
'''
# every control shown has a name: a label, aria-label(ledby), or a button's text
UNLABELLED = '''
const bad = [];
for (const e of document.querySelectorAll('input, select, textarea, button')) {
    if (e.type === 'hidden' || (!e.offsetParent && e.type !== 'file') || e.closest('[hidden]')) continue;
    const by = (e.getAttribute('aria-labelledby') || '').split(/\\s+/)
        .map((id) => (document.getElementById(id) || {}).textContent || '').join('');
    const name = (e.getAttribute('aria-label') || '') + by +
        [...(e.labels || [])].map((l) => l.textContent).join('') +
        (e.tagName === 'BUTTON' ? e.textContent : '') + (e.title || '');
    if (!name.trim()) bad.push(e.outerHTML.slice(0, 160));
}
return bad;
'''


class Failed(Exception):
    pass


def die(msg):
    raise Failed(msg)


def http(url, method='GET', body=None, headers=None):
    """(status, bytes, headers) of a request; 4xx and 5xx are answers too"""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers


def stats():
    """the sandbox's /_sandbox/stats"""
    return json.loads(http(ROOT + '/_sandbox/stats')[1])


def records(kind='contacts'):
    return json.loads(http(ROOT + '/_sandbox/records/' + kind)[1])[kind]


def calls_between(before, after):
    """requests per endpoint the sandbox answered between two stats"""
    out = {}
    for k, v in after['requests'].items():
        d = v - before['requests'].get(k, 0)
        if d:
            out[k] = d
    return out


def csv_rows(data):
    """a CSV file's bytes as a list of dicts (a BOM is allowed)"""
    text = data.decode('utf-8-sig') if isinstance(data, bytes) else data
    return list(csv.DictReader(io.StringIO(text, newline='')))


def wait(what, cond, timeout=30, every=0.1):
    """cond() until it is true (returns its value) or timeout seconds pass"""
    end = time.time() + timeout
    last = None
    while True:
        try:
            v = cond()
            if v:
                return v
        except (WebDriverException, KeyError, TypeError, ValueError) as e:
            last = e
        if time.time() > end:
            die('%s: not within %d s%s' % (what, timeout, ' (%s)' % last if last else ''))
        time.sleep(every)


class Page:
    """the browser on the served page"""

    def __init__(self):
        o = webdriver.ChromeOptions()
        for a in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                  '--window-size=1280,800', '--hide-scrollbars', '--no-first-run',
                  '--user-data-dir=' + os.path.abspath('chromium-profile')):
            o.add_argument(a)
        o.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
        self.d = webdriver.Chrome(service=Service('/usr/bin/chromedriver', log_path='chromedriver.log'),
                                  options=o)
        self.d.set_window_size(1280, 800)
        self.step = 0
        self.console = []

    def close(self):
        try:
            self.d.quit()
        except WebDriverException:
            pass

    # --- the page
    def open(self):
        """the address serve printed: a redirect to / with the cookie"""
        self.d.get(SERVE_URL)
        wait('the page after the token', lambda: self.d.current_url.rstrip('/') == SERVE)
        c = self.d.get_cookie('apollo_csv_session')
        if not c or c['value'] != TOKEN or not c.get('httpOnly') or c.get('sameSite') != 'Strict':
            die('the session cookie: %r' % c)

    def el(self, css):
        return self.d.find_element(By.CSS_SELECTOR, css)

    def els(self, css):
        return self.d.find_elements(By.CSS_SELECTOR, css)

    def text(self, css):
        """an element's text, shown or not"""
        return self.el(css).get_attribute('textContent').strip()

    def shown(self):
        """the ids of the sections shown"""
        return [s for s in SECTIONS if self.els('section#' + s) and self.el('section#' + s).is_displayed()]

    def section(self, name, timeout=60):
        """wait until section#name is the one shown"""
        try:
            wait('section#%s shown' % name, lambda: self.shown() == [name], timeout)
        except Failed as e:
            self.shot('not-' + name)
            errs = ' '.join('%s: %s' % (c, self.text(c)) for c in ('#start-error', '#todo-error')
                            if self.els(c) and self.text(c))
            die('%s; shown: %s; %s; state: %s' % (e, self.shown(), errs, self.api('/api/state')[1][:1500]))
        # the step the nav marks is the section shown
        wait('#steps marking step %d (%s) aria-current="step", and no other' % (SECTIONS.index(name) + 1, name),
             lambda: self.d.execute_script(CURRENT_STEP) == SECTIONS.index(name))

    def unlabelled(self):
        """the controls shown without a name a screen reader can say"""
        return self.d.execute_script(UNLABELLED)

    def shot(self, step):
        """a screenshot: $SHOTS/NAME-NN-STEP.png"""
        self.step += 1
        path = os.path.join(SHOTS, '%s-%02d-%s.png' % (NAME, self.step, step))
        self.d.save_screenshot(path)
        print('screenshot:', path)
        bad = self.unlabelled()
        if bad:
            die('controls without a label on the page of %s: %s' % (step, bad[:5]))
        return path

    def click(self, css):
        e = wait(css + ' shown and enabled',
                 lambda: self.els(css) and self.el(css).is_displayed() and self.el(css).is_enabled() and self.el(css))
        self.d.execute_script('arguments[0].scrollIntoView({block: "center"})', e)
        e.click()

    def upload(self, path):
        """a file picked in #file-input (shown for the picker, as a hidden input
        is not interactable for chromedriver)"""
        e = self.el('input#file-input')
        if not e.is_displayed():
            self.d.execute_script('arguments[0].hidden = false; arguments[0].style.display = "block"', e)
        e.send_keys(os.path.abspath(path))

    def select(self, css, value=None, text_starts=None, timeout=30):
        """choose an option of a select, by value or by the start of its
        text; waits for the option (a list filled from /api/team)"""
        def find():
            for o in Select(self.el(css)).options:
                if value is not None and o.get_attribute('value') == value:
                    return o
                if text_starts is not None and o.text.strip().startswith(text_starts):
                    return o
            return None
        o = wait('%s with the option %r' % (css, value if value is not None else text_starts), find, timeout)
        Select(self.el(css)).select_by_value(o.get_attribute('value'))
        return o.get_attribute('value')

    def choose_import(self, sequence, mailbox):
        """the What-to-do step: import, into the sequence whose name starts
        with `sequence`, sent from the mailbox whose text starts with `mailbox`"""
        self.section('todo')
        self.select('select#command', value='import')
        self.select('select#sequence', text_starts=sequence)
        self.select('select#mailbox', text_starts=mailbox)

    def download(self, name):
        """the file behind a.download[data-name=NAME], fetched with the session cookie"""
        href = wait('a.download[data-name=%s]' % name,
                    lambda: self.els('a.download[data-name="%s"]' % name) and
                    self.el('a.download[data-name="%s"]' % name).get_attribute('href'))
        code, data, h = http(href, headers={'Cookie': 'apollo_csv_session=' + TOKEN})
        if code != 200:
            die('GET %s: HTTP %d %s' % (href, code, data[:300]))
        if not (h.get('Content-Disposition') or '').startswith('attachment'):
            die('GET %s: no Content-Disposition: attachment' % href)
        return data

    def counts(self, css='#mapping-counts'):
        """'270 ready, 15 duplicate, 15 invalid' as {'ready': 270, ...}, the
        statuses no row has left out"""
        out = {}
        for n, status in re.findall(r'(\d[\d,]*) ([a-z_]+)', self.text(css)):
            if int(n.replace(',', '')):
                out[status] = int(n.replace(',', ''))
        return out

    def console_errors(self):
        """the console's errors so far (a missing favicon aside)"""
        self.console += self.d.get_log('browser')
        return [e['message'] for e in self.console
                if e['level'] == 'SEVERE' and 'favicon.ico' not in e['message']]

    # --- the server's API, with the session cookie
    def api(self, path, method='GET', body=None):
        h = {'Cookie': 'apollo_csv_session=' + TOKEN}
        if method != 'GET':
            h['X-Apollo-CSV'] = '1'
        code, data, _ = http(SERVE + path, method, json.dumps(body).encode() if body is not None else None, h)
        return code, data.decode('utf-8', 'replace')

    def state(self):
        code, data = self.api('/api/state')
        if code != 200:
            die('GET /api/state: HTTP %d %s' % (code, data[:500]))
        return json.loads(data)

    def run(self):
        code, data = self.api('/api/run')
        if code != 200:
            die('GET /api/run: HTTP %d %s' % (code, data[:500]))
        return json.loads(data)


def main(test):
    """runs test(page); a failure prints what went wrong and the page's
    screenshot, and exits 1"""
    page = None
    try:
        page = Page()
        test(page)
        errs = page.console_errors()
        if errs:
            die('the browser console has errors: %s' % errs[:5])
    except Failed as e:
        print('FAIL %s: %s' % (NAME, e))
        if page:
            try:
                page.shot('failed')
                print('console:', page.console_errors()[:10])
            except WebDriverException:
                pass
        sys.exit(1)
    finally:
        if page:
            page.close()
