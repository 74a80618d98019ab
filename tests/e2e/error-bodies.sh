#!/bin/sh
# Apollo's documented error replies (apollo-sandbox --reply ROUTE=FORM:
# 401 with its text body, 403 API_INACCESSIBLE, 403 paid plan, 404 Record
# not found., 422 {"error"}, 429 {"message"} with retry-after) on the write
# endpoint of import, enroll, tasks and deals and on export contacts' search:
# each gives the documented exit status, one message in Apollo's own words
# with what to do, and rows that say the same: the key, the plan or the base
# URL leave every row unprocessed (and --resume then does them, nothing lost),
# a 422 fails the rows it is about, a 429 past --max-wait stops resumably.
. "$(dirname "$0")/import-lib.sh"

py "
cs = [c for c in seed['contacts'] if not c['campaign_statuses'] and c.get('email') and c['email_status'] == 'verified'
      and c['owner_permission'] and not c['job_change']]
open('ids.csv', 'w').write('id\n%s\n%s\n' % (cs[0]['id'], cs[1]['id']))
open('t.csv', 'w').write('Email,Type,Due Date,Owner\n' + ''.join(
    '%s,Call,2026-12-01 09:00,dana.whitfield@sellwise-demo.com\n' % c['email'] for c in cs[2:4]))
open('d.csv', 'w').write('Deal Name,Company Domain,Deal Value\nBody one,kesselwerk-automation.com,5000\n'
                         'Body two,kesselwerk-automation.com,7000\n')
"
rows 2 > r.csv

# go COMMAND: the command against the sandbox; its results file in $out
go() {
	case $1 in
	import) imp --max-wait 0 --force r.csv; out=r.results.csv ;;
	enroll) enr enroll --no-progress --max-wait 0 --force --sequence "Webinar Invitees" --from "$FROM" ids.csv
		out=ids.results.csv ;;
	tasks) enr tasks --no-progress --max-wait 0 --force t.csv; out=t.results.csv ;;
	deals) enr deals --no-progress --max-wait 0 --force d.csv; out=d.results.csv ;;
	export) enr export contacts -q --max-wait 0 -o x.csv; out= ;;
	esac
}
route_of() {
	case $1 in
	import) echo contacts/bulk_create ;;
	enroll) echo 'emailer_campaigns/{id}/add_contact_ids' ;;
	tasks) echo tasks/bulk_create ;;
	deals) echo opportunities ;;
	export) echo contacts/search ;;
	esac
}
# rows_say STATUS TEXT: every row of $out has _status STATUS and TEXT in a reason
rows_say() {
	[ -z "$out" ] && return 0
	/usr/bin/python3 - "$out" "$1" "$2" <<'PY' || fail "$cmd $form: $out: $(cat "$out")"
import csv, sys
rs = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert len(rs) == 2, rs
for r in rs:
    said = r['_reason'] + ' ' + r.get('_sequence_reason', '')
    assert r['_status'] == sys.argv[2] and sys.argv[3] in said, (r['_status'], said)
PY
}

for cmd in import enroll tasks deals export; do
	route=$(route_of $cmd)
	scope=$(echo "$route" | sed 's|/{id}||')
	for form in 401 403 paid-plan 404 422 429; do
		sandbox_start --reply "$route=$form"
		go $cmd
		case $form in
		401)
			expect_status 4 "$cmd with $form"
			expect_in stderr "Apollo refused the key from APOLLO_API_KEY: Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate. (HTTP 401)"
			[ $cmd = export ] || expect_in stderr "Fix the key, then run the same command with --resume"
			rows_say unprocessed "fix the key, then run" ;;
		403)
			expect_status 4 "$cmd with $form"
			expect_in stderr "Apollo refused the key from APOLLO_API_KEY: This API key is not authorized to access "
			expect_in stderr "(HTTP 403)"
			[ $cmd = export ] || expect_in stderr "Use a key whose scope includes this endpoint, or a master key, then run the same command with --resume"
			rows_say unprocessed "use a key whose scope includes this endpoint" ;;
		paid-plan)
			expect_status 4 "$cmd with $form"
			expect_in stderr "Apollo refused $scope for this team: This endpoint is only available to Apollo users on paid plans. (HTTP 403)"
			expect_not_in stderr "the key from"
			[ $cmd = export ] || expect_in stderr "Upgrade the team's Apollo plan, then run the same command with --resume"
			rows_say unprocessed "upgrade the team's Apollo plan, then run" ;;
		404)
			if [ $cmd = enroll ]; then
				# an id in the path: a 404 can be about that sequence, not the URL
				expect_status 1 "$cmd with $form"
				rows_say failed "Record not found."
			else
				expect_status 4 "$cmd with $form"
				expect_in stderr "there is no Apollo endpoint at $BASE/$scope (HTTP 404: Record not found.)"
				[ $cmd = export ] || expect_in stderr "Check APOLLO_BASE_URL (Apollo's is https://api.apollo.io/api/v1)"
				rows_say unprocessed "check APOLLO_BASE_URL"
			fi ;;
		422)
			if [ $cmd = export ]; then
				expect_status 5 "$cmd with $form"
				expect_in stderr "Unprocessable Content"
			elif [ $cmd = tasks ]; then
				# bulk_create refused the pair: each is made alone by POST tasks
				expect_status 0 "$cmd with $form"
				rows_say created ""
				stats
				py "assert st()['requests'].get('POST /api/v1/tasks') == 2 and st()['tasks'] == 2, st()" ||
					fail "tasks after a 422 from bulk_create: $(cat stats)"
			else
				expect_status 1 "$cmd with $form"
				rows_say failed "Unprocessable Content"
			fi ;;
		429)
			expect_status 5 "$cmd with $form"
			if [ $cmd = export ]; then
				expect_in stderr "The maximum number of api calls allowed for api/v1/contacts/search is"
			else
				expect_in stderr "Apollo's rate limit for $scope is spent"
			fi
			rows_say unprocessed "The maximum number of api calls allowed for "
			;;
		esac
		if [ $form = 401 ] && [ $cmd != export ]; then
			# mended: --resume does every row, nothing lost, nothing twice
			curl -s -o /dev/null -X POST -d "{\"route\":\"$route\",\"form\":\"normal\"}" "$ROOT/_sandbox/reply" ||
				fail "POST /_sandbox/reply"
			case $cmd in
			import) imp --resume r.csv ;;
			enroll) enr enroll --no-progress --resume --sequence "Webinar Invitees" --from "$FROM" ids.csv ;;
			*) enr $cmd --no-progress --resume "$(echo "$out" | sed 's/.results.csv/.csv/')" ;;
			esac
			expect_status 0 "$cmd --resume after the key was mended"
			py "
rs = rows('$out')
want = {'import': 'created', 'enroll': 'existing', 'tasks': 'created', 'deals': 'created'}['$cmd']
assert [r['_status'] for r in rs] == [want] * 2, [(r['_status'], r['_reason']) for r in rs]
" || fail "$cmd --resume after 401: $(cat "$out")"
		fi
		stats
		# nothing was applied by the refused requests (the reply forms are answered unapplied)
		case $form in 401|403|paid-plan|404|429) [ "$cmd" = export ] || [ $form = 401 ] || py "
s = st()
assert s['contacts'] == 300 and s['tasks'] == 0 and s['opportunities'] == 0, s
" || fail "$cmd with $form: something was made: $(cat stats)" ;; esac
		sandbox_stop
	done
done
exit 0
