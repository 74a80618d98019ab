/* commands/prospect_research.h - the research half of `apollo-csv prospect`: a
 * file of company domains turned into a file of people to import.
 *
 * For each domain: its organization (organizations/bulk_enrich, 10
 * domains a call), the people there with the titles and seniorities asked
 * for (mixed_people/api_search: no credits, no emails, up to 1,000
 * domains a search), and for at most --per-company of them with an email,
 * the person with that email (people/bulk_match by Apollo id, 10 a call).
 * Each call that spends credits (bulk_enrich, bulk_match) goes alone, and
 * its answers are journaled (commands/research_journal.h) before the next
 * goes: a run stopped or killed half-way loses one call at most, and with
 * --resume buys none of the rest again. The free search is done again.
 * Then writes two files, each whole or not at all, and removes the journal:
 *   PEOPLE   one row per person found with an email, in the columns import
 *            reads (First Name, Last Name, Title, Email, Company, Website,
 *            LinkedIn URL) and Domain Row, the row of FILE they came from
 *   DOMAINS  FILE's rows with _row, _line, _status (found, not_found,
 *            invalid, duplicate), _reason, _organization_id and _people
 * Speaks rows and apollo_api, never HTTP. */
#ifndef APOLLO_PROSPECT_RESEARCH_H
#define APOLLO_PROSPECT_RESEARCH_H

#include "apollo/enrich.h"
#include "cli/command_line.h"

struct research_counts {
	unsigned long long domains;        /* rows with a domain to research */
	unsigned long long with_people, nothing;
	unsigned long long people, without_email, over_limit;
	struct api_credits credits;        /* with what a stopped run's journal cost */
	double kept_credits;               /* that: what --resume did not buy again */
};

/* With --resume, goes on with the research the journal at journal_path
 * holds; else starts it afresh. An exit status: EXIT_OK with both files
 * written and the journal gone, or the problem printed (EXIT_INPUT,
 * EXIT_API when Apollo stopped answering, ...; the journal stays for
 * --resume). */
int prospect_research(const struct config *cfg, struct http_client *hc, const char *people_path,
                      const char *domains_path, const char *journal_path, struct research_counts *counts);

#endif
