/* web/team.h - what the page offers to choose from: the team's sequences,
 * mailboxes and lists, asked of Apollo with the same look-ups the command
 * line makes to resolve --sequence, --from and --label; and where the key
 * comes from, in words, without the key. */
#ifndef APOLLO_WEB_TEAM_H
#define APOLLO_WEB_TEAM_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* {"sequences": [{"id","name","active"}], "mailboxes": [{"id","email","active"}],
 *  "labels": ["..."], "api_calls": N}, or NULL with err set (no key, Apollo
 * refused it or cannot be reached). key_file: --api-key-file, or NULL */
cJSON *team_lists(const char *key_file, char *err, size_t errlen);
/* {"source": "APOLLO_API_KEY"|"config file"|"key file"|null, "config_path": PATH,
 *  "problem": WORDS|null, "apollo": BASE_URL|null} (the settings are
 * loaded one thread at a time: loading registers the key with msg) */
cJSON *team_key_state(const char *key_file);

#endif
