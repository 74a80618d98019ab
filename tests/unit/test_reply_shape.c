/* test_reply_shape.c - the check of a reply's field types (apollo/reply_shape.h):
 * what Apollo documents is taken (nulls, numbers as strings, floats,
 * "loading"), anything else is one message naming the endpoint and the
 * field, and a number is never read out of text that is not one. */
#include "apollo/api.h"
#include "apollo/reply_shape.h"
#include "unit.h"

static cJSON *json(const char *text)
{
	cJSON *j = cJSON_Parse(text);
	ck_assert_msg(j != NULL, "not JSON: %s", text);
	return j;
}

/* reply_shape on text: true, or false with rc.message holding `words` */
static void expect(const char *text, const char *spec, bool ok, const char *words)
{
	struct reply_check rc;
	cJSON *j = json(text);
	reply_check_init(&rc, "contacts/bulk_create");
	ck_assert_msg(reply_shape(&rc, j, "", spec) == ok, "%s against %s: %s", text, spec,
	              rc.message[0] ? rc.message : "(no message)");
	if (words)
		ck_assert_msg(strstr(rc.message, words), "message \"%s\", not \"%s\"", rc.message, words);
	else
		ck_assert_str_eq(rc.message, "");
	cJSON_Delete(j);
}

START_TEST(the_brief_example)
{
	expect("{\"created_contacts\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"},{\"id\":7}]}",
	       "{created_contacts:[{id!:s}]}", false,
	       "contacts/bulk_create: reply field created_contacts[3].id is a number, expected a string");
}
END_TEST

/* null and absent are fine for any field not marked !; a ! field must be there */
START_TEST(nulls_are_documented)
{
	expect("{\"email\":null,\"title\":null}", "{email:s,title:s,phone:s}", true, NULL);
	expect("{\"id\":null}", "{id!:s}", false, "reply field id is null, expected a string");
	expect("{}", "{id!:s}", false, "reply field id is missing, expected a string");
	expect("{\"pagination\":null}", "{pagination:{page:n}}", true, NULL);
	expect("{\"contacts\":null}", "{contacts:[{id!:s}]}", true, NULL);
}
END_TEST

/* page numbers: numbers or strings of digits (users/search sends "1") */
START_TEST(numbers_as_strings)
{
	expect("{\"page\":\"1\",\"per_page\":\"3\",\"total_pages\":8}", "{page:n,per_page:n,total_pages:n}", true, NULL);
	expect("{\"page\":\"one\"}", "{page:n}", false, "reply field page is the string \"one\", expected a whole number");
	expect("{\"page\":\"\"}", "{page:n}", false, "expected a whole number");
	expect("{\"page\":2.5}", "{page:n}", false, "reply field page is the number 2.5, expected a whole number");
	expect("{\"page\":1e300}", "{page:n}", false, "expected a whole number");
	expect("{\"page\":true}", "{page:n}", false, "reply field page is true, expected a whole number");
}
END_TEST

/* credits and rates are fractions; metrics may be "loading" */
START_TEST(floats_and_loading)
{
	expect("{\"credits_consumed\":0.5,\"c2\":\"1.25\"}", "{credits_consumed:f,c2:f}", true, NULL);
	expect("{\"open_rate\":0.526,\"unique_opened\":\"loading\",\"reply_rate\":\"0.1\"}",
	       "{open_rate:m,unique_opened:m,reply_rate:m}", true, NULL);
	expect("{\"open_rate\":\"n/a\"}", "{open_rate:m}", false,
	       "reply field open_rate is the string \"n/a\", expected a number or \"loading\"");
	expect("{\"credits_consumed\":\"loading\"}", "{credits_consumed:f}", false, "expected a number");
	expect("{\"unique_opened\":[1]}", "{unique_opened:m}", false, "is an array, expected a number or \"loading\"");
}
END_TEST

/* the wrong kind of value where an object, an array or a string was */
START_TEST(wrong_types)
{
	expect("{\"created_contacts\":[\"c0a100000000000000000011\"]}", "{created_contacts:[{id!:s}]}", false,
	       "reply field created_contacts[0] is the string \"c0a100000000000000000011\", expected an object");
	expect("{\"created_contacts\":{\"id\":\"x\"}}", "{created_contacts:[{id!:s}]}", false,
	       "reply field created_contacts is an object, expected an array");
	expect("{\"contact\":[{\"id\":\"x\"}]}", "{contact:{id!:s}}", false,
	       "reply field contact is an array, expected an object");
	expect("{\"email\":false}", "{email:s}", false, "reply field email is false, expected a string");
	expect("{\"active\":\"true\"}", "{active:b}", false, "reply field active is the string \"true\", expected true or false");
	expect("[1]", "{id:s}", false, "reply field (the reply itself) is an array, expected an object");
}
END_TEST

/* every member of an object (skipped_contact_ids: id -> reason code) */
START_TEST(every_member)
{
	expect("{\"skipped\":{\"a\":\"contact_not_found\",\"b\":\"contacts_without_email\"}}", "{skipped:{*:s}}", true,
	       NULL);
	expect("{\"skipped\":{\"a\":\"contact_not_found\",\"b\":3}}", "{skipped:{*:s}}", false,
	       "reply field skipped.b is a number, expected a string");
	expect("{\"skipped\":[\"a\"]}", "{skipped:{*:s}}", false, "reply field skipped is an array, expected an object");
	/* a member's name is Apollo's: quoted on one line (found by fuzz_api) */
	expect("{\"skipped\":{\"\\nc1\":[]}}", "{skipped:{*:s}}", false,
	       "reply field skipped.?c1 is an array, expected a string");
}
END_TEST

