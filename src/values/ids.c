/* values/ids.c - see values/ids.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "values/ids.h"

/* Excel keeps 15 significant digits of a number */
#define SHEET_DIGITS 15
/* update's and the API's ids are 16 to 40 characters */
#define ID_MIN 16
#define ID_MAX 40
/* the ids Apollo gives its records: 24 hex digits */
#define APOLLO_ID_LEN 24

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 7E+23, 7E+023, 7E23, 7.00E+23, 6,6E+23: as a spreadsheet shows a number
 * of ID_MIN to ID_MAX digits in scientific notation */
static bool scientific(const char *s)
{
	int exp = 0, nexp = 0, ndec = 0;

	if (!is_digit(*s) || *s == '0')
		return false;
	s++;
	if (*s == '.' || *s == ',') {
		for (s++; is_digit(*s); s++)
			ndec++;
		if (ndec == 0 || ndec >= SHEET_DIGITS)
			return false;
	}
	if (*s != 'E' && *s != 'e')
		return false;
	s++;
	if (*s == '+')
		s++;
	for (; is_digit(*s) && nexp < 3; s++, nexp++)
		exp = exp * 10 + (*s - '0');
	return nexp > 0 && !*s && exp >= ID_MIN - 1 && exp <= ID_MAX - 1;
}

/* 660000000000000000000000: the number written out, its digits after the
 * 15th lost */
static bool cut_digits(const char *s)
{
	size_t n = strlen(s);

	if (n < ID_MIN || n > ID_MAX || *s == '0')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]) || (i >= SHEET_DIGITS && s[i] != '0'))
			return false;
	return true;
}

bool apollo_id_mangled(const char *s)
{
	return scientific(s) || cut_digits(s);
}

bool apollo_id_valid(const char *id)
{
	for (const char *p = id; *p; p++)
		if (!(is_digit(*p) || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
		      *p == '-'))
			return false;
	return *id != '\0' && !apollo_id_mangled(id);
}

bool apollo_id_shaped(const char *id)
{
	size_t n = 0;
	for (; id[n]; n++)
		if (!(is_digit(id[n]) || (id[n] >= 'a' && id[n] <= 'f') || (id[n] >= 'A' && id[n] <= 'F')))
			return false;
	return n == APOLLO_ID_LEN && !apollo_id_mangled(id);
}

const char *apollo_id_mangled_reason(const char *id, const char *what, char *buf, size_t size)
{
	if (!apollo_id_mangled(id))
		return NULL;
	snprintf(buf, size, "\"%s\" is an Apollo %s id that a spreadsheet turned into a number%s; the id "
	         "is lost: export again with -o FILE.xlsx, or format the column as Text before you open "
	         "the CSV", id, what, cut_digits(id) ? " and cut to 15 digits" : "");
	return buf;
}

bool apollo_refused_id(const char *message, char *id, size_t size)
{
	static const char tail[] = " is not a valid ID";
	const char *end = message ? strstr(message, tail) : NULL, *start;
	size_t n;

	if (!end)
		return false;
	for (start = end; start > message && (is_digit(start[-1]) || (start[-1] >= 'a' && start[-1] <= 'z') ||
	                                      (start[-1] >= 'A' && start[-1] <= 'Z') || start[-1] == '_' ||
	                                      start[-1] == '-');
	     start--)
		;
	n = (size_t)(end - start);
	/* the id is a word of its own: "X is not...", not "[X is not..." */
	if (!n || n >= size || (start > message && start[-1] != ' '))
		return false;
	memcpy(id, start, n);
	id[n] = '\0';
	return true;
}
