/* commands/import_chunk.c - see commands/import_chunk.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "apollo/api.h"
#include "apollo/skip_reasons.h"
#include "commands/import_chunk.h"
#include "commands/import_enrich.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "rows/account_columns.h"
#include "rows/account_links.h"
#include "values/ids.h"
#include "values/start_time.h"

/* mail services whose domain says nothing about a company */
static const char *const free_mail[] = {
	"gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "hotmail.com", "outlook.com",
	"live.com", "msn.com", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "web.de",
	"proton.me", "protonmail.com", "mail.com", "yandex.ru", "zoho.com", "t-online.de",
	"orange.fr", "free.fr", "uol.com.br", "bol.com.br",
};

static bool is_free_mail(const char *domain)
{
	for (size_t i = 0; i < sizeof free_mail / sizeof free_mail[0]; i++)
		if (strcasecmp(domain, free_mail[i]) == 0)
			return true;
	return false;
}

/* the company domain of a row: its website, else its email's domain */
static const char *company_domain(const char *website, const char *email)
{
	const char *at;
	if (*website)
		return website;
	at = strrchr(email, '@');
	return at && at[1] && !is_free_mail(at + 1) ? at + 1 : "";
}

static const char *row_domain(const struct held_row *h)
{
	return company_domain(h->v[F_WEBSITE_URL], h->v[F_EMAIL]);
}

void import_tally_skip(struct import_tally *t, const char *code)
{
	size_t i;
	for (i = 0; i < t->nskips; i++)
		if (strcmp(t->skips[i].code, code) == 0)
			break;
	if (i == t->nskips) {
		if (t->nskips == MAX_SKIP_CODES)
			i = MAX_SKIP_CODES - 1;   /* an overflow of unknown codes shares the last */
		else
			snprintf(t->skips[t->nskips++].code, sizeof t->skips[0].code, "%s", code);
	}
	t->skips[i].n++;
}

/* A row whose call did not go through. When the outcome is unknown or
 * the run cannot go on (stopped by a rate limit, no answer after every
 * retry, a refused key), the row is not done: it stays unprocessed, and
 * --resume sends it again. A refusal of the row itself (a 4xx) is final:
 * failed, and a person must look. */
static void row_failed(struct http_client *hc, struct chunk *c, struct held_row *h,
                       const struct api_item *it, const char *what, struct import_tally *t)
{
	const char *why = it->message ? it->message : "no reason given";
	bool key_refused = it->result == API_REFUSED && hc->refused;

	if (it->result == API_STOPPED || it->result == API_GAVE_UP || key_refused) {
		h->res.status = ST_UNPROCESSED;
		h->res.reason = chunk_printf(c, "%s: %s; %s%srun again with --resume", what, why,
		                             key_refused ? hc->refusal_fix : "", key_refused ? ", then " : "");
		h->res.needs_attention = false;
		t->gave_up = t->gave_up || it->result == API_GAVE_UP;
		return;
	}
	h->res.status = ST_FAILED;
	h->res.reason = chunk_printf(c, "%s: %s", what, why);
	h->res.needs_attention = true;
}

/* a row this run could not finish (out of memory): --resume does it */
static void not_done(struct chunk *c, struct held_row *h)
{
	h->res.status = ST_UNPROCESSED;
	h->res.reason = chunk_strdup(c, "not finished (out of memory); run again with --resume");
	h->res.needs_attention = false;
}

/* the key a row names its company by: its domain (website, else email),
 * else its company name (rows/account_columns.h); "" for neither */
static const char *company_key(struct chunk *c, const struct held_row *h, bool by_name)
{
	struct dynbuf k;
	const char *key;
	dynbuf_init(&k, 1 << 16);
	account_key(by_name ? NULL : row_domain(h), h->v[F_ORGANIZATION_NAME], &k);
	key = chunk_strdup(c, k.data ? k.data : "");
	dynbuf_free(&k);
	return key ? key : "";
}

/* do two accounts of the request (each by its domain) have the name key? */
static bool shared_name(const char *const *names, const char *const *keys, size_t n, const char *key)
{
	size_t seen = 0;
	for (size_t k = 0; k < n; k++)
		seen += *keys[k] == 'd' && strcmp(names[k], key) == 0;
	return seen > 1;
}

/* Accounts first, so contacts can be linked. A row is linked by the
 * Apollo Account Id it gives (an id of another team is left out when
 * Apollo refuses it: api_create_contacts), else by its domain, else by
 * its company name; an account the run has already learnt is not asked
 * for again, and the rest are asked for once each, in one
 * accounts/bulk_create round with Apollo's dedupe, which never makes a
 * second account for a domain or name it has (so neither a retry nor
 * --resume makes one). An account refused by Apollo leaves its contacts
 * unlinked (and needing a look); one not answered leaves them
 * unprocessed, so --resume links them. */