/* nested lists report the path down to the field; the first mismatch is kept */
START_TEST(paths_and_the_first_mismatch)
{
	expect("{\"contacts\":[{\"id\":\"c1\",\"contact_campaign_statuses\":[{\"status\":\"active\"},"
	       "{\"status\":{\"x\":1}}]}],\"other\":5}",
	       "{contacts:[{id!:s,contact_campaign_statuses:[{status:s}]}],other:s}", false,
	       "reply field contacts[0].contact_campaign_statuses[1].status is an object, expected a string");
	/* members the spec does not name are not looked at */
	expect("{\"id\":\"x\",\"whatever\":[1,{}]}", "{id:s}", true, NULL);
	expect("{\"x\":[1,\"2\"]}", "{x:a,y:o,z:*}", true, NULL);
}
END_TEST

START_TEST(a_member_alone)
{
	struct reply_check rc;
	cJSON *j = json("{\"task\":{\"id\":\"t1\",\"contact_id\":12}}");
	reply_check_init(&rc, "tasks");
	ck_assert(reply_member(&rc, j, "", "task", "{id!:s}"));
	ck_assert(!reply_member(&rc, j, "", "task", "{contact_id:s}"));
	ck_assert_str_eq(rc.message, "tasks: reply field task.contact_id is a number, expected a string");
	reply_check_init(&rc, "opportunities");
	ck_assert(!reply_member(&rc, j, "", "opportunity", "!{id!:s}"));
	ck_assert_str_eq(rc.message, "opportunities: reply field opportunity is missing, expected an object");
	cJSON_Delete(j);
}
END_TEST

/* a spec the code got wrong says so, never passes */
START_TEST(a_bad_spec_is_a_bug)
{
	expect("{\"id\":\"x\"}", "{id:q}", false, "(a bug)");
	expect("{\"id\":\"x\"}", "{id:s", false, "(a bug)");
	expect("{\"l\":[\"x\"]}", "{l:[s}", false, "(a bug)");
}
END_TEST

/* the copy a reader matches against: what does not fit is left out */
START_TEST(the_usable_part_of_a_reply)
{
	static const struct reply_part parts[] = {
		{ "contacts", "{id!:s,email:s}", true },
		{ "skipped", "{*:s}", false },
		{ "job", "{id:s}", false },
	};
	struct reply_check rc;
	cJSON *j = json("{\"contacts\":[{\"id\":\"a\"},{\"id\":1},\"b\",{\"id\":\"c\",\"email\":null}],"
	                "\"skipped\":[\"x\"],\"job\":{\"id\":\"j1\"},\"other\":[1]}"), *u;
	char *text;

	reply_check_init(&rc, "x/y");
	u = reply_usable(&rc, j, parts, 3);
	ck_assert_ptr_nonnull(u);
	text = cJSON_PrintUnformatted(u);
	ck_assert_str_eq(text, "{\"contacts\":[{\"id\":\"a\"},{\"id\":\"c\",\"email\":null}],\"job\":{\"id\":\"j1\"},"
	                 "\"other\":[1]}");
	ck_assert_str_eq(rc.message, "x/y: reply field contacts[1].id is a number, expected a string");
	free(text);
	cJSON_Delete(u);
	/* a list that is no list is left out whole */
	cJSON_Delete(j);
	j = json("{\"contacts\":{\"id\":\"a\"}}");
	reply_check_init(&rc, "x/y");
	u = reply_usable(&rc, j, parts, 3);
	ck_assert_ptr_null(cJSON_GetObjectItem(u, "contacts"));
	ck_assert_str_eq(rc.message, "x/y: reply field contacts is an object, expected an array");
	cJSON_Delete(u);
	cJSON_Delete(j);
	/* a reply that is no object has no usable part */
	j = json("[]");
	ck_assert_ptr_null(reply_usable(&rc, j, parts, 3));
	cJSON_Delete(j);
}
END_TEST

/* a reply's text in a message: one line, no terminal escape, cut short
 * without half a letter */
START_TEST(a_reply_text_quoted)
{
	char buf[32];
	ck_assert_str_eq(reply_quote("7a5c00\n\n\x1b[31mred", 40, buf, sizeof buf), "7a5c00???[31mred");
	ck_assert_str_eq(reply_quote("Inês Carvalho", 3, buf, sizeof buf), "In...");
	ck_assert_str_eq(reply_quote("Inês", 4, buf, sizeof buf), "Inê...");
	ck_assert_str_eq(reply_quote("abcdefghijklmnopqrstuvwxyz0123456789", 100, buf, sizeof buf),
	                 "abcdefghijklmnopqrstuvwxyz01...");
	ck_assert_str_eq(reply_quote("", 10, buf, sizeof buf), "");
}
END_TEST

static Suite *shape_suite(void)
{
	Suite *s = suite_create("reply_shape");
	TCase *tc = tcase_create("reply_shape");
	tcase_add_test(tc, the_brief_example);
	tcase_add_test(tc, nulls_are_documented);
	tcase_add_test(tc, numbers_as_strings);
	tcase_add_test(tc, floats_and_loading);
	tcase_add_test(tc, wrong_types);
	tcase_add_test(tc, every_member);
	tcase_add_test(tc, paths_and_the_first_mismatch);
	tcase_add_test(tc, a_member_alone);
	tcase_add_test(tc, a_bad_spec_is_a_bug);
	tcase_add_test(tc, the_usable_part_of_a_reply);
	tcase_add_test(tc, a_reply_text_quoted);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(shape_suite());
}
