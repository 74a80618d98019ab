#!/bin/sh
# Sequence metrics grow with time from the enrolments: nothing is
# delivered at once, everything settles after a simulated fortnight
# (--time-scale), and the same enrolments give the same numbers again.
. "$(dirname "$0")/sandbox-lib.sh"

# enrol N new contacts into "Webinar Invitees"; the sequence's metrics in body
enrol_and_report() {
	items=$(awk 'BEGIN { for (i = 1; i <= 60; i++) printf "%s{\"first_name\":\"M%d\",\"last_name\":\"Metric\",\"email\":\"m%d@metrics-test.com\"}", (i > 1 ? "," : ""), i, i }')
	api POST contacts/bulk_create "{\"contacts\":[$items]}"
	expect_code 200
	ids=$(grep -o '"id":"[0-9a-f]\{24\}"' body | sed 's/"id":"\(.*\)"/"\1"/' | tr '\n' ',' | sed 's/,$//')
	api POST emailer_campaigns/search '{"q_name":"Webinar Invitees"}'
	seq=$(sed -n 's/.*"emailer_campaigns":\[{"id":"\([0-9a-f]*\)".*/\1/p' body)
	box=$(tr -d ' \n' < "$SEED" | grep -o '"email_accounts":\[{"id":"[0-9a-f]*"' | sed 's/.*"id":"\(.*\)"/\1/')
	api POST "emailer_campaigns/$seq/add_contact_ids" "{\"emailer_campaign_id\":\"$seq\",\"contact_ids\":[$ids],\"send_email_from_email_account_id\":\"$box\"}"
	expect_code 200
	expect_body '"skipped_contact_ids":{}'
	sleep "$1"
	api POST emailer_campaigns/search '{"q_name":"Webinar Invitees"}'
	metrics=$(grep -o '"unique_[a-z_]*":[0-9]*' body | tr '\n' ' ')
}

# real time: scheduled at once, nothing delivered yet
sandbox_start
enrol_and_report 0
case $metrics in *'"unique_scheduled":60 '*) ;; *) fail "not 60 scheduled: $metrics" ;; esac
case $metrics in *'"unique_delivered":0 '*) ;; *) fail "delivered at once: $metrics" ;; esac
sandbox_stop

# a second is a fortnight: delivered, opened, replied; and again the same
sandbox_start --time-scale 1500000 --rate minute=0,hour=0,day=0
enrol_and_report 1
first=$metrics
case $first in *'"unique_delivered":0 '*) fail "nothing delivered after a fortnight: $first" ;; esac
case $first in *'"unique_opened":0 '*) fail "nothing opened after a fortnight: $first" ;; esac
sandbox_stop
sandbox_start --time-scale 1500000 --rate minute=0,hour=0,day=0
enrol_and_report 1
[ "$metrics" = "$first" ] || fail "the same enrolments gave $first, then $metrics"
echo "after a simulated fortnight: $first"
exit 0
