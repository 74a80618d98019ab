/* common/near_names.c - see common/near_names.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/near_names.h"

#define NAME_MAX_CMP 256   /* bytes of a name compared; names are short */

/* name as words, into out (NAME_MAX_CMP bytes): lower case, one space
 * between words; bytes of UTF-8 are kept as they are */
static size_t as_words(const char *name, char *out)
{
	size_t n = 0;
	bool gap = false;

	for (const unsigned char *p = (const unsigned char *)name; *p && n < NAME_MAX_CMP - 1; p++) {
		unsigned char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
			gap = n > 0;
			continue;
		}
		if (gap && n + 2 >= NAME_MAX_CMP)
			break;
		if (gap)
			out[n++] = ' ';
		gap = false;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Levenshtein over bytes, two rows */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[2][NAME_MAX_CMP + 1], *prev = row[0], *cur = row[1];

	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *t;
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++)
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]));
		t = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

size_t name_distance(const char *a, const char *b)
{
	char wa[NAME_MAX_CMP], wb[NAME_MAX_CMP];
	size_t la = as_words(a, wa), lb = as_words(b, wb);
	return edit_distance(wa, la, wb, lb);
}

/* does some word of a (3 bytes or more) match a word of b? */
static bool share_word(const char *a, const char *b)
{
	for (const char *p = a; *p; ) {
		size_t lp = strcspn(p, " ");
		for (const char *q = b; lp >= 3 && *q; ) {
			size_t lq = strcspn(q, " ");
			size_t longer = lp > lq ? lp : lq;
			size_t allowed = longer >= 5 ? 1 : 0;
			if (lq >= 3 && (lp > lq ? lp - lq : lq - lp) <= allowed &&
			    edit_distance(p, lp, q, lq) <= allowed)
				return true;
			q += lq + (q[lq] == ' ');
		}
		p += lp + (p[lp] == ' ');
	}
	return false;
}

static bool near_words(const char *wt, size_t lt, const char *wn, size_t ln, size_t distance)
{
	size_t limit = lt / 3 > 1 ? lt / 3 : 1;

	if (!lt || !ln)
		return false;
	if (distance <= limit)
		return true;
	if ((lt >= 3 && ln >= lt && strstr(wn, wt)) || (ln >= 3 && lt >= ln && strstr(wt, wn)))
		return true;
	return share_word(wt, wn);
}

bool name_is_near(const char *typed, const char *name)
{
	char wt[NAME_MAX_CMP], wn[NAME_MAX_CMP];
	size_t lt = as_words(typed, wt), ln = as_words(name, wn);
	return near_words(wt, lt, wn, ln, edit_distance(wt, lt, wn, ln));
}

/* the indexes of names nearest first, at most max into out; with
 * only_near, of the near ones only; returns how many qualified */
static size_t rank(const char *typed, const char *const *names, size_t n, size_t *out, size_t max,
                   bool only_near)
{
	char wt[NAME_MAX_CMP], wn[NAME_MAX_CMP];
	size_t lt = as_words(typed, wt), found = 0, kept = 0, dist[NEAR_NAMES_MAX];

	if (max > NEAR_NAMES_MAX)
		max = NEAR_NAMES_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t ln = as_words(names[i], wn), d = edit_distance(wt, lt, wn, ln), k;
		if (only_near && !near_words(wt, lt, wn, ln, d))
			continue;
		found++;
		/* insertion into the max nearest so far; an equal one stays after */
		for (k = kept; k > 0 && dist[k - 1] > d; k--)
			if (k < max) {
				dist[k] = dist[k - 1];
				out[k] = out[k - 1];
			}
		if (k < max) {
			dist[k] = d;
			out[k] = i;
			if (kept < max)
				kept++;
		}
	}
	return found;
}

size_t near_names(const char *typed, const char *const *names, size_t n, size_t *out, size_t max)
{
	return rank(typed, names, n, out, max, true);
}

void names_by_distance(const char *typed, const char *const *names, size_t n, size_t *out, size_t max)
{
	rank(typed, names, n, out, max, false);
}
