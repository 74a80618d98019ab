/* web/team.c - see web/team.h. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "apollo/api.h"
#include "apollo/http.h"
#include "apollo/settings.h"
#include "web/team.h"

/* Loading the settings registers the key with the messages, so that no
 * message prints it (common/msg.h); that is one key for the process, and
 * the page's requests come on several threads: one at a time here. */
static pthread_mutex_t settings_mu = PTHREAD_MUTEX_INITIALIZER;

static cJSON *pick(const cJSON *list, const char *name_key)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *it;
	cJSON_ArrayForEach(it, list) {
		cJSON *o = cJSON_CreateObject();
		const cJSON *active = cJSON_GetObjectItemCaseSensitive(it, "active");
		bool on = !cJSON_IsFalse(active) && !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "archived"));
		cJSON_AddStringToObject(o, "id", api_str(it, "id"));
		cJSON_AddStringToObject(o, name_key, api_str(it, name_key));
		cJSON_AddBoolToObject(o, "active", on);
		cJSON_AddItemToArray(out, o);
	}
	return out;
}

cJSON *team_lists(const char *key_file, char *err, size_t errlen)
{
	struct api_settings s;
	struct http_client hc;
	struct http_options opt = { .jobs = 2, .retries = 2, .timeout_ms = 30000, .backoff_ms = 500, .max_wait = 60 };
	struct http_request failed;
	cJSON *seqs = cJSON_CreateArray(), *boxes = cJSON_CreateArray(), *labels = cJSON_CreateArray();
	cJSON *out = NULL;
	int rc;

	memset(&failed, 0, sizeof failed);
	pthread_mutex_lock(&settings_mu);
	if (api_settings_load(&s, key_file, err, errlen) < 0) {
		api_settings_free(&s);
		goto done;
	}
	if (http_client_init(&hc, &s, &opt, err, errlen) < 0) {
		api_settings_free(&s);
		goto done;
	}
	rc = api_list_sequences(&hc, NULL, seqs, &failed);
	if (rc == 0)
		rc = api_list_mailboxes(&hc, boxes, &failed);
	if (rc == 0)
		rc = api_list_labels(&hc, labels, &failed);
	if (rc < 0) {
		snprintf(err, errlen, "%s", hc.refused ? hc.refusal
		                            : failed.message[0] ? failed.message : "Apollo did not answer");
	} else {
		cJSON *names = cJSON_CreateArray();
		const cJSON *l;
		out = cJSON_CreateObject();
		cJSON_AddItemToObject(out, "sequences", pick(seqs, "name"));
		cJSON_AddItemToObject(out, "mailboxes", pick(boxes, "email"));
		cJSON_ArrayForEach(l, labels)
			if (*api_str(l, "name"))
				cJSON_AddItemToArray(names, cJSON_CreateString(api_str(l, "name")));
		cJSON_AddItemToObject(out, "labels", names);
		cJSON_AddNumberToObject(out, "api_calls", (double)hc.stats.calls);
	}
	http_request_free(&failed);
	http_client_free(&hc);
	api_settings_free(&s);
done:
	pthread_mutex_unlock(&settings_mu);
	cJSON_Delete(seqs);
	cJSON_Delete(boxes);
	cJSON_Delete(labels);
	return out;
}

cJSON *team_key_state(const char *key_file)
{
	struct api_settings s;
	char err[2048], path[4096];
	cJSON *o = cJSON_CreateObject();

	pthread_mutex_lock(&settings_mu);
	if (api_settings_load(&s, key_file, err, sizeof err) < 0) {
		cJSON_AddNullToObject(o, "source");
		cJSON_AddStringToObject(o, "problem", err);
		cJSON_AddNullToObject(o, "apollo");
	} else {
		cJSON_AddStringToObject(o, "apollo", s.base_url);
		cJSON_AddStringToObject(o, "source", strncmp(s.key_source, "the config file", 15) == 0 ? "config file"
		                                     : strncmp(s.key_source, "the key file", 12) == 0 ? "key file"
		                                     : s.key_source);
		cJSON_AddNullToObject(o, "problem");
	}
	if (api_config_path(path, sizeof path))
		cJSON_AddStringToObject(o, "config_path", path);
	else
		cJSON_AddNullToObject(o, "config_path");
	api_settings_free(&s);
	pthread_mutex_unlock(&settings_mu);
	return o;
}
