#!/bin/sh
# soak-prospect.sh - the soak of `apollo-csv prospect` (make soak SOAK=prospect).
#
#   sh tests/soak/soak-prospect.sh BUILDDIR SRCDIR [ROWS [KILLS]]
#
# ROWS company domains (default 300; one in 20 unknown to Apollo), the
# seed's directory holding an organization of 4 people for each of the
# others: researched (organizations/bulk_enrich, mixed_people/api_search,
# people/bulk_match: credits), 3 people a company imported and enrolled
# into "Q4 Outbound - SaaS", and a follow-up task and a deal a company.
# logproxy.py stands between the tool and the sandbox and writes down
# which domains and people each call asked for, and whether its answer
# reached the tool. Phases, each against a fresh apollo-sandbox:
#   clean   one run, no faults: the reference (how many people), which
#           must pass itself
#   faults  import's faults with a fixed seed (10% 5xx, 5% 429, 2% drop, 2%
#           lost, 2% malformed, 1% stall of 1.5 s past --timeout 1);
#           --resume until the run finishes
#   kills   KILLS SIGKILLs (default 20) at seeded moments up to 2 s, the
#           sandbox stalling 30% of requests by 600 ms so that kills land
#           mid-request (a whole run then takes about 25 s: research 8 s,
#           import 3 s, tasks 1 s, deals 12 s), each followed by --resume
#           at once; the step each kill landed in is noted
# After each: 0 duplicates (no organization or person answered twice, so
# paid twice; no contact made twice nor in the sequence twice; no task or
# deal made twice for a company); 0 lost (FILE.domains.csv: one row a
# domain, in order, found or not_found as in a clean run; the clean run's
# number of people, each imported and enrolled; a task and a deal for each
# company with people); no *.tmp* or *.partial left.
part=prospect default_rows=300 default_kills=20 resume=--resume use_proxy=1
cmd() {
	exec "$tool" prospect --no-progress -q --backoff 20 --retries 4 $opts \
		--sequence "Q4 Outbound - SaaS" --from dana.whitfield@sellwise-demo.com --allow same-company \
		--type call --due 2026-12-15 --owner dana.whitfield@sellwise-demo.com \
		--deal '{company} - soak' --amount 25k --stage Discovery "$@" prospect.csv
}
# the step a kill landed in, by the files the steps leave when done
kill_where() {
	if [ ! -f prospect.people.csv ]; then echo research
	elif [ ! -f prospect.people.results.csv ]; then echo import
	elif [ ! -f prospect.tasks.results.csv ]; then echo tasks
	else echo deals
	fi
}
. "$(dirname "$0")/lib.sh"
make_seed 0 0 "$rows"
make_input prospect.csv

phase_clean
phase_faults
phase_kills 2 prospect.deals.results.csv 0.3 600
soak_end
