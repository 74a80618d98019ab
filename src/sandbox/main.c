/* apollo-sandbox - a local stand-in for the Apollo.io REST API.
 *
 * It answers the endpoints apollo-csv uses, under /api/v1 (and /v1), with
 * Apollo's documented behaviour: x-api-key authentication with scoped keys,
 * bulk limits, dedupe rules, add_contact_ids skip reasons, pagination caps,
 * fixed rate windows with Apollo's headers, and error bodies in Apollo's
 * shapes. State starts from a seed file and lives in memory (--state keeps
 * it across runs). Faults are injected from a seeded generator, so a test
 * sees the same faults in the same order every time; --reply answers a
 * route, every time, in one of the forms a client must not take for
 * success (replies.h); --variant answers in the shapes Apollo's replies
 * take only sometimes (variants.h); --strict-docs refuses what Apollo's
 * documents do not describe (documented_forms.h). /_sandbox/stats tells
 * tests what reached the server. It listens on 127.0.0.1 only. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/datadir.h"
#include "generate.h"
#include "sandbox.h"
#include "server.h"

enum { EXIT_OK = 0, EXIT_USAGE = 2, EXIT_SEED = 3, EXIT_LISTEN = 4 };

static const char usage[] =
"Usage: apollo-sandbox [OPTIONS]\n"
"\n"
"A local stand-in for the Apollo.io REST API, for rehearsals and tests.\n"
"Listens on 127.0.0.1; point apollo-csv at it with\n"
"  APOLLO_BASE_URL=http://127.0.0.1:PORT/api/v1 APOLLO_API_KEY=sandbox-master-key\n"
"\n"
"Options:\n"
"  --port N            port to listen on (default 8089; 0 picks a free one)\n"
"  --port-file FILE    write the port to FILE once connections are accepted\n"
"  --seed FILE         the starting data (default: $APOLLO_SANDBOX_SEED, the\n"
"                      installed sandbox-seed.json, or samples/ beside the build)\n"
"  --state FILE        load the data from FILE if it exists, save it there on exit\n"
"  --rate LIST         window sizes per endpoint, e.g. minute=50,hour=200,day=600\n"
"                      (the default, Apollo's free plan); 0 means no limit\n"
"  --time-scale X      windows last 1/X as long, sequence activity runs X times\n"
"                      as fast (60 makes a minute a second); a spent window's\n"
"                      retry-after then has a fraction (0.250)\n"
"  --faults LIST       shares of requests that fail, e.g.\n"
"                      5xx=0.1,429=0.05,drop=0.02,lost=0.02,malformed=0.02,truncated=0.01,stall=0.01\n"
"  --fault-seed N      seed of the fault draws (default 1): same seed, same faults\n"
"  --id-seed N         seed of the ids it makes (default 1): same seed, same ids\n"
"                      (24 lower-case hex digits, as Apollo's)\n"
"  --stall-ms N        how long a stall or a hang lasts (default 3000)\n"
"  --generate-contacts N\n"
"                      add N made-up contacts to the seed (up to 10,000,000), for\n"
"                      searches past the 50,000 cap: contact i has the stage of\n"
"                      the seed's contact i (so over half are Cold), one of the\n"
"                      seed's contact lists in turn, and a created_at 7 s after\n"
"                      the one before, all after the seed's; the same N, the\n"
"                      same contacts (and ids, with the same --id-seed)\n"
"  --reply ROUTE=FORM  answer every request to ROUTE (named as /_sandbox/stats\n"
"                      counts it, e.g. users/search) in FORM; repeatable, or\n"
"                      a list, e.g. labels=503,contacts/bulk_update=job\n"
"  --variant LIST      answer in shapes Apollo's replies take only sometimes\n"
"                      (below), e.g. string-numbers,old-names; none: the usual\n"
"  --strict-docs[=count]\n"
"                      refuse every request not in the form Apollo's API\n"
"                      documents (below), counted in /_sandbox/stats\n"
"                      strict_refusals; =count: count them, answer as usual\n"
"  --record FILE       append every exchange on /api/v1 to FILE, one JSON line\n"
"                      each: method, base, path, query, request_type,\n"
"                      user_agent, request_body, status (0: no answer),\n"
"                      reply_type, reply_body, and deliberate (with why) when\n"
"                      the answer is off Apollo's shape on purpose: the faults\n"
"                      drop, lost, malformed and truncated, and the forms hang,\n"
"                      string and object (tests/contract/validate.py reads it)\n"
"  --rate-log FILE     append a line for every request a rate window counted\n"
"                      or refused: the seconds since start, the endpoint, 200\n"
"                      (counted) or 429, and the number of the minute, hour and\n"
"                      day window it fell in (0: the endpoint's first), for\n"
"                      measuring how a client paces itself (make bench)\n"
"  --custom-field-errors=record|422\n"
"                      a typed_custom_fields value that does not fit its field\n"
"                      (or a key that is no custom field of the record's kind):\n"
"                      record (the default) keeps the record without it and\n"
"                      names it in the record's custom_field_errors\n"
"                      {\"<id>\":\"<message>\"}; 422 refuses the request with\n"
"                      {\"error\":\"Validation failed\",\"error_details\":\n"
"                      {\"<kind>_id\",\"field\":\"<id>\",\"message\"}}\n"
"  -q, --quiet         no start-up line\n"
"  -h, --help          this help\n"
"  -V, --version       the version\n"
"\n"
"Faults, and whether the request was applied:\n"
"  5xx        500, 502 or 503; not applied\n"
"  429        429 with retry-after: 1; not applied\n"
"  drop       connection closed before the request is applied\n"
"  lost       applied, then the connection is closed without an answer\n"
"  malformed  applied; 200 with a body that is not valid JSON\n"
"  truncated  applied; 200 whose body stops half-way (Content-Length is not met)\n"
"  stall      applied after a delay of --stall-ms\n"
"\n"
"Reply forms, and whether the request was applied:\n"
"  400..599    that status with Apollo's body for it (401: the invalid-key\n"
"              text; 403: API_INACCESSIBLE for the route's scope; 404: Record\n"
"              not found.; 429: Apollo's message naming the scope and a\n"
"              window, retry-after: 1; 5xx: as the 5xx fault; other:\n"
"              {\"error\":\"<reason>\"}, e.g. Method Not Allowed); not applied,\n"
"              no rate window counts it\n"
"  paid-plan   403 {\"message\":\"This endpoint is only available to Apollo\n"
"              users on paid plans.\"}; not applied\n"
"  hang        no answer for --stall-ms, then the connection is closed; not\n"
"              applied\n"
"  string      applied; 200 with the body \"ok\"\n"
"  object      applied; 200 with the body {}\n"
"  job         applied; 200 {\"entity_progress_job\":{\"id\":...,\"job_type\":...,\n"
"              \"status\":\"pending\",\"entity_ids\":[every contact id asked]}} (*)\n"
"  omit-first  the first contact id asked is not applied and is left out of\n"
"              the answer's contacts; the others as usual (*)\n"
"  normal      the route's own answer again (for POST /_sandbox/reply)\n"
"  (*) contacts/bulk_update and emailer_campaigns/remove_or_stop_contact_ids\n"
"  only. A refusal (422) is sent as it is; a route in a form meets no faults.\n"
"\n"
"Variants (Apollo's replies as they sometimes are; without one, null for an\n"
"empty field and rates as fractions with a decimal point, e.g. 0.526, 0.0):\n"
"  string-numbers  pagination page, per_page, total_entries, total_pages, the\n"
"                  metrics (unique_*, *_rate) and contact_statuses counts as\n"
"                  numeric strings (\"3\", \"0.526\")\n"
"  loading         every metric and contact_statuses count \"loading\"\n"
"  old-names       spam_blocked_rate for spam_block_rate; x-rate-limit-daily,\n"
"                  x-daily-usage, x-daily-requests-left for the 24-hour headers\n"
"  null-pages      pagination.page null\n"
"  int-rates       rates as whole numbers 0 or 1 (as the OpenAPI schema types them)\n"
"\n"
"--strict-docs refuses with 405 a method the endpoint is not documented with\n"
"(POST users/search, POST opportunities/search, PUT contacts/{id}), and with 422\n"
"{\"error\":\"... is not in the documented form: ...\"} a JSON body on a GET,\n"
"JSON body parameters where Apollo documents query parameters (add_contact_ids,\n"
"remove_or_stop_contact_ids, emailer_campaigns/search, tasks/search, enrichment,\n"
"mixed_people/api_search, contacts/update_stages, contacts/update_owners,\n"
"accounts/update_owners) or query parameters where it documents a body, an\n"
"array in the query without [], and parameters the endpoint does not document.\n"
"\n"
"Keys in the default seed: sandbox-master-key (every endpoint) and\n"
"sandbox-limited-key (a few scopes). Introspection, without a key:\n"
"  GET /_sandbox/stats   requests per endpoint, responses per status, contacts,\n"
"                        duplicate_emails, enrollments per sequence, faults,\n"
"                        replies (answers per reply form), reply_forms,\n"
"                        enrichment (items asked and credits charged by\n"
"                        people/bulk_match and organizations/bulk_enrich)\n"
"  GET /_sandbox/records/LIST  every stored record of LIST (contacts, accounts,\n"
"                        opportunities, labels, ...) as {\"LIST\":[...]}, with\n"
"                        typed_custom_fields and custom_field_errors\n"
"  POST /_sandbox/reply  {\"route\":ROUTE,\"form\":FORM}: as --reply, at run time\n"
"                        (with \"after\":N, once N more requests were answered)\n"
"  POST /_sandbox/variant  {\"variant\":LIST}: as --variant, at run time\n"
"  POST /_sandbox/reset  back to the seed, counters and reply forms cleared,\n"
"                        the variants of --variant again\n"
"SIGTERM or SIGINT stops it cleanly (saving --state).\n";

static int parse_list(const char *arg, const char *what, struct sandbox_config *cfg)
{
	char *copy = strdup(arg), *save = NULL;
	int rc = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '='), *end;
		double v;
		if (!eq) {
			rc = -1;
			break;
		}
		*eq = '\0';
		errno = 0;
		v = strtod(eq + 1, &end);
		if (errno || end == eq + 1 || *end || v < 0) {
			rc = -1;
			break;
		}
		if (strcmp(what, "rate") == 0) {
			if (strcmp(tok, "minute") == 0)
				cfg->limits[W_MINUTE] = (long)v;
			else if (strcmp(tok, "hour") == 0)
				cfg->limits[W_HOUR] = (long)v;
			else if (strcmp(tok, "day") == 0)
				cfg->limits[W_DAY] = (long)v;
			else
				rc = -1;
		} else {
			enum fault_kind k;
			if (!fault_parse(tok, &k) || v > 1)
				rc = -1;
			else
				cfg->fault_rate[k] = v;
		}
	}
	free(copy);
	return rc;
}

/* --reply ROUTE=FORM[,ROUTE=FORM...]: each one set as it is read, so that
 * a bad one is named as it was given */
