/* rows/roundtrip.c - see rows/roundtrip.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows/roundtrip.h"

const char *const roundtrip_fields[] = {
	"first_name", "last_name", "email", "title", "organization_name", "linkedin_url",
	"present_raw_address",
};
const size_t roundtrip_nfields = sizeof roundtrip_fields / sizeof roundtrip_fields[0];

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

void roundtrip_checksum(const char *const *values, char *out, size_t size)
{
	size_t len = (size_t)snprintf(out, size, "v1:");
	for (size_t i = 0; i < roundtrip_nfields && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%08x",
		                        roundtrip_hash(values[i], strlen(values[i])));
}

bool roundtrip_parse(const char *s, uint32_t hashes[ROUNDTRIP_MAX_FIELDS])
{
	if (strncmp(s, "v1:", 3) != 0 || strlen(s) != 3 + 8 * roundtrip_nfields)
		return false;
	s += 3;
	for (size_t i = 0; i < roundtrip_nfields; i++, s += 8) {
		char hex[9];
		char *end;
		memcpy(hex, s, 8);
		hex[8] = '\0';
		hashes[i] = (uint32_t)strtoul(hex, &end, 16);
		if (*end)
			return false;
	}
	return true;
}