static void accounts_stage(struct http_client *hc, struct chunk *c, struct import_tally *t)
{
	struct api_account *acc = calloc(c->nsend ? c->nsend : 1, sizeof *acc);
	struct api_item *out = calloc(c->nsend ? c->nsend : 1, sizeof *out);
	size_t *which = calloc(c->n ? c->n : 1, sizeof *which);
	const char **keys = calloc(c->nsend ? c->nsend : 1, sizeof *keys);     /* each account's */
	const char **names = calloc(c->nsend ? c->nsend : 1, sizeof *names);   /* its name's */
	size_t n = 0;

	if (!t->links && (t->links = malloc(sizeof *t->links)))
		account_links_init(t->links);
	if (!acc || !out || !which || !keys || !names || !t->links) {
		for (size_t i = 0; i < c->n; i++)
			if (c->rows[i].send)
				not_done(c, &c->rows[i]);
		goto done;
	}
	for (size_t i = 0; i < c->n; i++)
		which[i] = (size_t)-1;
	/* the rows with a domain first, so that a row with a company name
	 * alone joins the account its name has in the same request */
	for (size_t j = 0; j < 2 * c->n; j++) {
		size_t i = j % c->n;
		struct held_row *h = &c->rows[i];
		const char *key, *name, *id;
		size_t k;
		if (!h->send || *h->v[F_ACCOUNT_ID] || !*(key = company_key(c, h, false)) ||
		    (*key == 'd') != (j < c->n))
			continue;   /* linked by the file's id, nothing to link by, or not its pass */
		name = company_key(c, h, true);
		/* learnt by the run: by this key, or (a row with a name only) by
		 * the name of an account it made or matched by domain */
		if ((id = account_links_find(t->links, key)) && *id) {
			h->res.account_id = chunk_strdup(c, id);
			continue;
		}
		if (id || (*key != 'd' && shared_name(names, keys, n, key))) {
			/* a name several accounts have: which one is meant is not guessed */
			h->res.reason = *key == 'd'
			                ? chunk_printf(c, "no account linked: several accounts have the domain %s; give "
			                               "the company's Apollo Account Id", row_domain(h))
			                : chunk_printf(c, "no account linked: several accounts have the company name "
			                               "\"%s\"; give the company's website or its Apollo Account Id",
			                               h->v[F_ORGANIZATION_NAME]);
			h->res.needs_attention = true;
			continue;
		}
		for (k = 0; k < n && strcmp(keys[k], key) != 0 && (*key == 'd' || strcmp(names[k], key) != 0); k++)
			;
		if (k == n) {
			const char *d = *key == 'd' ? row_domain(h) : "";
			acc[n] = (struct api_account){ .name = h->v[F_ORGANIZATION_NAME], .domain = d };
			keys[n] = key;
			names[n++] = name;
		}
		which[i] = k;
	}
	if (n)
		api_create_accounts(hc, acc, n, out);
	for (size_t k = 0; k < n; k++) {
		if (out[k].result == API_CREATED)
			t->accounts_created++;
		else if (out[k].result == API_EXISTING)
			t->accounts_matched++;
		if (out[k].result == API_CREATED || out[k].result == API_EXISTING) {
			account_links_put(t->links, keys[k], out[k].id);
			if (*keys[k] == 'd')
				account_links_put(t->links, names[k], out[k].id);
		}
	}
	for (size_t i = 0; i < c->n; i++) {
		struct held_row *h = &c->rows[i];
		const struct api_item *it;
		if (which[i] == (size_t)-1)
			continue;
		it = &out[which[i]];
		if (it->result == API_CREATED || it->result == API_EXISTING) {
			h->res.account_id = chunk_strdup(c, it->id);
		} else if ((it->result == API_REFUSED && !hc->refused) || it->result == API_UNCONFIRMED) {
			h->res.reason = chunk_printf(c, "no account linked: %s", it->message ? it->message : "?");
			h->res.needs_attention = true;
		} else {
			row_failed(hc, c, h, it, "the account was not created", t);
		}
	}
done:
	for (size_t k = 0; k < n; k++)
		api_item_clear(&out[k]);
	free(acc);
	free(out);
	free(which);
	free(keys);
	free(names);
}

void import_learn_account(struct import_tally *t, const char *website, const char *email, const char *company,
                          const char *account_id)
{
	struct dynbuf k;

	if (!t->links && (t->links = malloc(sizeof *t->links)))
		account_links_init(t->links);
	if (!t->links || !account_id || !*account_id)
		return;   /* not learnt: the company is asked for again, not lost */
	dynbuf_init(&k, 1 << 16);
	account_key(company_domain(website, email), company, &k);
	if (k.len && account_links_put(t->links, k.data, account_id) && k.data[0] == 'd') {
		account_key(NULL, company, &k);
		if (k.len)
			account_links_put(t->links, k.data, account_id);
	}
	dynbuf_free(&k);
}

