/* rows/account_columns.c - see rows/account_columns.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rows/account_columns.h"
#include "rows/find_column.h"
#include "values/clean.h"

/* each field's names as match keys (letters and digits, lower case);
 * the exports' own names first, the loose ones last */
static const char *const *const names[AC_COUNT] = {
	[AC_ID] = (const char *const[]){ "apolloaccountid", NULL },
	[AC_NAME] = (const char *const[]){ "companyname", "accountname", "name", "company", "organizationname",
	                                    "organization", NULL },
	[AC_WEBSITE] = (const char *const[]){ "website", "companydomainname", "websiteurl", "domain",
	                                       "companydomain", "companywebsite", "accountwebsite", "accountdomain",
	                                       "url", NULL },
	[AC_PHONE] = (const char *const[]){ "companyphone", "phone", "phonenumber", "accountphone", "mainphone",
	                                     NULL },
	[AC_STAGE] = (const char *const[]){ "accountstage", "stage", NULL },
	[AC_OWNER] = (const char *const[]){ "accountowner", "companyowner", "owner", "owneremail", NULL },
	[AC_LISTS] = (const char *const[]){ "lists", "list", "labels", NULL },
	[AC_LINKEDIN] = (const char *const[]){ "companylinkedinurl", "linkedincompanypage", "linkedinurl",
	                                        "linkedin", NULL },
	[AC_ADDRESS] = (const char *const[]){ "companyaddress", "address", "rawaddress", NULL },
	[AC_STREET] = (const char *const[]){ "companystreet", "billingstreet", "streetaddress", "street", NULL },
	[AC_CITY] = (const char *const[]){ "companycity", "billingcity", "city", NULL },
	[AC_STATE] = (const char *const[]){ "companystate", "billingstateprovince", "stateregion", "state",
	                                     NULL },
	[AC_POSTAL] = (const char *const[]){ "companypostalcode", "billingzippostalcode", "postalcode", "zip",
	                                      "zipcode", NULL },
	[AC_COUNTRY] = (const char *const[]){ "companycountry", "billingcountry", "countryregion", "country",
	                                       NULL },
};

static const char *const field_names[AC_COUNT] = {
	"Apollo Account Id", "name", "website", "phone", "stage", "owner", "lists", "linkedin url", "address",
	"street", "city", "state", "postal code", "country",
};

void account_columns_find(const struct csv_record *header, int col[AC_COUNT])
{
	for (int c = 0; c < AC_COUNT; c++)
		col[c] = header_find(header, names[c]);
}

const char *account_column_name(enum account_col c)
{
	return c < AC_COUNT ? field_names[c] : "";
}

void account_address(const struct csv_record *rec, const int col[AC_COUNT], struct dynbuf *out)
{
	static const enum account_col parts[] = { AC_STREET, AC_CITY, AC_STATE, AC_POSTAL, AC_COUNTRY };
	struct dynbuf cell;

	dynbuf_reset(out);
	dynbuf_init(&cell, 1 << 16);
	clean_text(header_cell(rec, col[AC_ADDRESS]), strlen(header_cell(rec, col[AC_ADDRESS])), &cell);
	if (cell.len) {
		dynbuf_add(out, cell.data, cell.len);
	} else {
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
			const char *v = header_cell(rec, col[parts[i]]);
			clean_text(v, strlen(v), &cell);
			if (!cell.len)
				continue;
			if (out->len)
				dynbuf_add(out, ", ", 2);
			dynbuf_add(out, cell.data, cell.len);
		}
	}
	dynbuf_cstr(out);
	dynbuf_free(&cell);
}

static int by_name(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

void account_lists(const char *cell, struct dynbuf *out)
{
	char *copy = strdup(cell ? cell : ""), *p, **list = NULL;
	size_t n = 0, cap = 0;

	dynbuf_reset(out);
	for (p = copy; p && *p;) {
		size_t len = strcspn(p, ";,");
		char *start = p, *end = p + len;
		p += len + (p[len] != '\0');
		while (start < end && (*start == ' ' || *start == '\t'))
			start++;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		*end = '\0';
		if (start == end)
			continue;
		if (n == cap) {
			char **l = realloc(list, (cap = cap ? 2 * cap : 8) * sizeof *l);
			if (!l)
				break;
			list = l;
		}
		list[n++] = start;
	}
	if (n)
		qsort(list, n, sizeof *list, by_name);
	for (size_t i = 0; i < n; i++) {
		if (i && strcasecmp(list[i], list[i - 1]) == 0)
			continue;   /* a list named twice is one list */
		if (out->len)
			dynbuf_addc(out, ';');
		dynbuf_add(out, list[i], strlen(list[i]));
	}
	dynbuf_cstr(out);
	free(list);
	free(copy);
}

void account_key(const char *domain, const char *name, struct dynbuf *out)
{
	struct dynbuf k;

	dynbuf_reset(out);
	if (domain && *domain) {
		dynbuf_add(out, "d:", 2);
		dynbuf_add(out, domain, strlen(domain));
	} else if (name && *name) {
		dynbuf_init(&k, 1 << 16);
		clean_match_key(name, strlen(name), &k);
		if (k.len) {
			dynbuf_add(out, "n:", 2);
			dynbuf_add(out, k.data, k.len);
		}
		dynbuf_free(&k);
	}
	dynbuf_cstr(out);
}
