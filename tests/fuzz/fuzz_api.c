/* fuzz_api.c - libFuzzer target: how the tool reads Apollo's replies.
 * The input is a reply body, as the HTTP layer hands it on: every body goes
 * through apollo_error_message (src/apollo/http.c); one that parses as JSON
 * goes, as req->json, through every reader of a reply:
 *   - src/apollo/api.c: the bulk calls' (read_create, read_accounts,
 *     read_enrol, read_update, read_unenrol), the refusal reader named_by,
 *     the lists' check (list_readable, for each list the tool reads, as
 *     page 1 and page 2) and next_page, and api_number / api_str on
 *     everything it holds;
 *   - src/apollo/tasks.c: a create's reply (read_reply, bulk and single);
 *   - src/apollo/deals.c: a deal create's reply (on_reply);
 *   - src/apollo/enrich.c: bulk_match's and bulk_enrich's (read_matches,
 *     read_organizations, add_credits) and the people search's (read_people);
 *   - src/apollo/memberships.c: a contact's place in a sequence;
 *   - src/report/sequence_report.c: the metrics' check (report_check);
 * and so through apollo/reply_shape.c's checks of every field's type.
 *
 * The readers are static: this file compiles their sources into itself
 * (the production build is unchanged); deals.c's names that tasks.c also
 * uses are renamed for it. The contacts, accounts and ids the replies are
 * matched against are fixed; the seed corpus holds replies that name them
 * (tests/fuzz/corpus/fuzz_api), and Apollo's documented examples in our
 * words (doc-*, from tests/contract/examples). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo/deals.h"
#include "apollo/reply_shape.h"
#include "apollo/send_once.h"
#include "values/start_time.h"

#define nz deals_nz
#define on_reply deals_on_reply
#define send_round deals_send_round
#define look deals_look
#include "../../src/apollo/deals.c"
#undef nz
#undef on_reply
#undef send_round
#undef look

#include "../../src/apollo/api.c"
#include "../../src/apollo/enrich.c"
#include "../../src/apollo/memberships.c"
#include "../../src/apollo/tasks.c"
#include "report/sequence_report.h"

#include "fuzz.h"

static const char *const ids[] = { "c1", "5f2a0c3e9d1b4a0012345678", "", "c4", "c0a100000000000000000001" };
#define NIDS (sizeof ids / sizeof ids[0])

static void make_contacts(struct api_contact *c)
{
	static const char *const v[][4] = {
		/* email, first, last, organization */
		{ "ana.diaz@acme.example", "Ana", "Diaz", "Acme" },
		{ "", "Bo", "Li", "Globex" },
		{ "", "Cy", "Ng", "" },
		{ "dee@initech.example", "", "", "" },
		{ "tomas.reyes@larkspur-labs.example", "Tomas", "Reyes", "Larkspur Labs" },
	};
	for (size_t i = 0; i < NIDS; i++) {
		for (size_t f = 0; f < F_COUNT; f++)
			c[i].v[f] = "";
		c[i].v[F_EMAIL] = v[i][0];
		c[i].v[F_FIRST_NAME] = v[i][1];
		c[i].v[F_LAST_NAME] = v[i][2];
		c[i].v[F_ORGANIZATION_NAME] = v[i][3];
		c[i].account_id = "";
	}
}

static void clear_items(struct api_item *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		api_item_clear(&out[i]);
}

/* api_number and api_str on every member, the way pagination and records
 * are read */
static void walk(const cJSON *j, int depth)
{
	const cJSON *x;
	if (depth > 8)
		return;
	cJSON_ArrayForEach(x, j) {
		fuzz_sink += (size_t)api_number(x, -1);
		if (x->string)
			(void)api_str(j, x->string);
		walk(x, depth + 1);
	}
}

/* an outcome's message, when it has one, is one line a row can hold */
static void check_items(const struct api_item *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].message && (strlen(out[i].message) > 4096 || strchr(out[i].message, '\n')))
			abort();
}

