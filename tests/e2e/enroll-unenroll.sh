#!/bin/sh
# enroll and unenroll against the sandbox: enrolment by list in one
# add_contact_ids call; by the ids of an earlier import's results file;
# by an id list with an unknown and a malformed id; and unenroll in its
# three modes through remove_or_stop_contact_ids.
. "$(dirname "$0")/import-lib.sh"
sandbox_start
WEB="Webinar Invitees"
PARTNER="Partner Intro"

# by list: one call, and the sandbox's count grows by what the tool says
stats; mv stats stats.before
enr enroll --sequence "$WEB" --from "$FROM" --label "Q4 Webinar"
expect_status 0 "enroll --label"
stats
n=$(sed -n 's/.*: \([0-9]*\) contacts enrolled from 1 list, \([0-9]*\) skipped.*/\1 \2/p' stderr)
[ -n "$n" ] || fail "enroll --label: no count of enrolled contacts"
check "
enrolled, skipped = map(int, '$n'.split())
b = json.load(open('stats.before')); s = st()
web = seq_id('$WEB')
label = [l['id'] for l in seed['labels'] if l['name'] == 'Q4 Webinar'][0]
on_list = sum(1 for c in seed['contacts'] if label in c['label_ids'])
if enrolled == 0: die('nobody enrolled')
if enrolled + skipped != on_list: die('%d enrolled + %d skipped, but %d contacts are on the list' % (enrolled, skipped, on_list))
if s['enrollments'].get(web, 0) != b['enrollments'].get(web, 0) + enrolled:
    die('enrollments of $WEB %r, expected %d + %d' % (s['enrollments'].get(web), b['enrollments'].get(web, 0), enrolled))
want = {'POST /api/v1/emailer_campaigns/{id}/add_contact_ids': 1, 'POST /api/v1/emailer_campaigns/search': 1, 'GET /api/v1/email_accounts': 1}
if s['requests'] != want: die('requests %r, expected %r' % (s['requests'], want))
" "enroll --label"

# by the results file of an import without --sequence
gen_rows 30 > new.csv
imp new.csv
expect_status 0 "import without --sequence"
RES=enrolled.csv
stats; mv stats stats.before
enr enroll --sequence "$PARTNER" --from "$FROM" -o "$RES" new.results.csv
expect_status 0 "enroll FILE (an import's results)"
stats
check "
b = json.load(open('stats.before')); s = st()
imported = rows('new.results.csv')
rs = rows('$RES')
if len(rs) != 30: die('%d result rows' % len(rs))
if [r['_contact_id'] for r in rs] != [r['_contact_id'] for r in imported]: die('contact ids differ from the import')
bad = [r['_row'] for r in rs if (r['_status'], r['_sequence_status']) != ('existing', 'enrolled')]
if bad: die('rows not enrolled: %s' % bad)
p = seq_id('$PARTNER')
if s['enrollments'].get(p, 0) != b['enrollments'].get(p, 0) + 30: die('enrollments of $PARTNER %r' % s['enrollments'].get(p))
if s['requests'].get('POST /api/v1/emailer_campaigns/{id}/add_contact_ids') != b['requests'].get('POST /api/v1/emailer_campaigns/{id}/add_contact_ids', 0) + 1:
    die('add_contact_ids calls %r' % s['requests'])
open('ids', 'w').write(' '.join(r['_contact_id'] for r in rs[:3]) + '\n')
" "enroll FILE"
read -r c1 c2 c3 < ids

# an id list: one in the sequence already, one unknown, one malformed, one new
RES=list.results.csv
fresh=$(py "print([c['id'] for c in seed['contacts'] if not c['campaign_statuses'] and c['email_status'] == 'verified' and c['owner_permission'] and not c['job_change'] and c['email']][0])")
printf 'id\n%s\nffffffffffffffffffffffff\nnot an id!\n%s\n' "$c1" "$fresh" > list.csv
enr enroll --sequence "$PARTNER" --from "$FROM" list.csv
expect_status 1 "enroll with an unknown and a malformed id"
check "
rs = rows('$RES')
got = [(r['_status'], r['_sequence_status'], r['_sequence_reason']) for r in rs]
want = [('existing', 'already_enrolled', 'contacts_already_exists_in_current_campaign'),
        ('failed', got[1][1], 'contact_not_found'),
        ('invalid', '', ''),
        ('existing', 'enrolled', '')]
if got != want: die('got %r, expected %r' % (got, want))
if 'not an Apollo contact id' not in rs[2]['_reason']: die('malformed id: reason %r' % rs[2]['_reason'])
" "enroll an id list"

# unenroll: finished, stop, remove; each one remove_or_stop_contact_ids call
i=0
for mode in finished stop remove; do
	i=$((i + 1))
	eval "id=\$c$i"
	printf 'id\n%s\n' "$id" > "un-$mode.csv"
	stats; mv stats stats.before
	RES=un-$mode.results.csv
	enr unenroll --sequence "$PARTNER" --mode "$mode" "un-$mode.csv"
	expect_status 0 "unenroll --mode $mode"
	stats
	check "
b = json.load(open('stats.before')); s = st()
k = 'POST /api/v1/emailer_campaigns/remove_or_stop_contact_ids'
if s['requests'].get(k, 0) != b['requests'].get(k, 0) + 1: die('remove_or_stop_contact_ids calls %r' % s['requests'])
r = rows('$RES')[0]
word = {'finished': 'finished', 'stop': 'stopped', 'remove': 'removed'}['$mode']
if (r['_status'], r['_sequence_status']) != ('existing', word): die('got %r' % ((r['_status'], r['_sequence_status']),))
" "unenroll --mode $mode"
	api GET "contacts/$id"
	case $mode in
	finished) expect_body '"inactive_reason":"manually finished"' ;;
	stop) expect_body '"inactive_reason":"manually stopped"' ;;
	remove) check "
d = json.load(open('body'))['contact']
if any(x['emailer_campaign_id'] == seq_id('$PARTNER') for x in d['contact_campaign_statuses']): die('still in $PARTNER: %r' % d['contact_campaign_statuses'])
" "unenroll --mode remove: the contact is still in the sequence" ;;
	esac
done
exit 0
