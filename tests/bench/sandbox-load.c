/* sandbox-load - the sandbox benchmark: CLIENTS threads, each sending
 * REQUESTS contacts/bulk_create calls of 100 contacts over one keep-alive
 * connection; prints the requests per second, and the CPU time the load
 * itself took (it shares the machine with the sandbox).
 *
 * new (the default): every contact is new: its email and its name +
 * company differ from every other's (the name carries the client and the
 * request), so the sandbox creates all 100 and matches none (run_dedupe is
 * on, as in an import).
 * existing: a client sends the same 100 contacts every time, so after its
 * first call the sandbox matches all 100 and makes none: the same HTTP,
 * parsing, look-ups and reply, without making contacts (the baseline the
 * new run is compared with).
 *
 * A body is written with memcpy and a digit loop, not snprintf: the load
 * shares the two cores with the sandbox, and snprintf was a quarter of its
 * CPU time.
 *
 *   sandbox-load BASE_URL API_KEY CLIENTS REQUESTS [new|existing] */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

struct client {
	const char *base, *key;
	int id, requests;
	int same;             /* existing: every request sends request 0's contacts */
	long failures;
	long last_status;
};

static size_t discard(char *p, size_t s, size_t n, void *u)
{
	(void)p, (void)u;
	return s * n;
}

/* appends text to p, returns the end */
static char *put(char *p, const char *text)
{
	size_t n = strlen(text);
	memcpy(p, text, n);
	return p + n;
}

/* appends n in decimal */
static char *put_int(char *p, int n)
{
	char d[16];
	int k = 0;
	do
		d[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (k)
		*p++ = d[--k];
	return p;
}

/* request r's body of client c; about 15 KB */
static size_t write_body(char *body, const struct client *c, int r)
{
	char *p = put(body, "{\"run_dedupe\":true,\"contacts\":[");
	for (int i = 0; i < 100; i++) {
		if (i)
			*p++ = ',';
		p = put(p, "{\"first_name\":\"Load");
		p = put_int(p, i);
		p = put(p, "\",\"last_name\":\"Client");
		p = put_int(p, c->id);
		*p++ = '-';
		p = put_int(p, r);
		p = put(p, "\",\"email\":\"load.");
		p = put_int(p, c->id);
		*p++ = '.';
		p = put_int(p, r);
		*p++ = '.';
		p = put_int(p, i);
		p = put(p, "@bench-sandbox.com\",\"organization_name\":\"Bench Co ");
		p = put_int(p, r % 50);
		p = put(p, "\",\"title\":\"Buyer\"}");
	}
	p = put(p, "]}");
	*p = '\0';
	return (size_t)(p - body);
}

static void *run(void *arg)
{
	struct client *c = arg;
	CURL *h = curl_easy_init();
	struct curl_slist *hdr = NULL;
	char url[512], key[256];
	char *body = malloc(64 * 1024);

	snprintf(url, sizeof url, "%s/contacts/bulk_create", c->base);
	snprintf(key, sizeof key, "x-api-key: %s", c->key);
	hdr = curl_slist_append(hdr, key);
	hdr = curl_slist_append(hdr, "Content-Type: application/json");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	for (int r = 0; r < c->requests; r++) {
		long status = 0;
		/* existing: request 0's body, written once */
		if (!c->same || r == 0)
			curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)write_body(body, c, r));
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
		if (curl_easy_perform(h) != CURLE_OK ||
		    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status != 200) {
			c->failures++;
			c->last_status = status;
		}
	}
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	free(body);
	return NULL;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	int clients, requests;
	long failures = 0;
	double secs, cpu;
	struct rusage ru;

	if ((argc != 5 && argc != 6) ||
	    (argc == 6 && strcmp(argv[5], "new") != 0 && strcmp(argv[5], "existing") != 0)) {
		fprintf(stderr, "usage: sandbox-load BASE_URL API_KEY CLIENTS REQUESTS [new|existing]\n");
		return 2;
	}
	clients = atoi(argv[3]);
	requests = atoi(argv[4]);
	if (clients < 1 || clients > 64 || requests < 1) {
		fprintf(stderr, "sandbox-load: CLIENTS 1..64, REQUESTS >= 1\n");
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	{
		pthread_t th[64];
		struct client cl[64];
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int i = 0; i < clients; i++) {
			cl[i] = (struct client){ argv[1], argv[2], i, requests, argc == 6 && strcmp(argv[5], "existing") == 0,
			                         0, 0 };
			pthread_create(&th[i], NULL, run, &cl[i]);
		}
		for (int i = 0; i < clients; i++) {
			pthread_join(th[i], NULL);
			failures += cl[i].failures;
			if (cl[i].failures)
				fprintf(stderr, "sandbox-load: client %d: %ld failed (last HTTP %ld)\n",
				        i, cl[i].failures, cl[i].last_status);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
	}
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	getrusage(RUSAGE_SELF, &ru);
	cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	      (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	printf("requests=%d contacts=%d seconds=%.3f rps=%.0f failures=%ld client_cpu_s=%.3f\n",
	       clients * requests, clients * requests * 100, secs, clients * requests / secs, failures, cpu);
	curl_global_cleanup();
	return failures ? 1 : 0;
}
