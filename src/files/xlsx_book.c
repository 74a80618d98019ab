/* files/xlsx_book.c - a workbook's sheets, styles and shared strings; see files/xlsx_book.h. */
#include "config.h"

#include <ctype.h>
#include <expat.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#include "common/utf8.h"
#include "files/xlsx_book.h"
#include "files/xml_scan.h"

#define PART_CHUNK (64 * 1024)
#define WORKBOOK_PART "xl/workbook.xml"

enum xlsx_magic xlsx_magic(const unsigned char *p, size_t n)
{
	static const unsigned char ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	if (n >= 4 && p[0] == 'P' && p[1] == 'K' && p[2] == 3 && p[3] == 4)
		return XLSX_ZIP;
	if (n >= 8 && memcmp(p, ole2, 8) == 0)
		return XLSX_OLE2;
	return XLSX_NOT;
}

bool xlsx_ole2_encrypted(const char *path)
{
	/* an encrypted OOXML package is an OLE2 file with a stream named
	 * "EncryptedPackage"; its directory entry holds the name in UTF-16LE */
	static const char name[] = "EncryptedPackage";
	unsigned char want[32], buf[64 * 1024 + 32];
	size_t keep = 0;
	ssize_t n;
	bool found = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	for (size_t i = 0; i < 16; i++)
		want[2 * i] = (unsigned char)name[i], want[2 * i + 1] = 0;
	while (!found && (n = read(fd, buf + keep, sizeof buf - keep)) > 0) {
		size_t len = keep + (size_t)n;
		found = memmem(buf, len, want, sizeof want) != NULL;
		keep = len < sizeof want ? len : sizeof want;
		memmove(buf, buf + len - keep, keep);
	}
	close(fd);
	return found;
}

/* ---- reading a whole part through expat ---- */

static const char *local_name(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *want, bool namespaced)
{
	for (size_t i = 0; atts[i]; i += 2) {
		bool has_ns = strchr(atts[i], '|') != NULL;
		if (has_ns == namespaced && strcmp(local_name(atts[i]), want) == 0)
			return atts[i + 1];
	}
	return NULL;
}

long long xlsx_book_part_size(struct xlsx_book *b, const char *part)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(b->zip, part, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
		return -1;
	return (long long)st.size;
}

void *xlsx_book_part_open(struct xlsx_book *b, const char *part)
{
	return zip_fopen(b->zip, part, 0);
}

/* 1 parsed, 0 the part is missing, -1 broken (b->error) */
static int parse_part(struct xlsx_book *b, const char *part, XML_StartElementHandler start,
                      XML_EndElementHandler end, XML_CharacterDataHandler text, void *ud)
{
	zip_file_t *zf = zip_fopen(b->zip, part, 0);
	XML_Parser p;
	char *buf;
	int rc = 1;

	if (!zf)
		return 0;
	p = XML_ParserCreateNS(NULL, '|');
	buf = malloc(PART_CHUNK);
	if (!p || !buf) {
		snprintf(b->error, sizeof b->error, "out of memory");
		rc = -1;
		goto out;
	}
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	if (text)
		XML_SetCharacterDataHandler(p, text);
	for (;;) {
		zip_int64_t n = zip_fread(zf, buf, PART_CHUNK);
		if (n < 0) {
			snprintf(b->error, sizeof b->error, "the workbook's %s cannot be read: %s",
			         part, zip_strerror(b->zip));
			rc = -1;
			break;
		}
		if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (!b->error[0])
				snprintf(b->error, sizeof b->error,
				         "the workbook's %s is not valid XML (line %lu: %s): is the file damaged?",
				         part, (unsigned long)XML_GetCurrentLineNumber(p),
				         XML_ErrorString(XML_GetErrorCode(p)));
			rc = -1;
			break;
		}
		if (n == 0)
			break;
	}
out:
	free(buf);
	if (p)
		XML_ParserFree(p);
	zip_fclose(zf);
	return rc;
}

/* ---- xl/workbook.xml and its relationships ---- */

struct rel {
	char *id, *target;
	bool chart;
};

struct book_parse {
	struct xlsx_book *b;
	char **rel_ids;          /* the r:id of each sheet, in order */
	struct rel *rels;
	size_t nrels;
	char *strings_part, *styles_part;
	bool failed;
};

static char *dupstr(struct book_parse *bp, const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		bp->failed = true;
	return d;
}

