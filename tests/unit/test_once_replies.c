/* test_once_replies.c - what the tool makes of the replies about one record:
 * a deal's create (POST opportunities) and a contact's place in a sequence
 * (GET contacts/{id}). The documented examples answer every create with one
 * deal and every look-up with one contact, so a reply is taken only when it
 * is the record asked about.
 *
 * The readers are static: as test_replies.c does, this file compiles their
 * sources (src/apollo/deals.c, memberships.c) into itself. */
#include "../../src/apollo/deals.c"
#include "../../src/apollo/memberships.c"

#include "unit.h"

static cJSON *json(const char *text)
{
	cJSON *j = cJSON_Parse(text);
	ck_assert_msg(j != NULL, "not JSON: %s", text);
	return j;
}

/* on_reply for deal `item` of deals[], the reply `text` */
static void deal_answered(const struct api_deal *deals, size_t item, const char *text, struct api_item *out)
{
	struct deals_ctx ctx = { deals, NULL };
	struct once_job job = { "deal", send_round, look, &ctx, NULL, NULL };
	struct deal_reply dr = { &job, item, out };
	struct http_request r;

	memset(&r, 0, sizeof r);
	ctx.job = &job;
	r.outcome = HTTP_OK;
	r.json = json(text);
	memset(&out[item], 0, sizeof out[item]);
	on_reply(&r, &dr);
	cJSON_Delete(r.json);
}

#define DEAL "{\"opportunity\":{\"id\":\"dea100000000000000000001\",\"name\":\"Harbourline Fleet Rebrand\"," \
	"\"account_id\":\"acc000000000000000000013\",\"amount\":99999999,\"closed_date\":null," \
	"\"opportunity_stage_id\":\"d5a900000000000000000001\",\"owner_id\":\"7a1e00000000000000000001\"}}"

START_TEST(a_deal_is_the_one_sent_or_none)
{
	struct api_deal d[3] = {
		{ .name = "Harbourline Fleet Rebrand", .account_id = "acc000000000000000000013", .amount = "99999999",
		  .stage_id = "d5a900000000000000000001", .owner_id = "7a1e00000000000000000001" },
		{ .name = "Saltmarsh Spring Refresh", .account_id = "acc000000000000000000021", .amount = "12000" },
		{ .name = "Harbourline Fleet Rebrand", .account_id = "acc000000000000000000013", .amount = "99999999",
		  .closed_date = "2026-10-15" },
	};
	struct api_item out[3];

	deal_answered(d, 0, DEAL, out);
	ck_assert_int_eq(out[0].result, API_CREATED);
	ck_assert_str_eq(out[0].id, "dea100000000000000000001");
	/* another deal's reply is never this row's, whatever its id */
	deal_answered(d, 1, DEAL, out);
	ck_assert_int_eq(out[1].result, API_UNCONFIRMED);
	ck_assert_ptr_nonnull(strstr(out[1].message, "Apollo's reply shows another deal, dea100000000000000000001 "
	                             "\"Harbourline Fleet Rebrand\", not this row's"));
	ck_assert_str_eq(out[1].id, "");
	/* nor is one without the close date sent */
	deal_answered(d, 2, DEAL, out);
	ck_assert_int_eq(out[2].result, API_UNCONFIRMED);
	for (int i = 0; i < 3; i++)
		api_item_clear(&out[i]);
	/* the amount as a string of digits is the same amount */
	deal_answered(d, 0, "{\"opportunity\":{\"id\":\"x1\",\"name\":\"Harbourline Fleet Rebrand\",\"account_id\":"
	              "\"acc000000000000000000013\",\"amount\":\"99999999.00\",\"opportunity_stage_id\":"
	              "\"d5a900000000000000000001\",\"owner_id\":\"7a1e00000000000000000001\"}}", out);
	ck_assert_int_eq(out[0].result, API_CREATED);
	api_item_clear(&out[0]);
}
END_TEST

START_TEST(a_deal_reply_of_another_shape)
{
	struct api_deal d[1] = { { .name = "N", .account_id = "a" } };
	struct api_item out[1];

	deal_answered(d, 0, "{\"opportunity\":{\"id\":42,\"name\":\"N\",\"account_id\":\"a\"}}", out);
	ck_assert_int_eq(out[0].result, API_UNCONFIRMED);
	ck_assert_ptr_nonnull(strstr(out[0].message, "opportunities: reply field opportunity.id is a number, "
	                             "expected a string"));
	api_item_clear(&out[0]);
	deal_answered(d, 0, "{\"opportunity\":\"dea100000000000000000001\"}", out);
	ck_assert_ptr_nonnull(strstr(out[0].message, "reply field opportunity is the string"));
	api_item_clear(&out[0]);
	deal_answered(d, 0, "{\"opportunity\":{\"id\":\"x\",\"name\":\"N\",\"account_id\":\"a\",\"amount\":\"a lot\"}}",
	              out);
	ck_assert_ptr_nonnull(strstr(out[0].message, "reply field opportunity.amount is the string \"a lot\", "
	                             "expected a number"));
	api_item_clear(&out[0]);
	deal_answered(d, 0, "{\"success\":true}", out);
	ck_assert_ptr_nonnull(strstr(out[0].message, "Apollo's reply has no deal in it"));
	api_item_clear(&out[0]);
}
END_TEST

/* GET contacts/{id}: another contact's statuses are not this one's */
START_TEST(a_membership_is_the_contacts_asked_about)
{
	struct api_membership m;
	const char *in = "{\"contact\":{\"id\":\"c1\",\"contact_campaign_statuses\":[{\"emailer_campaign_id\":\"s1\","
	                 "\"status\":\"finished\",\"added_at\":\"2025-07-16T22:42:57.372+00:00\"}]}}";
	cJSON *j = json(in);

	memset(&m, 0, sizeof m);
	read_membership(j, "c1", "s1", &m);
	ck_assert_int_eq(m.state, API_MEMBER_IN);
	ck_assert_str_eq(m.status, "finished");
	memset(&m, 0, sizeof m);
	read_membership(j, "c2", "s1", &m);
	ck_assert_int_eq(m.state, API_MEMBER_UNKNOWN);
	memset(&m, 0, sizeof m);
	read_membership(j, "c1", "s2", &m);
	ck_assert_int_eq(m.state, API_MEMBER_NOT_IN);
	cJSON_Delete(j);
	/* the documented view of a contact shows no statuses: nothing known */
	j = json("{\"contact\":{\"id\":\"c1\",\"emailer_campaign_ids\":[]}}");
	memset(&m, 0, sizeof m);
	read_membership(j, "c1", "s1", &m);
	ck_assert_int_eq(m.state, API_MEMBER_UNKNOWN);
	cJSON_Delete(j);
	/* a status of another type tells nothing either */
	j = json("{\"contact\":{\"id\":\"c1\",\"contact_campaign_statuses\":[{\"emailer_campaign_id\":\"s1\","
	         "\"status\":3}]}}");
	memset(&m, 0, sizeof m);
	read_membership(j, "c1", "s1", &m);
	ck_assert_int_eq(m.state, API_MEMBER_UNKNOWN);
	cJSON_Delete(j);
}
END_TEST

static Suite *once_suite(void)
{
	Suite *s = suite_create("once_replies");
	TCase *tc = tcase_create("once_replies");
	tcase_add_test(tc, a_deal_is_the_one_sent_or_none);
	tcase_add_test(tc, a_deal_reply_of_another_shape);
	tcase_add_test(tc, a_membership_is_the_contacts_asked_about);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(once_suite());
}
