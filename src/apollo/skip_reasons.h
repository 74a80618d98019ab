/* apollo/skip_reasons.h - Apollo's add_contact_ids skip codes in plain words,
 * with the --allow flag (if any) that lets such a contact in. */
#ifndef APOLLO_SKIP_REASONS_H
#define APOLLO_SKIP_REASONS_H

#include <stdbool.h>

struct skip_reason {
	const char *code;          /* Apollo's, e.g. contacts_unverified_email */
	const char *words;         /* what it means, for the summary */
	const char *allow;         /* --allow value that overrides it, or NULL */
	unsigned allow_bit;        /* enum api_allow bit, 0 if none */
};

/* NULL for a code Apollo added after this list was written */
const struct skip_reason *skip_reason_find(const char *code);
/* the --allow names, for parsing and --help */
bool skip_allow_parse(const char *name, unsigned *bit);
const char *skip_allow_list(void);

#endif