static void on_workbook(void *ud, const char *name, const char **atts)
{
	struct book_parse *bp = ud;
	struct xlsx_book *b = bp->b;
	const char *el = local_name(name);

	if (strcmp(el, "workbookPr") == 0) {
		const char *d = attr(atts, "date1904", false);
		b->date1904 = d && (strcmp(d, "1") == 0 || strcasecmp(d, "true") == 0);
	} else if (strcmp(el, "sheet") == 0) {
		struct xlsx_sheet_info *ns = realloc(b->sheets, (b->nsheets + 1) * sizeof *ns);
		char **ni = ns ? realloc(bp->rel_ids, (b->nsheets + 1) * sizeof *ni) : NULL;
		const char *state = attr(atts, "state", false);
		if (ns)
			b->sheets = ns;
		if (ni)
			bp->rel_ids = ni;
		if (!ns || !ni) {
			bp->failed = true;
			return;
		}
		memset(&b->sheets[b->nsheets], 0, sizeof *ns);
		b->sheets[b->nsheets].name = dupstr(bp, attr(atts, "name", false));
		b->sheets[b->nsheets].hidden = state && strcmp(state, "visible") != 0;
		bp->rel_ids[b->nsheets] = dupstr(bp, attr(atts, "id", true));
		b->nsheets++;
	}
}

static void on_end_nothing(void *ud, const char *name)
{
	(void)ud, (void)name;
}

/* a relationship's target as a zip entry: relative to xl/, or absolute */
static char *part_name(struct book_parse *bp, const char *target)
{
	char *out;
	if (target[0] == '/')
		return dupstr(bp, target + 1);
	out = malloc(strlen(target) + 4);
	if (!out) {
		bp->failed = true;
		return NULL;
	}
	sprintf(out, "xl/%s", target);
	return out;
}

static bool type_is(const char *type, const char *what)
{
	size_t lt = strlen(type), lw = strlen(what);
	return lt > lw && type[lt - lw - 1] == '/' && strcmp(type + lt - lw, what) == 0;
}

static void on_rel(void *ud, const char *name, const char **atts)
{
	struct book_parse *bp = ud;
	const char *id, *target, *type, *mode;
	struct rel *nr;

	if (strcmp(local_name(name), "Relationship") != 0)
		return;
	id = attr(atts, "Id", false);
	target = attr(atts, "Target", false);
	type = attr(atts, "Type", false);
	mode = attr(atts, "TargetMode", false);
	if (!id || !target || !type || (mode && strcmp(mode, "External") == 0))
		return;
	if (type_is(type, "sharedStrings") && !bp->strings_part) {
		bp->strings_part = part_name(bp, target);
		return;
	}
	if (type_is(type, "styles") && !bp->styles_part) {
		bp->styles_part = part_name(bp, target);
		return;
	}
	if (!type_is(type, "worksheet") && !type_is(type, "chartsheet"))
		return;
	nr = realloc(bp->rels, (bp->nrels + 1) * sizeof *nr);
	if (!nr) {
		bp->failed = true;
		return;
	}
	bp->rels = nr;
	nr[bp->nrels].id = dupstr(bp, id);
	nr[bp->nrels].target = part_name(bp, target);
	nr[bp->nrels].chart = type_is(type, "chartsheet");
	bp->nrels++;
}

/* ---- xl/styles.xml ---- */

struct styles_parse {
	struct xlsx_book *b;
	unsigned *fmt_id;        /* custom formats: id, kind and zero padding */
	unsigned char *fmt_kind, *fmt_pad;
	size_t nfmt;
	int in_cell_xfs;
	bool failed;
};

