#!/bin/sh
# soak-unenroll.sh - the soak of `apollo-csv unenroll` (make soak SOAK=unenroll).
#
#   sh tests/soak/soak-unenroll.sh BUILDDIR SRCDIR [ROWS [KILLS]]
#
# ROWS contacts of the seed (default 2,000), each active in "Q4 Outbound -
# SaaS", taken out of it by id with --mode remove
# (remove_or_stop_contact_ids, --enroll-chunk 10 contacts a call, so that
# there are calls enough for kills to land between). remove is the mode
# where a call sent twice shows: the second finds the contact out of the
# sequence already. Phases, each against a fresh apollo-sandbox:
#   clean   one run, no faults: the reference (its calls), which must pass
#           itself
#   faults  import's faults with a fixed seed (10% 5xx, 5% 429, 2% drop, 2%
#           lost, 2% malformed, 1% stall of 1.5 s past --timeout 1); run
#           again until it finishes
#   kills   KILLS SIGKILLs (default 20) at seeded moments up to 2 s, the
#           sandbox stalling 30% of requests by 500 ms so that kills land
#           mid-request, each followed by a run again at once; --jobs 1, so
#           that a kill cuts one call short
# After each: 0 duplicates (remove_or_stop_contact_ids calls no more than
# the clean run's plus one a fault (faults) or one a kill (kills)); 0 lost
# (one result row a row, in order, removed as in a clean run; no contact
# left in the sequence; the sequence's other contacts untouched); no
# *.tmp* or *.partial left.
part=unenroll default_rows=2000 default_kills=20 use_proxy=1
cmd() {
	exec "$tool" unenroll --no-progress -q --backoff 20 --retries 4 --enroll-chunk 10 $opts \
		--sequence "Q4 Outbound - SaaS" --mode remove "$@" unenroll.csv
}
. "$(dirname "$0")/lib.sh"
# SOAK-TODO(unenroll --resume): unenroll gets --resume in a parallel
# change. Until its --help shows it, a run after an unfinished one can only
# be the whole file again, replacing the results (--force): every contact
# is sent again, and one the killed run removed comes back "failed".
resume_or_force
make_seed "$rows" 1
make_input unenroll.csv

phase_clean
phase_faults
phase_kills 2 unenroll.results.csv 0.3 500 "--jobs 1"
soak_end
