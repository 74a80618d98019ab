/* rows/validate.c - per-row checks; a failed check makes an invalid row with a
 * reason, never a stopped run. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rows/mapping.h"
#include "rows/validate.h"

static bool local_char_ok(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || (c && strchr("!#$%&'*+/=?^_`{|}~.-", c));
}

static bool domain_char_ok(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || c == '-' || c == '.';
}

const char *validate_email(const char *e)
{
	const char *at = strchr(e, '@'), *dom, *dot, *tld;
	size_t local_len;

	if (strpbrk(e, ",;") && strchr(e, '@') && strchr(e, '@') != strrchr(e, '@'))
		return "holds more than one address (one email per row)";
	if (strchr(e, ' '))
		return "contains a space";
	if (!at)
		return "has no @";
	if (strchr(at + 1, '@'))
		return "has more than one @";
	local_len = (size_t)(at - e);
	if (local_len == 0)
		return "has nothing before the @";
	if (local_len > 64)
		return "has more than 64 characters before the @";
	dom = at + 1;
	if (!*dom)
		return "has nothing after the @";
	for (const char *p = e; p < at; p++)
		if (!local_char_ok((unsigned char)*p))
			return "has a character that is not allowed before the @";
	if (e[0] == '.' || at[-1] == '.')
		return "has a misplaced dot";
	for (const char *p = e + 1; p < at; p++)
		if (p[0] == '.' && p[-1] == '.')
			return "has a misplaced dot";
	/* one pass over the domain: allowed characters, no empty label, no
	 * label starting or ending with a hyphen */
	dot = NULL;
	for (const char *p = dom; *p; p++) {
		if (!domain_char_ok((unsigned char)*p))
			return "has a character that is not allowed in its domain";
		if (*p == '.') {
			if (p > dom && p[-1] == '.')
				return "has a misplaced dot";
			if (p == dom || p[-1] == '-' || p[1] == '-' || p[1] == '\0')
				return "has a malformed domain";
			dot = p;
		}
	}
	if (!dot)
		return "has no dot in its domain";
	if (dom[0] == '-' || dom[strlen(dom) - 1] == '-')
		return "has a malformed domain";
	tld = dot + 1;
	if (strlen(tld) < 2)
		return "has a top-level domain shorter than two letters";
	if (strncmp(tld, "xn--", 4) != 0) /* punycode top-level domains have digits */
		for (const char *p = tld; *p; p++)
			if ((*p >= '0' && *p <= '9'))
				return "has digits in its top-level domain";
	return NULL;
}

const char *validate_contact(struct contact *c, enum field *field, char *buf, size_t size)
{
	const char *email = contact_get(c, F_EMAIL);
	const char *why;
	bool first, last, company;

	*field = F_COUNT;
	if (*email) {
		why = validate_email(email);
		if (!why)
			return NULL;
		*field = F_EMAIL;
		snprintf(buf, size, "email \"%s\" %s", email, why);
		return buf;
	}
	first = *contact_get(c, F_FIRST_NAME);
	last = *contact_get(c, F_LAST_NAME);
	company = *contact_get(c, F_ORGANIZATION_NAME);
	if (first && last && company)
		return NULL;
	{
		const char *missing[3] = { "", "", "" };
		int n = 0;
		if (!first)
			missing[n++] = "first name";
		if (!last)
			missing[n++] = "last name";
		if (!company)
			missing[n++] = "company";
		snprintf(buf, size, "no email, and no %s%s%s%s%s to match the contact by "
		         "(Apollo needs an email, or first name + last name + company)",
		         missing[0], n == 3 ? ", " : n == 2 ? " or " : "",
		         n >= 2 ? missing[1] : "", n == 3 ? " or " : "", n == 3 ? missing[2] : "");
	}
	return buf;
}

