#!/bin/sh
# the browser test of the round trip (tests/web/roundtrip.py): contacts
# exported through the page, one title edited, the file uploaded again and
# sent back with update: Apollo gets that one change and nothing else.
. "$(dirname "$0")/serve-lib.sh"
need_browser
sandbox_start --rate minute=0,hour=0,day=0
serve_start
web_test roundtrip
exit 0
