/* match.c - the small matching helpers apollo-sandbox's searches share. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sandbox.h"

bool text_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return n == 0;
}

bool list_has(const cJSON *list, const char *v)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, list)
		if (cJSON_IsString(it) && strcmp(it->valuestring, v) == 0)
			return true;
	return false;
}

bool has_any_label(const cJSON *record, const cJSON *wanted)
{
	const cJSON *id;
	cJSON_ArrayForEach(id, cJSON_GetObjectItemCaseSensitive(record, "label_ids"))
		if (cJSON_IsString(id) && list_has(wanted, id->valuestring))
			return true;
	return false;
}

char *domain_of(const char *in)
{
	const char *p = in, *end;
	char *out;
	size_t n;

	if (!in)
		return NULL;
	while (isspace((unsigned char)*p))
		p++;
	if (strncasecmp(p, "http://", 7) == 0)
		p += 7;
	else if (strncasecmp(p, "https://", 8) == 0)
		p += 8;
	else if (strncmp(p, "//", 2) == 0)
		p += 2;
	if (strncasecmp(p, "www.", 4) == 0)
		p += 4;
	end = p + strcspn(p, "/?#: \t\r\n");
	n = (size_t)(end - p);
	while (n > 0 && p[n - 1] == '.')
		n--;
	if (n == 0)
		return NULL;
	out = malloc(n + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)p[i]);
	out[n] = '\0';
	return out;
}
