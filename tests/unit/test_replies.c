/* test_replies.c - what the tool makes of Apollo's replies, without a
 * server: a reply that lacks what it should carry is not an empty answer,
 * an item a 200 does not name is not done, and a name or key that fits
 * several records is refused, not guessed.
 *
 * The readers are static: as tests/fuzz/fuzz_api.c does, this file
 * compiles their sources (src/apollo/api.c, enrich.c, tasks.c) into
 * itself; the library is unchanged. */
#include "../../src/apollo/api.c"
#include "../../src/apollo/enrich.c"
#include "../../src/apollo/tasks.c"

#include "apollo/resolve.h"
#include "common/exit_codes.h"
#include "unit.h"

static cJSON *json(const char *text)
{
	cJSON *j = cJSON_Parse(text);
	ck_assert_msg(j != NULL, "not JSON: %s", text);
	return j;
}

/* the item is API_UNCONFIRMED, its message saying `words`; then cleared */
static void expect_unconfirmed(struct api_item *it, const char *words)
{
	ck_assert_int_eq(it->result, API_UNCONFIRMED);
	ck_assert_ptr_null(it->record);
	ck_assert_msg(it->message && strstr(it->message, words), "message \"%s\", not \"%s\"",
	              it->message ? it->message : "(none)", words);
	api_item_clear(it);
}

/* ---- api_search_all: when to read another page ---- */

START_TEST(pages_as_apollo_counts_them)
{
	cJSON *j = json("{\"users\":[],\"pagination\":{\"page\":1,\"total_pages\":\"3\"}}");
	ck_assert_int_eq(next_page(j, "users", 1), 1);
	ck_assert_int_eq(next_page(j, "users", 3), 0);
	cJSON_Delete(j);
	/* total_entries alone gives the pages too */
	j = json("{\"users\":[],\"pagination\":{\"total_entries\":101}}");
	ck_assert_int_eq(next_page(j, "users", 1), 1);
	ck_assert_int_eq(next_page(j, "users", 2), 0);
	cJSON_Delete(j);
}
END_TEST

/* a reply without a count is not "no more pages" when its page is full */
START_TEST(no_count_and_a_full_page_reads_on)
{
	cJSON *j = json("{\"users\":[],\"pagination\":null}"), *list = cJSON_GetObjectItem(j, "users");
	ck_assert_int_eq(next_page(j, "users", 1), 0);
	for (int i = 0; i < API_PAGE_SIZE; i++)
		cJSON_AddItemToArray(list, cJSON_CreateObject());
	ck_assert_int_eq(next_page(j, "users", 1), 1);
	cJSON_Delete(j);
}
END_TEST

/* past Apollo's 500 pages the list cannot be read whole: a failure */
START_TEST(a_list_past_the_cap_is_not_cut_short)
{
	cJSON *j = json("{\"accounts\":[],\"pagination\":{\"total_pages\":501}}");
	ck_assert_int_eq(next_page(j, "accounts", API_PAGE_CAP - 1), 1);
	ck_assert_int_eq(next_page(j, "accounts", API_PAGE_CAP), -1);
	cJSON_Delete(j);
	j = json("{\"accounts\":[],\"pagination\":{\"total_pages\":500}}");
	ck_assert_int_eq(next_page(j, "accounts", API_PAGE_CAP), 0);
	cJSON_Delete(j);
}
END_TEST

/* ---- contacts/bulk_create and accounts/bulk_create ---- */

static void contact(struct api_contact *c, const char *email, const char *first, const char *last,
                    const char *org)
{
	for (size_t f = 0; f < F_COUNT; f++)
		c->v[f] = "";
	c->v[F_EMAIL] = email;
	c->v[F_FIRST_NAME] = first;
	c->v[F_LAST_NAME] = last;
	c->v[F_ORGANIZATION_NAME] = org;
	c->account_id = "";
}

static void read_created(struct api_contact *c, size_t n, const char *reply, struct api_item *out)
{
	struct api_create_options opt = { NULL, 0, NULL };
	struct create_ctx ctx = { &opt, c, NULL };
	struct http_request req;

	memset(&req, 0, sizeof req);
	memset(out, 0, n * sizeof *out);
	req.json = json(reply);
	req.outcome = HTTP_OK;
	read_create(&ctx, 0, 0, n, &req, out);
	cJSON_Delete(req.json);
}

#define ANA(id, org) "{\"id\":\"" id "\",\"first_name\":\"Ana\",\"last_name\":\"Diaz\",\"organization_name\":\"" \
	org "\"}"

/* two rows "Ana Diaz" without an email: the company tells them apart when
 * Apollo spells one as the row does (and the other is the one left);
 * else neither is guessed */
