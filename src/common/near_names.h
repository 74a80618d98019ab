/* common/near_names.h - the names close to one a person mistyped, for a
 * message that suggests what was meant rather than listing everything.
 *
 * Names are compared as words: letters folded to lower case (ASCII), and
 * every run of spaces and punctuation taken as one space, so "Q4 outbound
 * SaaS" is "Q4 Outbound - SaaS". A name is close when its edit distance
 * (Levenshtein, over bytes) is at most a third of the typed name's length
 * (at least 1), when one contains the other (3 characters or more), or
 * when they share a word of 3 characters or more (a word of 5 or more may
 * differ by one edit: "outbund" shares "outbound"). Pure functions. */
#ifndef APOLLO_NEAR_NAMES_H
#define APOLLO_NEAR_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* the edit distance between a and b once both are compared as words */
size_t name_distance(const char *a, const char *b);

/* true when name is close to typed, as above */
bool name_is_near(const char *typed, const char *name);

#define NEAR_NAMES_MAX 32

/* The indexes of the names close to typed, nearest first (by
 * name_distance; equal ones in their order in names), at most max (and at
 * most NEAR_NAMES_MAX) of them into out; returns how many are close in
 * all, which may be more than were kept. */
size_t near_names(const char *typed, const char *const *names, size_t n, size_t *out, size_t max);

/* As near_names, for names already known to be candidates (a search's
 * hits): every one, nearest first, at most max into out. */
void names_by_distance(const char *typed, const char *const *names, size_t n, size_t *out, size_t max);

#endif
