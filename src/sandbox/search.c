/* search.c - the record searches' shared walk, sort, cache and page
 * (search.h says what a route brings). */
#include "config.h"

#include <string.h>

#include "search.h"

/* what one request asks of a search, beyond the route's filters */
struct query {
	long page, per_page;
	const struct search_sort *sort;  /* NULL: store order */
	bool descending;
};

/* The sort sort_by_field names among the route's (none when absent or
 * empty); false after a 422 for one the route does not offer. */
static bool read_sort(struct request *r, const struct search *s, struct query *q)
{
	const char *name = param_str(r, "sort_by_field");

	q->sort = NULL;
	/* descending unless sort_ascending says otherwise */
	q->descending = !param_bool(r, "sort_ascending", false);
	if (!name || !*name)
		return true;
	for (size_t i = 0; i < s->n_sorts; i++)
		if (strcmp(name, s->sorts[i].name) == 0) {
			q->sort = &s->sorts[i];
			return true;
		}
	reply_bad_sort(r);
	return false;
}

/* the record with the key it sorts by (none unsorted: it is never read) */
static bool add_hit(struct hits *h, cJSON *rec, const struct search_sort *by)
{
	if (!by)
		return hits_add(h, rec, 0, NULL);
	if (by->number)
		return hits_add(h, rec, by->number(rec, by->field), NULL);
	return hits_add(h, rec, 0, jstr(rec, by->field));
}

/* Every record of the list the route's filter keeps, in store order;
 * false after a 500 when they do not fit in memory. */
static bool collect(struct request *r, const struct search *s, const struct query *q,
                    struct hits *found)
{
	const char *oom = s->oom_error ? s->oom_error : "An error occurred. Please try again.";
	cJSON *rec;

	cJSON_ArrayForEach(rec, store_list(&r->sb->store, s->list)) {
		if (s->keep && !s->keep(rec, s->filters))
			continue;
		if (!add_hit(found, rec, q->sort)) {
			hits_free(found);
			reply_error(r, 500, "%s", oom);
			return false;
		}
	}
	return true;
}

/* The query's hits, sorted. A client reading every page asks the same
 * search many times, so they are walked and sorted once and kept (the
 * cache key is the parameters as read, so every parameter must be read
 * before this). NULL after a 500. */
static const struct hits *hits_for(struct request *r, const struct search *s, const struct query *q)
{
	const struct hits *kept = search_cache_find(&r->sb->searches, s->list, r->params);
	struct hits found = { 0 };

	if (kept)
		return kept;
	if (!collect(r, s, q, &found))
		return NULL;
	if (q->sort)
		hits_sort(&found, !q->sort->number, q->descending);
	return search_cache_keep(&r->sb->searches, s->list, r->params, &found);
}

/* the page's records, as the route shows them */
static void add_page(struct sandbox *sb, const struct search *s, const struct query *q,
                    const struct hits *hits, cJSON *list)
{
	for (long i = (q->page - 1) * q->per_page; i < hits->n && i < q->page * q->per_page; i++) {
		cJSON *rec = hits->v[i].rec;
		cJSON_AddItemToArray(list, s->show ? s->show(sb, rec) : store_public(rec));
	}
}

bool search_run(struct request *r, const struct search *s, struct search_reply *rep)
{
	struct query q;
	const struct hits *hits;

	/* page before sort: a request wrong in both gets the page's 422 */
	if (!page_params(r, &q.page, &q.per_page) || !read_sort(r, s, &q))
		return false;
	hits = hits_for(r, s, &q);
	if (!hits)
		return false;
	rep->out = cJSON_CreateObject();
	rep->list = cJSON_AddArrayToObject(rep->out, s->list);
	add_page(r->sb, s, &q, hits, rep->list);
	rep->pagination = pagination(q.page, q.per_page, hits->n, false);
	return true;
}
