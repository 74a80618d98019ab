/* test_cli.c - the command registry against what users read: every option
 * a command takes (its table in src/commands/NAME.c) is named in its
 * --help and defined in the man page's OPTIONS section, and every option
 * its --help names is one it takes. */
#include "config.h"

#include "cli/cli.h"
#include "common/exit_codes.h"
#include "unit.h"

/* does text name --name (not as the start of a longer option)? */
static bool names_option(const char *text, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strstr(text, "--"); p; p = strstr(p + 2, "--")) {
		char after = p[2 + n];
		if (strncmp(p + 2, name, n) == 0 && !(after >= 'a' && after <= 'z') && after != '-')
			return true;
	}
	return false;
}

static const struct cli_option *option_named(const struct command *cmd, const char *name, size_t n)
{
	for (size_t i = 0; cmd->options[i]; i++)
		if (strlen(cmd->options[i]->name) == n && strncmp(cmd->options[i]->name, name, n) == 0)
			return cmd->options[i];
	return NULL;
}

/* the man page's OPTIONS section, with "\-" read as "-" */
static char *man_options(void)
{
	const char *top = getenv("TOP_SRCDIR");
	char path[1024], line[4096];
	size_t len = 0, cap = 1 << 16;
	char *out = malloc(cap);
	bool in = false;
	FILE *f;

	snprintf(path, sizeof path, "%s/doc/apollo-csv.1", top ? top : "..");
	ck_assert_msg((f = fopen(path, "r")) != NULL, "cannot open %s", path);
	*out = '\0';
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, ".SH", 3) == 0)
			in = strncmp(line, ".SH OPTIONS", 11) == 0;
		/* only the lines that define an option: .B, .BI, .BR after .TP */
		if (!in || (strncmp(line, ".B ", 3) && strncmp(line, ".BI ", 4) && strncmp(line, ".BR ", 4)))
			continue;
		for (const char *p = line; *p; p++) {
			if (p[0] == '\\' && p[1] == '-')
				p++;
			if (len + 2 >= cap)
				out = realloc(out, cap *= 2);
			out[len++] = *p;
		}
		out[len] = '\0';
	}
	fclose(f);
	return out;
}

/* does text name -L (alone, not inside a longer word)? */
static bool names_letter(const char *text, char letter)
{
	for (const char *p = strchr(text, '-'); p; p = strchr(p + 1, '-'))
		if (p[1] == letter && (p == text || p[-1] == ' ' || p[-1] == '\n') &&
		    !(p[2] >= 'a' && p[2] <= 'z'))
			return true;
	return false;
}

/* every problem is listed, not only the first */
static void note(char *report, size_t size, const char *fmt, const char *a, const char *b)
{
	size_t len = strlen(report);
	snprintf(report + len, size - len, fmt, a, b);
}

START_TEST(every_option_in_help_and_man_page)
{
	char *man = man_options();
	char report[8192] = "";
	for (size_t c = 0; cli_commands[c]; c++) {
		const struct command *cmd = cli_commands[c];
		for (size_t i = 0; cmd->options[i]; i++) {
			const struct cli_option *o = cmd->options[i];
			if (!names_option(cmd->help, o->name) && !(o->letter && names_letter(cmd->help, o->letter)))
				note(report, sizeof report, "\n%s --help does not name --%s", cmd->name, o->name);
			if (!names_option(man, o->name))
				note(report, sizeof report, "\nthe man page's OPTIONS do not define --%s (%s)",
				     o->name, cmd->name);
		}
	}
	free(man);
	ck_assert_msg(!*report, "%s", report);
}
END_TEST

START_TEST(help_names_only_options_the_command_takes)
{
	char report[8192] = "";
	for (size_t c = 0; cli_commands[c]; c++) {
		const struct command *cmd = cli_commands[c];
		for (const char *p = strstr(cmd->help, "--"); p; p = strstr(p + 2, "--")) {
			size_t n = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
			if (n == 0 || (n == 4 && strncmp(p + 2, "help", 4) == 0))
				continue;
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)n, p + 2);
			if (!option_named(cmd, p + 2, n))
				note(report, sizeof report, "\n%s --help names --%s, which it does not take",
				     cmd->name, name);
		}
	}
	ck_assert_msg(!*report, "%s", report);
}
END_TEST

START_TEST(registry_names_are_unique_and_found)
{
	for (size_t c = 0; cli_commands[c]; c++) {
		ck_assert_ptr_eq(cli_command_find(cli_commands[c]->name), cli_commands[c]);
		ck_assert_msg(cli_commands[c]->run && cli_commands[c]->help && cli_commands[c]->overview,
		              "%s lacks a part", cli_commands[c]->name);
	}
	ck_assert_ptr_null(cli_command_find("frobnicate"));
}
END_TEST

/* the words an option offers for completion (struct cli_option's words)
 * are each one its setter takes, and a word it does not know is refused */
START_TEST(option_words_are_taken)
{
	char report[8192] = "";
	for (size_t c = 0; cli_commands[c]; c++) {
		const struct command *cmd = cli_commands[c];
		for (size_t i = 0; cmd->options[i]; i++) {
			const struct cli_option *o = cmd->options[i];
			char word[128], what[128], bogus[] = "no-such-word";
			struct config cfg;
			if (!o->words || strcmp(o->words, "@formats") == 0)
				continue;
			snprintf(what, sizeof what, "%s --%s", cmd->name, o->name);
			ck_assert_msg(o->takes_value, "--%s has words and takes no value", o->name);
			for (const char *p = o->words; *p;) {
				size_t n = strcspn(p, ", ");
				snprintf(word, sizeof word, "%.*s", (int)n, p);
				memset(&cfg, 0, sizeof cfg);
				if (n && o->set(&cfg, word) != EXIT_OK)
					note(report, sizeof report, "\n%s offers %s, which it refuses", what, word);
				cli_free(&cfg);
				p += n;
				p += strspn(p, ", ");
			}
			memset(&cfg, 0, sizeof cfg);
			if (o->set(&cfg, bogus) == EXIT_OK)
				note(report, sizeof report, "\n%s has words but takes %s too", what, bogus);
			cli_free(&cfg);
		}
	}
	ck_assert_msg(!*report, "%s", report);
}
END_TEST

static Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("registry");
	tcase_add_test(tc, every_option_in_help_and_man_page);
	tcase_add_test(tc, help_names_only_options_the_command_takes);
	tcase_add_test(tc, registry_names_are_unique_and_found);
	tcase_add_test(tc, option_words_are_taken);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(cli_suite());
}