START_TEST(contacts_of_one_name)
{
	static const struct {
		const char *org0, *reply, *id[2];
	} cases[] = {
		{ "Ex", "{\"created_contacts\":[" ANA("k2", "Foo Ltd") "," ANA("k1", "Ex") "]}", { "k1", "k2" } },
		{ "Ex Inc", "{\"created_contacts\":[" ANA("k2", "Foo Ltd") "],\"existing_contacts\":[" ANA("k1", "Ex") "]}",
		  { NULL, NULL } },
	};
	struct api_contact c[2];
	struct api_item out[2];

	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		contact(&c[0], "", "Ana", "Diaz", cases[k].org0);
		contact(&c[1], "", "Ana", "Diaz", "Foo");
		read_created(c, 2, cases[k].reply, out);
		for (int i = 0; i < 2; i++) {
			if (!cases[k].id[i]) {
				expect_unconfirmed(&out[i], "2 contacts with this name (k2, k1)");
				continue;
			}
			ck_assert_int_eq(out[i].result, API_CREATED);
			ck_assert_str_eq(out[i].id, cases[k].id[i]);
			api_item_clear(&out[i]);
		}
	}
}
END_TEST

/* one email, two records; a row not named; a reply that is no object */
START_TEST(contacts_the_reply_does_not_settle)
{
	struct api_contact c[1];
	struct api_item out[1];

	contact(&c[0], "ana@ex.com", "Ana", "Diaz", "Ex");
	read_created(c, 1, "{\"existing_contacts\":[{\"id\":\"k1\",\"email\":\"ana@ex.com\"},"
	             "{\"id\":\"k3\",\"email\":\"ANA@ex.com\"}]}", out);
	expect_unconfirmed(&out[0], "2 contacts with this email (k1, k3)");
	read_created(c, 1, "{\"created_contacts\":[],\"existing_contacts\":[]}", out);
	expect_unconfirmed(&out[0], "Apollo's reply does not mention this contact");
	read_created(c, 1, "[]", out);
	expect_unconfirmed(&out[0], "unexpected reply from contacts/bulk_create");
}
END_TEST

/* A reply item with a field of another type is no one's: the rows a
 * well-formed item names are confirmed, the others get the field's
 * message, never "created" with an id read as a blank */
START_TEST(contacts_with_a_field_of_another_type)
{
	struct api_contact c[3];
	struct api_item out[3];

	contact(&c[0], "tomas@larkspur.example", "Tomas", "Reyes", "Larkspur");
	contact(&c[1], "aiko@brightkettle.example", "Aiko", "Tanaka", "Brightkettle");
	contact(&c[2], "", "Cy", "Ng", "");
	read_created(c, 3, "{\"created_contacts\":[{\"id\":\"k1\",\"email\":\"tomas@larkspur.example\"},"
	             "{\"id\":7,\"email\":\"aiko@brightkettle.example\"},\"k9\"]}", out);
	ck_assert_int_eq(out[0].result, API_CREATED);
	ck_assert_str_eq(out[0].id, "k1");
	api_item_clear(&out[0]);
	expect_unconfirmed(&out[1], "contacts/bulk_create: reply field created_contacts[1].id is a number, "
	                   "expected a string");
	expect_unconfirmed(&out[2], "created_contacts[1].id is a number");
	/* an item left out with the same email could be this row's: no guess */
	read_created(c, 1, "{\"existing_contacts\":[{\"id\":\"k1\",\"email\":\"tomas@larkspur.example\"},"
	             "{\"id\":\"k2\",\"email\":\"tomas@larkspur.example\",\"title\":5}]}", out);
	expect_unconfirmed(&out[0], "cannot be told for sure (Apollo shows k1)");
	/* a list of another type: nothing in it confirms anything */
	read_created(c, 1, "{\"created_contacts\":{\"id\":\"k1\",\"email\":\"tomas@larkspur.example\"}}", out);
	expect_unconfirmed(&out[0], "reply field created_contacts is an object, expected an array");
	/* null where a string may be (documented): read as none */
	read_created(c, 1, "{\"existing_contacts\":[{\"id\":\"k1\",\"email\":\"tomas@larkspur.example\","
	             "\"organization_name\":null,\"created_at\":null}]}", out);
	ck_assert_int_eq(out[0].result, API_EXISTING);
	api_item_clear(&out[0]);
}
END_TEST

/* a page of a list that says it is another page than the one asked for
 * (Apollo did not take the page asked for) fails the list, never repeats it */
START_TEST(a_page_that_is_not_the_one_asked_for)
{
	struct http_request r;

	memset(&r, 0, sizeof r);
	r.outcome = HTTP_OK;
	r.json = json("{\"users\":[{\"id\":\"u1\",\"email\":\"a@b.c\",\"first_name\":null,\"name\":\"\"}],"
	              "\"pagination\":{\"page\":\"1\",\"per_page\":\"3\",\"total_entries\":23,\"total_pages\":8}}");
	ck_assert(list_readable(&r, "users/search", "users", 1));
	ck_assert(!list_readable(&r, "users/search", "users", 2));
	ck_assert_int_eq(r.outcome, HTTP_GAVE_UP);
	ck_assert_str_eq(r.message, "users/search: asked for page 2, the reply is page 1: Apollo did not take the "
	                 "page asked for, so the users list cannot be read whole");
	cJSON_Delete(r.json);
	/* an item or the pagination with a field of another type */
	r.outcome = HTTP_OK;
	r.json = json("{\"users\":[{\"id\":\"u1\",\"email\":[\"a@b.c\"]}]}");
	ck_assert(!list_readable(&r, "users/search", "users", 1));
	ck_assert_str_eq(r.message, "users/search: reply field users[0].email is an array, expected a string");
	cJSON_Delete(r.json);
	r.json = json("{\"users\":[],\"pagination\":{\"total_pages\":\"eight\"}}");
	ck_assert(!list_readable(&r, "users/search", "users", 1));
	ck_assert_str_eq(r.message, "users/search: reply field pagination.total_pages is the string \"eight\", "
	                 "expected a whole number");
	cJSON_Delete(r.json);
	/* a bare array (labels) */
	r.json = json("[{\"id\":\"l1\",\"name\":\"Expo\",\"modality\":\"contacts\"},{\"id\":5}]");
	ck_assert(!list_readable(&r, "labels", "labels", 0));
	ck_assert_str_eq(r.message, "labels: reply field [1].id is a number, expected a string");
	cJSON_Delete(r.json);
}
END_TEST

