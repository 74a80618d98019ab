#!/bin/sh
# the browser test of Stop and Resume (tests/web/stop_resume.py): 20,000
# new prospects imported and enrolled against a sandbox that holds every
# call 100 ms, stopped from the page in the middle, resumed from the page:
# every row once with its outcome, no contact made twice, none enrolled
# twice.
. "$(dirname "$0")/serve-lib.sh"
need_browser
python3 -c "
print('First Name,Last Name,Email,Company,Title')
for i in range(1, 20001):
    print('Web%d,Stop%d,web%d@serve-stop-resume.test,Stop Resume %d,Buyer' % (i, i, i, i % 41))
" > prospects-20000.csv
sandbox_start --rate minute=0,hour=0,day=0 --faults stall=1 --stall-ms 100
serve_start
web_test stop_resume
exit 0
