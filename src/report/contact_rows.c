/* report/contact_rows.c - see report/contact_rows.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo/api.h"
#include "common/dynbuf.h"
#include "report/contact_rows.h"
#include "rows/roundtrip.h"

static const char *const info_cols[] = {
	"email_status", "phone", "city", "state", "country", "time_zone", "account_id", "owner",
	"lists", "stage", "created_at",
};
static const char *const seq_cols[] = {
	"sequence", "status", "step", "added_at", "finished_at", "failure_reason", "inactive_reason",
};
#define N(a) (sizeof a / sizeof a[0])

int contact_export_open(struct contact_export *x, const char *path,
                        const struct csv_writer_options *opt, const struct contact_names *names,
                        char *err, size_t errlen)
{
	memset(x, 0, sizeof *x);
	x->names = names;
	static const char *const numeric[] = { "step", NULL };
	static const struct xlsx_options book = {
		.sheet = "Contacts",
		.about = "contacts exported from Apollo, one a row, with their sequence status; edit the "
		         "fields and send the file back with update (the _checksum says what changed)",
		.numeric = numeric,
	};
	struct csv_writer_options wopt = *opt;

	if (!wopt.xlsx)
		wopt.xlsx = &book;
	if (csv_writer_open(&x->w, path, &wopt) < 0) {
		snprintf(err, errlen, "%s: %s", path, x->w.error);
		return -1;
	}
	csv_writer_cstr(&x->w, "contact_id");
	for (size_t i = 0; i <= RT_OTHER_PHONE; i++)
		csv_writer_cstr(&x->w, roundtrip_fields[i]);
	for (size_t i = 0; i < N(info_cols); i++)
		csv_writer_cstr(&x->w, info_cols[i]);
	for (size_t i = 0; names->fields && i < names->fields->n; i++)
		if (names->fields->fields[i].modality == CF_CONTACT)
			csv_writer_cstr(&x->w, names->fields->fields[i].label);
	for (size_t i = 0; i < N(seq_cols); i++)
		csv_writer_cstr(&x->w, seq_cols[i]);
	csv_writer_cstr(&x->w, "_checksum");
	csv_writer_end_row(&x->w);
	return 0;
}

/* the name of the item of `list` whose id is `id` (key `field`), or the id */
static const char *name_of(const cJSON *list, const char *id, const char *field)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, list)
		if (strcmp(api_str(it, "id"), id) == 0 && *api_str(it, field))
			return api_str(it, field);
	return id;
}

static const char *phone_of(const cJSON *c)
{
	const cJSON *nums = cJSON_GetObjectItemCaseSensitive(c, "phone_numbers"), *first;
	if (*api_str(c, "sanitized_phone"))
		return api_str(c, "sanitized_phone");
	first = cJSON_IsArray(nums) ? nums->child : NULL;
	return first ? (*api_str(first, "sanitized_number") ? api_str(first, "sanitized_number")
	                                                     : api_str(first, "raw_number"))
	             : "";
}

/* the first number of this type (phone_numbers[].type), "" when none */
static const char *phone_of_type(const cJSON *c, const char *type)
{
	const cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(c, "phone_numbers"))
		if (strcmp(api_str(p, "type"), type) == 0)
			return *api_str(p, "raw_number") ? api_str(p, "raw_number") : api_str(p, "sanitized_number");
	return "";
}

/* the lists of the contact by name, "; "-joined, into b */
static void lists_of(const struct contact_names *n, const cJSON *c, struct dynbuf *b)
{
	const cJSON *id;
	dynbuf_reset(b);
	cJSON_ArrayForEach(id, cJSON_GetObjectItemCaseSensitive(c, "label_ids")) {
		const char *name;
		if (!cJSON_IsString(id))
			continue;
		name = name_of(n->labels, id->valuestring, "name");
		if (b->len)
			dynbuf_add(b, "; ", 2);
		dynbuf_add(b, name, strlen(name));
	}
	dynbuf_add(b, "", 1);
	b->len--;
}