START_TEST(accounts_of_one_domain_are_not_guessed)
{
	struct api_account a[2] = { { .name = "Acme", .domain = "acme.com" }, { .name = "Globex", .domain = "globex.com" } };
	struct api_item out[2];
	struct api_account_batch b = { a, 2, NULL, 0, out };
	struct http_request req;

	memset(&req, 0, sizeof req);
	memset(out, 0, sizeof out);
	req.json = json("{\"created_accounts\":[],\"existing_accounts\":[{\"id\":\"a1\",\"domain\":\"acme.com\"},"
	                "{\"id\":\"a2\",\"domain\":\"acme.com\"}]}");
	read_accounts(&b, 0, 0, 2, &req, out);
	expect_unconfirmed(&out[0], "2 accounts with this domain (a1, a2)");
	expect_unconfirmed(&out[1], "Apollo's reply does not mention this account");
	cJSON_Delete(req.json);
	req.json = json("{\"existing_accounts\":[{\"id\":\"a1\",\"domain\":\"acme.com\"}]}");
	read_accounts(&b, 0, 0, 1, &req, out);
	ck_assert_int_eq(out[0].result, API_EXISTING);
	ck_assert_str_eq(out[0].id, "a1");
	/* an account without a domain is matched by its name, as Apollo's dedupe does */
	api_item_clear(&out[0]);
	cJSON_Delete(req.json);
	req.json = json("{\"created_accounts\":[],\"existing_accounts\":[{\"id\":\"a3\",\"domain\":null,"
	                "\"name\":\"ACME\"}]}");
	read_accounts(&b, 0, 0, 1, &req, out);
	ck_assert_int_eq(out[0].result, API_EXISTING);
	ck_assert_str_eq(out[0].id, "a3");
	api_item_clear(&out[0]);
	cJSON_Delete(req.json);
	req.json = json("{\"existing_accounts\":[{\"id\":\"a1\",\"domain\":\"acme.com\"}]}");
	read_accounts(&b, 0, 0, 1, &req, out);
	/* Apollo's copy of a match is kept, for --existing update to compare */
	ck_assert_ptr_nonnull(out[0].record);
	ck_assert_str_eq(api_str(out[0].record, "domain"), "acme.com");
	api_item_clear(&out[0]);
	api_item_clear(&out[1]);
	cJSON_Delete(req.json);
}
END_TEST

/* an account's fields in its item, its batch's lists once for the request */
START_TEST(accounts_are_sent_with_their_fields_and_lists)
{
	static const char *const lists[] = { "Q3", "Tier 1" };
	struct api_account a[2] = {
		{ .name = "Acme", .domain = "acme.com", .phone = "+1 555 0100", .owner_id = "u1", .stage_id = "s1",
		  .linkedin_url = "https://linkedin.com/company/acme", .raw_address = "Berlin, Germany" },
		{ .name = "", .domain = "globex.com" },
	};
	struct api_item out[2];
	struct api_account_batch b[2] = { { a, 1, lists, 2, out }, { a + 1, 1, NULL, 0, out + 1 } };
	char *body = build_accounts(b, 0, 0, 1);
	cJSON *j = cJSON_Parse(body), *item = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "accounts"), 0);

	ck_assert_str_eq(api_str(item, "phone"), "+1 555 0100");
	ck_assert_str_eq(api_str(item, "owner_id"), "u1");
	ck_assert_str_eq(api_str(item, "account_stage_id"), "s1");
	ck_assert_str_eq(api_str(item, "raw_address"), "Berlin, Germany");
	ck_assert_str_eq(api_str(item, "linkedin_url"), "https://linkedin.com/company/acme");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "append_label_names")), 2);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(j, "run_dedupe")));
	cJSON_Delete(j);
	free(body);
	/* the second batch: no lists, no empty fields, the domain for a name */
	body = build_accounts(b, 1, 0, 1);
	j = cJSON_Parse(body);
	item = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "accounts"), 0);
	ck_assert_ptr_null(cJSON_GetObjectItem(j, "append_label_names"));
	ck_assert_ptr_null(cJSON_GetObjectItem(item, "phone"));
	ck_assert_str_eq(api_str(item, "name"), "globex.com");
	cJSON_Delete(j);
	free(body);
}
END_TEST

