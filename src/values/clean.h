/* values/clean.h - value clean-up, the way a person would expect it: trimmed,
 * emails lower-cased, phones without the apostrophe Excel users type,
 * websites reduced to a domain. Each function writes a cleaned copy of
 * `in` into `out` (a dynbuf it resets first). */
#ifndef APOLLO_CLEAN_H
#define APOLLO_CLEAN_H

#include <stddef.h>

#include "common/dynbuf.h"

/* trim spaces, tabs, line ends and no-break spaces; fold inner runs of white
 * space to one space */
void clean_text(const char *in, size_t len, struct dynbuf *out);
/* clean_text, then: "mailto:" and "Name <addr>" forms reduced to the
 * address, ASCII letters lower-cased */
void clean_email(const char *in, size_t len, struct dynbuf *out);
/* clean_text, then leading apostrophes removed */
void clean_phone(const char *in, size_t len, struct dynbuf *out);
/* "https://www.Example.com/about?x" -> "example.com" */
void clean_domain(const char *in, size_t len, struct dynbuf *out);
/* "Verified" -> "verified", "Likely to engage" -> "likely to engage" */
void clean_lower(const char *in, size_t len, struct dynbuf *out);
/* a key for matching names and companies: letters and digits only, ASCII
 * lower-cased */
void clean_match_key(const char *in, size_t len, struct dynbuf *out);
/* the same key into a fixed buffer (size >= 1), cut short if it is full:
 * "First Name" -> "firstname" */
void clean_match_key_into(const char *in, size_t len, char *out, size_t size);
/* a line of a small text file (a profile, the key file) in place: leading
 * spaces and tabs skipped, trailing ones and the line end cut off */
char *clean_line(char *s);

#endif
