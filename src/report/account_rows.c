/* report/account_rows.c - see report/account_rows.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "report/account_rows.h"
#include "rows/roundtrip.h"

/* the columns written, Apollo's order; custom fields, then _checksum, after */
static const char *const columns[] = {
	"Company Name", "Account Stage", "Lists", "Account Owner", "Website", "Company Linkedin Url",
	"Company Phone", "Apollo Account Id",
};
/* the other columns of Apollo's accounts export (shared/apollo-custom-fields.md
 * section 5): never a custom field's, never sent */
static const char *const apollo_only[] = {
	"Company Name for Emails", "# Employees", "Industry", "Facebook Url", "Twitter Url", "Company Street",
	"Company City", "Company State", "Company Country", "Company Postal Code", "Company Address",
	"Keywords", "Technologies", "Total Funding", "Latest Funding", "Latest Funding Amount",
	"Last Raised At", "Annual Revenue", "Number of Retail Locations", "SIC Codes", "NAICS Codes",
	"Short Description", "Founded Year", "Logo Url", "Subsidiary of", "Subsidiary of (Organization ID)",
	"Primary Intent Topic", "Primary Intent Score", "Secondary Intent Topic", "Secondary Intent Score",
};
#define N(a) (sizeof a / sizeof a[0])

int account_export_open(struct account_export *x, const char *path, const struct csv_writer_options *opt,
                        const struct account_names *names, char *err, size_t errlen)
{
	static const struct xlsx_options book = {
		.sheet = "Accounts",
		.about = "accounts exported from Apollo, one a row, in the columns of Apollo's own accounts "
		         "export; edit them and send the file back with update (the _checksum says what changed)",
	};
	struct csv_writer_options wopt = *opt;

	memset(x, 0, sizeof *x);
	x->names = names;
	if (!wopt.xlsx)
		wopt.xlsx = &book;
	if (csv_writer_open(&x->w, path, &wopt) < 0) {
		snprintf(err, errlen, "%s: %s", path, x->w.error);
		return -1;
	}
	for (size_t i = 0; i < N(columns); i++)
		csv_writer_cstr(&x->w, columns[i]);
	for (size_t i = 0; names->fields && i < names->fields->n; i++)
		if (names->fields->fields[i].modality == CF_ACCOUNT)
			csv_writer_cstr(&x->w, names->fields->fields[i].label);
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

static void put(struct dynbuf *out, const char *s)
{
	dynbuf_add(out, s, strlen(s));
}

void account_value(const struct account_names *n, const cJSON *a, size_t col, struct dynbuf *out)
{
	const char *id;
	const cJSON *l;

	dynbuf_reset(out);
	switch (col) {
	case AC_NAME:
		put(out, api_str(a, "name"));
		break;
	case AC_STAGE:
		if (*(id = api_str(a, "account_stage_id")))
			put(out, name_of(n->stages, id, "name"));
		break;
	case AC_OWNER:
		if (*(id = api_str(a, "owner_id")))
			put(out, name_of(n->users, id, "email"));
		break;
	case AC_LISTS:
		cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(a, "label_ids")) {
			if (!cJSON_IsString(l))
				continue;
			/* "; ": a list's name may hold a comma (update splits ours at ";") */
			if (out->len)
				put(out, "; ");
			put(out, name_of(n->labels, l->valuestring, "name"));
		}
		break;
	case AC_WEBSITE:
		put(out, *api_str(a, "website_url") ? api_str(a, "website_url") : api_str(a, "domain"));
		break;
	case AC_PHONE:
		put(out, *api_str(a, "phone") ? api_str(a, "phone") : api_str(a, "sanitized_phone"));
		break;
	}
	dynbuf_add(out, "", 1);
	out->len--;
}

bool account_export_column(const char *h)
{
	if (strcmp(h, "_checksum") == 0)
		return true;
	for (size_t i = 0; i < N(columns); i++)
		if (strcasecmp(h, columns[i]) == 0)
			return true;
	for (size_t i = 0; i < N(apollo_only); i++)
		if (strcasecmp(h, apollo_only[i]) == 0)
			return true;
	return false;
}

void account_export_write(struct account_export *x, const cJSON *a)
{
	const struct custom_fields *set = x->names->fields;
	const cJSON *stored = cJSON_GetObjectItemCaseSensitive(a, "typed_custom_fields");
	const cJSON *ids = cJSON_GetObjectItemCaseSensitive(a, "label_ids"), *id;
	size_t nf = set ? set->n : 0, nc = 0, nl = 0;
	const char **labels = calloc(nf + 1, sizeof *labels), **cvals = calloc(nf + 1, sizeof *cvals);
	const char **lists = calloc((size_t)cJSON_GetArraySize(ids) + 1, sizeof *lists);
	size_t *at = calloc(nf + 1, sizeof *at);
	const char *vals[AC_COLUMNS];
	struct dynbuf v[AC_COLUMNS], custom, sum;

	dynbuf_init(&custom, 16u << 20);
	dynbuf_init(&sum, 1 << 20);
	for (size_t i = 0; i < AC_COLUMNS; i++) {
		dynbuf_init(&v[i], 1 << 20);
		account_value(x->names, a, i, &v[i]);
		vals[i] = v[i].data ? v[i].data : "";
	}
	csv_writer_cstr(&x->w, vals[AC_NAME]);
	csv_writer_cstr(&x->w, vals[AC_STAGE]);
	csv_writer_cstr(&x->w, vals[AC_LISTS]);
	csv_writer_cstr(&x->w, vals[AC_OWNER]);
	csv_writer_cstr(&x->w, vals[AC_WEBSITE]);
	csv_writer_cstr(&x->w, api_str(a, "linkedin_url"));
	csv_writer_cstr(&x->w, vals[AC_PHONE]);
	csv_writer_cstr(&x->w, api_str(a, "id"));
	for (size_t i = 0; labels && cvals && at && i < nf; i++) {
		const struct custom_field *f = &set->fields[i];
		const cJSON *val = cJSON_GetObjectItemCaseSensitive(stored, f->id);
		if (f->modality != CF_ACCOUNT)
			continue;
		at[nc] = custom.len;
		if (val && !cJSON_IsNull(val))
			custom_value_show(f, val, &custom);
		csv_writer_field(&x->w, custom.data ? custom.data + at[nc] : "", custom.len - at[nc]);
		dynbuf_add(&custom, "", 1);
		labels[nc++] = f->label;
	}
	for (size_t i = 0; i < nc; i++)
		cvals[i] = custom.data + at[i];
	cJSON_ArrayForEach(id, ids)
		if (lists && cJSON_IsString(id))
			lists[nl++] = name_of(x->names->labels, id->valuestring, "name");
	roundtrip_checksum_accounts(vals, lists, nl, labels, cvals, nc, &sum);
	csv_writer_field(&x->w, sum.data, sum.len);
	csv_writer_end_row(&x->w);
	x->rows++;
	for (size_t i = 0; i < AC_COLUMNS; i++)
		dynbuf_free(&v[i]);
	dynbuf_free(&custom);
	dynbuf_free(&sum);
	free(labels);
	free(cvals);
	free(lists);
	free(at);
}

int account_export_commit(struct account_export *x, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof path, "%s", x->w.path ? x->w.path : "");
	if (csv_writer_commit(&x->w) < 0) {
		snprintf(err, errlen, "%s: %s", path, x->w.error);
		return -1;
	}
	return 0;
}

void account_export_abort(struct account_export *x)
{
	csv_writer_abort(&x->w);
}
