/* fuzz_xlsx.c - libFuzzer target: the workbook reader (src/files/xlsx_book.c,
 * src/files/xlsx_sheet.c, src/values/excel_cells.c and csv_reader.c's
 * workbook path) on a workbook whose parts come from the input.
 *
 * Raw bytes would rarely get past the zip's checksums, so the input is the
 * XML of three parts separated by NUL bytes: xl/sharedStrings.xml,
 * xl/styles.xml, then the sheet; the target zips them (libzip, in memory)
 * with a fixed workbook.xml and its relationships, and reads the sheet
 * through csv_reader to the end, as `apollo-csv check book.xlsx` would. A
 * first byte with bit 0 set reads the workbook in the 1904 date system. */
#include "config.h"

#include <string.h>
#include <zip.h>

#include "files/csv_reader.h"
#include "fuzz.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rS\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rY\" Type=\"" REL "styles\" Target=\"styles.xml\"/></Relationships>";

static void add(zip_t *z, const char *name, const void *data, size_t len)
{
	zip_source_t *s = zip_source_buffer(z, data, len, 0);
	if (!s || zip_file_add(z, name, s, ZIP_FL_OVERWRITE) < 0)
		abort();
	zip_set_file_compression(z, zip_name_locate(z, name, 0), ZIP_CM_STORE, 0);
}

/* the next NUL-separated part of the input */
static const uint8_t *part(const uint8_t **p, const uint8_t *end, size_t *len)
{
	const uint8_t *start = *p, *nul = memchr(start, 0, (size_t)(end - start));
	*len = (size_t)((nul ? nul : end) - start);
	*p = nul ? nul + 1 : end;
	return start;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p, *end = data + size, *strings, *styles, *sheet;
	size_t ls, ly, lh;
	zip_source_t *src;
	zip_error_t ze;
	zip_t *z;
	zip_stat_t st;
	char *zipped;
	struct fuzz_file f;
	struct csv_reader *r;
	struct csv_reader_options opt = { .max_field = 256 };
	const struct csv_record *rec;
	const char *workbook;

	if (size < 1)
		return 0;
	workbook = (data[0] & 1)
		? "<workbook " NS "><workbookPr date1904=\"1\"/><sheets><sheet name=\"S 1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
		: "<workbook " NS "><sheets><sheet name=\"S1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	p = data + 1;
	strings = part(&p, end, &ls);
	styles = part(&p, end, &ly);
	sheet = part(&p, end, &lh);

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src || !(z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)))
		abort();
	zip_source_keep(src);
	add(z, "xl/workbook.xml", workbook, strlen(workbook));
	add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1);
	add(z, "xl/sharedStrings.xml", strings, ls);
	add(z, "xl/styles.xml", styles, ly);
	add(z, "xl/worksheets/sheet1.xml", sheet, lh);
	if (zip_close(z) < 0 || zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
		abort();
	zipped = malloc(st.size ? st.size : 1);
	if (!zipped || zip_source_read(src, zipped, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);

	fuzz_file_open(&f, (const uint8_t *)zipped, st.size);
	r = calloc(1, sizeof *r);
	if (!r)
		abort();
	if (csv_reader_open(r, f.path, &opt) == 0) {
		unsigned long long n = 0;
		while (csv_reader_next(r, &rec) == 1) {
			for (size_t i = 0; i < rec->nfields; i++) {
				if (rec->fields[i][rec->lens[i]] != '\0' || rec->lens[i] > 256)
					abort();   /* cells are whole strings, cut at the limit */
				for (size_t k = 0; k < rec->lens[i]; k++)
					fuzz_sink += (unsigned char)rec->fields[i][k];
			}
			if (rec->number != n++)
				abort();
		}
	}
	csv_reader_close(r);
	free(r);
	free(zipped);
	fuzz_file_close(&f);
	return 0;
}