/* bulk_update: only the fields given, and an update is what the reply shows */
START_TEST(an_account_update_is_what_the_reply_shows)
{
	struct api_update u[2] = {
		{ .id = "a1", .name = { "phone" }, .value = { "+1 555 0199" }, .n = 1 },
		{ .id = "a2", .name = { "name", "account_stage_id" }, .value = { "Globex", "s2" }, .n = 2 },
	};
	struct api_item out[2];
	struct http_request req;
	char *body = build_account_update(u, 0, 0, 2);
	cJSON *j = cJSON_Parse(body), *list = cJSON_GetObjectItem(j, "account_attributes");

	ck_assert_int_eq(cJSON_GetArraySize(list), 2);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetArrayItem(list, 0)), 2);   /* id, phone */
	ck_assert_str_eq(api_str(cJSON_GetArrayItem(list, 1), "account_stage_id"), "s2");
	cJSON_Delete(j);
	free(body);
	memset(&req, 0, sizeof req);
	memset(out, 0, sizeof out);
	req.json = json("{\"accounts\":[{\"id\":\"a1\",\"phone\":\"+1 555 0199\"}]}");
	read_account_update(u, 0, 0, 2, &req, out);
	ck_assert_int_eq(out[0].result, API_DONE);
	ck_assert_int_eq(out[1].result, API_UNCONFIRMED);
	api_item_clear(&out[0]);
	api_item_clear(&out[1]);
	cJSON_Delete(req.json);
}
END_TEST

/* ---- emailer_campaigns/{id}/add_contact_ids ---- */

START_TEST(an_enrolment_is_what_the_reply_shows)
{
	static const char *const ids[] = { "c1", "c2", "c3", "c4", "c5" };
	struct api_enrol_options opt = { .sequence_id = "seq1" };
	struct api_item out[5];
	struct api_enrol_call call = { .ids = ids, .n = 5, .out = out };
	struct enrol_ctx ctx = { &opt, &call, NULL };
	struct http_request req;

	memset(&req, 0, sizeof req);
	memset(out, 0, sizeof out);
	req.outcome = HTTP_OK;
	req.json = json("{\"contacts\":[{\"id\":\"c1\",\"contact_campaign_statuses\":[{\"emailer_campaign_id\":"
	                "\"seq1\",\"status\":\"active\"}]},{\"id\":\"c2\",\"contact_campaign_statuses\":"
	                "[{\"emailer_campaign_id\":\"other\",\"status\":\"active\"}]},{\"id\":\"c3\","
	                "\"emailer_campaign_ids\":[\"seq1\"]}],\"skipped_contact_ids\":{\"c4\":"
	                "\"contacts_without_email\"}}");
	read_enrol(&ctx, 0, 0, 5, &req, out);
	ck_assert_int_eq(out[0].result, API_DONE);
	expect_unconfirmed(&out[1], "lists this contact, but not in the sequence");
	ck_assert_int_eq(out[2].result, API_DONE);
	ck_assert_int_eq(out[3].result, API_SKIPPED);
	ck_assert_str_eq(out[3].reason, "contacts_without_email");
	expect_unconfirmed(&out[4], "neither enrols nor skips this contact");
	for (int i = 0; i < 5; i++)
		api_item_clear(&out[i]);
	cJSON_Delete(req.json);
	req.json = json("[1]");
	read_enrol(&ctx, 0, 0, 1, &req, out);
	expect_unconfirmed(&out[0], "unexpected reply from emailer_campaigns/seq1/add_contact_ids");
	cJSON_Delete(req.json);
}
END_TEST

/* A contact the reply lists in the sequence, but added before the run by
 * Apollo's clock (the documented example: added months before), was not
 * enrolled by it; one added since, but held otherwise than asked, says so. */