/* An editable column's value as the row shows it; lists go through b. */
static const char *editable_value(const struct contact_export *x, const cJSON *c, size_t col, struct dynbuf *b)
{
	const struct contact_names *n = x->names;
	const char *id;
	if (col < ROUNDTRIP_V1_FIELDS)
		return api_str(c, roundtrip_fields[col]);
	if (col <= RT_OTHER_PHONE)
		return phone_of_type(c, roundtrip_phone_types[col - RT_DIRECT_PHONE]);
	if (col == RT_STAGE)
		return *(id = api_str(c, "contact_stage_id")) ? name_of(n->stages, id, "name") : "";
	if (col == RT_OWNER)
		return *(id = api_str(c, "owner_id")) ? name_of(n->users, id, "email") : "";
	lists_of(n, c, b);
	return b->data ? b->data : "";
}

static void info_cell(struct contact_export *x, const cJSON *c, const char *col, const char *const *vals)
{
	if (strcmp(col, "phone") == 0)
		csv_writer_cstr(&x->w, phone_of(c));
	else if (strcmp(col, "owner") == 0)
		csv_writer_cstr(&x->w, vals[RT_OWNER]);
	else if (strcmp(col, "stage") == 0)
		csv_writer_cstr(&x->w, vals[RT_STAGE]);
	else if (strcmp(col, "lists") == 0)
		csv_writer_cstr(&x->w, vals[RT_LISTS]);
	else
		csv_writer_cstr(&x->w, api_str(c, col));
}

/* The contact's custom fields, a cell each as a person reads them
 * (picklist labels, ISO dates); labels[] and vals[] get each field's label
 * and value for the _checksum (vals point into all, "\0"-separated).
 * Their count. */
