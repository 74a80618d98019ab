/* search.h - what the record searches (accounts, contacts, opportunities,
 * tasks) share: read page, per_page and the sort, walk one store list
 * through the route's filter, sort the hits, keep them in the search cache
 * and put the page asked for in a reply.
 *
 * A route brings only what is its own: its filters (read and checked before
 * search_run, so a bad filter is answered before a bad page or sort), the
 * sorts it offers, how a record shows in its reply, and the reply's other
 * fields. */
#ifndef SANDBOX_SEARCH_H
#define SANDBOX_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

#include "sandbox.h"

/* one sort a route offers */
struct search_sort {
	const char *name;           /* as sort_by_field says it: "account_created_at" */
	const char *field;          /* the record's field it orders by: "created_at" */
	/* the field as a number (an amount, a rank); NULL: by its text */
	double (*number)(const cJSON *rec, const char *field);
};

struct search {
	/* the store list walked, the search cache's route and the reply's
	 * array: one name ("tasks") in every search */
	const char *list;
	const struct search_sort *sorts;
	size_t n_sorts;
	/* whether a record is a hit for the route's filters; NULL: all are */
	bool (*keep)(const cJSON *rec, const void *filters);
	const void *filters;
	/* a hit as the reply shows it; NULL: the record less its private fields */
	cJSON *(*show)(struct sandbox *sb, const cJSON *rec);
	/* the 500's message when the hits do not fit in memory; NULL: Apollo's
	 * "An error occurred. Please try again." */
	const char *oom_error;
};

/* The reply as far as the shared part goes: the page's records under the
 * list's name in out (list), and the pagination object, not yet in out:
 * each route places it where Apollo's reply has it. */
struct search_reply {
	cJSON *out, *list, *pagination;
};

/* The page the request asks for; false after an error reply (a bad page,
 * per_page or sort: 422; out of memory: 500). */
bool search_run(struct request *r, const struct search *s, struct search_reply *rep);

#endif
