/* rows/roundtrip.c - see rows/roundtrip.h. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows/roundtrip.h"

const char *const roundtrip_fields[] = {
	"first_name", "last_name", "email", "title", "organization_name", "linkedin_url",
	"present_raw_address",
	"direct_phone", "corporate_phone", "mobile_phone", "home_phone", "other_phone",
	"stage", "owner", "lists",
};
const size_t roundtrip_nfields = sizeof roundtrip_fields / sizeof roundtrip_fields[0];

const char *const roundtrip_account_columns[] = {
	"Company Name", "Account Stage", "Account Owner", "Lists", "Website", "Company Phone",
};

const char *const roundtrip_phone_types[] = { "work_direct", "work_hq", "mobile", "home", "other" };

/* FNV-1a over the value without the spaces at its ends */
uint32_t roundtrip_hash(const char *v, size_t len)
{
	uint32_t h = 2166136261u;
	while (len && (*v == ' ' || *v == '\t'))
		v++, len--;
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)v[i]) * 16777619u;
	return h;
}

/* a label as headers compare: case does not count */
static uint32_t label_hash_n(const char *label, size_t len)
{
	char buf[512];
	size_t n = 0;
	for (; len && n + 1 < sizeof buf; label++, len--)
		buf[n++] = (char)tolower((unsigned char)*label);
	return roundtrip_hash(buf, n);
}

static uint32_t label_hash(const char *label)
{
	return label_hash_n(label, strlen(label));
}

void roundtrip_checksum(const char *const *values, char *out, size_t size)
{
	size_t len = (size_t)snprintf(out, size, "v1:");
	for (size_t i = 0; i < ROUNDTRIP_V1_FIELDS && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%08x",
		                        roundtrip_hash(values[i], strlen(values[i])));
}

static void checksum(const char *prefix, size_t nfixed, const char *const *values, const char *const *lists,
                     size_t nlists, const char *const *labels, const char *const *custom_values, size_t n,
                     struct dynbuf *out)
{
	char hex[32];
	dynbuf_add(out, prefix, strlen(prefix));
	for (size_t i = 0; i < nfixed; i++) {
		snprintf(hex, sizeof hex, "%08x", roundtrip_hash(values[i], strlen(values[i])));
		dynbuf_add(out, hex, 8);
	}
	for (size_t i = 0; i < nlists; i++) {
		snprintf(hex, sizeof hex, "~%08x", label_hash(lists[i]));
		dynbuf_add(out, hex, 9);
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(hex, sizeof hex, ".%08x%08x", label_hash(labels[i]),
		         roundtrip_hash(custom_values[i], strlen(custom_values[i])));
		dynbuf_add(out, hex, 17);
	}
}

void roundtrip_checksum_v2(const char *const *values, const char *const *lists, size_t nlists,
                           const char *const *labels, const char *const *custom_values, size_t n,
                           struct dynbuf *out)
{
	checksum("v2:", RT_COLUMNS, values, lists, nlists, labels, custom_values, n, out);
}

void roundtrip_checksum_accounts(const char *const *values, const char *const *lists, size_t nlists,
                                 const char *const *labels, const char *const *custom_values, size_t n,
                                 struct dynbuf *out)
{
	checksum("a1:", AC_COLUMNS, values, lists, nlists, labels, custom_values, n, out);
}

static bool hex8(const char *s, uint32_t *v)
{
	char hex[9];
	char *end;
	memcpy(hex, s, 8);
	hex[8] = '\0';
	if (!isxdigit((unsigned char)hex[0]))
		return false;
	*v = (uint32_t)strtoul(hex, &end, 16);
	return !*end;
}

bool roundtrip_parse(const char *s, struct roundtrip_sum *sum)
{
	size_t len = strlen(s);
	memset(sum, 0, sizeof *sum);
	if (strncmp(s, "v1:", 3) == 0 && len == 3 + 8 * ROUNDTRIP_V1_FIELDS) {
		sum->version = 1;
		sum->nfixed = ROUNDTRIP_V1_FIELDS;
	} else if ((strncmp(s, "v2:", 3) == 0 && len >= 3 + 8 * RT_COLUMNS) ||
	           (strncmp(s, "a1:", 3) == 0 && len >= 3 + 8 * AC_COLUMNS)) {
		const char *p;
		uint32_t a, b;
		sum->version = 2;
		sum->accounts = *s == 'a';
		sum->nfixed = sum->accounts ? AC_COLUMNS : RT_COLUMNS;
		p = s + 3 + 8 * sum->nfixed;
		sum->lists = p;
		for (; *p == '~'; p += 9)
			if (strlen(p) < 9 || !hex8(p + 1, &a))
				return false;
		sum->custom = p;
		for (; *p; p += 17)
			if (*p != '.' || strlen(p) < 17 || !hex8(p + 1, &a) || !hex8(p + 9, &b))
				return false;
	} else {
		return false;
	}
	for (size_t i = 0; i < sum->nfixed; i++)
		if (!hex8(s + 3 + 8 * i, &sum->fixed[i]))
			return false;
	return true;
}

bool roundtrip_had_list(const struct roundtrip_sum *sum, const char *name, size_t len)
{
	uint32_t want = label_hash_n(name, len);
	if (sum->version < 2)
		return false;
	for (const char *p = sum->lists; *p == '~'; p += 9) {
		uint32_t l;
		hex8(p + 1, &l);
		if (l == want)
			return true;
	}
	return false;
}

bool roundtrip_custom_hash(const struct roundtrip_sum *sum, const char *label, uint32_t *hash)
{
	uint32_t want = label_hash(label);
	if (sum->version < 2)
		return false;
	for (const char *p = sum->custom; *p; p += 17) {
		uint32_t l;
		hex8(p + 1, &l);
		if (l == want)
			return hex8(p + 9, hash);
	}
	return false;
}