void import_tally_free(struct import_tally *t)
{
	if (t->links)
		account_links_free(t->links);
	free(t->links);
	t->links = NULL;
}

/* the rows to send in this chunk, in order (not those an earlier stage
 * left unprocessed) */
static size_t sent_rows(struct chunk *c, struct held_row **rows)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].send && c->rows[i].res.status == ST_READY)
			rows[n++] = &c->rows[i];
	return n;
}

/* an earlier row of the request that got the same contact as row i */
static const struct held_row *same_contact_before(struct held_row **rows, size_t i,
                                                  const struct api_item *out)
{
	if (out[i].result != API_CREATED && out[i].result != API_EXISTING)
		return NULL;
	for (size_t k = 0; k < i; k++)
		if ((out[k].result == API_CREATED || out[k].result == API_EXISTING) &&
		    strcmp(out[k].id, out[i].id) == 0)
			return rows[k];
	return NULL;
}

/* a part added to what _reason already says (enrichment, accounts) */
static void add_reason(struct chunk *c, struct held_row *h, const char *part)
{
	if (!part)
		return;      /* out of memory: the words are lost, not the row */
	h->res.reason = h->res.reason && *h->res.reason ? chunk_printf(c, "%s; %s", h->res.reason, part)
	                                                : chunk_strdup(c, part);
}

/* A row sent again without its account link, after Apollo refused an id
 * of its call: whether its own link was the one refused, in Apollo's
 * words and with the id, so the row can be linked by hand if it should */
static void say_unlinked(struct chunk *c, struct held_row *h, const struct api_item *it)
{
	char refused[API_ID_MAX] = "?";
	apollo_refused_id(it->message, refused, sizeof refused);
	if (strcmp(refused, it->unlinked) == 0)
		add_reason(c, h, chunk_printf(c, "account link dropped: Apollo refused account_id %s (\"%s\": an "
		                              "account of another team, or deleted), so the row was sent again "
		                              "without it", it->unlinked, it->message));
	else
		add_reason(c, h, chunk_printf(c, "account link dropped: Apollo refused another row's account_id "
		                              "%s in the same call (\"%s\"), so the call was sent again without "
		                              "account links; this row's account_id %s was not linked",
		                              refused, it->message, it->unlinked));
	if (h->res.account_id && strcmp(h->res.account_id, it->unlinked) == 0)
		h->res.account_id = NULL;
}

/* the account a row was sent with: --accounts', else the file's; none
 * when it was sent again without it */
static const char *sent_account(const struct held_row *h, const struct api_item *it)
{
	if (it->unlinked[0])
		return "";
	return h->res.account_id ? h->res.account_id : h->v[F_ACCOUNT_ID];
}

/* ---- why a row is existing, and what of it Apollo did not take ---- */

/* the fields bulk_create sends that Apollo's reply (a slim contact) shows */
static const enum field shown_fields[] = {
	F_FIRST_NAME, F_LAST_NAME, F_TITLE, F_ORGANIZATION_NAME, F_ACCOUNT_ID,
};
/* those it sends and the reply does not show: not compared */
static const enum field unshown_fields[] = {
	F_LINKEDIN_URL, F_PRESENT_RAW_ADDRESS, F_CITY, F_STATE, F_COUNTRY, F_DIRECT_PHONE,
	F_MOBILE_PHONE, F_CORPORATE_PHONE, F_HOME_PHONE, F_OTHER_PHONE, F_PHONE, F_LABEL_NAMES,
};

/* the file's values that Apollo's copy of an existing contact holds
 * otherwise, as text; with `updatable`, only those --existing update
 * sends (as changed_fields picks them), else only those it does not */
static void differing(const struct held_row *h, const struct api_item *it, int updatable, bool values,
                      char *out, size_t size)
{
	*out = '\0';
	for (size_t i = 0; i < sizeof shown_fields / sizeof shown_fields[0]; i++) {
		enum field f = shown_fields[i];
		const char *want = f == F_ACCOUNT_ID ? sent_account(h, it) : h->v[f];
		const cJSON *have = cJSON_GetObjectItemCaseSensitive(it->record, field_name(f));
		size_t len = strlen(out);
		/* a field this reply leaves out is not compared (say_unshown) */
		if (!*want || !have || (cJSON_IsString(have) && strcmp(have->valuestring, want) == 0))
			continue;
		if (updatable >= 0 && (updatable != 0) != api_field_updatable(f))
			continue;
		if (!values)
			snprintf(out + len, size - len, "%s%s", len ? ", " : "", field_name(f));
		else if (cJSON_IsString(have) && *have->valuestring)
			snprintf(out + len, size - len, "%s%s \"%.80s\" (Apollo has \"%.80s\")", len ? ", " : "",
			         field_name(f), want, have->valuestring);
		else
			snprintf(out + len, size - len, "%s%s \"%.80s\" (Apollo has none)", len ? ", " : "",
			         field_name(f), want);
	}
}

