/* commands/export_accounts.c - every account of the team (accounts/search,
 * every page) into a spreadsheet in the columns of Apollo's own accounts
 * export (report/account_rows.h), for the round trip with update.
 *
 * The look-ups: lists, account stages and users (names for ids; a key
 * that may not list stages or users shows them by id) and the custom
 * fields (a column each). Apollo shows at most 500 pages of 100 of one
 * search: a team with more accounts is refused with what was read, never
 * written short. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo/api.h"
#include "apollo/custom_field_lookup.h"
#include "commands/export_accounts.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "report/account_rows.h"

int export_accounts(const struct config *cfg, struct http_client *hc)
{
	struct csv_writer_options wopt = { .excel = cfg->excel, .raw = cfg->raw, .force = cfg->force };
	const char *path = cfg->output ? cfg->output : "accounts.csv";
	cJSON *labels = cJSON_CreateArray(), *stages = cJSON_CreateArray(), *users = cJSON_CreateArray();
	cJSON *accounts = cJSON_CreateArray();
	struct custom_fields fields = { NULL, 0 };
	struct account_names names = { labels, stages, users, &fields };
	struct account_export x;
	struct http_request failed;
	struct msg_pos none = { 0 };
	const cJSON *a;
	char err[1024];
	int status = EXIT_OK;

	if (api_list_labels(hc, labels, &failed) < 0) {
		msg_error(&none, "cannot read Apollo's lists: %s", failed.message);
		status = hc->refused ? EXIT_CONFIG : EXIT_API;
		goto out;
	}
	/* a key without access to stages or users shows them by id */
	if (api_list_account_stages(hc, true, stages, &failed) < 0 && failed.outcome != HTTP_REFUSED) {
		msg_error(&none, "cannot read Apollo's account stages: %s", failed.message);
		status = EXIT_API;
		goto out;
	}
	if (api_list_users(hc, true, users, &failed) < 0 && cfg->verbose)
		msg_info("owners are shown by id: %s", failed.message);
	if (custom_field_lookup(hc, &fields, &failed) < 0) {
		msg_error(&none, "cannot read the team's custom fields: %s", failed.message);
		status = hc->refused ? EXIT_CONFIG : EXIT_API;
		goto out;
	}
	if (api_list_accounts(hc, accounts, &failed) < 0) {
		msg_error(&none, "export stopped: %s; nothing was written", failed.message);
		status = hc->refused ? EXIT_CONFIG : EXIT_API;
		goto out;
	}
	if (account_export_open(&x, path, &wopt, &names, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		status = EXIT_OUTPUT;
		goto out;
	}
	cJSON_ArrayForEach(a, accounts)
		account_export_write(&x, a);
	if (account_export_commit(&x, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		status = EXIT_OUTPUT;
		goto out;
	}
	run_summary_file("accounts", path);
	msg_info("%llu account%s: %s", x.rows, x.rows == 1 ? "" : "s", strcmp(path, "-") ? path : "standard output");
out:
	cJSON_Delete(labels);
	cJSON_Delete(stages);
	cJSON_Delete(users);
	cJSON_Delete(accounts);
	custom_fields_free(&fields);
	return status;
}