static void on_style(void *ud, const char *name, const char **atts)
{
	struct styles_parse *sp = ud;
	struct xlsx_book *b = sp->b;
	const char *el = local_name(name);

	if (strcmp(el, "numFmt") == 0) {
		const char *id = attr(atts, "numFmtId", false), *code = attr(atts, "formatCode", false);
		unsigned *ni;
		unsigned char *nk, *np;
		if (!id || !code)
			return;
		ni = realloc(sp->fmt_id, (sp->nfmt + 1) * sizeof *ni);
		if (ni)
			sp->fmt_id = ni;
		nk = ni ? realloc(sp->fmt_kind, sp->nfmt + 1) : NULL;
		if (nk)
			sp->fmt_kind = nk;
		np = nk ? realloc(sp->fmt_pad, sp->nfmt + 1) : NULL;
		if (np)
			sp->fmt_pad = np;
		if (!np) {
			sp->failed = true;
			return;
		}
		sp->fmt_id[sp->nfmt] = (unsigned)strtoul(id, NULL, 10);
		sp->fmt_kind[sp->nfmt] = (unsigned char)excel_format_kind(code);
		sp->fmt_pad[sp->nfmt] = (unsigned char)excel_format_zero_pad(code);
		sp->nfmt++;
	} else if (strcmp(el, "cellXfs") == 0) {
		sp->in_cell_xfs++;
	} else if (strcmp(el, "xf") == 0 && sp->in_cell_xfs) {
		const char *id = attr(atts, "numFmtId", false);
		unsigned fid = id ? (unsigned)strtoul(id, NULL, 10) : 0;
		enum excel_num_kind kind = excel_builtin_kind(fid);
		unsigned char pad = 0;
		unsigned char *nk = realloc(b->xf_kind, b->nxf + 1);
		unsigned char *np = nk ? realloc(b->xf_pad, b->nxf + 1) : NULL;
		if (nk)
			b->xf_kind = nk;
		if (np)
			b->xf_pad = np;
		if (!np) {
			sp->failed = true;
			return;
		}
		for (size_t i = 0; i < sp->nfmt; i++)
			if (sp->fmt_id[i] == fid)
				kind = (enum excel_num_kind)sp->fmt_kind[i], pad = sp->fmt_pad[i];
		b->xf_pad[b->nxf] = pad;
		b->xf_kind[b->nxf++] = (unsigned char)kind;
	}
}

static void on_style_end(void *ud, const char *name)
{
	struct styles_parse *sp = ud;
	if (strcmp(local_name(name), "cellXfs") == 0 && sp->in_cell_xfs)
		sp->in_cell_xfs--;
}

enum excel_num_kind xlsx_book_style_kind(const struct xlsx_book *b, unsigned long s, unsigned *pad)
{
	*pad = s < b->nxf ? b->xf_pad[s] : 0;
	return s < b->nxf ? (enum excel_num_kind)b->xf_kind[s] : EXCEL_NUMBER;
}

/* ---- opening ---- */

/* A zip without xl/workbook.xml: what it is, and what to do */
static void say_what_zip(struct xlsx_book *b)
{
	char mime[64] = "";
	zip_file_t *zf = zip_fopen(b->zip, "mimetype", 0);

	if (zf) {
		zip_int64_t n = zip_fread(zf, mime, sizeof mime - 1);
		mime[n > 0 ? n : 0] = '\0';
		zip_fclose(zf);
	}
	if (strstr(mime, "opendocument.spreadsheet"))
		snprintf(b->error, sizeof b->error, "the file is an OpenDocument spreadsheet (.ods), which "
		         "apollo-csv does not read: save it as .xlsx (Excel 2007-365) or as CSV");
	else if (zip_name_locate(b->zip, "xl/workbook.bin", 0) >= 0)
		snprintf(b->error, sizeof b->error, "the file is an Excel binary workbook (.xlsb), which "
		         "apollo-csv does not read: save it as .xlsx (Excel Workbook) or as CSV UTF-8");
	else if (zip_name_locate(b->zip, "word/document.xml", 0) >= 0 ||
	         zip_name_locate(b->zip, "ppt/presentation.xml", 0) >= 0 || mime[0])
		snprintf(b->error, sizeof b->error, "the file is a document, not a spreadsheet (it has no "
		         WORKBOOK_PART "): give an .xlsx workbook or a CSV file");
	else
		snprintf(b->error, sizeof b->error, "the file is a zip archive, not an Excel workbook (it "
		         "has no " WORKBOOK_PART "): unzip it and give the CSV or .xlsx file inside");
}

