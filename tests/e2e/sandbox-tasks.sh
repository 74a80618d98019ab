# sandbox-tasks.sh - apollo-sandbox's tasks: create with every required
# field checked, bulk_create in both shapes (contact_ids + shared fields,
# and the CLI's tasks_attributes) all or nothing and at most 1000, search
# with filters, sort and pagination.
. "$(dirname "$0")/sandbox-lib.sh"

field() { grep -o "\"$1\":\"[^\"]*\"" body | head -n 1 | sed 's/^"[^"]*":"\(.*\)"$/\1/'; }
expect_count() {
	grep -qF -- "\"$1\":$2," stats || grep -qF -- "\"$1\":$2}" stats ||
		fail "stats: $1 is not $2: $(cat stats)"
}
# task CONTACT [FIELDS]: a task's JSON for the contact, with FIELDS added
# (change the standard ones with sed: a key given twice counts once)
task() { printf '{"user_id": "%s", "contact_id": "%s", "type": "call", "status": "scheduled", "due_at": "2026-12-01"%s}' "$user" "$1" "${2:+, $2}"; }

sandbox_start

api GET users/search
user=$(field id)
[ -n "$user" ] || fail "no user in the seed"
api POST accounts '{"name": "Taskline Co", "domain": "taskline.example"}'
expect_code 200
account=$(field id)
api POST contacts "{\"first_name\": \"Tara\", \"last_name\": \"Task\", \"email\": \"tara@taskline.example\", \"account_id\": \"$account\"}"
expect_code 200
c1=$(field id)
api POST contacts '{"first_name": "Tom", "last_name": "Task", "email": "tom@taskline.example"}'
expect_code 200
c2=$(field id)
[ -n "$c1" ] && [ -n "$c2" ] || fail "contacts were not created"

# create: the due date in UTC, priority medium, the account from the contact
api POST tasks "$(task "$c1" '"note": "Call about the renewal"' | sed 's/"2026-12-01"/"2026-12-01T10:00:00+02:00"/')"
expect_code 200
expect_body '{"task":{"id":"'
expect_body "\"contact_id\":\"$c1\""
expect_body "\"account_id\":\"$account\""
expect_body "\"user_id\":\"$user\""
expect_body '"type":"call"'
expect_body '"priority":"medium"'
expect_body '"status":"scheduled"'
expect_body '"due_at":"2026-12-01T08:00:00.000+00:00"'
expect_body '"note":"Call about the renewal"'
expect_body '"created_from":"api"'
expect_body '"completed_at":null'
expect_body "\"contact\":{\"id\":\"$c1\""

# the required fields, one by one
api POST tasks "{\"contact_id\": \"$c1\", \"type\": \"call\", \"status\": \"scheduled\", \"due_at\": \"2026-12-01\"}"
expect_code 422
expect_body '{"error":"type and user can not be blank"}'
api POST tasks "{\"user_id\": \"$user\", \"contact_id\": \"$c1\", \"status\": \"scheduled\", \"due_at\": \"2026-12-01\"}"
expect_code 422
expect_body '{"error":"type and user can not be blank"}'
api POST tasks "$(task "$c1" | sed "s/\"$user\"/5/")"
expect_code 422
api POST tasks "$(task 000000000000000000000000)"
expect_code 422
expect_body '{"error":"Parameters misconfigured. 000000000000000000000000 is not a valid ID"}'
api POST tasks "$(task "$c1" | sed "s/$user/ffffffffffffffffffffffff/")"
expect_code 422
expect_body 'Parameters misconfigured. ffffffffffffffffffffffff is not a valid ID'
api POST tasks "$(task "$c1" | sed 's/"call"/"email"/')"
expect_code 422
expect_body 'not a valid type'
api POST tasks "$(task "$c1" | sed 's/"scheduled"/"done"/')"
expect_code 422
api POST tasks "$(task "$c1" | sed 's/2026-12-01/2026-02-30/')"
expect_code 422
expect_body 'due_at is not a valid date'
api POST tasks "$(task "$c1" | sed 's/, "due_at": "2026-12-01"//')"
expect_code 422
api POST tasks "$(task "$c1" '"priority": "urgent"')"
expect_code 422
stats
expect_count tasks 1

# the other types and statuses
for type in outreach_manual_email linkedin_step_connect linkedin_step_message \
	linkedin_step_view_profile linkedin_step_interact_post action_item; do
	api POST tasks "$(task "$c2" | sed "s/\"call\"/\"$type\"/")"
	expect_code 200
	expect_body "\"type\":\"$type\""
done
api POST tasks "$(task "$c2" '"priority": "low"' | sed 's/"scheduled"/"completed"/')"
expect_code 200
expect_body '"status":"completed"'
expect_no_body '"completed_at":null'
api POST tasks "$(task "$c2" '"priority": "high"' | sed 's/"scheduled"/"skipped"/')"
expect_code 200
expect_no_body '"skipped_at":null'
stats
expect_count tasks 9

