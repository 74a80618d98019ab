/* fuzz_clean.c - libFuzzer target: value clean-up and checks on any bytes:
 * clean_* (src/clean.c), validate_email (src/validate.c), split_full_name
 * (src/mapping.c), parse_instant, parse_instant_precise, parse_clock and
 * zone_known (src/start_time.c). The whole input is the value, both as
 * (pointer, length) and as a C string (cut at the first NUL), the way a
 * cell reaches them; validate_email also sees clean_email's output, as in
 * a run. Checks what the headers promise: a clock is a minute of the day,
 * cleaned values are C strings of their stated length. */
#include "config.h"

#include <string.h>

#include "clean.h"
#include "dynbuf.h"
#include "mapping.h"
#include "start_time.h"
#include "validate.h"
#include "fuzz.h"

static void check_buf(const struct dynbuf *b)
{
	if (b->len && strlen(b->data) != b->len)
		abort();   /* an embedded NUL or a missing terminator */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void (*const cleaners[])(const char *, size_t, struct dynbuf *) = {
		clean_text, clean_email, clean_phone, clean_domain, clean_lower, clean_match_key,
	};
	char *s = fuzz_strdup(data, size);
	size_t slen = strlen(s);
	struct dynbuf out, first, last;
	time_t t;
	double d;
	int minute;

	dynbuf_init(&out, 1 << 20);
	dynbuf_init(&first, 1 << 20);
	dynbuf_init(&last, 1 << 20);

	for (size_t i = 0; i < sizeof cleaners / sizeof cleaners[0]; i++) {
		cleaners[i](s, slen, &out);
		check_buf(&out);
	}
	clean_email(s, slen, &out);
	validate_email(out.len ? out.data : "");
	validate_email(s);

	split_full_name(s, &first, &last);
	check_buf(&first);
	check_buf(&last);

	if (parse_instant(s, &t)) {
		char buf[64];
		format_instant(t, buf, sizeof buf);
	}
	parse_instant_precise(s, &d);
	if (parse_clock(s, &minute) && (minute < 0 || minute >= 24 * 60))
		abort();
	zone_known(s);

	dynbuf_free(&out);
	dynbuf_free(&first);
	dynbuf_free(&last);
	free(s);
	return 0;
}
