/* test_gate.c - web/gate.c: who may ask apollo-csv serve anything. Each
 * refusal the security tests make over HTTP (tests/e2e/serve-security.sh)
 * is here as the verdict of one request, plus the corners HTTP makes
 * awkward to reach: a token one character short, a Host with the right
 * port and another name, a method nobody sends. */
#include "config.h"

#include "unit.h"
#include "web/gate.h"

static struct gate g;

static struct gate_ask ask(const char *method, const char *path)
{
	struct gate_ask a = { .method = method, .path = path, .host = "127.0.0.1:8123", .cookie_token = g.token };
	if (strcmp(method, "POST") == 0)
		a.csrf = "1";
	return a;
}

static void setup(void)
{
	ck_assert(gate_init(&g, NULL, 8123));
}

START_TEST(token_is_fresh_hex)
{
	struct gate other;
	ck_assert_uint_eq(strlen(g.token), GATE_TOKEN_LEN);
	ck_assert_uint_eq(strspn(g.token, "0123456789abcdef"), GATE_TOKEN_LEN);
	ck_assert(gate_init(&other, NULL, 8123));
	ck_assert_str_ne(g.token, other.token);
}
END_TEST

START_TEST(the_page_with_its_session_passes)
{
	struct gate_ask a = ask("GET", "/api/state");
	ck_assert_int_eq(gate_check(&g, &a), GATE_PASS);
	a.host = "localhost:8123";
	ck_assert_int_eq(gate_check(&g, &a), GATE_PASS);
	a = ask("POST", "/api/run");
	ck_assert_int_eq(gate_check(&g, &a), GATE_PASS);
	a.origin = "http://127.0.0.1:8123";
	ck_assert_int_eq(gate_check(&g, &a), GATE_PASS);
	a.origin = "http://localhost:8123";
	ck_assert_int_eq(gate_check(&g, &a), GATE_PASS);
}
END_TEST

START_TEST(the_printed_address_sets_the_cookie)
{
	struct gate_ask a = ask("GET", "/");
	a.cookie_token = NULL;
	a.query_token = g.token;
	ck_assert_int_eq(gate_check(&g, &a), GATE_SET_COOKIE);
	/* the token in the address of anything but the page is no way in */
	a.path = "/api/state";
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_SESSION);
	a.path = "/";
	a.query_token = "0123";
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_SESSION);
}
END_TEST

START_TEST(no_session_no_answer)
{
	char shorter[GATE_TOKEN_LEN + 1], longer[GATE_TOKEN_LEN + 2];
	struct gate_ask a = ask("GET", "/api/state");
	a.cookie_token = NULL;
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_SESSION);
	snprintf(shorter, sizeof shorter, "%.*s", GATE_TOKEN_LEN - 1, g.token);
	a.cookie_token = shorter;
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_SESSION);
	snprintf(longer, sizeof longer, "%s0", g.token);
	a.cookie_token = longer;
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_SESSION);
	a.cookie_token = "";
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_SESSION);
	/* the static page too: nothing is shown without the session */
	a = ask("GET", "/app.js");
	a.cookie_token = NULL;
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_SESSION);
}
END_TEST

START_TEST(another_host_is_refused_first)
{
	const char *hosts[] = { "evil.example:8123", "127.0.0.1:8124", "127.0.0.1", "localhost", "127.0.0.2:8123",
	                        "127.0.0.1:8123.evil.example", "" };
	for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++) {
		struct gate_ask a = ask("GET", "/api/state");
		a.host = hosts[i];
		ck_assert_msg(gate_check(&g, &a) == GATE_BAD_HOST, "Host %s passed", hosts[i]);
	}
	struct gate_ask a = ask("GET", "/api/state");
	a.host = NULL;
	ck_assert_int_eq(gate_check(&g, &a), GATE_BAD_HOST);
}
END_TEST

START_TEST(a_change_needs_the_header_and_our_origin)
{
	struct gate_ask a = ask("POST", "/api/run");
	a.csrf = NULL;
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_CSRF);
	a.csrf = "0";
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_CSRF);
	a.csrf = "1";
	a.origin = "http://evil.example";
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_CSRF);
	a.origin = "http://127.0.0.1:8124";
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_CSRF);
	a.origin = "null";
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_CSRF);
	/* and the session still */
	a = ask("POST", "/api/run");
	a.cookie_token = NULL;
	ck_assert_int_eq(gate_check(&g, &a), GATE_NO_SESSION);
}
END_TEST

START_TEST(other_methods_are_refused)
{
	const char *methods[] = { "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT" };
	for (size_t i = 0; i < sizeof methods / sizeof *methods; i++) {
		struct gate_ask a = ask(methods[i], "/api/run");
		a.csrf = "1";
		ck_assert_msg(gate_check(&g, &a) == GATE_BAD_METHOD, "%s passed", methods[i]);
	}
	ck_assert_str_ne(gate_refusal(GATE_BAD_METHOD), "");
}
END_TEST

START_TEST(listen_adds_its_address)
{
	struct gate l;
	struct gate_ask a = ask("GET", "/api/state");
	ck_assert(gate_init(&l, "192.168.1.5", 9000));
	a.cookie_token = l.token;
	a.host = "192.168.1.5:9000";
	ck_assert_int_eq(gate_check(&l, &a), GATE_PASS);
	ck_assert(gate_init(&l, "::1", 9000));
	a.cookie_token = l.token;
	a.host = "[::1]:9000";
	ck_assert_int_eq(gate_check(&l, &a), GATE_PASS);
	a.host = "192.168.1.5:9000";
	ck_assert_int_eq(gate_check(&l, &a), GATE_BAD_HOST);
}
END_TEST

START_TEST(same_compares_whole_strings)
{
	ck_assert(gate_same("abc", "abc"));
	ck_assert(!gate_same("abc", "abd"));
	ck_assert(!gate_same("abc", "ab"));
	ck_assert(!gate_same("ab", "abc"));
	ck_assert(!gate_same("", "a"));
	ck_assert(!gate_same("a", ""));
	ck_assert(gate_same("", ""));
}
END_TEST

static Suite *gate_suite(void)
{
	Suite *s = suite_create("gate");
	TCase *t = tcase_create("gate");

	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, token_is_fresh_hex);
	tcase_add_test(t, the_page_with_its_session_passes);
	tcase_add_test(t, the_printed_address_sets_the_cookie);
	tcase_add_test(t, no_session_no_answer);
	tcase_add_test(t, another_host_is_refused_first);
	tcase_add_test(t, a_change_needs_the_header_and_our_origin);
	tcase_add_test(t, other_methods_are_refused);
	tcase_add_test(t, listen_adds_its_address);
	tcase_add_test(t, same_compares_whole_strings);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return unit_run(gate_suite());
}