START_TEST(an_enrolment_the_reply_dates_before_the_run)
{
	static const char *const ids[] = { "c1", "c2", "c3" };
	struct api_enrol_options opt = { .sequence_id = "seq1" };
	struct api_item out[3];
	struct api_enrol_call call = { .ids = ids, .n = 3, .out = out };
	struct http_client hc;
	struct enrol_ctx ctx = { &opt, &call, &hc };
	struct http_request req;

	memset(&hc, 0, sizeof hc);
	memset(&req, 0, sizeof req);
	memset(out, 0, sizeof out);
	ck_assert(parse_instant_precise("2026-05-01T12:00:00Z", &hc.apollo_start));
	req.outcome = HTTP_OK;
	req.json = json("{\"contacts\":[{\"id\":\"c1\",\"contact_campaign_statuses\":[{\"emailer_campaign_id\":"
	                "\"seq1\",\"status\":\"paused\",\"inactive_reason\":\"Sequence inactive\",\"added_at\":"
	                "\"2025-07-16T22:42:57.372+00:00\"}]},{\"id\":\"c2\",\"contact_campaign_statuses\":[{"
	                "\"emailer_campaign_id\":\"seq1\",\"status\":\"paused\",\"inactive_reason\":\"Sequence "
	                "inactive\",\"added_at\":\"2026-05-01T12:00:03.000+00:00\"}]},{\"id\":\"c3\","
	                "\"contact_campaign_statuses\":[{\"emailer_campaign_id\":\"seq1\",\"status\":\"active\","
	                "\"added_at\":\"2026-05-01T12:00:03.000+00:00\"}]}]}");
	read_enrol(&ctx, 0, 0, 3, &req, out);
	ck_assert_int_eq(out[0].result, API_SKIPPED);
	ck_assert_str_eq(out[0].reason, "contacts_already_exists_in_current_campaign");
	ck_assert_ptr_nonnull(strstr(out[0].message, "in the sequence since 2025-07-16T22:42:57.372+00:00, before "
	                             "this run (paused: Sequence inactive)"));
	ck_assert_int_eq(out[1].result, API_DONE);
	ck_assert_str_eq(out[1].message, "Apollo shows it paused: Sequence inactive");
	ck_assert_int_eq(out[2].result, API_DONE);
	ck_assert_ptr_null(out[2].message);
	for (int i = 0; i < 3; i++)
		api_item_clear(&out[i]);
	cJSON_Delete(req.json);
	/* skip codes of another type: the contacts nothing confirms say which */
	req.json = json("{\"contacts\":[],\"skipped_contact_ids\":[\"c1\"]}");
	read_enrol(&ctx, 0, 0, 1, &req, out);
	expect_unconfirmed(&out[0], "add_contact_ids: reply field skipped_contact_ids is an array, expected an object");
	cJSON_Delete(req.json);
}
END_TEST

/* bulk_update: a contact the reply shows with another value than the one
 * sent was not changed as asked; one whose values match (Apollo may write
 * a web address or a case its own way) was */
START_TEST(an_update_is_what_the_reply_shows)
{
	struct api_update u[4] = {
		{ "c1", { "title", "linkedin_url" }, { "Director of Partnerships", "http://linkedin.com/in/X/" }, 2, NULL },
		{ "c2", { "first_name", "linkedin_url" }, { "Inês", "http://linkedin.com/in/x/" }, 2, NULL },
		{ "c3", { "title" }, { "" }, 1, NULL },
		{ "c4", { "last_name" }, { "de Souza" }, 1, NULL },
	};
	struct api_item out[4];
	struct http_request req;

	memset(&req, 0, sizeof req);
	memset(out, 0, sizeof out);
	req.outcome = HTTP_OK;
	req.json = json("{\"contacts\":[{\"id\":\"c1\",\"title\":\"Director of Partnerships \",\"linkedin_url\":"
	                "\"https://www.linkedin.com/in/x\"},"
	                "{\"id\":\"c2\",\"first_name\":\"Ines\",\"linkedin_url\":\"https://www.linkedin.com/in/x\"},"
	                "{\"id\":\"c3\",\"title\":null},{\"id\":\"c4\",\"last_name\":\"De Souza\"}]}");
	read_update(u, 0, 0, 4, &req, out);
	ck_assert_int_eq(out[0].result, API_DONE);
	expect_unconfirmed(&out[1], "Apollo's reply shows first_name \"Ines\", not the value sent (\"Inês\")");
	ck_assert_int_eq(out[2].result, API_DONE);
	/* a name's case is the change asked for: not confirmed by another case */
	expect_unconfirmed(&out[3], "shows last_name \"De Souza\", not the value sent (\"de Souza\")");
	api_item_clear(&out[0]);
	api_item_clear(&out[2]);
	cJSON_Delete(req.json);
	/* an id of another type: the item is not confirmed, and says why */
	req.json = json("{\"contacts\":[{\"id\":12,\"title\":\"x\"}]}");
	read_update(u, 0, 0, 1, &req, out);
	expect_unconfirmed(&out[0], "contacts/bulk_update: reply field contacts[0].id is a number, expected a string");
	cJSON_Delete(req.json);
}
END_TEST

/* ---- people/bulk_match and organizations/bulk_enrich ---- */

static void matched(const struct api_person_query *q, size_t n, const char *reply, struct api_item *out)
{
	size_t idx[10];
	cJSON *j = json(reply);
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	memset(out, 0, n * sizeof *out);
	read_matches(j, q, idx, n, out);
	cJSON_Delete(j);
}

#define PERSON(id, first, org) "{\"id\":\"" id "\",\"first_name\":\"" first "\",\"last_name\":\"Diaz\"," \
	"\"organization\":{\"name\":\"" org "\"}}"

