/* fuzz_api.c - libFuzzer target: how the tool reads Apollo's replies.
 * The input is a reply body, as the HTTP layer hands it on: every body goes
 * through apollo_error_message (src/apollo/http.c); one that parses as JSON
 * goes, as req->json, through each bulk call's reply reader of
 * src/apollo/api.c (read_create, read_accounts, read_enrol, read_update,
 * read_unenrol), the refusal reader named_by, and api_number / api_str on
 * what it holds, as the list and search calls read pagination.
 *
 * The readers are static: this file compiles src/apollo/api.c into itself
 * (the production build is unchanged). The contacts, accounts and ids the
 * replies are matched against are fixed; the seed corpus holds replies
 * that name them (tests/fuzz/corpus/fuzz_api). */
#include "../../src/apollo/api.c"

#include "fuzz.h"

static const char *const ids[] = { "c1", "5f2a0c3e9d1b4a0012345678", "", "c4" };
#define NIDS (sizeof ids / sizeof ids[0])

static void make_contacts(struct api_contact *c)
{
	static const char *const v[][4] = {
		/* email, first, last, organization */
		{ "ana.diaz@acme.example", "Ana", "Diaz", "Acme" },
		{ "", "Bo", "Li", "Globex" },
		{ "", "Cy", "Ng", "" },
		{ "dee@initech.example", "", "", "" },
	};
	for (size_t i = 0; i < 4; i++) {
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api_contact contacts[4];
	struct api_create_options copt = { NULL, 0, NULL };
	struct create_ctx cctx = { &copt, contacts };
	struct api_account accounts[3] = { { "Acme", "acme.example" }, { "Globex", "" }, { "", "initech.example" } };
	struct api_update upd[NIDS];
	struct api_enrol_options eopt;
	struct api_enrol_call call;
	struct enrol_ctx ectx = { &eopt, &call };
	struct unenrol_ctx uctx = { "seq1", "remove", ids };
	struct http_request req;
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
	req.status = 200;
	/* the retry and timing paths: from the input's length, so that
	 * the same input always takes the same one */
	req.faults = (int)(size & 1);
	req.first_sent = (size & 2) ? 1.7e9 : 0;

	make_contacts(contacts);
	memset(out, 0, sizeof out);
	read_create(&cctx, 0, 0, 4, &req, out);
	clear_items(out, NIDS);
	read_accounts(accounts, 0, 0, 3, &req, out);
	clear_items(out, NIDS);

	memset(&eopt, 0, sizeof eopt);
	memset(&call, 0, sizeof call);
	eopt.sequence_id = "seq1";
	call.ids = ids;
	call.n = NIDS;
	call.out = out;
	read_enrol(&ectx, 0, 0, NIDS, &req, out);
	clear_items(out, NIDS);

	memset(upd, 0, sizeof upd);
	for (size_t i = 0; i < NIDS; i++)
		upd[i].id = ids[i];
	read_update(upd, 0, 0, NIDS, &req, out);
	clear_items(out, NIDS);
	read_unenrol(&uctx, 0, 0, NIDS, &req, out);
	clear_items(out, NIDS);

	for (size_t i = 0; i < NIDS; i++)
		(void)named_by(req.json, ids[i]);
	walk(req.json, 0);

	/* a 422 that names the records it refuses: those items fail, the
	 * runs between them are tried again */
	{
		struct batch_job job = { "POST", "emailer_campaigns/remove_or_stop_contact_ids",
		                         "emailer_campaigns/remove_or_stop_contact_ids",
		                         build_unenrol, read_unenrol, unenrol_item_id, &uctx };
		struct batch_unit u = { 0, 0, NIDS, NULL, false }, next[NIDS + 1];
		size_t nnext = 0;
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
