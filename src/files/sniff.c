/* files/sniff.c - delimiter and header-line detection. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "files/sniff.h"

#define SNIFF_MAX_LINES 50

static const char candidates[] = { ',', ';', '\t', '|' };
#define NCAND (sizeof candidates / sizeof candidates[0])

struct line { const char *p; size_t len; size_t offset; };

/* Split the sample into at most max physical lines (LF, CRLF or CR). A
 * final line without a terminator counts only when the sample is the whole
 * file. */
static size_t split_lines(const char *s, size_t len, bool at_eof, struct line *out, size_t max)
{
	size_t n = 0, i = 0;
	while (i < len && n < max) {
		size_t start = i;
		while (i < len && s[i] != '\n' && s[i] != '\r')
			i++;
		if (i >= len && !at_eof)
			break;
		out[n].p = s + start;
		out[n].len = i - start;
		out[n].offset = start;
		n++;
		if (i < len && s[i] == '\r') {
			i++;
			if (i < len && s[i] == '\n')
				i++;
		} else if (i < len) {
			i++;
		}
	}
	return n;
}

/* Calls fn for each cell of one line, honouring quotes within the line.
 * Returns the number of cells. */
static size_t for_each_cell(const struct line *l, char delim,
                            sniff_known_header_fn known, void *ctx, size_t *hits)
{
	size_t cells = 0, i = 0;
	*hits = 0;
	while (i <= l->len) {
		size_t start, end;
		bool quoted = i < l->len && l->p[i] == '"';
		if (quoted) {
			start = ++i;
			while (i < l->len && !(l->p[i] == '"' && (i + 1 >= l->len || l->p[i + 1] != '"')))
				i += (l->p[i] == '"') ? 2 : 1;
			end = i < l->len ? i : l->len;
			while (i < l->len && l->p[i] != delim)
				i++;
		} else {
			start = i;
			while (i < l->len && l->p[i] != delim)
				i++;
			end = i;
		}
		while (start < end && (l->p[start] == ' ' || l->p[start] == '\t') && l->p[start] != delim)
			start++;
		while (end > start && (l->p[end - 1] == ' ' || (l->p[end - 1] == '\t' && delim != '\t')))
			end--;
		cells++;
		if (known && end > start && known(l->p + start, end - start, ctx))
			(*hits)++;
		i++; /* past the delimiter (or the end) */
	}
	return cells;
}

static bool is_blank(const struct line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (l->p[i] != ' ' && l->p[i] != '\t')
			return false;
	return true;
}

/* Excel writes "sep=;" (sometimes quoted) as the first line. */
static char sep_line(const struct line *l)
{
	const char *p = l->p;
	size_t n = l->len;
	if (n >= 2 && p[0] == '"' && p[n - 1] == '"')
		p++, n -= 2;
	if (n == 5 && strncasecmp(p, "sep=", 4) == 0)
		return p[4];
	return 0;
}

/* Delimiter by shape: the candidate that splits the header into the most
 * cells and splits the next lines the same way. */
static char delimiter_by_shape(const struct line *lines, size_t n, size_t header)
{
	char best = ',';
	size_t best_score = 0;
	for (size_t c = 0; c < NCAND; c++) {
		size_t hits, cells = for_each_cell(&lines[header], candidates[c], NULL, NULL, &hits);
		size_t agree = 0, score;
		if (cells < 2)
			continue;
		for (size_t i = header + 1; i < n && i < header + 10; i++) {
			if (is_blank(&lines[i]))
				continue;
			if (for_each_cell(&lines[i], candidates[c], NULL, NULL, &hits) == cells)
				agree++;
		}
		score = cells * (agree + 1);
		if (score > best_score) {
			best_score = score;
			best = candidates[c];
		}
	}
	return best;
}

void sniff_csv(const char *sample, size_t len, bool at_eof, char forced_delim,
               sniff_known_header_fn known, void *ctx, struct sniff_result *out)
{
	struct line lines[SNIFF_MAX_LINES];
	size_t n = split_lines(sample, len, at_eof, lines, SNIFF_MAX_LINES);
	size_t first = 0, header = (size_t)-1, best_hits = 0;
	char delim = forced_delim, best_delim = 0;
	const char *cands = candidates;
	size_t ncands = NCAND;

	memset(out, 0, sizeof *out);
	if (n > 0 && sep_line(&lines[0])) {
		if (!delim) {
			delim = sep_line(&lines[0]);
			out->delimiter_from_sep_line = true;
		}
		first = 1;
	}
	if (delim) {
		cands = &delim;
		ncands = 1;
	}
	/* the header is the first line naming at least two known columns, or
	 * else the line naming the most */
	for (size_t i = first; i < n && best_hits < 2; i++) {
		for (size_t c = 0; c < ncands; c++) {
			size_t hits;
			for_each_cell(&lines[i], cands[c], known, ctx, &hits);
			if (hits > best_hits) {
				best_hits = hits;
				header = i;
				best_delim = cands[c];
			}
		}
	}
	if (header == (size_t)-1) {
		/* nothing recognised: the first non-blank line is the header */
		header = first;
		while (header < n && is_blank(&lines[header]))
			header++;
	}
	if (header < n) {
		out->header_offset = lines[header].offset;
		out->header_line = header + 1;
	} else {
		/* no complete line in the sample: start where the sep= line ended */
		out->header_offset = first < n ? lines[first].offset : (first ? len : 0);
		out->header_line = first + 1;
	}
	if (!delim)
		delim = best_hits > 0 ? best_delim
		      : header < n ? delimiter_by_shape(lines, n, header) : ',';
	out->delimiter = delim;
}
