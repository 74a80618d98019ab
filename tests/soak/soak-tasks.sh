#!/bin/sh
# soak-tasks.sh - the soak of `apollo-csv tasks` (make soak SOAK=tasks).
#
#   sh tests/soak/soak-tasks.sh BUILDDIR SRCDIR [ROWS [KILLS]]
#
# ROWS tasks (default 2,000), two for each of ROWS/2 contacts of the seed:
# one that every even row shares (tasks/bulk_create, 100 contacts a call),
# one due at its own minute (made alone). Phases, each against a fresh
# apollo-sandbox:
#   clean   one run, no faults: the reference, which must pass itself
#   faults  import's faults with a fixed seed (10% 5xx, 5% 429, 2% drop, 2%
#           lost, 2% malformed, 1% stall of 1.5 s past --timeout 1: a reply
#           that comes late); --resume until the run finishes
#   skew    10% lost replies while the sandbox's clock is SOAK_SKEW seconds
#           (30) behind the tool's: what a lost reply made must be found
#           all the same (needs libfaketime; said so, and skipped, without)
#   kills   KILLS SIGKILLs (default 20) at seeded moments, the sandbox
#           stalling 30% of requests by 300 ms so that kills land
#           mid-request, each followed by --resume at once
# After each: 0 duplicates (no (contact, type, due, note) the file asked
# for held twice, no task no row asked for); 0 lost (one result row a row,
# in order, each created, naming a task the sandbox holds with the row's
# content); no *.tmp* or *.partial left.
part=tasks default_rows=2000 default_kills=20 resume=--resume
cmd() { exec "$tool" tasks --no-progress -q --backoff 20 --retries 4 $opts "$@" tasks.csv; }
. "$(dirname "$0")/lib.sh"
make_seed $(( (rows + 1) / 2 ))
make_input tasks.csv

phase_clean
phase_faults
phase_skew
phase_kills 1.5 tasks.results.csv 0.3 300
soak_end
