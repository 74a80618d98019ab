/* values/ids.h - Apollo's ids as a spreadsheet cell holds them.
 *
 * An Apollo id is 24 hex digits, and some ids are digits only. A
 * spreadsheet that opens a CSV reads such an id as a number: it shows
 * 7E+23 (or 7.00E+23, 6.6E+023 as the cell's format says), keeps 15
 * significant digits of it and saves the file with that text, or with the
 * number written out and every digit after the 15th made 0
 * (660000000000000000000000). The id is lost: no digit of it can be told
 * back. These functions recognise what is left, so that a row can say so
 * in words instead of "not an id" (or worse, be sent as one). */
#ifndef APOLLO_VALUES_IDS_H
#define APOLLO_VALUES_IDS_H

#include <stdbool.h>
#include <stddef.h>

/* true when id can be an Apollo id: letters, digits, _ and -, and not what
 * a spreadsheet made of one (apollo_id_mangled) */
bool apollo_id_valid(const char *id);

/* true when id has the shape of the ids Apollo gives its own records: 24
 * hex digits (63bbd79078d5968148de146a). The ids of another system never
 * have it: Salesforce's 15 or 18 characters (0055e00000lLbL3AAK), HubSpot's
 * record numbers. Nor has what a spreadsheet left of one (apollo_id_mangled).
 * A file's column read as an Apollo id sends only these. */
bool apollo_id_shaped(const char *id);

/* true when s is what a spreadsheet makes of an id it took for a number:
 * scientific notation with one digit before the decimal mark (. or ,) and
 * an exponent from 15 to 39 (7E+23, 7E+023, 7E23, 7.00E+23, 6,6E+23), or
 * 16 to 40 digits, the first not 0, where every digit after the 15th is 0 */
bool apollo_id_mangled(const char *s);

/* When id is mangled: why, in words a person can act on, for a row's
 * _reason, written to buf (what: "contact", "account", "user"...), and buf
 * is returned. NULL when it is not. */
const char *apollo_id_mangled_reason(const char *id, const char *what, char *buf, size_t size);

/* The id Apollo names in a refusal of an id ("Parameters misconfigured.
 * 5f2a... is not a valid ID", also after a prefix such as "contact_ids[1]:
 * "), copied to id; false when message is not such a refusal or the id
 * does not fit in size. */
bool apollo_refused_id(const char *message, char *id, size_t size);

#endif