START_TEST(people_are_matched_by_what_tells_them_apart)
{
	struct api_person_query q[2] = { { .first_name = "Ana", .last_name = "Diaz", .organization_name = "Ex" },
	                                 { .first_name = "Bo", .last_name = "Diaz", .organization_name = "Foo" } };
	struct api_item out[2];

	/* in any order: each name once */
	matched(q, 2, "{\"matches\":[" PERSON("p2", "Bo", "Foo") "," PERSON("p1", "Ana", "Ex") "]}", out);
	ck_assert_int_eq(out[0].result, API_DONE);
	ck_assert_str_eq(out[0].id, "p1");
	ck_assert_str_eq(out[1].id, "p2");
	api_item_clear(&out[0]);
	api_item_clear(&out[1]);
	/* one name twice: the companies settle it */
	q[1].first_name = "Ana";
	matched(q, 2, "{\"matches\":[" PERSON("p2", "Ana", "Foo") "," PERSON("p1", "Ana", "Ex") "]}", out);
	ck_assert_str_eq(out[0].id, "p1");
	ck_assert_str_eq(out[1].id, "p2");
	api_item_clear(&out[0]);
	api_item_clear(&out[1]);
	/* the one person is the row's of its company; the other found nobody */
	q[0].organization_name = NULL;
	matched(q, 2, "{\"matches\":[null," PERSON("p2", "Ana", "Foo") "]}", out);
	ck_assert_int_eq(out[0].result, API_DONE);
	ck_assert_ptr_null(out[0].record);
	ck_assert_str_eq(out[1].id, "p2");
	api_item_clear(&out[0]);
	api_item_clear(&out[1]);
}
END_TEST

START_TEST(people_alike_are_not_guessed)
{
	struct api_person_query q[2] = { { .first_name = "Ana", .last_name = "Diaz" },
	                                 { .first_name = "Ana", .last_name = "Diaz" } };
	struct api_item out[2];

	matched(q, 2, "{\"matches\":[" PERSON("p1", "Ana", "Ex") "," PERSON("p2", "Ana", "Foo") "]}", out);
	for (int i = 0; i < 2; i++)
		expect_unconfirmed(&out[i], "these fit it: p1, p2");
	/* no matches list: no answer, not "nobody" */
	matched(q, 1, "{\"status\":\"success\"}", out);
	expect_unconfirmed(&out[0], "people/bulk_match: the reply has no matches list");
	/* a match of another shape could be anyone's: no answer either */
	matched(q, 1, "{\"matches\":[" PERSON("p1", "Ana", "Ex") ",{\"id\":\"p2\",\"organization\":\"Foo\"}]}", out);
	expect_unconfirmed(&out[0], "people/bulk_match: reply field matches[1].organization is the string \"Foo\", "
	                   "expected an object");
}
END_TEST

START_TEST(organizations_of_one_domain_are_not_guessed)
{
	const char *domains[2] = { "acme.com", "globex.com" };
	struct api_item out[2];
	cJSON *j = json("{\"organizations\":[{\"id\":\"o1\",\"primary_domain\":\"acme.com\"},"
	                "{\"id\":\"o2\",\"website_url\":\"http://www.acme.com\"},"
	                "{\"id\":\"o3\",\"primary_domain\":\"globex.com\"}]}");

	memset(out, 0, sizeof out);
	read_organizations(j, domains, 2, out);
	expect_unconfirmed(&out[0], "2 organizations in Apollo's reply have this domain (o1, o2)");
	ck_assert_int_eq(out[1].result, API_DONE);
	ck_assert_str_eq(out[1].id, "o3");
	api_item_clear(&out[1]);
	cJSON_Delete(j);
	j = json("{\"status\":\"success\"}");
	read_organizations(j, domains, 1, out);
	expect_unconfirmed(&out[0], "the reply has no organizations list");
	cJSON_Delete(j);
	j = json("{\"organizations\":[{\"id\":\"o1\",\"primary_domain\":[\"acme.com\"]}]}");
	read_organizations(j, domains, 1, out);
	expect_unconfirmed(&out[0], "organizations/bulk_enrich: reply field organizations[0].primary_domain is an "
	                   "array, expected a string");
	cJSON_Delete(j);
}
END_TEST

/* a page of the people search: no list, a field of another type, another
 * page than asked: each a failure saying so, never "nobody there" */
START_TEST(a_people_page_that_cannot_be_read)
{
	struct http_request r;
	cJSON *out = cJSON_CreateArray();
	long total = 0;

	memset(&r, 0, sizeof r);
	r.outcome = HTTP_OK;
	r.json = json("{\"total_entries\":232764882,\"people\":[{\"id\":\"p1\",\"title\":null,\"has_email\":true,"
	              "\"organization\":{\"name\":\"Kestrel\"}}]}");
	ck_assert(read_people(&r, 1, out, &total));
	ck_assert_int_eq(total, 232764882);
	ck_assert_int_eq(cJSON_GetArraySize(out), 1);
	cJSON_Delete(r.json);
	r.json = json("{\"people\":[{\"id\":\"p1\",\"has_email\":\"yes\"}]}");
	ck_assert(!read_people(&r, 1, out, &total));
	ck_assert_str_eq(r.message, "mixed_people/api_search: reply field people[0].has_email is the string \"yes\", "
	                 "expected true or false");
	cJSON_Delete(r.json);
	r.json = json("{\"people\":[],\"pagination\":{\"page\":1}}");
	ck_assert(!read_people(&r, 2, out, &total));
	ck_assert_ptr_nonnull(strstr(r.message, "asked for page 2, the reply is page 1"));
	cJSON_Delete(r.json);
	r.json = json("{\"people\":null}");
	ck_assert(!read_people(&r, 1, out, &total));
	ck_assert_str_eq(r.message, "mixed_people/api_search: the reply has no people list");
	cJSON_Delete(r.json);
	cJSON_Delete(out);
}
END_TEST

