/* values/sheet_values.h - values as spreadsheets write them (Excel, Google Sheets,
 * LibreOffice, CRM exports) turned into what Apollo's API takes.
 *
 * Pure functions: no I/O, no HTTP. A value that cannot be read with
 * certainty is refused: the function returns `why`, filled with a short
 * plain-English reason that quotes the value, e.g.
 *     "31/02/2026" is not a date (February has 28 days in 2026)
 * and NULL on success. 160 bytes of `why` hold every reason in full (a long
 * value is shortened in the quote). On a refusal `out` is "". */
#ifndef APOLLO_SHEET_VALUES_H
#define APOLLO_SHEET_VALUES_H

#include <stdbool.h>
#include <stddef.h>

enum date_order { DATE_AUTO, DATE_DMY, DATE_MDY, DATE_YMD };

/* "dmy", "mdy", "ymd", "auto" -> order; false when none of these */
bool date_order_from(const char *s, enum date_order *out);

/* A calendar date -> "YYYY-MM-DD". Accepts 2026-12-01, 2026/12/01,
 * 12/01/2026, 01.12.2026, 1-12-2026, two-digit years (00-29 -> 20xx,
 * 30-99 -> 19xx, as Excel), English month names and abbreviations
 * (1-Dec-2026, 1 Dec 2026, Dec 1, 2026, "Tue, 1 Dec 2026": a weekday must
 * match the date), Excel day numbers 20000..99999 (days since 1899-12-30).
 * A time part after the date ("2026-12-01 00:00:00", "T00:00:00Z") must
 * be readable and is ignored.
 *
 * Numbers with the year first (four digits first, or any with DATE_YMD)
 * are year-month-day. Otherwise DATE_DMY and DATE_MDY say which comes
 * first; DATE_AUTO takes the only reading that makes a date and refuses,
 * naming the readings, when more than one does ("03/04/2026"). With a
 * two-digit year DATE_AUTO also weighs the year-first reading, so
 * "25/12/26" (25 Dec 2026 or 26 Dec 2025) is refused as well.
 * Years before 1900 are refused. Blank -> out "" and NULL. */
const char *sheet_date(const char *s, enum date_order order, char out[11], char *why, size_t whylen);

/* A due date and time -> UTC instant "YYYY-MM-DDTHH:MM:SSZ".
 * The date as sheet_date, then optionally after a space or 'T' a time
 * ("14:30", "14:30:15", "14:30:15.250" (the fraction dropped), "2:30 PM",
 * "2:30pm") and an offset ("Z", "+02:00", "+0200", "-05", " UTC", " GMT").
 * An Excel day number with a fraction (46357.5) carries the time of day.
 * Without an offset the time is local to `zone` (an IANA name; NULL or ""
 * for UTC) under its rules on that date; no time means 00:00 there.
 * A local time the clocks skip (DST gap) is refused; one they pass twice
 * (DST fold) is the earlier instant. An unknown zone is refused.
 * Blank -> out "" and NULL. */
const char *sheet_due(const char *s, enum date_order order, const char *zone, char out[21], char *why,
                      size_t whylen);

/* A money amount -> plain digits: "50000", "1234.5" (no separators, '.' as
 * the point, no trailing zeros after it, no point when whole, no leading
 * zeros, no sign). Accepts a currency symbol or code before or after
 * ($ € £ ¥ ₹, USD EUR GBP JPY INR CHF CAD AUD), spaces, no-break spaces and
 * apostrophes grouping thousands, and the suffixes k, m/mm, b/bn (any
 * case, optionally after a space), scaled exactly.
 * decimal_comma=false: ',' groups thousands and '.' is the point;
 * true: the other way round. Groups are exactly three digits. A value the
 * other convention reads is refused with a reason saying so ("12,34",
 * "50.000,00" without --decimal-comma), and so is one that reads both ways
 * with a single separator before exactly three digits ("50.000" could be
 * 50 or 50000; "50,000" with --decimal-comma).
 * Refused: negatives ("-5", "(500)", "500-"), other letters, two numbers,
 * more than 15 significant digits, no digits. Blank -> out "" and NULL. */
const char *sheet_amount(const char *s, bool decimal_comma, char out[48], char *why, size_t whylen);

/* Apollo task fields from friendly spellings (case, spaces, '-' and '_'
 * ignored): the Apollo value, or NULL when unknown.
 * type: call, outreach_manual_email, linkedin_step_connect,
 *   linkedin_step_message, linkedin_step_view_profile,
 *   linkedin_step_interact_post, action_item; also "Phone call", "Email",
 *   "LinkedIn - Send connection request", "View profile", "To-do", "Task"...
 * priority: high, medium, low; also "hi", "urgent", "med", "normal", "lo".
 * status: scheduled, completed, skipped; also "open", "to do", "pending",
 *   "due", "done", "complete", "skip". */
const char *task_type_from(const char *s);
const char *task_priority_from(const char *s);
const char *task_status_from(const char *s);

/* for messages: the accepted Apollo values, comma-separated */
extern const char task_types_list[], task_priorities_list[], task_statuses_list[];

#endif
