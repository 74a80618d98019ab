/* rows/profiles.h - column-mapping profiles, one small text file per source in
 * formats/ (apollo.fmt, hubspot.fmt, ...). A profile names, for each
 * contact field, the header names a source uses for it, and a few
 * "detect" headers that only that source writes. Header names match when
 * they are equal after dropping everything but letters and digits and
 * lower-casing ASCII: "First Name", "first_name" and "FirstName" are one.
 *
 * File syntax, one statement per line, '#' starts a comment:
 *     profile: apollo
 *     description: Apollo contacts export
 *     detect: Apollo Contact Id | Apollo Account Id
 *     first_name: First Name | Given Name
 */
#ifndef APOLLO_PROFILES_H
#define APOLLO_PROFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "values/fields.h"

struct profile_alias {
	char *key;          /* normalised header name */
	enum field field;
};

struct profile {
	char *name;
	char *title;
	char **detect;      /* normalised */
	size_t ndetect;
	struct profile_alias *aliases;
	size_t naliases;
};

struct profile_set {
	struct profile *v;
	size_t n;
	const struct profile *generic;  /* the fallback for every profile */
};

/* Loads every *.fmt in dir. 0, or -1 with err set (names file and line). */
int profiles_load(struct profile_set *set, const char *dir, char *err, size_t errlen);
void profiles_free(struct profile_set *set);
/* The directory: $APOLLO_CSV_FORMATS, else the installed one. */
const char *profiles_dir(void);

const struct profile *profiles_find(const struct profile_set *set, const char *name);
/* The profile whose detect headers the header matches best; generic if none.
 * One detect header alone chooses a profile only when it is written as the
 * exporting program writes it and a person would not: a CamelCase API
 * name (LeadSource, OwnerId). "Lead Source" is a column any sales-ops
 * sheet may keep beside its own custom columns, so alone it marks no
 * export; two of a profile's detect headers do. */
const struct profile *profiles_choose(const struct profile_set *set,
                                      const char *const *header, size_t n);
/* Is `header` one of p's detect names? (why a profile was chosen) */
bool profile_detects(const struct profile *p, const char *header, size_t len);
/* Is `cell` a header name any profile knows? (for sniffing the header line) */
bool profiles_known_header(const char *cell, size_t len, void *set);
/* The field a profile maps a header to; false if none. */
bool profile_lookup(const struct profile *p, const char *header, size_t len, enum field *out);

#endif
