/* apollo/deal_stages.c - see apollo/deal_stages.h. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "apollo/api.h"
#include "apollo/deal_stages.h"
#include "values/clean.h"

/* names of stages and pipelines are compared as match keys */
#define KEY_MAX 256
/* the stages a message shows, at most */
#define SHOWN_MAX 10

static const char *pipeline_id(const cJSON *stage)
{
	const char *id = api_str(stage, "opportunity_pipeline_id");
	return *id ? id : api_str(stage, "pipeline_id");
}

static const char *pipeline_name(const cJSON *stage)
{
	const char *name = api_str(stage, "opportunity_pipeline_name");
	if (!*name)
		name = api_str(stage, "pipeline_name");
	if (!*name)
		name = api_str(cJSON_GetObjectItemCaseSensitive(stage, "opportunity_pipeline"), "name");
	return name;
}

/* how a message names a stage's pipeline: its name, else its id */
static const char *pipeline_label(const cJSON *stage)
{
	const char *name = pipeline_name(stage);
	return *name ? name : pipeline_id(stage);
}

static bool same_name(const char *a, const char *b)
{
	char ka[KEY_MAX], kb[KEY_MAX];
	clean_match_key_into(a, strlen(a), ka, sizeof ka);
	clean_match_key_into(b, strlen(b), kb, sizeof kb);
	return *ka && strcmp(ka, kb) == 0;
}

static bool in_pipeline(const cJSON *stage, const char *pipeline)
{
	if (!pipeline || !*pipeline)
		return true;
	return strcmp(pipeline_id(stage), pipeline) == 0 || same_name(pipeline_name(stage), pipeline);
}

static void append(char *out, size_t size, const char *fmt, const char *a, const char *b)
{
	size_t len = strlen(out);
	if (len + 1 < size)
		snprintf(out + len, size - len, fmt, a, b);
}

/* is s the first stage Apollo lists of its pipeline? */
static bool first_of_pipeline(const cJSON *stages, const cJSON *s)
{
	for (const cJSON *t = stages->child; t && t != s; t = t->next)
		if (strcmp(pipeline_id(t), pipeline_id(s)) == 0)
			return false;
	return true;
}

/* the pipelines, each once, for "no pipeline P" */
static void describe_pipelines(const cJSON *stages, char *out, size_t size)
{
	const cJSON *s;
	*out = '\0';
	cJSON_ArrayForEach(s, stages)
		if (*pipeline_id(s) && first_of_pipeline(stages, s))
			append(out, size, "%s%s", *out ? ", " : "", pipeline_label(s));
	if (!*out)
		snprintf(out, size, "(Apollo names none)");
}

const char *deal_stage_find(const cJSON *stages, const char *name, const char *pipeline, char *why,
                            size_t size)
{
	const cJSON *s, *hit = NULL;
	int matches = 0;
	bool pipeline_known = !pipeline || !*pipeline;
	char list[1024];

	*why = '\0';
	cJSON_ArrayForEach(s, stages) {
		pipeline_known = pipeline_known || in_pipeline(s, pipeline);
		if (strcmp(api_str(s, "id"), name) == 0) {
			if (!in_pipeline(s, pipeline)) {
				snprintf(why, size, "stage %s is in the pipeline \"%s\", not \"%s\"", name, pipeline_label(s),
				         pipeline);
				return NULL;
			}
			return api_str(s, "id");
		}
	}
	if (!pipeline_known) {
		describe_pipelines(stages, list, sizeof list);
		snprintf(why, size, "no pipeline \"%s\": the pipelines are %s", pipeline, list);
		return NULL;
	}
	cJSON_ArrayForEach(s, stages)
		if (in_pipeline(s, pipeline) && same_name(api_str(s, "name"), name)) {
			hit = hit ? hit : s;
			matches++;
		}
	if (matches == 1)
		return api_str(hit, "id");
	if (matches == 0) {
		deal_stages_describe(stages, list, sizeof list);
		if (pipeline && *pipeline)
			snprintf(why, size, "\"%s\" is not a deal stage of the pipeline \"%s\": use %s", name, pipeline, list);
		else
			snprintf(why, size, "\"%s\" is not a deal stage: use %s", name, list);
		return NULL;
	}
	snprintf(why, size, "several stages are named \"%s\": give the pipeline or the stage id:", name);
	cJSON_ArrayForEach(s, stages)
		if (in_pipeline(s, pipeline) && same_name(api_str(s, "name"), name))
			append(why, size, " %s (pipeline %s)", api_str(s, "id"),
			       *pipeline_label(s) ? pipeline_label(s) : "none named");
	return NULL;
}

/* was a stage of this name listed already for this pipeline? */
static bool shown_before(const cJSON *stages, const cJSON *s)
{
	for (const cJSON *t = stages->child; t && t != s; t = t->next)
		if (strcmp(pipeline_id(t), pipeline_id(s)) == 0 && same_name(api_str(t, "name"), api_str(s, "name")))
			return true;
	return false;
}

void deal_stages_describe(const cJSON *stages, char *out, size_t size)
{
	const cJSON *p, *s;
	unsigned long shown = 0, more = 0, pipelines = 0;

	*out = '\0';
	if (!cJSON_IsArray(stages) || !stages->child) {
		snprintf(out, size, "(Apollo lists none)");
		return;
	}
	cJSON_ArrayForEach(p, stages)
		pipelines += first_of_pipeline(stages, p);
	/* pipeline by pipeline, in the order Apollo lists their first stages */
	cJSON_ArrayForEach(p, stages) {
		bool first = true;
		if (!first_of_pipeline(stages, p))
			continue;
		cJSON_ArrayForEach(s, stages) {
			if (strcmp(pipeline_id(s), pipeline_id(p)) || shown_before(stages, s))
				continue;
			if (shown == SHOWN_MAX) {
				more++;
				continue;
			}
			if (first && pipelines > 1)
				append(out, size, "%s%s: ", *out ? "; " : "", *pipeline_label(s) ? pipeline_label(s) : "(no pipeline)");
			append(out, size, "%s%s", first ? "" : ", ", api_str(s, "name"));
			first = false;
			shown++;
		}
	}
	if (more) {
		size_t len = strlen(out);
		if (len + 1 < size)
			snprintf(out + len, size - len, " and %lu more", more);
	}
}