/* ---- names on the command line ---- */

/* a mailbox read once for the run: an address connected twice is refused */
START_TEST(a_mailbox_address_held_twice_is_refused)
{
	struct resolver rv;
	const char *names[1] = { "rep@ex.com" };
	char ids[1][64];

	resolver_init(&rv, NULL);
	rv.mailboxes.items = json("[{\"id\":\"m1\",\"email\":\"rep@ex.com\",\"active\":false},"
	                          "{\"id\":\"m2\",\"email\":\"REP@ex.com\",\"active\":true}]");
	ck_assert_int_eq(resolve_mailboxes(&rv, names, 1, ids), EXIT_CONFIG);
	ck_assert_ptr_nonnull(strstr(rv.error, "2 mailboxes have this address"));
	ck_assert_ptr_nonnull(strstr(rv.error, "m1  (not active)"));
	ck_assert_ptr_nonnull(strstr(rv.error, "m2"));
	/* the id settles it */
	names[0] = "m2";
	ck_assert_int_eq(resolve_mailboxes(&rv, names, 1, ids), EXIT_OK);
	ck_assert_str_eq(ids[0], "m2");
	resolver_free(&rv);
}
END_TEST

/* the ids a message names: each once, an empty one as "(no id)" (an
 * empty id once made the check for "already there" loop for ever) */
START_TEST(ids_named_in_a_message)
{
	char ids[64] = "";
	int n = api_add_id(ids, sizeof ids, 0, "p1");
	n = api_add_id(ids, sizeof ids, n, "");
	n = api_add_id(ids, sizeof ids, n, "");
	n = api_add_id(ids, sizeof ids, n, "p1");
	n = api_add_id(ids, sizeof ids, n, "p\n2");
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(ids, "p1, (no id), p?2");
}
END_TEST

/* names from Apollo in a message: one line each, no terminal escape */
START_TEST(names_from_a_reply_in_a_message)
{
	char buf[2048];
	cJSON *list = json("[{\"id\":\"s1\",\"name\":\"Q4 Outbound\\n\\u001b[2Jwiped\"}]");
	sequence_not_found(buf, sizeof buf, "Q4 Outbond", list, false);
	ck_assert_msg(strstr(buf, "\n  s1  Q4 Outbound??[2Jwiped") != NULL, "%s", buf);
	ck_assert_ptr_null(strchr(buf, '\x1b'));
	cJSON_Delete(list);
}
END_TEST

/* ---- tasks and deals: a 200, and the look for a create whose answer was lost ---- */

/* a 200 that does not show the task: not refused (it may be there), not made */
START_TEST(a_task_the_reply_does_not_show_is_unconfirmed)
{
	struct api_task t[2] = { { .contact_id = "c1", .type = "call" }, { .contact_id = "c2", .type = "call" } };
	struct tasks_ctx ctx = { t, NULL, NULL };
	size_t idx[2] = { 0, 1 };
	struct unit bulk = { idx, 2, true }, one = { idx + 1, 1, false };
	struct api_item out[2];
	cJSON *j = json("{\"success\":true,\"tasks\":[{\"id\":\"t1\",\"contact_id\":\"c1\",\"type\":\"call\"}]}");

	memset(out, 0, sizeof out);
	read_reply(&ctx, &bulk, j, out);
	ck_assert_int_eq(out[0].result, API_CREATED);
	ck_assert_str_eq(out[0].id, "t1");
	expect_unconfirmed(&out[1], "look in Apollo");
	/* a single create answered without its task */
	read_reply(&ctx, &one, j, out);
	expect_unconfirmed(&out[1], "Apollo's reply has no task for this contact");
	api_item_clear(&out[0]);
	cJSON_Delete(j);
}
END_TEST

/* a task in the reply that is not the row's (another contact, type, due
 * time or note) is never taken for it: the documented create-a-task
 * example answers every create with one task */