int xlsx_book_open(struct xlsx_book *b, const char *path)
{
	struct book_parse bp = { .b = b };
	struct styles_parse sp = { .b = b };
	int err = 0, rc = -1;
	char *rels_part = NULL;

	memset(b, 0, sizeof *b);
	dynbuf_init(&b->strings, XLSX_MAX_STRINGS);
	b->zip = zip_open(path, ZIP_RDONLY, &err);
	if (!b->zip) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		snprintf(b->error, sizeof b->error,
		         "the file starts like a zip file (an .xlsx workbook) but cannot be opened as one: %s",
		         zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	switch (parse_part(b, WORKBOOK_PART, on_workbook, on_end_nothing, NULL, &bp)) {
	case 0:
		say_what_zip(b);
		goto out;
	case -1:
		goto out;
	}
	if (parse_part(b, "xl/_rels/workbook.xml.rels", on_rel, on_end_nothing, NULL, &bp) < 0)
		goto out;
	if (bp.failed) {
		snprintf(b->error, sizeof b->error, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < b->nsheets; i++) {
		for (size_t k = 0; k < bp.nrels && !b->sheets[i].part; k++)
			if (strcmp(bp.rels[k].id, bp.rel_ids[i]) == 0) {
				b->sheets[i].part = strdup(bp.rels[k].target);
				b->sheets[i].chart = bp.rels[k].chart;
			}
		if (!b->sheets[i].part) {
			snprintf(b->error, sizeof b->error,
			         "the workbook names a sheet \"%s\" but does not hold it: is the file damaged?",
			         b->sheets[i].name);
			goto out;
		}
	}
	if (b->nsheets == 0) {
		snprintf(b->error, sizeof b->error, "the workbook has no sheets");
		goto out;
	}
	if (parse_part(b, bp.styles_part ? bp.styles_part : "xl/styles.xml", on_style, on_style_end,
	               NULL, &sp) < 0)
		goto out;
	if (sp.failed) {
		snprintf(b->error, sizeof b->error, "out of memory");
		goto out;
	}
	/* the shared strings are read later, once a sheet is chosen */
	rels_part = bp.strings_part ? bp.strings_part : strdup("xl/sharedStrings.xml");
	bp.strings_part = NULL;
	b->strings_part = rels_part;
	rc = 0;
out:
	for (size_t i = 0; i < b->nsheets && bp.rel_ids; i++)
		free(bp.rel_ids[i]);
	free(bp.rel_ids);
	for (size_t k = 0; k < bp.nrels; k++)
		free(bp.rels[k].id), free(bp.rels[k].target);
	free(bp.rels);
	free(bp.strings_part);
	free(bp.styles_part);
	free(sp.fmt_id);
	free(sp.fmt_kind);
	free(sp.fmt_pad);
	return rc;
}

static long chosen(struct xlsx_book *b, size_t i)
{
	if (!b->sheets[i].chart)
		return (long)i;
	snprintf(b->error, sizeof b->error, "the workbook's sheet \"%s\" is a chart, not a sheet of rows",
	         b->sheets[i].name);
	return -1;
}

long xlsx_book_pick(struct xlsx_book *b, const char *want)
{
	char list[300];
	size_t o = 0;
	char *end;
	unsigned long n;

	if (!want) {
		for (size_t i = 0; i < b->nsheets; i++)
			if (!b->sheets[i].hidden && !b->sheets[i].chart)
				return (long)i;
		snprintf(b->error, sizeof b->error,
		         "the workbook has no visible sheet of rows: name one with --sheet");
		return -1;
	}
	for (size_t i = 0; i < b->nsheets; i++)
		if (strcmp(b->sheets[i].name, want) == 0)
			return chosen(b, i);
	for (size_t i = 0; i < b->nsheets; i++)
		if (strcasecmp(b->sheets[i].name, want) == 0)
			return chosen(b, i);
	n = strtoul(want, &end, 10);
	if (*want && !*end && n >= 1 && n <= b->nsheets)
		return chosen(b, n - 1);
	for (size_t i = 0; i < b->nsheets && o + 1 < sizeof list; i++)
		o += (size_t)snprintf(list + o, sizeof list - o, "%s\"%s\"%s", i ? ", " : "",
		                      b->sheets[i].name, b->sheets[i].hidden ? " (hidden)" : "");
	snprintf(b->error, sizeof b->error,
	         "the workbook has no sheet \"%s\"; its sheets are %s (--sheet takes a name, or a number from 1 to %zu)",
	         want, list, b->nsheets);
	return -1;
}

/* ---- xl/sharedStrings.xml ---- */

/* read with files/xml_scan.h, as the sheets are: a workbook's strings can be
 * as long as its sheet */

static bool add_string_start(struct xlsx_book *b, size_t at)
{
	if (b->nstrings == b->strings_cap) {
		size_t nc = b->strings_cap ? b->strings_cap * 2 : 1024;
		size_t *na = realloc(b->string_at, nc * sizeof *na);
		if (!na)
			return false;
		b->string_at = na;
		b->strings_cap = nc;
	}
	b->string_at[b->nstrings++] = at;
	return true;
}

static long read_zip(void *ctx, char *dst, size_t n)
{
	return (long)zip_fread(ctx, dst, n);
}

int xlsx_book_load_strings(struct xlsx_book *b)
{
	zip_file_t *zf = zip_fopen(b->zip, b->strings_part, 0);
	struct xml_scan x;
	size_t si_start = 0;
	bool in_si = false, in_t = false, too_big = false, failed = false;
	int in_phonetic = 0, rc = 0;
	enum xml_event ev;

	if (!zf)
		return 0;   /* a workbook without text */
	xml_scan_init(&x, read_zip, zf);
	while ((ev = xml_scan_next(&x)) > 0 && !too_big && !failed) {
		const char *el = x.name;
		if (ev == XML_SCAN_START) {
			if (strcmp(el, "si") == 0) {
				in_si = true;
				si_start = b->strings.len;
			} else if (strcmp(el, "rPh") == 0) {
				in_phonetic++;
			} else if (strcmp(el, "t") == 0 && in_si && !in_phonetic) {
				in_t = true;
			}
		} else if (ev == XML_SCAN_END) {
			if (strcmp(el, "t") == 0) {
				in_t = false;
			} else if (strcmp(el, "rPh") == 0 && in_phonetic) {
				in_phonetic--;
			} else if (strcmp(el, "si") == 0 && in_si) {
				in_si = false;
				xlsx_unescape(&b->strings, si_start);
				if (!dynbuf_addc(&b->strings, '\0'))
					too_big = true;
				else if (!add_string_start(b, si_start))
					failed = true;
			}
		} else if (ev == XML_SCAN_TEXT && in_t &&
		           !dynbuf_add(&b->strings, x.text.data, x.text.len)) {
			too_big = true;
		}
		x.want_text = in_t;
	}
	if (ev == XML_SCAN_ERROR) {
		snprintf(b->error, sizeof b->error,
		         "the workbook's shared strings (%s) cannot be read (%s): is the file damaged?",
		         b->strings_part, x.error);
		rc = -1;
	} else if (too_big) {
		snprintf(b->error, sizeof b->error,
		         "the workbook's shared strings are over %zu MiB, more than apollo-csv holds: "
		         "save the sheet as CSV UTF-8 and give that file", XLSX_MAX_STRINGS >> 20);
		rc = -1;
	} else if (failed) {
		snprintf(b->error, sizeof b->error, "out of memory reading the workbook's shared strings");
		rc = -1;
	}
	xml_scan_free(&x);
	zip_fclose(zf);
	return rc;
}

const char *xlsx_book_string(const struct xlsx_book *b, size_t i, size_t *len)
{
	size_t end;
	if (i >= b->nstrings)
		return NULL;
	end = i + 1 < b->nstrings ? b->string_at[i + 1] : b->strings.len;
	*len = end - b->string_at[i] - 1;
	return b->strings.data + b->string_at[i];
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

void xlsx_unescape(struct dynbuf *buf, size_t from)
{
	char *p, *o, *end;
	if (buf->len <= from || !memchr(buf->data + from, '_', buf->len - from))
		return;
	p = o = buf->data + from;
	end = buf->data + buf->len;
	while (p < end) {
		unsigned cp = 0;
		bool esc = end - p >= 7 && p[0] == '_' && p[1] == 'x' && p[6] == '_';
		for (int i = 2; esc && i < 6; i++) {
			int h = hexval(p[i]);
			esc = h >= 0;
			cp = cp * 16 + (unsigned)(h < 0 ? 0 : h);
		}
		if (!esc || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
			*o++ = *p++;
			continue;
		}
		/* at most 3 UTF-8 bytes for 7 escaped ones */
		o += utf8_put(o, cp);
		p += 7;
	}
	buf->len = (size_t)(o - buf->data);
	buf->data[buf->len] = '\0';
}

void xlsx_book_close(struct xlsx_book *b)
{
	if (b->zip)
		zip_discard(b->zip);
	b->zip = NULL;
	for (size_t i = 0; i < b->nsheets; i++)
		free(b->sheets[i].name), free(b->sheets[i].part);
	free(b->sheets);
	b->sheets = NULL;
	b->nsheets = 0;
	free(b->xf_kind);
	free(b->xf_pad);
	b->xf_kind = b->xf_pad = NULL;
	free(b->string_at);
	b->string_at = NULL;
	free(b->strings_part);
	b->strings_part = NULL;
	dynbuf_free(&b->strings);
}