/* the file's values bulk_create sent that Apollo's reply does not show
 * (the fields it never shows, and those this contact's copy leaves out:
 * the documented existing_contacts leave out organization_name), said in
 * _reason: they were neither compared nor applied */
static void say_unshown(struct chunk *c, struct held_row *h, const struct api_item *it)
{
	char hidden[300] = "";
	for (size_t i = 0; i < sizeof shown_fields / sizeof shown_fields[0]; i++) {
		size_t len = strlen(hidden);
		enum field f = shown_fields[i];
		const char *want = f == F_ACCOUNT_ID ? sent_account(h, it) : h->v[f];
		if (*want && !cJSON_GetObjectItemCaseSensitive(it->record, field_name(f)))
			snprintf(hidden + len, sizeof hidden - len, "%s%s", len ? ", " : "", field_name(f));
	}
	for (size_t i = 0; i < sizeof unshown_fields / sizeof unshown_fields[0]; i++) {
		size_t len = strlen(hidden);
		if (*h->v[unshown_fields[i]])
			snprintf(hidden + len, sizeof hidden - len, "%s%s", len ? ", " : "",
			         field_name(unshown_fields[i]));
	}
	if (*hidden)
		add_reason(c, h, chunk_printf(c, "not compared (Apollo's reply does not show them), and not "
		                              "applied: %s", hidden));
}

/* How Apollo matched the row to a contact it had. Apollo does not say: its
 * dedupe compares the email before name and company (apollo-api.md §2),
 * so a contact with the row's email was matched by it, any other by name
 * and company (the reply was matched to the row the same way). */
static const char *match_words(struct chunk *c, const struct held_row *h, const cJSON *rec)
{
	const char *mine = h->v[F_EMAIL], *theirs = api_str(rec, "email");
	if (*mine && strcasecmp(mine, theirs) == 0)
		return "matched by email";
	if (*mine && *theirs)
		return chunk_printf(c, "matched by name and company: Apollo's contact has the email %s, not the "
		                    "file's %s", theirs, mine);
	if (*mine)
		return chunk_printf(c, "matched by name and company: Apollo's contact has no email, and the "
		                    "file's %s was not added", mine);
	if (*theirs)
		return chunk_printf(c, "matched by name and company (the file has no email; Apollo's contact "
		                    "has %s)", theirs);
	return "matched by name and company (neither has an email)";
}

/* An existing row (--existing skip): how it was matched, the file's values
 * the contact did not take, and which of them --existing update would send */
static void say_existing(struct chunk *c, struct held_row *h, const struct api_item *it, bool update)
{
	char all[1600], fix[400];
	add_reason(c, h, match_words(c, h, it->record));
	if (update)
		return;      /* update_stage says what it changed */
	differing(h, it, -1, true, all, sizeof all);
	differing(h, it, 1, false, fix, sizeof fix);
	if (*all)
		add_reason(c, h, chunk_printf(c, "not applied, as the contact exists: %s", all));
	else
		add_reason(c, h, "no file value differs from Apollo's (of the fields its reply shows)");
	if (*fix)
		add_reason(c, h, chunk_printf(c, "--existing update would apply %s", fix));
	say_unshown(c, h, it);
}

/* the label of a custom field by its bare id, for Apollo's words about it */
static const char *custom_label(const struct import_plan *plan, const char *id)
{
	const struct custom_field *f = plan->custom_fields ? custom_fields_by_id(plan->custom_fields, id) : NULL;
	return f ? f->label : id;
}

/* Apollo took the record but not all of its custom values: which, in its
 * words ("<id>: <words>; ..." with each id as its label) */
static void say_custom_errors(const struct import_plan *plan, struct chunk *c, struct held_row *h,
                              const struct api_item *it)
{
	struct dynbuf words;
	const char *p = it->custom_field_errors;

	if (!p)
		return;
	dynbuf_init(&words, 1 << 16);
	while (*p) {
		const char *end = strstr(p, "; "), *colon = strstr(p, ": ");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char id[128];
		if (colon && colon < p + len && (size_t)(colon - p) < sizeof id) {
			snprintf(id, sizeof id, "%.*s", (int)(colon - p), p);
			dynbuf_add(&words, custom_label(plan, id), strlen(custom_label(plan, id)));
			dynbuf_add(&words, colon, (size_t)(p + len - colon));
		} else {
			dynbuf_add(&words, p, len);
		}
		if (!end)
			break;
		dynbuf_add(&words, "; ", 2);
		p = end + 2;
	}
	add_reason(c, h, chunk_printf(c, "Apollo did not take every custom value: %s", dynbuf_cstr(&words)));
	h->res.needs_attention = true;
	dynbuf_free(&words);
}

/* The row's custom values without the field `id`: JSON text in the chunk
 * (NULL when none is left); false when the row sent no such field. */
