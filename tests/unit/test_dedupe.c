/* test_dedupe.c - rows/dedupe.h: the in-file duplicate set. */
#include "rows/dedupe.h"
#include "unit.h"

static struct dedupe_set set;

static void set_setup(void)
{
	dedupe_init(&set);
}

static void set_teardown(void)
{
	dedupe_free(&set);
}

static unsigned long add(const char *key, unsigned long row)
{
	return dedupe_check_add(&set, key, strlen(key), row);
}

static size_t key_of(char *buf, size_t size, unsigned long i)
{
	return (size_t)snprintf(buf, size, "prospect%lu@example.com", i);
}

START_TEST(new_keys_return_zero)
{
	ck_assert_uint_eq(add("ana@x.com", 1), 0);
	ck_assert_uint_eq(add("bob@x.com", 2), 0);
	ck_assert_uint_eq(add("ana diaz quillmetrics", 3), 0);
	ck_assert_uint_eq(set.used, 3);
}
END_TEST

START_TEST(repeats_return_the_first_row)
{
	ck_assert_uint_eq(add("ana@x.com", 1), 0);
	ck_assert_uint_eq(add("bob@x.com", 2), 0);
	ck_assert_uint_eq(add("ana@x.com", 3), 1);
	ck_assert_uint_eq(add("ana@x.com", 4), 1);      /* still the first, not 3 */
	ck_assert_uint_eq(add("bob@x.com", 5), 2);
	ck_assert_uint_eq(set.used, 2);
}
END_TEST

START_TEST(keys_differing_by_one_byte_are_distinct)
{
	ck_assert_uint_eq(add("ana@x.com", 1), 0);
	ck_assert_uint_eq(add("ana@x.co", 2), 0);
	ck_assert_uint_eq(add("Ana@x.com", 3), 0);        /* normalising is the caller's job */
	ck_assert_uint_eq(add("", 4), 0);
	ck_assert_uint_eq(add("", 5), 4);
}
END_TEST

START_TEST(key_length_is_respected)
{
	/* only the first len bytes are the key */
	ck_assert_uint_eq(dedupe_check_add(&set, "ana@x.com-trailing", 9, 1), 0);
	ck_assert_uint_eq(add("ana@x.com", 2), 1);
}
END_TEST

START_TEST(hash_is_stable_and_never_zero)
{
	ck_assert(dedupe_hash("ana@x.com", 9) == dedupe_hash("ana@x.com", 9));
	ck_assert(dedupe_hash("ana@x.com", 9) != dedupe_hash("ana@x.co", 8));
	ck_assert(dedupe_hash("", 0) != 0);
}
END_TEST

START_TEST(many_distinct_keys_are_all_new_and_all_repeat)
{
	const unsigned long n = 200000;
	char key[64];

	for (unsigned long i = 1; i <= n; i++) {
		size_t len = key_of(key, sizeof key, i);
		unsigned long got = dedupe_check_add(&set, key, len, i);
		ck_assert_msg(got == 0, "key %lu taken for a duplicate of row %lu", i, got);
	}
	ck_assert_uint_eq(set.used, n);
	for (unsigned long i = 1; i <= n; i++) {
		size_t len = key_of(key, sizeof key, i);
		unsigned long got = dedupe_check_add(&set, key, len, n + i);
		ck_assert_msg(got == i, "repeat of key %lu gave row %lu", i, got);
	}
	ck_assert_uint_eq(set.used, n);
}
END_TEST

/* 12 bytes a slot, each part 3/4 to 7/8 full: under 16 bytes a key once
 * the parts have grown (from a few thousand keys), never less than 12;
 * before that, the parts' first sizes (64 to 127 slots) at most. */
static void memory_per_key_at(unsigned long n)
{
	char key[64];
	double per_key;

	for (unsigned long i = 1; i <= n; i++) {
		size_t len = key_of(key, sizeof key, i);
		ck_assert_uint_eq(dedupe_check_add(&set, key, len, i), 0);
	}
	ck_assert_uint_eq(set.used, n);
	per_key = (double)dedupe_bytes(&set) / (double)set.used;
	if (n >= 6000)
		ck_assert_msg(per_key < 16.0, "%lu keys: %.2f bytes a key", n, per_key);
	else
		ck_assert_msg(dedupe_bytes(&set) <= DEDUPE_PARTS * 127 * 12, "%lu keys: %zu bytes", n,
		              dedupe_bytes(&set));
	ck_assert_msg(per_key >= 12.0, "%lu keys: %.2f bytes a key", n, per_key);
}

START_TEST(memory_per_key_1k)
{
	memory_per_key_at(1000);
}
END_TEST

START_TEST(memory_per_key_10k)
{
	memory_per_key_at(10000);
}
END_TEST

START_TEST(memory_per_key_100k)
{
	memory_per_key_at(100000);
}
END_TEST

START_TEST(memory_per_key_1m)
{
	memory_per_key_at(1000000);
}
END_TEST

/* every count from 1 to 100,000: right after a growth a part is at its
 * emptiest, and the parts' staggered sizes keep the whole from following */
START_TEST(memory_per_key_stays_bounded_while_growing)
{
	char key[64];
	double worst = 0;
	unsigned long worst_n = 0;

	for (unsigned long i = 1; i <= 100000; i++) {
		size_t len = key_of(key, sizeof key, i);
		double per_key;
		dedupe_check_add(&set, key, len, i);
		per_key = (double)dedupe_bytes(&set) / (double)set.used;
		if (i >= 6000 && per_key > worst) {
			worst = per_key;
			worst_n = i;
		}
	}
	ck_assert_msg(worst < 16.0, "%.2f bytes a key at %lu keys", worst, worst_n);
}
END_TEST

START_TEST(free_then_reuse)
{
	ck_assert_uint_eq(add("ana@x.com", 1), 0);
	dedupe_free(&set);
	ck_assert_uint_eq(dedupe_bytes(&set), 0);
	ck_assert_uint_eq(add("ana@x.com", 7), 0);
	ck_assert_uint_eq(add("ana@x.com", 8), 7);
}
END_TEST

static Suite *dedupe_suite(void)
{
	Suite *s = suite_create("dedupe");
	TCase *basic = tcase_create("basic");
	TCase *scale = tcase_create("scale");

	tcase_add_checked_fixture(basic, set_setup, set_teardown);
	tcase_add_test(basic, new_keys_return_zero);
	tcase_add_test(basic, repeats_return_the_first_row);
	tcase_add_test(basic, keys_differing_by_one_byte_are_distinct);
	tcase_add_test(basic, key_length_is_respected);
	tcase_add_test(basic, hash_is_stable_and_never_zero);
	tcase_add_test(basic, free_then_reuse);
	suite_add_tcase(s, basic);

	tcase_add_checked_fixture(scale, set_setup, set_teardown);
	tcase_set_timeout(scale, 60);
	tcase_add_test(scale, many_distinct_keys_are_all_new_and_all_repeat);
	tcase_add_test(scale, memory_per_key_1k);
	tcase_add_test(scale, memory_per_key_10k);
	tcase_add_test(scale, memory_per_key_100k);
	tcase_add_test(scale, memory_per_key_1m);
	tcase_add_test(scale, memory_per_key_stays_bounded_while_growing);
	suite_add_tcase(s, scale);
	return s;
}

int main(void)
{
	return unit_run(dedupe_suite());
}