START_TEST(a_task_of_other_content_is_not_the_rows)
{
	struct api_task t[2] = { { .contact_id = "c1", .type = "call", .due_at = "2025-02-15T10:00:00Z",
	                           .note = "Agenda" },
	                         { .contact_id = "c1", .type = "action_item", .due_at = "2025-03-01T00:00:00Z" } };
	struct tasks_ctx ctx = { t, NULL, NULL };
	size_t idx[2] = { 0, 1 };
	struct unit first = { idx, 1, false }, second = { idx + 1, 1, false }, bulk = { idx, 2, true };
	struct api_item out[2];
	cJSON *j = json("{\"task\":{\"id\":\"t1\",\"contact_id\":\"c1\",\"type\":\"call\",\"note\":\"Agenda\","
	                "\"due_at\":\"2025-02-15T10:00:00.000+00:00\",\"title\":\"Apollo's own title\"}}");

	memset(out, 0, sizeof out);
	read_reply(&ctx, &first, j, out);
	ck_assert_int_eq(out[0].result, API_CREATED);
	ck_assert_str_eq(out[0].id, "t1");
	read_reply(&ctx, &second, j, out);
	expect_unconfirmed(&out[1], "Apollo's reply shows another task, t1 (contact c1, type call");
	api_item_clear(&out[0]);
	cJSON_Delete(j);
	/* one task of a bulk reply with a field of another type: the rows no
	 * well-formed task confirms say which field */
	j = json("{\"success\":true,\"tasks\":[{\"id\":\"t1\",\"contact_id\":\"c1\",\"type\":\"call\","
	         "\"note\":\"Agenda\",\"due_at\":\"2025-02-15T10:00:00Z\"},{\"id\":\"t2\",\"contact_id\":[\"c1\"]}]}");
	memset(out, 0, sizeof out);
	read_reply(&ctx, &bulk, j, out);
	ck_assert_int_eq(out[0].result, API_CREATED);
	expect_unconfirmed(&out[1], "tasks/bulk_create: reply field tasks[1].contact_id is an array, expected a string");
	api_item_clear(&out[0]);
	cJSON_Delete(j);
}
END_TEST

/* fits: the record's "row" is the item's index (or "any") */
static bool row_fits(const void *ctx, size_t i, const cJSON *record, double since)
{
	char want[8];
	(void)ctx;
	(void)since;
	snprintf(want, sizeof want, "%zu", i);
	return strcmp(api_str(record, "row"), want) == 0 || strcmp(api_str(record, "row"), "any") == 0;
}

START_TEST(a_look_takes_one_record_and_refuses_several)
{
	cJSON *found = json("[{\"id\":\"d1\",\"row\":\"0\"},{\"id\":\"d2\",\"row\":\"1\"},"
	                    "{\"id\":\"d3\",\"row\":\"1\"},{\"id\":\"d4\",\"row\":\"3\"}]");
	size_t idx[3] = { 0, 1, 2 };
	struct api_item out[3];

	memset(out, 0, sizeof out);
	out[1].message = strdup("timed out");
	api_once_found(found, idx, 3, 0, "deal", row_fits, NULL, out, NULL);
	ck_assert_int_eq(out[0].result, API_CREATED);
	ck_assert_str_eq(out[0].id, "d1");
	ck_assert_str_eq(out[0].reason, "found");
	/* two fit: neither is taken for it, both are named */
	ck_assert_int_eq(out[1].result, API_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(out[1].message, "timed out; Apollo holds 2 deals"));
	ck_assert_ptr_nonnull(strstr(out[1].message, "(d2, d3)"));
	ck_assert_int_eq(out[2].result, API_NONE);
	for (int i = 0; i < 3; i++)
		api_item_clear(&out[i]);
	cJSON_Delete(found);
	/* a record is given to one item only */
	found = json("[{\"id\":\"d9\",\"row\":\"any\"}]");
	memset(out, 0, sizeof out);
	api_once_found(found, idx, 2, 0, "deal", row_fits, NULL, out, NULL);
	ck_assert_int_eq(out[0].result, API_CREATED);
	ck_assert_int_eq(out[1].result, API_NONE);
	api_item_clear(&out[0]);
	cJSON_Delete(found);
}
END_TEST

static Suite *replies_suite(void)
{
	Suite *s = suite_create("replies");
	TCase *tc = tcase_create("replies");
	tcase_add_test(tc, pages_as_apollo_counts_them);
	tcase_add_test(tc, no_count_and_a_full_page_reads_on);
	tcase_add_test(tc, a_list_past_the_cap_is_not_cut_short);
	tcase_add_test(tc, contacts_of_one_name);
	tcase_add_test(tc, contacts_the_reply_does_not_settle);
	tcase_add_test(tc, contacts_with_a_field_of_another_type);
	tcase_add_test(tc, a_page_that_is_not_the_one_asked_for);
	tcase_add_test(tc, accounts_of_one_domain_are_not_guessed);
	tcase_add_test(tc, accounts_are_sent_with_their_fields_and_lists);
	tcase_add_test(tc, an_account_update_is_what_the_reply_shows);
	tcase_add_test(tc, an_enrolment_is_what_the_reply_shows);
	tcase_add_test(tc, an_enrolment_the_reply_dates_before_the_run);
	tcase_add_test(tc, an_update_is_what_the_reply_shows);
	tcase_add_test(tc, people_are_matched_by_what_tells_them_apart);
	tcase_add_test(tc, people_alike_are_not_guessed);
	tcase_add_test(tc, organizations_of_one_domain_are_not_guessed);
	tcase_add_test(tc, a_people_page_that_cannot_be_read);
	tcase_add_test(tc, a_mailbox_address_held_twice_is_refused);
	tcase_add_test(tc, names_from_a_reply_in_a_message);
	tcase_add_test(tc, ids_named_in_a_message);
	tcase_add_test(tc, a_task_the_reply_does_not_show_is_unconfirmed);
	tcase_add_test(tc, a_task_of_other_content_is_not_the_rows);
	tcase_add_test(tc, a_look_takes_one_record_and_refuses_several);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(replies_suite());
}