/* a JSON object's text without its member id; true when it had one */
static bool drop_member(struct chunk *c, const char **text, const char *id)
{
	cJSON *custom = *text ? cJSON_Parse(*text) : NULL;
	char *printed;
	bool had = cJSON_GetObjectItemCaseSensitive(custom, id) != NULL;

	if (had) {
		cJSON_DeleteItemFromObjectCaseSensitive(custom, id);
		printed = custom->child ? cJSON_PrintUnformatted(custom) : NULL;
		*text = printed ? chunk_strdup(c, printed) : NULL;
		free(printed);
	}
	cJSON_Delete(custom);
	return had;
}

/* the row's custom values without the one Apollo refused: for the create,
 * and for the update of a contact Apollo turns out to have (--existing
 * update), which would be refused for it again */
static bool without_field(struct chunk *c, struct held_row *h, const char *id)
{
	drop_member(c, &h->custom_update, id);
	return drop_member(c, &h->custom, id);
}

/* A contact Apollo refused whole (422) for one of its custom values is
 * sent again without that value, so that it is still made, as one that
 * does not fit locally is (the refusal's words go in its _reason). Each
 * round leaves one more value out, so it ends; the second request runs
 * Apollo's dedupe like the first, so nothing is made twice. */
static void create_without_refused(struct http_client *hc, const struct api_create_options *opt,
                                   const struct import_plan *plan, struct chunk *c, struct held_row **rows,
                                   size_t n, struct api_contact *ac, struct api_item *out, const char **said)
{
	size_t *which = calloc(n ? n : 1, sizeof *which);
	struct api_contact *again = calloc(n ? n : 1, sizeof *again);
	struct api_item *more = calloc(n ? n : 1, sizeof *more);

	for (int round = 0; which && again && more && round < 16; round++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			const char *id = out[i].refused_field;
			if (out[i].result != API_REFUSED || !*id || !without_field(c, rows[i], id))
				continue;
			said[i] = chunk_printf(c, "%s%s%s: %s", said[i] ? said[i] : "", said[i] ? "; " : "",
			                       custom_label(plan, id), out[i].message ? out[i].message : "refused");
			ac[i].typed_custom_fields = rows[i]->custom;
			again[m] = ac[i];
			which[m++] = i;
		}
		if (!m)
			break;
		api_create_contacts(hc, opt, again, m, more);
		for (size_t j = 0; j < m; j++) {
			api_item_clear(&out[which[j]]);
			out[which[j]] = more[j];
			memset(&more[j], 0, sizeof more[j]);
		}
	}
	free(which);
	free(again);
	free(more);
}

/* contacts/bulk_create; existing contacts keep Apollo's copy in recs[] */
static void create_stage(struct http_client *hc, const struct import_plan *plan, struct chunk *c,
                         struct held_row **rows, size_t n, struct api_item *out,
                         struct import_tally *t)
{
	struct api_contact *ac = calloc(n ? n : 1, sizeof *ac);
	struct api_create_options opt = { plan->labels, plan->nlabels, plan->owner_id };
	const char **said = calloc(n ? n : 1, sizeof *said);   /* values Apollo refused */

	if (!ac || !said) {
		for (size_t i = 0; i < n; i++) {
			out[i].result = API_GAVE_UP;
			out[i].message = strdup("out of memory");
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			memcpy(ac[i].v, rows[i]->v, sizeof ac[i].v);
			/* the account --accounts found, else the row's own (an export's) */
			ac[i].account_id = rows[i]->res.account_id ? rows[i]->res.account_id
			                                           : rows[i]->v[F_ACCOUNT_ID];
			ac[i].account_confirmed = rows[i]->res.account_id != NULL;
			ac[i].typed_custom_fields = rows[i]->custom;
		}
		api_create_contacts(hc, &opt, ac, n, out);
		if (plan->custom_fields)
			create_without_refused(hc, &opt, plan, c, rows, n, ac, out, said);
	}
	for (size_t i = 0; i < n; i++) {
		struct held_row *h = rows[i];
		const struct held_row *first = same_contact_before(rows, i, out);
		if (first) {
			/* Apollo matched two rows to one contact (e.g. same name and
			 * company, other emails): the later row is a duplicate */
			h->res.status = ST_DUPLICATE;
			h->res.contact_id = chunk_strdup(c, out[i].id);
			h->res.reason = chunk_printf(c, "Apollo holds it as the same contact as row %llu "
			                             "(same name and company)", first->rec.number);
		} else if (out[i].result == API_CREATED || out[i].result == API_EXISTING) {
			h->res.status = out[i].result == API_CREATED ? ST_CREATED : ST_EXISTING;
			h->res.contact_id = chunk_strdup(c, out[i].id);
			if (out[i].result == API_EXISTING)
				say_existing(c, h, &out[i], plan->update_existing);
			if (out[i].unlinked[0])
				say_unlinked(c, h, &out[i]);
			/* made with the file's Apollo Account Id, which Apollo took */
			else if (out[i].result == API_CREATED && !h->res.account_id && *h->v[F_ACCOUNT_ID])
				h->res.account_id = h->v[F_ACCOUNT_ID];
			say_custom_errors(plan, c, h, &out[i]);
			if (said && said[i]) {
				add_reason(c, h, chunk_printf(c, "Apollo refused the contact for a custom value, and it "
				                              "was made without it: %s", said[i]));
				h->res.needs_attention = true;
			}
		} else {
			row_failed(hc, c, h, &out[i],
			           out[i].result == API_UNCONFIRMED ? "Apollo did not confirm the contact"
			                                            : "Apollo did not create the contact", t);
		}
	}
	free(ac);
	free(said);
}

