#!/bin/sh
# web-page.sh - the page of `apollo-csv serve` (src/web/page/) read as text:
# what the browser tests cannot see before a run goes wrong.
#   - the CSP (default-src 'self') forbids inline script, style="" and on*=
#     handlers, and the page fetches nothing from another host;
#   - every element id the contract names (the tests' handles) is there;
#   - every $('id') app.js looks up exists in index.html (a typo there is a
#     control that silently does nothing);
#   - app.js parses (node --check, where node is installed).
# Each failure is named with the file and what is wrong.
set -u
page="${TOP_SRCDIR:-$(dirname "$0")/..}/src/web/page"
html=$page/index.html js=$page/app.js css=$page/app.css
failed=0
bad() { echo "FAIL web-page: $*"; failed=1; }

for f in "$html" "$js" "$css"; do
	[ -s "$f" ] || { echo "FAIL web-page: $f is missing"; exit 1; }
done

# inline script or style, inline handlers
grep -n '<script[^>]*>[^<]' "$html" && bad "$html: an inline <script> (the CSP refuses it)"
grep -n '<script' "$html" | grep -v 'src="/app.js"' && bad "$html: a script other than /app.js"
grep -n '<style' "$html" && bad "$html: a <style> element (the CSP refuses it; use app.css)"
grep -n -i ' style=' "$html" && bad "$html: a style=\"\" attribute (the CSP refuses it)"
grep -n -i -E ' on[a-z]+=' "$html" && bad "$html: an inline event handler (the CSP refuses it)"
grep -n -E '\.style\.|setAttribute\(.style|innerHTML|eval\(|new Function' "$js" &&
	bad "$js: inline style, innerHTML or eval (the CSP refuses inline style; innerHTML invites injection)"
# nothing from another host
grep -n -E '(src|href)="(https?:)?//' "$html" && bad "$html: something fetched from another host"
grep -n -E 'https?://' "$js" "$css" && bad "app.js/app.css: an address of another host"

# the ids of the contract (serve-api.md), which the browser tests use
for id in steps start key-state key-form key-input key-save drop-zone file-input start-error \
	export-contacts-btn export-sequences-btn mapping profile-select mapping-table preview-table \
	mapping-counts mapping-messages mapping-next todo command sequence mailbox policy paused-until \
	start-at existing label command-line run-btn todo-error running progress-bar progress-text \
	stage eta wait messages stop-btn resume-btn run-command-line done exit-meaning counts \
	skip-reasons attention-table attention-filter downloads new-run-btn resume-done-btn; do
	grep -q "id=\"$id\"" "$html" || bad "$html: no element with id=\"$id\" (serve-api.md names it)"
done
for allow in no-email unverified job-change active-in-other finished-in-other same-company; do
	grep -q "name=\"allow\" value=\"$allow\"" "$html" || bad "$html: no allow checkbox for $allow"
done
for c in import enroll unenroll tasks deals update 'export contacts' 'export sequences'; do
	grep -q "<option value=\"$c\">" "$html" || bad "$html: select#command lacks $c"
	grep -q "class=\"command-options\" data-command=\"$c\"" "$html" || bad "$html: no options for $c"
done
for role in start-error todo-error; do
	grep -q "id=\"$role\"[^>]*role=\"alert\"" "$html" || bad "$html: #$role is not role=alert"
done

# every id app.js looks up is in the page
for id in $(grep -o "\$('[a-z0-9-]*')" "$js" | sed "s/\$('\(.*\)')/\1/" | sort -u); do
	grep -q "id=\"$id\"" "$html" || bad "$js: \$('$id') names no element of index.html"
done
# every control has a label (a select, an input but the hidden file's own)
for id in $(grep -o '<\(input\|select\)[^>]* id="[^"]*"' "$html" | sed 's/.* id="\([^"]*\)"/\1/'); do
	grep -q "for=\"$id\"" "$html" || bad "$html: #$id has no <label for>"
done

if command -v node > /dev/null 2>&1; then
	node --check "$js" || bad "$js does not parse"
fi
exit $failed
