/* rows/roundtrip.h - the spreadsheet round trip, as export contacts and update
 * agree on it: which columns a person may edit, the _checksum column
 * that says what each of them held when exported, and the marker that
 * clears a field (a blank cell leaves it alone, because spreadsheets
 * make blanks too easily).
 *
 * _checksum is "v1:" then, per editable field in the order below, eight
 * hex digits of a 32-bit hash of the value (spaces at either end do not
 * count). A field whose hash still matches was not edited. */
#ifndef APOLLO_ROUNDTRIP_H
#define APOLLO_ROUNDTRIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ROUNDTRIP_CLEAR "(clear)"
#define ROUNDTRIP_MAX_FIELDS 8

/* Apollo's names of the editable contact fields (bulk_update takes them) */
extern const char *const roundtrip_fields[];
extern const size_t roundtrip_nfields;

uint32_t roundtrip_hash(const char *value, size_t len);
/* values[i] is roundtrip_fields[i]'s value ("" when none) */
void roundtrip_checksum(const char *const *values, char *out, size_t size);
/* false when s is not a checksum of this version */
bool roundtrip_parse(const char *s, uint32_t hashes[ROUNDTRIP_MAX_FIELDS]);

#endif