/* the fields of a row that differ from Apollo's copy of the contact */
static size_t changed_fields(const struct held_row *h, const cJSON *record, struct api_update *u)
{
	u->n = 0;
	for (int f = 0; f < F_COUNT; f++) {
		const cJSON *have = cJSON_GetObjectItemCaseSensitive(record, field_name((enum field)f));
		const char *want = h->v[f];
		/* a blank cell never clears a value; a value Apollo's copy does not
		 * show cannot be compared, so it is left alone */
		if (!api_field_updatable((enum field)f) || !*want || !have)
			continue;
		if (cJSON_IsString(have) && strcmp(have->valuestring, want) == 0)
			continue;
		u->name[u->n] = field_name((enum field)f);
		u->value[u->n++] = want;
	}
	return u->n;
}

/* The row's custom values Apollo's copy does not already hold, compared
 * as a person reads them (values/custom_fields.h): JSON text in the chunk,
 * NULL when none; their labels appended to labels. When the copy shows no
 * typed_custom_fields at all (bulk_create's existing_contacts may be a slim
 * record) the values cannot be compared and are sent as the file has
 * them: asked for with --existing update, they would otherwise never go. */
static const char *changed_custom(struct chunk *c, const struct import_plan *plan, const struct held_row *h,
                                  const cJSON *record, char *labels, size_t size)
{
	const cJSON *have_all = cJSON_GetObjectItemCaseSensitive(record, "typed_custom_fields");
	cJSON *want_all = h->custom_update ? cJSON_Parse(h->custom_update) : NULL, *want, *send = NULL;
	const char *text = NULL;
	struct dynbuf a, b;

	if (!cJSON_IsObject(want_all) || !plan->custom_fields) {
		cJSON_Delete(want_all);
		return NULL;
	}
	dynbuf_init(&a, 1 << 20);
	dynbuf_init(&b, 1 << 20);
	cJSON_ArrayForEach(want, want_all) {
		const struct custom_field *f = custom_fields_by_id(plan->custom_fields, want->string);
		if (!f)
			continue;
		dynbuf_reset(&a);
		dynbuf_reset(&b);
		custom_value_show(f, want, &a);
		custom_value_show(f, cJSON_GetObjectItemCaseSensitive(have_all, want->string), &b);
		if (cJSON_IsObject(have_all) && strcmp(dynbuf_cstr(&a), dynbuf_cstr(&b)) == 0)
			continue;
		if (!send)
			send = cJSON_CreateObject();
		cJSON_AddItemToObject(send, want->string, cJSON_Duplicate(want, 1));
		snprintf(labels + strlen(labels), size - strlen(labels), "%s%s", *labels ? ", " : "", f->label);
	}
	if (send) {
		char *printed = cJSON_PrintUnformatted(send);
		text = chunk_strdup(c, printed);
		free(printed);
	}
	cJSON_Delete(send);
	cJSON_Delete(want_all);
	dynbuf_free(&a);
	dynbuf_free(&b);
	return text;
}

/* --existing update: the file's values it does not send */
static void say_not_updated(struct chunk *c, struct held_row *h, const struct api_item *it)
{
	char rest[1200];
	differing(h, it, 0, true, rest, sizeof rest);
	if (*rest)
		add_reason(c, h, chunk_printf(c, "not applied (--existing update does not change it): %s", rest));
	say_unshown(c, h, it);
}

static void update_stage(struct http_client *hc, const struct import_plan *plan, struct chunk *c,
                         struct held_row **rows, size_t n, struct api_item *created, struct import_tally *t)
{
	struct api_update *u = calloc(n ? n : 1, sizeof *u);
	struct api_item *out = calloc(n ? n : 1, sizeof *out);
	size_t *which = calloc(n ? n : 1, sizeof *which);
	const char **custom = calloc(n ? n : 1, sizeof *custom);
	size_t k = 0;

