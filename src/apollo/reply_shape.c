/* apollo/reply_shape.c - see apollo/reply_shape.h. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo/reply_shape.h"

void reply_check_init(struct reply_check *rc, const char *endpoint)
{
	rc->endpoint = endpoint;
	rc->message[0] = '\0';
}

/* the first mismatch only: the one a person fixes first */
static bool mismatch(struct reply_check *rc, const char *where, const char *is, const char *expected)
{
	if (!rc->message[0])
		snprintf(rc->message, sizeof rc->message, "%s: reply field %s is %s, expected %s", rc->endpoint,
		         *where ? where : "(the reply itself)", is, expected);
	return false;
}

static bool spec_bug(struct reply_check *rc, const char *spec)
{
	if (!rc->message[0])
		snprintf(rc->message, sizeof rc->message, "%s: the reader's spec cannot be read at \"%.40s\" "
		         "(a bug)", rc->endpoint, spec);
	return false;
}

const char *reply_quote(const char *text, size_t max, char *buf, size_t size)
{
	size_t n = 0, len = strlen(text);
	if (!size)
		return buf;
	for (size_t i = 0; i < len && i < max && n + 4 < size; i++) {
		unsigned char c = (unsigned char)text[i];
		buf[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	/* a cut inside a UTF-8 letter leaves no half of it */
	while (n < len && n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
		n--;
	if (len > n && n + 4 <= size)
		buf[n++] = '.', buf[n++] = '.', buf[n++] = '.';
	buf[n] = '\0';
	return buf;
}

/* what v is, as "is ..." says it */
static void describe(const cJSON *v, char *buf, size_t size)
{
	if (!v)
		snprintf(buf, size, "missing");
	else if (cJSON_IsNull(v))
		snprintf(buf, size, "null");
	else if (cJSON_IsBool(v))
		snprintf(buf, size, "%s", cJSON_IsTrue(v) ? "true" : "false");
	else if (cJSON_IsNumber(v))
		snprintf(buf, size, "a number");
	else if (cJSON_IsString(v)) {
		char q[64];
		snprintf(buf, size, "the string \"%s\"", reply_quote(v->valuestring, 40, q, sizeof q));
	}
	else if (cJSON_IsArray(v))
		snprintf(buf, size, "an array");
	else if (cJSON_IsObject(v))
		snprintf(buf, size, "an object");
	else
		snprintf(buf, size, "not JSON");
}

/* a string that is wholly a number (whole: digits, with a sign) */
static bool numeric_text(const char *s, bool whole)
{
	char *end;
	if (!*s)
		return false;
	if (whole) {
		(void)strtol(s, &end, 10);
	} else {
		double d = strtod(s, &end);
		if (!isfinite(d))
			return false;
	}
	return *end == '\0' && end != s;
}

/* a JSON number that is a whole one a long holds */
static bool whole_number(double d)
{
	return d >= -9.2e18 && d <= 9.2e18 && d == floor(d);
}

static const char *type_words(char t)
{
	switch (t) {
	case 's': return "a string";
	case 'n': return "a whole number";
	case 'f': return "a number";
	case 'm': return "a number or \"loading\"";
	case 'b': return "true or false";
	case 'a': case '[': return "an array";
	case 'o': case '{': return "an object";
	default: return "anything";
	}
}

static bool scalar_fits(const cJSON *v, char t)
{
	switch (t) {
	case 's': return cJSON_IsString(v);
	case 'n': return (cJSON_IsNumber(v) && whole_number(v->valuedouble)) ||
	                 (cJSON_IsString(v) && numeric_text(v->valuestring, true));
	case 'f': return (cJSON_IsNumber(v) && isfinite(v->valuedouble)) ||
	                 (cJSON_IsString(v) && numeric_text(v->valuestring, false));
	case 'm': return scalar_fits(v, 'f') || (cJSON_IsString(v) && strcmp(v->valuestring, "loading") == 0);
	case 'b': return cJSON_IsBool(v);
	case 'a': return cJSON_IsArray(v);
	case 'o': return cJSON_IsObject(v);
	case '*': return true;
	default: return false;
	}
}

/* past one value of the spec at *p (for a member that is absent) */
static bool skip_value(const char **p)
{
	int depth = 0;
	do {
		char c = **p;
		if (!c)
			return false;
		if (c == '{' || c == '[')
			depth++;
		else if (c == '}' || c == ']')
			depth--;
		++*p;
		if (depth < 0)
			return false;
	} while (depth > 0);
	return true;
}

static bool check_value(struct reply_check *rc, const cJSON *v, const char *where, const char **p,
                        bool required);

/* a member's path: where.key */
static void member_path(char *buf, size_t size, const char *where, const char *key, size_t keylen)
{
	snprintf(buf, size, "%s%s%.*s", where, *where ? "." : "", (int)keylen, key);
}

static bool check_object(struct reply_check *rc, const cJSON *v, const char *where, const char **p)
{
	bool ok = true;

	++*p;   /* { */
	while (**p && **p != '}') {
		const char *key = *p;
		size_t keylen = strcspn(key, "!:,}");
		bool required;
		char path[512];

		*p += keylen;
		required = **p == '!';
		*p += required;
		if (**p != ':' || !keylen)
			return spec_bug(rc, key);
		++*p;
		if (keylen == 1 && *key == '*') {
			/* every member */
			const char *start = *p, *end = *p;
			const cJSON *m;
			if (!skip_value(&end))
				return spec_bug(rc, start);
			cJSON_ArrayForEach(m, v) {
				const char *q = start;
				char name[80];
				/* a member's name is Apollo's (an id): quoted for the message */
				reply_quote(m->string ? m->string : "", 64, name, sizeof name);
				member_path(path, sizeof path, where, name, strlen(name));
				ok = check_value(rc, m, path, &q, required) && ok;
			}
			*p = end;
		} else {
			char name[128];
			snprintf(name, sizeof name, "%.*s", (int)keylen, key);
			member_path(path, sizeof path, where, key, keylen);
			ok = check_value(rc, cJSON_GetObjectItemCaseSensitive(v, name), path, p, required) && ok;
		}
		if (**p == ',')
			++*p;
		else if (**p != '}')
			return spec_bug(rc, *p);
	}
	if (**p != '}')
		return spec_bug(rc, *p);
	++*p;
	return ok;
}

static bool check_array(struct reply_check *rc, const cJSON *v, const char *where, const char **p)
{
	const char *start = *p + 1, *end = *p;
	const cJSON *e;
	size_t i = 0;
	bool ok = true;

	if (!skip_value(&end) || end[-1] != ']')
		return spec_bug(rc, *p);
	cJSON_ArrayForEach(e, v) {
		const char *q = start;
		char path[512];
		snprintf(path, sizeof path, "%s[%zu]", where, i++);
		ok = check_value(rc, e, path, &q, false) && ok;
		if (*q != ']')
			return spec_bug(rc, q);
	}
	*p = end;
	return ok;
}

static bool check_value(struct reply_check *rc, const cJSON *v, const char *where, const char **p,
                        bool required)
{
	char t = **p, is[80];

	if (!v || cJSON_IsNull(v)) {
		if (!skip_value(p))
			return spec_bug(rc, *p);
		if (!required)
			return true;
		describe(v, is, sizeof is);
		return mismatch(rc, where, is, type_words(t));
	}
	if (t == '{' || t == '[') {
		if (t == '{' ? !cJSON_IsObject(v) : !cJSON_IsArray(v)) {
			if (!skip_value(p))
				return spec_bug(rc, *p);
			describe(v, is, sizeof is);
			return mismatch(rc, where, is, type_words(t));
		}
		return t == '{' ? check_object(rc, v, where, p) : check_array(rc, v, where, p);
	}
	if (!strchr("snfmbao*", t) || !t)
		return spec_bug(rc, *p);
	++*p;
	if (scalar_fits(v, t))
		return true;
	describe(v, is, sizeof is);
	if (t == 'n' && cJSON_IsNumber(v))
		snprintf(is, sizeof is, "the number %g", v->valuedouble);
	return mismatch(rc, where, is, type_words(t));
}

bool reply_shape(struct reply_check *rc, const cJSON *v, const char *where, const char *spec)
{
	bool required = *spec == '!';
	const char *p = spec + required;
	bool ok = check_value(rc, v, where ? where : "", &p, required);
	if (ok && *p)
		return spec_bug(rc, p);
	return ok;
}

bool reply_member(struct reply_check *rc, const cJSON *obj, const char *where, const char *key,
                  const char *spec)
{
	char path[512];
	snprintf(path, sizeof path, "%s%s%s", where ? where : "", where && *where ? "." : "", key);
	return reply_shape(rc, cJSON_GetObjectItemCaseSensitive(obj, key), path, spec);
}

cJSON *reply_usable(struct reply_check *rc, const cJSON *reply, const struct reply_part *parts, size_t n)
{
	cJSON *copy;

	if (!cJSON_IsObject(reply) || !(copy = cJSON_Duplicate(reply, 1)))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		cJSON *v = cJSON_GetObjectItemCaseSensitive(copy, parts[i].key), *e, *next;
		char path[512];
		size_t k = 0;
		if (!parts[i].per_item) {
			if (!reply_member(rc, copy, "", parts[i].key, parts[i].spec))
				cJSON_DeleteItemFromObjectCaseSensitive(copy, parts[i].key);
			continue;
		}
		if (!v || cJSON_IsNull(v))
			continue;
		if (!cJSON_IsArray(v)) {
			char is[80];
			describe(v, is, sizeof is);
			mismatch(rc, parts[i].key, is, "an array");
			cJSON_DeleteItemFromObjectCaseSensitive(copy, parts[i].key);
			continue;
		}
		for (e = v->child; e; e = next, k++) {
			next = e->next;
			snprintf(path, sizeof path, "%s[%zu]", parts[i].key, k);
			if (!reply_shape(rc, e, path, parts[i].spec))
				cJSON_Delete(cJSON_DetachItemViaPointer(v, e));
		}
	}
	return copy;
}