# bulk_create, documented shape: one task per contact id
api POST tasks/bulk_create "{\"user_id\": \"$user\", \"contact_ids\": [\"$c1\", \"$c2\"], \"type\": \"action_item\",
	\"status\": \"scheduled\", \"due_at\": \"2027-01-05T09:30:00Z\", \"priority\": \"high\", \"note\": \"Follow up\"}"
expect_code 200
expect_body '{"success":true,"tasks":[{"id":"'
[ "$(grep -o '"created_from":"api"' body | wc -l)" -eq 2 ] || fail "expected 2 tasks: $(cat body)"
[ "$(grep -o '"due_at":"2027-01-05T09:30:00.000+00:00"' body | wc -l)" -eq 2 ] || fail "due_at: $(cat body)"

# bulk_create, the CLI's shape: tasks_attributes, fields per task
api POST tasks/bulk_create "{\"tasks_attributes\": [$(task "$c1" '"priority": "low"'), $(task "$c2" '"title": "Intro call"')]}"
expect_code 200
expect_body '"success":true'
expect_body '"priority":"low"'
expect_body '"title":"Intro call"'
stats
expect_count tasks 13

# all or nothing: a bad task names its place, and none is created
api POST tasks/bulk_create "{\"tasks_attributes\": [$(task "$c1"), $(task "$c2" '"priority": "whenever"')]}"
expect_code 422
expect_body 'tasks_attributes[1]'
api POST tasks/bulk_create "{\"tasks_attributes\": [$(task "$c1"), 7]}"
expect_code 422
expect_body 'tasks_attributes[1]'
api POST tasks/bulk_create "{\"user_id\": \"$user\", \"contact_ids\": [\"$c1\", \"000000000000000000000000\"], \"type\": \"call\", \"status\": \"scheduled\", \"due_at\": \"2026-12-01\"}"
expect_code 422
expect_body 'contact_ids[1]: Parameters misconfigured. 000000000000000000000000 is not a valid ID'
api POST tasks/bulk_create "{\"contact_ids\": [\"$c1\"], \"type\": \"call\", \"status\": \"scheduled\", \"due_at\": \"2026-12-01\"}"
expect_code 422
expect_body 'type and user can not be blank'
api POST tasks/bulk_create '{"tasks_attributes": {"user_id": "x"}}'
expect_code 422
api POST tasks/bulk_create '{}'
expect_code 422
# at most 1000 a call
ids=$(awk -v c="$c1" 'BEGIN { for (i = 1; i <= 1001; i++) printf "%s\"%s\"", (i > 1 ? "," : ""), c }')
api POST tasks/bulk_create "{\"user_id\": \"$user\", \"contact_ids\": [$ids], \"type\": \"call\", \"status\": \"scheduled\", \"due_at\": \"2026-12-01\"}"
expect_code 422
expect_body '{"error":"Please limit your array to 1000 tasks or fewer."}'
stats
expect_count tasks 13
expect_count "POST /api/v1/tasks/bulk_create" 9

# search: filters, sort, pagination
api POST tasks/search "{\"contact_ids\": [\"$c1\"]}"
expect_code 200
expect_body '"total_entries":3,'
expect_no_body "\"contact_id\":\"$c2\""
api POST tasks/search '{"type": "call", "per_page": 1, "page": 2}'
expect_code 200
expect_body '"pagination":{"page":2,"per_page":1,"total_entries":5,"total_pages":5}'
api POST tasks/search '{"status": ["completed", "skipped"]}'
expect_body '"total_entries":2,'
api POST tasks/search "{\"contact_ids\": [\"$c2\"], \"sort_by_field\": \"task_priority\"}"
expect_code 200
[ "$(field priority)" = high ] || fail "task_priority, descending, does not start high: $(cat body)"
api POST tasks/search "{\"contact_ids\": [\"$c2\"], \"sort_by_field\": \"task_priority\", \"sort_ascending\": true}"
[ "$(field priority)" = low ] || fail "task_priority, ascending, does not start low: $(cat body)"
api POST tasks/search '{"sort_by_field": "task_due_at", "per_page": 1}'
[ "$(field due_at)" = 2027-01-05T09:30:00.000+00:00 ] || fail "task_due_at, descending: $(cat body)"
api POST tasks/search '{"sort_by_field": "task_due_at", "sort_ascending": true, "per_page": 1}'
[ "$(field due_at)" = 2026-12-01T00:00:00.000+00:00 ] || fail "task_due_at, ascending: $(cat body)"
api POST tasks/search '{"sort_by_field": "task_created_at"}'
expect_code 422
expect_body '"error":"Invalid sort criteria"'
api POST tasks/search '{"per_page": 500}'
expect_code 422
expect_body '{"error":"Per page not supported"}'

stats
expect_count "POST /api/v1/tasks" 19
expect_count "POST /api/v1/tasks/search" 9
exit 0