	if (!u || !out || !which || !custom) {
		for (size_t i = 0; i < n; i++)
			if (rows[i]->res.status == ST_EXISTING)
				not_done(c, rows[i]);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		if (rows[i]->res.status != ST_EXISTING)
			continue;
		char labels[600] = "";
		u[k].id = rows[i]->res.contact_id;
		u[k].typed_custom_fields = changed_custom(c, plan, rows[i], created[i].record, labels, sizeof labels);
		custom[k] = *labels ? chunk_strdup(c, labels) : NULL;
		if (!changed_fields(rows[i], created[i].record, &u[k]) && !u[k].typed_custom_fields) {
			rows[i]->res.status = ST_UNCHANGED;
			add_reason(c, rows[i], "nothing --existing update sends differs");
			say_not_updated(c, rows[i], &created[i]);
			continue;
		}
		which[k++] = i;
	}
	if (k)
		api_update_contacts(hc, u, k, out);
	for (size_t j = 0; j < k; j++) {
		struct held_row *h = rows[which[j]];
		if (out[j].result == API_DONE) {
			char list[512] = "";
			for (size_t f = 0; f < u[j].n; f++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", f ? ", " : "",
				         u[j].name[f]);
			if (custom[j])
				snprintf(list + strlen(list), sizeof list - strlen(list), "%scustom fields %s",
				         *list ? ", " : "", custom[j]);
			h->res.status = ST_UPDATED;
			add_reason(c, h, chunk_printf(c, "updated: %s", list));
			say_not_updated(c, h, &created[which[j]]);
			say_custom_errors(plan, c, h, &out[j]);
		} else {
			row_failed(hc, c, h, &out[j], "the contact exists; updating it failed", t);
		}
	}
done:
	for (size_t j = 0; j < k; j++)
		api_item_clear(&out[j]);
	free(u);
	free(out);
	free(which);
	free(custom);
}

static bool enrollable(const struct held_row *h)
{
	return h->res.status == ST_CREATED || h->res.status == ST_EXISTING ||
	       h->res.status == ST_UPDATED || h->res.status == ST_UNCHANGED;
}

/* --start-at: the row's instant, or NULL (and the row's sequence failure)
 * for a time zone this machine does not know */
static const char *row_unpause(struct chunk *c, const struct import_plan *plan, struct held_row *h,
                               time_t now, struct import_tally *tally)
{
	const char *zone = *h->v[F_TIME_ZONE] ? h->v[F_TIME_ZONE] : plan->timezone ? plan->timezone : "UTC";
	char buf[32];
	time_t t;

	if (plan->start_at < 0)
		return plan->paused_until;
	if (!next_local_time(zone, plan->start_at, now, &t)) {
		tally->seq_failed++;
		h->res.sequence_status = "failed";
		h->res.sequence_reason = chunk_printf(c, "unknown time zone \"%s\" (use a name such as "
		                                      "America/New_York)", zone);
		h->res.needs_attention = true;
		return NULL;
	}
	format_instant(t, buf, sizeof buf);
	return chunk_strdup(c, buf);
}

static void enrol_result(struct http_client *hc, struct chunk *c, struct held_row *h,
                         const struct api_item *it, struct import_tally *t)
{
	switch (it->result) {
	case API_DONE:
		h->res.sequence_status = "enrolled";
		if (it->message)
			h->res.sequence_reason = chunk_strdup(c, it->message);
		t->enrolled++;
		break;
	case API_SKIPPED:
		if (strcmp(it->reason, "contacts_already_exists_in_current_campaign") == 0 &&
		    h->res.status == ST_CREATED && !it->message) {
			/* created by this run, so only this run can have enrolled it: a
			 * try whose reply was lost did */
			h->res.sequence_status = "enrolled";
			t->enrolled++;
			break;
		}
		if (strcmp(it->reason, "contacts_already_exists_in_current_campaign") == 0) {
			h->res.sequence_status = "already_enrolled";
			t->already++;
		} else {
			h->res.sequence_status = "skipped";
			t->skipped++;
			import_tally_skip(t, it->reason);
		}
		/* the reply's own words when it dates the contact before the run */
		h->res.sequence_reason = chunk_strdup(c, it->message ? it->message : it->reason);
		break;
	case API_STOPPED:
	case API_GAVE_UP:
		/* the contact is there; --resume finds it again and enrols it */
		row_failed(hc, c, h, it, "contact saved but not yet enrolled", t);
		break;
	default:
		if (hc->refused) {
			row_failed(hc, c, h, it, "contact saved but not yet enrolled", t);
			break;
		}
		h->res.sequence_status = "failed";
		h->res.sequence_reason = chunk_strdup(c, it->message ? it->message : "no reason given");
		h->res.needs_attention = true;
		t->seq_failed++;
		break;
	}
}

