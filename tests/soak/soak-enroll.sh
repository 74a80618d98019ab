#!/bin/sh
# soak-enroll.sh - the soak of `apollo-csv enroll FILE` (make soak SOAK=enroll).
#
#   sh tests/soak/soak-enroll.sh BUILDDIR SRCDIR [ROWS [KILLS]]
#
# ROWS contacts of the seed (default 2,000), in no sequence, enrolled by id
# into "Q4 Outbound - SaaS" (add_contact_ids, --enroll-chunk 10 contacts a
# call, so that there are calls enough for kills to land between). Phases,
# each against a fresh apollo-sandbox:
#   clean   one run, no faults: the reference (its add_contact_ids calls),
#           which must pass itself
#   faults  import's faults with a fixed seed (10% 5xx, 5% 429, 2% drop, 2%
#           lost, 2% malformed, 1% stall of 1.5 s past --timeout 1); run
#           again until it finishes
#   kills   KILLS SIGKILLs (default 20) at seeded moments up to 2 s, the
#           sandbox stalling 30% of requests by 500 ms so that kills land
#           mid-request, each followed by a run again at once; --jobs 1, so
#           that a kill cuts one call short
# After each: 0 duplicates (no contact in the sequence twice;
# add_contact_ids calls no more than the clean run's plus one a fault
# (faults) or one a kill (kills): a contact sent again is a call too many);
# 0 lost (one result row a row, in order, enrolled, or already_enrolled for
# a contact an earlier call had enrolled; every contact in the sequence);
# no *.tmp* or *.partial left.
part=enroll default_rows=2000 default_kills=20 use_proxy=1
cmd() {
	exec "$tool" enroll --no-progress -q --backoff 20 --retries 4 --enroll-chunk 10 $opts \
		--sequence "Q4 Outbound - SaaS" --from dana.whitfield@sellwise-demo.com \
		--policy aggressive --allow same-company "$@" enroll.csv
}
. "$(dirname "$0")/lib.sh"
# SOAK-TODO(enroll --resume): enroll gets --resume in a parallel change.
# Until its --help shows it, a run after an unfinished one can only be the
# whole file again, replacing the results (--force): every contact is
# sent again, and the calls' bound says so.
if "$tool" enroll --help 2>&1 | grep -q -e '--resume'; then
	resume=--resume
else
	resume=--force
	say "enroll has no --resume yet: each run after an unfinished one sends the whole file again (--force)"
fi
make_seed "$rows"
make_input enroll.csv

phase clean
sb_start
until_done
sb_stop
check

phase faults
opts="--timeout 1"
sb_start --faults 5xx=0.1,429=0.05,drop=0.02,lost=0.02,malformed=0.02,stall=0.01 --fault-seed 1 --stall-ms 1500
until_done
sb_stop
check

phase kills
opts="--timeout 5 --jobs 1"
sb_start --faults stall=0.3 --fault-seed 2 --stall-ms 500
kill_loop 2 enroll.results.csv
until_done $resume
sb_stop
check

soak_end
