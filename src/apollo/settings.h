/* apollo/settings.h - where Apollo is and the key that opens it.
 *
 * The key comes from --api-key-file FILE (which must not be readable by
 * group or others), else APOLLO_API_KEY, else the `api_key` line of the
 * config file $XDG_CONFIG_HOME/apollo-csv/config (~/.config/... when
 * XDG_CONFIG_HOME is unset). The base URL comes from APOLLO_BASE_URL, else
 * the config file's `base_url`, else Apollo's. Plain http:// is accepted
 * only for a loopback host (apollo-sandbox). The key is registered with
 * common/msg.c at once, so no message can show it.
 *
 * How parameters travel to the endpoints Apollo documents with query
 * parameters (apollo/param_forms.h) comes from APOLLO_PARAMS, else the
 * config file's `params`: auto (the default), query or body. */
#ifndef APOLLO_API_SETTINGS_H
#define APOLLO_API_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "apollo/param_forms.h"

#define APOLLO_DEFAULT_BASE_URL "https://api.apollo.io/api/v1"

struct api_settings {
	char *key;
	char *base_url;          /* without a trailing slash */
	char key_source[300];    /* where the key came from, for messages that
	                          * follow "the key from": APOLLO_API_KEY, the key
	                          * file PATH, the config file PATH */
	enum param_mode params;  /* how query-documented parameters are sent */
	char url_source[300];    /* where base_url came from, in the same words:
	                          * APOLLO_BASE_URL, the config file PATH, or
	                          * "the default" */
};

/* 0, or -1 with err set (nothing to read the key from, a key file others
 * can read, an http:// URL that is not loopback). */
int api_settings_load(struct api_settings *s, const char *key_file, char *err, size_t errlen);
void api_settings_free(struct api_settings *s);
/* the config file's path (XDG_CONFIG_HOME, else HOME); false when
 * neither is set */
bool api_config_path(char *path, size_t size);
/* Stores key as the config file's api_key line (the file's other lines
 * kept; made with mode 0600 in folders made 0700, replaced whole). 0, or
 * -1 with err set. */
int api_config_save_key(const char *key, char *err, size_t errlen);
/* true for https:// URLs and http:// to localhost, 127.x.x.x or [::1];
 * never for a URL with user info. Exposed for tests. */
int api_url_allowed(const char *url);

#endif
