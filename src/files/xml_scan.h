/* files/xml_scan.h - a small pull scanner for the XML of a worksheet.
 *
 * A sheet of a million rows is tens of millions of tags; a general XML
 * parser spends most of its time on what a sheet never uses (namespaces
 * resolved, attributes hashed, DTDs), so the rows are read with this one:
 * start tags with their first attributes, end tags, and text with the five
 * entities, character references and CDATA decoded; comments and
 * processing instructions skipped. Element names lose their prefix (<x:c>
 * is c); of a tag's attributes, the first XML_SCAN_ATTS that fit in 64 KiB
 * are kept (a sheet's long range lists are not needed). Line ends in text
 * are LF, as XML makes them. A DOCTYPE (no sheet has one, and entity
 * expansion is an attack)
 * or a UTF-16 part is refused. Well-formedness is not checked beyond what
 * reading needs. Memory: a buffer that holds the longest tag (at most
 * XML_SCAN_MAX_TAG) and the text read. */
#ifndef APOLLO_XML_SCAN_H
#define APOLLO_XML_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "common/dynbuf.h"

#define XML_SCAN_MAX_TAG (16 * 1024 * 1024)
#define XML_SCAN_ATTS 8

enum xml_event {
	XML_SCAN_ERROR = -1,
	XML_SCAN_END_OF_INPUT = 0,
	XML_SCAN_START,      /* name, atts (an empty element gives START, then END) */
	XML_SCAN_END,        /* name */
	XML_SCAN_TEXT        /* text: a piece of the text between tags, decoded */
};

/* reads up to n bytes into dst: the count, 0 at the end, -1 on an error */
typedef long (*xml_scan_read_fn)(void *ctx, char *dst, size_t n);

struct xml_scan {
	xml_scan_read_fn read;
	void *ctx;
	char *buf;
	size_t len, pos, cap;
	bool eof, started, pending_end;
	bool after_cr;             /* the last text ended with a CR (made LF) */
	bool want_text;            /* false: text between tags is skipped, not decoded */
	unsigned long long consumed;   /* bytes of input read */

	/* the event */
	char name[32];             /* local name, cut at 31 bytes */
	size_t natts;
	const char *att_name[XML_SCAN_ATTS], *att_value[XML_SCAN_ATTS];
	struct dynbuf atts;        /* their text */
	struct dynbuf text;
	char error[200];
};

void xml_scan_init(struct xml_scan *s, xml_scan_read_fn read, void *ctx);
/* the next event; on XML_SCAN_ERROR s->error says what is wrong */
enum xml_event xml_scan_next(struct xml_scan *s);
/* an attribute of the start tag, or NULL */
const char *xml_scan_att(const struct xml_scan *s, const char *name);
void xml_scan_free(struct xml_scan *s);

#endif
