/* commands/import_enrich.h - import --enrich: the chunk's rows with no email are
 * matched with Apollo's people database (people/bulk_match, 10 a call)
 * before their contacts are created, and take the email Apollo has. Each
 * row's _reason says what enrichment did. --max-credits stops it before
 * it could spend more: the rows past the limit are imported as they are,
 * and say so. Speaks rows and apollo_api, never HTTP. */
#ifndef APOLLO_IMPORT_ENRICH_H
#define APOLLO_IMPORT_ENRICH_H

#include "apollo/enrich.h"
#include "commands/import_chunk.h"
#include "rows/chunk.h"

/* the rows enrichment would ask about: to be sent, and no email */
bool import_enrich_wants(const struct held_row *h);

void import_enrich_stage(struct http_client *hc, const struct import_plan *plan, struct chunk *c,
                         struct import_tally *t);

/* --resume: a row an earlier run enriched (its _reason says so) counts
 * one credit against --max-credits */
void import_enrich_replayed(struct import_tally *t, const char *reason);

/* the summary line, when enrichment ran */
void import_enrich_report(const struct import_plan *plan, const struct import_tally *t);

#endif
