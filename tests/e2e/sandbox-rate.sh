#!/bin/sh
# Rate windows: fixed minute/hour/day counters per endpoint, Apollo's
# header names (24-hour), and 429 with retry-after once a window is spent;
# --time-scale shrinks the windows so the minute rolls over in two seconds.
. "$(dirname "$0")/sandbox-lib.sh"

sandbox_start --rate minute=3,hour=5,day=0 --time-scale 30
for i in 1 2 3; do
	api_headers POST contacts/search '{}'
	expect_code 200
done
grep -qi '^x-rate-limit-minute: 3' headers || fail "no minute limit header: $(cat headers)"
grep -qi '^x-minute-usage: 3' headers || fail "no minute usage header"
grep -qi '^x-minute-requests-left: 0' headers || fail "no minute left header"
grep -qi '^x-rate-limit-hourly: 5' headers || fail "no hourly limit header"
grep -qi '^x-hourly-requests-left: 2' headers || fail "no hourly left header"
grep -qi '^x-rate-limit-24-hour: ' headers || fail "no 24-hour header"
! grep -qi '^x-24-hour-usage' headers || fail "usage for an unlimited window"
api_headers POST contacts/search '{}'
expect_code 429
expect_body 'is 3 times per minute'
# scaled: seconds with a fraction, so a window under a second is not lost
grep -Eqi '^retry-after: (0\.[0-9]{3}|1\.[0-9]{3}|2\.000)\s*$' headers ||
	fail "no retry-after in seconds with a fraction of at most the 2 s window: $(cat headers)"
# another endpoint has windows of its own
api POST emailer_campaigns/search '{}'
expect_code 200
# the scaled minute (2 s) passes; the hour (2 minutes) still counts
sleep 2.3
api POST contacts/search '{}'
expect_code 200
api POST contacts/search '{}'
expect_code 200
api_headers POST contacts/search '{}'
expect_code 429
expect_body 'is 5 times per hour'
# a 401 carries no rate headers and counts nothing
KEY=wrong api_headers POST contacts/search '{}'
expect_code 401
! grep -qi '^x-rate-limit' headers || fail "rate headers on a 401"
stats
expect_stat '"429":2'
# unscaled: whole seconds, as Apollo
sandbox_stop
sandbox_start --rate minute=1,hour=0,day=0 --rate-log rates.log
api POST contacts/search '{}'
expect_code 200
api_headers POST contacts/search '{}'
expect_code 429
grep -Eqi '^retry-after: [0-9]+\s*$' headers || fail "retry-after not in whole seconds at scale 1: $(cat headers)"
# --rate-log: a line per request a window counted or refused, in window 0
KEY=wrong api POST contacts/search '{}'
awk '{ print $2, $3, $4, $5, $6 }' rates.log >rates.seen
printf 'api/v1/contacts/search 200 0 0 0\napi/v1/contacts/search 429 0 0 0\n' >rates.want
cmp -s rates.seen rates.want || fail "rate log: $(cat rates.log)"
exit 0
