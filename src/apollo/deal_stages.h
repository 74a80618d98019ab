/* apollo/deal_stages.h - deal stages (GET opportunity_stages) named as
 * people write them, within pipelines. An account can have several
 * pipelines, and a stage name ("Closed Won") in many of them, even twice
 * in one: a name that matches several stages is refused, never guessed,
 * and the pipeline (its name or id) or the stage's id settles it.
 *
 * A stage's pipeline is read from opportunity_pipeline_id (or pipeline_id)
 * and its name, where Apollo sends one, from opportunity_pipeline_name,
 * pipeline_name or an embedded opportunity_pipeline object (UNCONFIRMED
 * fields: Apollo's reference names only the id on deals). */
#ifndef APOLLO_DEAL_STAGES_H
#define APOLLO_DEAL_STAGES_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* The id of stage `name` (a stage's name, compared as people write it, or
 * its id) within `pipeline` (a pipeline's name or id; NULL or "": any),
 * from `stages` (the opportunity_stages list). NULL when none or several
 * match, with why (one line, naming what there is) in `why`. */
const char *deal_stage_find(const cJSON *stages, const char *name, const char *pipeline, char *why,
                            size_t size);

/* The stages for a message: by pipeline, each name once, at most 10,
 * then "and N more". */
void deal_stages_describe(const cJSON *stages, char *out, size_t size);

#endif
