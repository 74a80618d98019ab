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
resume_or_force
make_seed "$rows"
make_input enroll.csv

phase_clean
phase_faults
phase_kills 2 enroll.results.csv 0.3 500 "--jobs 1"
soak_end
