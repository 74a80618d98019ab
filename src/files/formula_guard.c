#include "config.h"

#include "files/formula_guard.h"

static bool is_trigger(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

bool excel_needs_guard(const char *s, size_t len)
{
	size_t k = 0;
	while (k < len && s[k] == '\'')
		k++;
	return k < len && is_trigger(s[k]);
}

bool excel_is_guarded(const char *s, size_t len)
{
	return len >= 2 && s[0] == '\'' && excel_needs_guard(s + 1, len - 1);
}
