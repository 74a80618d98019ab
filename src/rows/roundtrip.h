/* rows/roundtrip.h - the spreadsheet round trip, as export contacts and update
 * agree on it: which columns a person may edit, the _checksum column
 * that says what each of them held when exported, and the marker that
 * clears a field (a blank cell leaves it alone, because spreadsheets
 * make blanks too easily).
 *
 * _checksum "v1:" (files of earlier versions) is, per field of the first
 * seven below, eight hex digits of a 32-bit hash of the value (spaces at
 * either end do not count). "v2:" covers every editable column: the
 * fifteen below, then "~" and eight hex digits of the hash of each list
 * the contact was on (so update knows which lists an edit took away),
 * then for each custom field exported "." and eight hex digits of the
 * hash of its label, eight of its value; a custom field is found by
 * label, so the columns may be moved or deleted. A column whose hash
 * still matches was not edited.
 *
 * An export of accounts has "a1:": the same form, over the six editable
 * columns of accounts below (Apollo's own accounts-export names). */
#ifndef APOLLO_ROUNDTRIP_H
#define APOLLO_ROUNDTRIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/dynbuf.h"

#define ROUNDTRIP_CLEAR "(clear)"
#define ROUNDTRIP_MAX_FIELDS 16

/* The editable columns, as the export names them. The first seven are
 * Apollo's names of fields bulk_update takes (the only ones of v1); then
 * the phones (by Apollo's phone field of each type), and the stage, the
 * owner and the lists, which are shown by name and sent by their own
 * endpoints. */
enum roundtrip_column {
	RT_FIRST_NAME, RT_LAST_NAME, RT_EMAIL, RT_TITLE, RT_ORGANIZATION_NAME, RT_LINKEDIN_URL,
	RT_PRESENT_RAW_ADDRESS,
	RT_DIRECT_PHONE, RT_CORPORATE_PHONE, RT_MOBILE_PHONE, RT_HOME_PHONE, RT_OTHER_PHONE,
	RT_STAGE, RT_OWNER, RT_LISTS,
	RT_COLUMNS
};
extern const char *const roundtrip_fields[];  /* RT_COLUMNS names */
extern const size_t roundtrip_nfields;        /* RT_COLUMNS */
#define ROUNDTRIP_V1_FIELDS 7

/* the editable columns of an accounts export, as Apollo's web app names them */
enum roundtrip_account_column {
	AC_NAME, AC_STAGE, AC_OWNER, AC_LISTS, AC_WEBSITE, AC_PHONE,
	AC_COLUMNS
};
extern const char *const roundtrip_account_columns[];  /* AC_COLUMNS names */

/* Apollo's phone_numbers[].type of each phone column (RT_DIRECT_PHONE..) */
extern const char *const roundtrip_phone_types[];

uint32_t roundtrip_hash(const char *value, size_t len);
/* v1: values[i] is roundtrip_fields[i]'s value ("" when none), i < 7 */
void roundtrip_checksum(const char *const *values, char *out, size_t size);
/* v2: values[RT_COLUMNS], the names of the contact's lists, then the n
 * custom fields' labels and values */
void roundtrip_checksum_v2(const char *const *values, const char *const *lists, size_t nlists,
                           const char *const *labels, const char *const *custom_values, size_t n,
                           struct dynbuf *out);

/* a1: values[AC_COLUMNS], lists and custom fields as for v2 */
void roundtrip_checksum_accounts(const char *const *values, const char *const *lists, size_t nlists,
                                 const char *const *labels, const char *const *custom_values, size_t n,
                                 struct dynbuf *out);

/* a _checksum cell read back */
struct roundtrip_sum {
	int version;                      /* 1 or 2 (a1: 2, accounts set) */
	bool accounts;                    /* "a1:", of an accounts export */
	size_t nfixed;                    /* fields fixed[] covers: 7 (v1), RT_COLUMNS or AC_COLUMNS */
	uint32_t fixed[ROUNDTRIP_MAX_FIELDS];
	const char *lists;                /* v2: the "~LLLLLLLL" groups */
	const char *custom;               /* v2: the ".LLLLLLLLVVVVVVVV" groups */
};
/* false when s is not a checksum of either version */
bool roundtrip_parse(const char *s, struct roundtrip_sum *sum);
/* was the contact on the list of this name when exported (v2)? */
bool roundtrip_had_list(const struct roundtrip_sum *sum, const char *name, size_t len);
/* the hash a v2 checksum holds for the custom field labelled label;
 * false when the export did not write that field */
bool roundtrip_custom_hash(const struct roundtrip_sum *sum, const char *label, uint32_t *hash);

#endif