static void enrol_stage(struct http_client *hc, const struct import_plan *plan, struct chunk *c,
                        struct held_row **rows, size_t n, struct import_tally *t)
{
	struct api_enrol_options opt = {
		plan->sequence.id, plan->mailbox_ids, plan->nmailboxes, plan->user_id, plan->allow,
	};
	const char **ids = calloc(n ? n : 1, sizeof *ids);
	struct held_row **who = calloc(n ? n : 1, sizeof *who);
	struct held_row **order = calloc(n ? n : 1, sizeof *order);   /* rows in call order */
	struct api_item *out = calloc(n ? n : 1, sizeof *out);
	struct api_enrol_call *calls = calloc(n ? n : 1, sizeof *calls);
	size_t m = 0, ncalls = 0;
	time_t now = time(NULL);

	if (!ids || !who || !order || !out || !calls) {
		for (size_t i = 0; i < n; i++)
			if (enrollable(rows[i]))
				not_done(c, rows[i]);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		if (!enrollable(rows[i]))
			continue;
		rows[i]->unpause_at = row_unpause(c, plan, rows[i], now, t);
		if (plan->start_at >= 0 && !rows[i]->unpause_at)
			continue;
		who[m++] = rows[i];
	}
	/* group by unpause time (one group without --start-at), keeping input
	 * order within a group; a group is cut into calls of enroll_chunk */
	for (size_t placed = 0; placed < m;) {
		const char *when = NULL;
		size_t start = placed;
		bool have = false;
		for (size_t j = 0; j < m; j++) {
			bool same;
			if (!who[j])
				continue;
			if (!have) {
				when = who[j]->unpause_at;
				have = true;
			}
			same = (!when && !who[j]->unpause_at) ||
			       (when && who[j]->unpause_at && strcmp(when, who[j]->unpause_at) == 0);
			if (!same)
				continue;
			ids[placed] = who[j]->res.contact_id;
			order[placed] = who[j];
			who[j] = NULL;
			placed++;
		}
		for (size_t off = start; off < placed; off += plan->enroll_chunk) {
			size_t k = placed - off < plan->enroll_chunk ? placed - off : plan->enroll_chunk;
			calls[ncalls++] = (struct api_enrol_call){ .ids = ids + off, .n = k,
			                                           .unpause_at = when, .out = out + off };
		}
	}
	if (ncalls)
		api_enrol(hc, &opt, calls, ncalls);
	for (size_t i = 0; i < m; i++)
		enrol_result(hc, c, order[i], &out[i], t);
done:
	for (size_t i = 0; i < m; i++)
		api_item_clear(&out[i]);
	free(ids);
	free(who);
	free(order);
	free(out);
	free(calls);
}

void import_chunk_run(struct http_client *hc, const struct import_plan *plan, struct chunk *c,
                      struct import_tally *t)
{
	struct held_row **rows = calloc(c->nsend ? c->nsend : 1, sizeof *rows);
	struct api_item *created = calloc(c->nsend ? c->nsend : 1, sizeof *created);
	size_t n;

	if (!rows || !created) {
		free(rows);
		free(created);
		for (size_t i = 0; i < c->n; i++)
			if (c->rows[i].send)
				not_done(c, &c->rows[i]);
		return;
	}
	if (plan->enrich)
		import_enrich_stage(hc, plan, c, t);
	if (plan->accounts)
		accounts_stage(hc, c, t);
	n = sent_rows(c, rows);
	create_stage(hc, plan, c, rows, n, created, t);
	if (plan->update_existing)
		update_stage(hc, plan, c, rows, n, created, t);
	if (plan->enrol)
		enrol_stage(hc, plan, c, rows, n, t);
	for (size_t i = 0; i < n; i++)
		api_item_clear(&created[i]);
	free(rows);
	free(created);
}

void import_tally_report(const struct import_tally *t, const char *sequence_name)
{
	msg_info("sequence \"%s\": %llu enrolled, %llu already in it, %llu skipped, %llu failed",
	         sequence_name, t->enrolled, t->already, t->skipped, t->seq_failed);
	/* the same counts for the run's summary (--json, --summary) */
	run_summary_count(RS_SEQUENCE_STATUS, "enrolled", t->enrolled);
	run_summary_count(RS_SEQUENCE_STATUS, "already_enrolled", t->already);
	run_summary_count(RS_SEQUENCE_STATUS, "skipped", t->skipped);
	run_summary_count(RS_SEQUENCE_STATUS, "failed", t->seq_failed);
	for (size_t i = 0; i < t->nskips; i++)
		run_summary_count(RS_SKIP_REASONS, t->skips[i].code, t->skips[i].n);
	for (size_t i = 0; i < t->nskips; i++) {
		const struct skip_reason *sr = skip_reason_find(t->skips[i].code);
		char flag[128] = "";
		if (sr && sr->allow)
			snprintf(flag, sizeof flag, "; --allow %s would add them", sr->allow);
		msg_info("  %llu skipped: %s (%s)%s", t->skips[i].n, sr ? sr->words : "a reason Apollo gave",
		         t->skips[i].code, flag);
	}
}