/* the bulk calls' readers */
static void bulk_readers(struct http_request *req, struct http_client *hc)
{
	struct api_contact contacts[NIDS];
	struct api_create_options copt = { NULL, 0, NULL };
	struct create_ctx cctx = { &copt, contacts, NULL };
	struct api_account accounts[3] = { { .name = "Acme", .domain = "acme.example" },
	                                   { .name = "Globex", .domain = "" },
	                                   { .name = "", .domain = "initech.example" } };
	struct api_update upd[NIDS];
	struct api_enrol_options eopt;
	struct api_enrol_call call;
	struct enrol_ctx ectx = { &eopt, &call, hc };
	struct unenrol_ctx uctx = { "seq1", "remove", ids };
	struct api_item out[NIDS];

	make_contacts(contacts);
	memset(out, 0, sizeof out);
	read_create(&cctx, 0, 0, NIDS, req, out);
	check_items(out, NIDS);
	clear_items(out, NIDS);
	struct api_account_batch batch = { accounts, 3, NULL, 0, out };
	read_accounts(&batch, 0, 0, 3, req, out);
	check_items(out, 3);
	clear_items(out, NIDS);

	memset(&eopt, 0, sizeof eopt);
	memset(&call, 0, sizeof call);
	eopt.sequence_id = (req->status & 1) ? "5e9e00000000000000000001" : "seq1";
	call.ids = ids;
	call.n = NIDS;
	call.out = out;
	read_enrol(&ectx, 0, 0, NIDS, req, out);
	check_items(out, NIDS);
	clear_items(out, NIDS);

	memset(upd, 0, sizeof upd);
	for (size_t i = 0; i < NIDS; i++) {
		upd[i].id = ids[i];
		upd[i].name[0] = "title";
		upd[i].value[0] = "Director of Partnerships";
		upd[i].name[1] = "linkedin_url";
		upd[i].value[1] = "https://www.linkedin.com/in/x/";
		upd[i].n = i % 3;
	}
	read_update(upd, 0, 0, NIDS, req, out);
	check_items(out, NIDS);
	clear_items(out, NIDS);
	read_unenrol(&uctx, 0, 0, NIDS, req, out);
	check_items(out, NIDS);
	clear_items(out, NIDS);
	for (size_t i = 0; i < NIDS; i++)
		(void)named_by(req->json, ids[i]);
}

/* every list the tool reads, as the page asked for and another */
static void list_readers(struct http_request *req)
{
	for (size_t i = 0; i < sizeof list_items / sizeof *list_items; i++) {
		/* the list's key: the path but its "/search" */
		const char *path = list_items[i].path, *slash = strstr(path, "/search");
		char key[64];
		snprintf(key, sizeof key, "%.*s", slash ? (int)(slash - path) : (int)strlen(path), path);
		for (long page = 0; page <= 2; page++) {
			struct http_request r = *req;
			bool ok = list_readable(&r, path, key, page);
			if (ok != (r.outcome == HTTP_OK))
				abort();   /* a failure always says so in its outcome */
			if (ok)
				fuzz_sink += (size_t)next_page(r.json, key, page ? page : 1);
			else if (!r.message[0])
				abort();   /* ... and why */
		}
	}
}

