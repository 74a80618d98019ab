/* common/exit_codes.h - the one list of apollo-csv's exit statuses.
 *
 * Documented in the man page (EXIT STATUS), README and `apollo-csv --help`;
 * change all four together. */
#ifndef APOLLO_EXIT_CODES_H
#define APOLLO_EXIT_CODES_H

enum exit_code {
	EXIT_OK = 0,        /* every row went through */
	EXIT_ATTENTION = 1, /* the run completed; some rows need attention */
	EXIT_USAGE = 2,     /* bad command line; nothing was read */
	EXIT_INPUT = 3,     /* an input file could not be read or has no usable header */
	EXIT_CONFIG = 4,    /* configuration or authentication problem */
	EXIT_API = 5,       /* the API gave up; the run can be resumed */
	EXIT_OUTPUT = 6,    /* a result file could not be written (disk full, I/O error) */
	EXIT_INTERNAL = 7   /* a bug or out of memory */
};

/* The status in words, for the run's summary (common/run_summary.h);
 * 130 and 143 are a run stopped by SIGINT or SIGTERM (common/interrupt.h). */
static inline const char *exit_code_meaning(int status)
{
	switch (status) {
	case EXIT_OK: return "every row went through";
	case EXIT_ATTENTION: return "the run completed; some rows need attention";
	case EXIT_USAGE: return "bad command line; nothing was read";
	case EXIT_INPUT: return "an input file could not be read or has no usable header";
	case EXIT_CONFIG: return "configuration or authentication problem";
	case EXIT_API: return "the API gave up; the run can be resumed";
	case EXIT_OUTPUT: return "a result file could not be written";
	case EXIT_INTERNAL: return "a bug or out of memory";
	case 130: return "stopped by Ctrl-C (SIGINT); the run can be resumed";
	case 143: return "stopped by SIGTERM; the run can be resumed";
	default: return "unknown";
	}
}

/* Keep the worst of two outcomes: an output or input failure outranks
 * "rows need attention", which outranks success. */
static inline enum exit_code exit_code_worst(enum exit_code a, enum exit_code b)
{
	return a > b ? a : b;
}

#endif
