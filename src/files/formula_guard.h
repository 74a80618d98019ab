/* files/formula_guard.h - spreadsheet formula injection guard (OWASP "CSV injection").
 *
 * A cell that starts with = + - @ tab or CR, or with apostrophes followed by
 * one of those, is written with one more apostrophe in front, so a
 * spreadsheet shows it as text. Reading undoes exactly that: guard and
 * unguard are inverse for every string. */
#ifndef APOLLO_EXCEL_H
#define APOLLO_EXCEL_H

#include <stdbool.h>
#include <stddef.h>

bool excel_needs_guard(const char *s, size_t len);
/* true when s is a guarded cell: drop its first byte to restore it */
bool excel_is_guarded(const char *s, size_t len);

#endif
