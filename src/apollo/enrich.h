/* apollo/enrich.h - Apollo's enrichment (apollo-api.md §15): people matched
 * with people/bulk_match, 10 a call, all calls at once. Enrichment costs
 * credits: about one a person found (with an email or not), none for a
 * miss; the calls' credits_consumed are added up. Knows nothing of CSV or
 * rows. */
#ifndef APOLLO_API_ENRICH_H
#define APOLLO_API_ENRICH_H

#include "apollo/api.h"

#define API_MATCH_MAX 10          /* details per people/bulk_match */

/* what a person is matched on; "" or NULL for what is not known */
struct api_person_query {
	const char *first_name, *last_name, *name;
	const char *organization_name, *domain;
	const char *linkedin_url;
	const char *id;                /* an Apollo person id */
};

struct api_credits {
	double used;                   /* Apollo's credits_consumed, added up */
	double maybe;                  /* at most this many more: calls whose answer was
	                                * lost and that were sent again (each may have
	                                * been charged) */
	double uncounted;              /* at most this many more: replies that did not
	                                * say what they cost (no credits_consumed, or
	                                * not a number), a credit for each record found */
};

/* Matches q[0..n). A call whose answer was lost may have been charged, so
 * it is asked again only while the credits it may have cost, with those
 * spent, stay within `allowance` (< 0: no limit). out[i]: API_DONE with
 * the person in out[i].record, or with record NULL when Apollo found
 * nobody; API_UNCONFIRMED (message) when the reply has no matches list,
 * or people in it fit the question but none can be said to be its own;
 * API_REFUSED (a refusal does not stop the client: enrichment is
 * optional), API_GAVE_UP or API_STOPPED with message; API_UNKNOWN: the
 * answer was lost and the allowance leaves no room to ask again. The
 * credits are added to *credits. */
void api_match_people(struct http_client *hc, const struct api_person_query *q, size_t n,
                      double allowance, struct api_item *out, struct api_credits *credits);

/* ---- prospecting ---- */

#define API_ORGS_MAX 10           /* domains per organizations/bulk_enrich */
#define API_SEARCH_DOMAINS_MAX 1000 /* q_organization_domains_list */

/* organizations/bulk_enrich, 10 domains a call, all calls at once.
 * out[i]: API_DONE with the organization in record (NULL: Apollo has none
 * for the domain), API_UNCONFIRMED (message) when the reply has no
 * organizations list or several for the domain, or the call's failure.
 * Credits added to *credits. */
void api_enrich_organizations(struct http_client *hc, const char *const *domains, size_t n,
                              struct api_item *out, struct api_credits *credits);

struct api_people_query {
	const char *const *domains;    /* q_organization_domains_list */
	size_t ndomains;
	const char *const *titles;     /* person_titles */
	size_t ntitles;
	const char *const *seniorities; /* person_seniorities */
	size_t nseniorities;
};

/* One page (100 people) of mixed_people/api_search, which costs no
 * credits and shows no emails: the people appended to the array out,
 * Apollo's total_entries in *total (-1: the reply gives none). 0, or -1
 * with the failure in *failed (a reply without the people list too). */
int api_search_people(struct http_client *hc, const struct api_people_query *q, long page, cJSON *out,
                      long *total, struct http_request *failed);

/* a person's email, when Apollo gave one ("" else) */
const char *api_person_email(const cJSON *person);

#endif
