/* apollo/param_forms.c - see apollo/param_forms.h. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "apollo/param_forms.h"
#include "common/dynbuf.h"

/* From Apollo's reference (operation ids in doc/apollo-contract.yaml; the
 * sandbox's --strict-docs table, src/sandbox/documented_forms.c, says the
 * same); the body_seen column from Apollo's CLI (shared/apollo-api.md). */
static const struct param_form forms[] = {
	{ "emailer_campaigns/add_contact_ids", "POST", true },             /* section 8 */
	{ "emailer_campaigns/remove_or_stop_contact_ids", "POST", true },  /* section 9 */
	{ "emailer_campaigns/search", "POST", true },                      /* section 7 */
	{ "users/search", "GET", true },                                   /* section 10 */
	{ "opportunities/search", "GET", true },                           /* section 12 */
	{ "mixed_people/api_search", "POST", false },                      /* section 15 */
	{ "organizations/bulk_enrich", "POST", false },                    /* section 15 */
	{ "tasks/search", "POST", false },                                 /* section 11 */
	{ "contacts/update_stages", "POST", false },                       /* section 4 */
};

int param_mode_parse(const char *text, enum param_mode *out)
{
	if (strcmp(text, "auto") == 0)
		*out = PARAMS_AUTO;
	else if (strcmp(text, "query") == 0)
		*out = PARAMS_QUERY;
	else if (strcmp(text, "body") == 0)
		*out = PARAMS_BODY;
	else
		return -1;
	return 0;
}

const char *param_mode_name(enum param_mode m)
{
	return m == PARAMS_QUERY ? "query" : m == PARAMS_BODY ? "body" : "auto";
}

const struct param_form *param_form_find(const char *scope)
{
	for (size_t i = 0; scope && i < sizeof forms / sizeof forms[0]; i++)
		if (strcmp(scope, forms[i].scope) == 0)
			return &forms[i];
	return NULL;
}

bool param_form_use_query(const struct param_form *f, enum param_mode m)
{
	if (!f || m == PARAMS_BODY)
		return false;
	return m == PARAMS_QUERY || !f->body_seen;
}

struct query {
	struct dynbuf b;
	bool ok;                /* no allocation failed */
};

/* percent-encoding of everything but RFC 3986's unreserved characters */
static void put_escaped(struct query *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			b->ok &= dynbuf_addc(&b->b, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			b->ok &= dynbuf_add(&b->b, e, 3);
		}
	}
}

static void put_pair(struct query *b, const char *name, const char *value)
{
	if (b->b.len)
		b->ok &= dynbuf_addc(&b->b, '&');
	put_escaped(b, name, strlen(name));
	b->ok &= dynbuf_addc(&b->b, '=');
	put_escaped(b, value, strlen(value));
}

/* name=value pairs for one JSON value, Rails style: arrays as name[],
 * objects as name[key] */
static void put_value(struct query *b, const char *name, const cJSON *v)
{
	char text[64], sub[512];
	const cJSON *e;

	if (cJSON_IsString(v)) {
		put_pair(b, name, v->valuestring);
	} else if (cJSON_IsBool(v)) {
		put_pair(b, name, cJSON_IsTrue(v) ? "true" : "false");
	} else if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d == floor(d) && fabs(d) < 1e15)
			snprintf(text, sizeof text, "%.0f", d);
		else if (snprintf(text, sizeof text, "%.15g", d), strtod(text, NULL) != d)
			snprintf(text, sizeof text, "%.17g", d);
		put_pair(b, name, text);
	} else if (cJSON_IsArray(v)) {
		snprintf(sub, sizeof sub, "%s[]", name);
		cJSON_ArrayForEach(e, v)
			put_value(b, sub, e);
	} else if (cJSON_IsObject(v)) {
		cJSON_ArrayForEach(e, v) {
			snprintf(sub, sizeof sub, "%s[%s]", name, e->string);
			put_value(b, sub, e);
		}
	}
	/* null: nothing to say */
}

char *param_query_string(const char *body)
{
	struct query q = { .ok = true };
	cJSON *j, *e;
	char *out;

	if (!body)
		return strdup("");
	if (!(j = cJSON_Parse(body)) || !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		return NULL;
	}
	dynbuf_init(&q.b, (size_t)-1);
	cJSON_ArrayForEach(e, j)
		put_value(&q, e->string, e);
	cJSON_Delete(j);
	out = q.ok ? strdup(q.b.len ? q.b.data : "") : NULL;
	dynbuf_free(&q.b);
	return out;
}