static size_t custom_cells(struct contact_export *x, const cJSON *c, struct dynbuf *all, const char **labels,
                           const char **vals)
{
	const struct custom_fields *set = x->names->fields;
	const cJSON *stored = cJSON_GetObjectItemCaseSensitive(c, "typed_custom_fields");
	size_t n = 0, *at;

	if (!set || !labels || !vals)
		return 0;
	at = calloc(set->n + 1, sizeof *at);
	for (size_t i = 0; at && i < set->n; i++) {
		const struct custom_field *f = &set->fields[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(stored, f->id);
		if (f->modality != CF_CONTACT)
			continue;
		at[n] = all->len;
		if (v && !cJSON_IsNull(v))
			custom_value_show(f, v, all);
		csv_writer_field(&x->w, all->data ? all->data + at[n] : "", all->len - at[n]);
		dynbuf_add(all, "", 1);
		labels[n++] = f->label;
	}
	/* the buffer may have moved while it grew: point into it at the end */
	for (size_t i = 0; i < n; i++)
		vals[i] = all->data + at[i];
	free(at);
	return n;
}

/* one sequence column's value for a status entry */
static void seq_value(const struct contact_names *n, const cJSON *st, const char *col, char *buf, size_t size)
{
	if (strcmp(col, "sequence") == 0)
		snprintf(buf, size, "%s", name_of(n->sequences, api_str(st, "emailer_campaign_id"), "name"));
	else if (strcmp(col, "step") == 0) {
		long step = api_number(cJSON_GetObjectItemCaseSensitive(st, "current_step_position"), -1);
		if (step >= 0)
			snprintf(buf, size, "%ld", step);
		else
			buf[0] = '\0';
	} else
		snprintf(buf, size, "%s", api_str(st, col));
}

static void write_row(struct contact_export *x, const cJSON *c, const cJSON *const *sts, size_t nst)
{
	const char *vals[ROUNDTRIP_MAX_FIELDS];
	char buf[512];
	struct dynbuf b, lists, sum, custom;
	size_t nf = x->names->fields ? x->names->fields->n : 0, ncustom;
	const char **labels = calloc(nf + 1, sizeof *labels), **cvals = calloc(nf + 1, sizeof *cvals);

	dynbuf_init(&b, 1 << 20);
	dynbuf_init(&lists, 1 << 20);
	dynbuf_init(&sum, 1 << 20);
	dynbuf_init(&custom, 16u << 20);
	csv_writer_cstr(&x->w, api_str(c, "id"));
	for (size_t i = 0; i < roundtrip_nfields; i++)
		vals[i] = editable_value(x, c, i, &lists);
	for (size_t i = 0; i <= RT_OTHER_PHONE; i++)
		csv_writer_cstr(&x->w, vals[i]);
	for (size_t i = 0; i < N(info_cols); i++)
		info_cell(x, c, info_cols[i], vals);
	ncustom = custom_cells(x, c, &custom, labels, cvals);
	for (size_t i = 0; i < N(seq_cols); i++) {
		dynbuf_reset(&b);
		for (size_t k = 0; k < nst; k++) {
			seq_value(x->names, sts[k], seq_cols[i], buf, sizeof buf);
			if (k)
				dynbuf_add(&b, "; ", 2);
			dynbuf_add(&b, buf, strlen(buf));
		}
		csv_writer_field(&x->w, b.len ? b.data : "", b.len);
	}
	{
		/* the names of its lists, for update to tell which an edit took away */
		const cJSON *ids = cJSON_GetObjectItemCaseSensitive(c, "label_ids"), *id;
		const char **names = calloc((size_t)cJSON_GetArraySize(ids) + 1, sizeof *names);
		size_t n = 0;
		cJSON_ArrayForEach(id, ids)
			if (names && cJSON_IsString(id))
				names[n++] = name_of(x->names->labels, id->valuestring, "name");
		roundtrip_checksum_v2(vals, names, n, labels, cvals, ncustom, &sum);
		free(names);
	}
	csv_writer_field(&x->w, sum.data, sum.len);
	csv_writer_end_row(&x->w);
	dynbuf_free(&b);
	dynbuf_free(&custom);
	free(labels);
	free(cvals);
	dynbuf_free(&lists);
	dynbuf_free(&sum);
	x->rows++;
}

bool contact_export_column(const char *h)
{
	if (strcmp(h, "contact_id") == 0 || strcmp(h, "_checksum") == 0)
		return true;
	for (size_t i = 0; i < roundtrip_nfields; i++)
		if (strcmp(h, roundtrip_fields[i]) == 0)
			return true;
	for (size_t i = 0; i < N(info_cols); i++)
		if (strcmp(h, info_cols[i]) == 0)
			return true;
	for (size_t i = 0; i < N(seq_cols); i++)
		if (strcmp(h, seq_cols[i]) == 0)
			return true;
	return false;
}

bool contact_in_sequence(const cJSON *c, const char *sequence_id)
{
	const cJSON *st;
	cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses"))
		if (strcmp(api_str(st, "emailer_campaign_id"), sequence_id) == 0)
			return true;
	return false;
}

bool contact_statuses_given(const cJSON *c)
{
	return cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses"));
}

void contact_export_write(struct contact_export *x, const cJSON *c)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses"), *st;
	/* every status: a row that left some out would say the contact is in
	 * fewer sequences than it is */
	const cJSON **sts = calloc((size_t)cJSON_GetArraySize(list) + 1, sizeof *sts);
	size_t n = 0;

	cJSON_ArrayForEach(st, list) {
		if (x->only_sequence && strcmp(api_str(st, "emailer_campaign_id"), x->only_sequence) != 0)
			continue;
		if (x->per_sequence)
			write_row(x, c, &st, 1);
		else if (sts)
			sts[n] = st;
		n++;
	}
	/* one row a contact; per sequence, a contact in none still gets its row */
	if (!x->per_sequence)
		write_row(x, c, sts, sts ? n : 0);
	else if (!n && !x->only_sequence)
		write_row(x, c, NULL, 0);
	free(sts);
}

int contact_export_commit(struct contact_export *x, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof path, "%s", x->w.path ? x->w.path : "");
	if (csv_writer_commit(&x->w) < 0) {
		snprintf(err, errlen, "%s: %s", path, x->w.error);
		return -1;
	}
	return 0;
}

void contact_export_abort(struct contact_export *x)
{
	csv_writer_abort(&x->w);
}
