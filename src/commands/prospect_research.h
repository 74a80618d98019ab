/* commands/prospect_research.h - the research half of `apollo-csv prospect`: a
 * file of company domains turned into a file of people to import.
 *
 * For each domain: its organization (organizations/bulk_enrich, 10
 * domains a call), the people there with the titles and seniorities asked
 * for (mixed_people/api_search: no credits, no emails, up to 1,000
 * domains a search), and for at most --per-company of them with an email,
 * the person with that email (people/bulk_match by Apollo id, 10 a call).
 * Writes two files, each whole or not at all:
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
	struct api_credits credits;
};

/* An exit status: EXIT_OK with both files written, or the problem
 * printed (EXIT_INPUT, EXIT_API when Apollo stopped answering, ...). */
int prospect_research(const struct config *cfg, struct http_client *hc, const char *people_path,
                      const char *domains_path, struct research_counts *counts);

#endif