/* tasks, deals, enrichment, memberships, metrics */
static void record_readers(struct http_request *req)
{
	struct api_task t[3] = {
		{ .contact_id = "c0a100000000000000000001", .type = "call", .due_at = "2025-02-15T10:00:00Z",
		  .priority = "high", .note = "Walk through the portfolio review and agree next steps." },
		{ .contact_id = "c0a100000000000000000002", .type = "call", .due_at = "2025-02-15T10:00:00Z" },
		{ .contact_id = "c1", .type = "action_item", .due_at = "2025-03-01T00:00:00Z", .title = "T" },
	};
	struct tasks_ctx tctx = { t, NULL, NULL };
	size_t idx[3] = { 0, 1, 2 };
	struct unit bulk = { idx, 2, true }, one = { idx + 2, 1, false };
	struct api_deal d[1] = { { .name = "Harbourline Fleet Rebrand", .account_id = "acc000000000000000000013",
	                           .amount = "99999999" } };
	struct deals_ctx dctx = { d, NULL };
	struct once_job job = { "deal", deals_send_round, deals_look, &dctx, NULL, NULL };
	struct deal_reply dr;
	struct api_person_query q[2] = { { .id = "9e5000000000000000000001" },
	                                 { .first_name = "Ana", .last_name = "Diaz", .organization_name = "Ex" } };
	const char *domains[2] = { "kestrel-analytics.example", "acme.com" };
	struct api_credits credits = { 0, 0, 0 };
	struct api_membership m;
	struct api_item out[3];
	cJSON *people = cJSON_CreateArray();
	long total = 0;
	char why[700];

	memset(out, 0, sizeof out);
	read_reply(&tctx, &bulk, req->json, out);
	read_reply(&tctx, &one, req->json, out);
	check_items(out, 3);
	clear_items(out, 3);

	dctx.job = &job;
	dr = (struct deal_reply){ &job, 0, out };
	deals_on_reply(req, &dr);
	check_items(out, 1);
	clear_items(out, 1);

	read_matches(req->json, q, idx, 2, out);
	check_items(out, 2);
	clear_items(out, 2);
	read_organizations(req->json, domains, 2, out);
	check_items(out, 2);
	clear_items(out, 2);
	add_credits(&credits, req->json, objects_in(req->json, "matches"));
	if (!isfinite(credits.uncounted) || credits.uncounted < 0)
		abort();
	{
		struct http_request r = *req;
		(void)read_people(&r, 1 + (long)(req->status & 1), people, &total);
	}
	cJSON_Delete(people);

	memset(&m, 0, sizeof m);
	read_membership(req->json, "c0a100000000000000000001", "5e9e00000000000000000001", &m);
	if (m.state == API_MEMBER_IN && !*m.status && m.added_at < 0)
		fuzz_sink++;
	(void)report_check(cJSON_GetObjectItemCaseSensitive(req->json, "emailer_campaigns"), why, sizeof why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_request req;
	struct http_client hc;
	struct api_item out[NIDS];
	char msg[600];

	/* every reply, JSON or not, may be read for its message */
	apollo_error_message((const char *)data, size, msg, sizeof msg);
	if (strlen(msg) >= sizeof msg)
		abort();

	memset(&req, 0, sizeof req);
	req.json = cJSON_ParseWithLength((const char *)data, size);
	if (!req.json)
		return 0;
	req.outcome = HTTP_OK;
	req.status = 200 + (long)(size & 4 ? 1 : 0);
	/* the retry and timing paths: from the input's length, so that
	 * the same input always takes the same one */
	req.faults = (int)(size & 1);
	req.first_sent = (size & 2) ? 1.7e9 : 0;
	memset(&hc, 0, sizeof hc);
	hc.apollo_start = (size & 8) ? 1.78e9 : 0;

	bulk_readers(&req, &hc);
	list_readers(&req);
	record_readers(&req);
	walk(req.json, 0);

	/* a 422 that names the records it refuses: those items fail, the
	 * runs between them are tried again */
	{
		struct unenrol_ctx uctx = { "seq1", "remove", ids };
		struct batch_job job = { "POST", "emailer_campaigns/remove_or_stop_contact_ids",
		                         "emailer_campaigns/remove_or_stop_contact_ids",
		                         build_unenrol, read_unenrol, unenrol_item_id, &uctx, NULL };
		struct batch_unit u = { 0, 0, NIDS, NULL, false, false }, next[NIDS + 1];
		size_t nnext = 0;
		memset(out, 0, sizeof out);
		req.outcome = HTTP_REFUSED;
		req.status = 422;
		snprintf(req.message, sizeof req.message, "%s", msg);
		if (named_items(&job, &req, u, out, next, &nnext) && nnext > (NIDS + 1) / 2 + 1)
			abort();   /* more runs than there can be between named items */
		clear_items(out, NIDS);
	}

	cJSON_Delete(req.json);
	return 0;
}