static int parse_replies(const char *arg, struct replies *rp)
{
	char *copy = strdup(arg), *save = NULL, err[400];
	int rc = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		if (!eq) {
			fprintf(stderr, "apollo-sandbox: --reply %s: not ROUTE=FORM\n", tok);
			rc = -1;
			break;
		}
		*eq = '\0';
		if (!server_set_reply(rp, tok, eq + 1, err, sizeof err)) {
			fprintf(stderr, "apollo-sandbox: --reply %s=%s: %s\n", tok, eq + 1, err);
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

static int parse_args(int argc, char **argv, struct sandbox_config *cfg, struct replies *replies)
{
	static const struct option opts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "port-file", required_argument, NULL, 'P' },
		{ "seed", required_argument, NULL, 's' },
		{ "state", required_argument, NULL, 'S' },
		{ "rate", required_argument, NULL, 'r' },
		{ "time-scale", required_argument, NULL, 't' },
		{ "faults", required_argument, NULL, 'f' },
		{ "fault-seed", required_argument, NULL, 'F' },
		{ "id-seed", required_argument, NULL, 'I' },
		{ "stall-ms", required_argument, NULL, 'm' },
		{ "reply", required_argument, NULL, 'R' },
		{ "variant", required_argument, NULL, 'v' },
		{ "strict-docs", optional_argument, NULL, 'D' },
		{ "record", required_argument, NULL, 'W' },
		{ "rate-log", required_argument, NULL, 'L' },
		{ "custom-field-errors", required_argument, NULL, 'C' },
		{ "generate-contacts", required_argument, NULL, 'G' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c, li = 0;
	char *end;
	double sum = 0;

	memset(cfg, 0, sizeof *cfg);
	cfg->port = 8089;
	cfg->limits[W_MINUTE] = 50;
	cfg->limits[W_HOUR] = 200;
	cfg->limits[W_DAY] = 600;
	cfg->time_scale = 1;
	cfg->fault_seed = 1;
	cfg->id_seed = 1;
	cfg->stall_ms = 3000;
	{
		static char buf[4096];
		cfg->seed_path = getenv("APOLLO_SANDBOX_SEED") ? getenv("APOLLO_SANDBOX_SEED")
		               : data_path(SEED_PATH, "samples/sandbox-seed.json", buf, sizeof buf);
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qhV", opts, &li)) != -1) {
		switch (c) {
		case 'p': {
			unsigned long v = strtoul(optarg, &end, 10);
			if (*end || v > 65535)
				goto bad;
			cfg->port = (unsigned)v;
			break;
		}
		case 'P': cfg->port_file = optarg; break;
		case 's': cfg->seed_path = optarg; break;
		case 'S': cfg->state_path = optarg; break;
		case 'r':
			if (parse_list(optarg, "rate", cfg) < 0)
				goto bad;
			break;
		case 't':
			cfg->time_scale = strtod(optarg, &end);
			if (*end || !(cfg->time_scale > 0))
				goto bad;
			break;
		case 'f':
			if (parse_list(optarg, "faults", cfg) < 0)
				goto bad;
			break;
		case 'F':
			cfg->fault_seed = strtoull(optarg, &end, 10);
			if (*end)
				goto bad;
			break;
		case 'I':
			cfg->id_seed = strtoull(optarg, &end, 10);
			if (*end || !*optarg || *optarg == '-')
				goto bad;
			break;
		case 'm':
			cfg->stall_ms = (unsigned)strtoul(optarg, &end, 10);
			if (*end)
				goto bad;
			break;
		case 'R':
			if (parse_replies(optarg, replies) < 0)
				return -1;
			break;
		case 'v': {
			char err[300];
			if (!variants_parse(optarg, &cfg->variants, err, sizeof err)) {
				fprintf(stderr, "apollo-sandbox: --variant %s: %s\n", optarg, err);
				return -1;
			}
			break;
		}
		case 'D':
			if (optarg && strcmp(optarg, "count") != 0)
				goto bad;
			cfg->strict_docs = optarg ? STRICT_COUNT : STRICT_REFUSE;
			break;
		case 'W': cfg->record_path = optarg; break;
		case 'L': cfg->rate_log_path = optarg; break;
		case 'C':
			if (strcmp(optarg, "record") != 0 && strcmp(optarg, "422") != 0) {
				fprintf(stderr, "apollo-sandbox: --custom-field-errors %s: record or 422\n", optarg);
				return -1;
			}
			cfg->custom_field_errors_422 = strcmp(optarg, "422") == 0;
			break;
		case 'G':
			cfg->generate_contacts = strtol(optarg, &end, 10);
			if (*end || !*optarg || cfg->generate_contacts < 0 || cfg->generate_contacts > 10000000)
				goto bad;
			break;
		case 'q': cfg->quiet = true; break;
		case 'h': fputs(usage, stdout); exit(EXIT_OK);
		case 'V': printf("apollo-sandbox %s\n", PACKAGE_VERSION); exit(EXIT_OK);
		case ':':
			fprintf(stderr, "apollo-sandbox: option %s needs a value\n", argv[optind - 1]);
			return -1;
		default:
			fprintf(stderr, "apollo-sandbox: unknown option %s\n", argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "apollo-sandbox: unexpected argument %s\n", argv[optind]);
		return -1;
	}
	for (int k = 0; k < F_KINDS; k++)
		sum += cfg->fault_rate[k];
	if (sum > 1) {
		fprintf(stderr, "apollo-sandbox: --faults: the shares add up to more than 1\n");
		return -1;
	}
	return 0;
bad:
	/* every option that gets here is a long one with a value */
	fprintf(stderr, "apollo-sandbox: --%s %s: not a valid value (see --help)\n", opts[li].name, optarg);
	return -1;
}

static int write_port_file(const char *path, unsigned port)
{
	char tmp[4096];
	FILE *fp;
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	fp = fopen(tmp, "w");
	if (!fp || fprintf(fp, "%u\n", port) < 0 || fclose(fp) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "apollo-sandbox: %s: cannot write the port: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sandbox sb;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig, status = EXIT_OK;
	char err[1024];

	memset(&sb, 0, sizeof sb);
	replies_init(&sb.replies);
	if (parse_args(argc, argv, &sb.cfg, &sb.replies) < 0) {
		fprintf(stderr, "Try 'apollo-sandbox --help'.\n");
		replies_free(&sb.replies);
		return EXIT_USAGE;
	}
	if (store_open(&sb.store, sb.cfg.seed_path, sb.cfg.state_path, sb.cfg.id_seed,
	               err, sizeof err) < 0) {
		fprintf(stderr, "apollo-sandbox: %s\n", err);
		replies_free(&sb.replies);
		return EXIT_SEED;
	}
	/* into the seed, so a reset keeps them; a --state file loaded wins */
	if (sb.cfg.generate_contacts &&
	    generate_contacts(&sb.store, sb.cfg.generate_contacts,
	                      sb.cfg.state_path && access(sb.cfg.state_path, F_OK) == 0, err, sizeof err) < 0) {
		fprintf(stderr, "apollo-sandbox: %s\n", err);
		store_close(&sb.store);
		replies_free(&sb.replies);
		return EXIT_SEED;
	}
	if (sb.cfg.record_path && recorder_open(&sb.record, sb.cfg.record_path, err, sizeof err) < 0) {
		fprintf(stderr, "apollo-sandbox: %s\n", err);
		store_close(&sb.store);
		replies_free(&sb.replies);
		return EXIT_LISTEN;
	}
	if (sb.cfg.rate_log_path && !(sb.rate_log = fopen(sb.cfg.rate_log_path, "a"))) {
		fprintf(stderr, "apollo-sandbox: cannot open %s: %s\n", sb.cfg.rate_log_path, strerror(errno));
		recorder_close(&sb.record);
		store_close(&sb.store);
		replies_free(&sb.replies);
		return EXIT_LISTEN;
	}
	pthread_mutex_init(&sb.lock, NULL);
	strmap_init(&sb.rates);
	sb.requests = cJSON_CreateObject();
	sb.responses = cJSON_CreateObject();
	sb.faults = cJSON_CreateObject();
	sb.enrichment = cJSON_CreateObject();
	sb.strict_refusals = cJSON_CreateObject();
	sb.variants = sb.cfg.variants;
	sb.rng = sb.cfg.fault_seed ? sb.cfg.fault_seed : 0x9E3779B97F4A7C15ULL;

	/* the server's threads inherit a mask that leaves the signals to us */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	d = server_start(&sb, &sb.cfg.port);
	if (!d) {
		fprintf(stderr, "apollo-sandbox: cannot listen on 127.0.0.1:%u\n", sb.cfg.port);
		return EXIT_LISTEN;
	}
	if (sb.cfg.port_file && write_port_file(sb.cfg.port_file, sb.cfg.port) < 0) {
		MHD_stop_daemon(d);
		return EXIT_LISTEN;
	}
	if (!sb.cfg.quiet)
		fprintf(stderr, "apollo-sandbox: listening on http://127.0.0.1:%u/api/v1\n", sb.cfg.port);
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	if (sb.cfg.state_path &&
	    store_save(&sb.store, sb.cfg.state_path, err, sizeof err) < 0) {
		fprintf(stderr, "apollo-sandbox: %s\n", err);
		status = EXIT_SEED;
	}
	server_free_rates(&sb);
	search_cache_forget(&sb.searches);
	cJSON_Delete(sb.requests);
	cJSON_Delete(sb.responses);
	cJSON_Delete(sb.faults);
	cJSON_Delete(sb.enrichment);
	cJSON_Delete(sb.strict_refusals);
	replies_free(&sb.replies);
	store_close(&sb.store);
	recorder_close(&sb.record);
	if (sb.rate_log)
		fclose(sb.rate_log);
	if (!sb.cfg.quiet)
		fprintf(stderr, "apollo-sandbox: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	return status;
}
