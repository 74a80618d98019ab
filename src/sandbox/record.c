/* record.c - the exchange log of --record (record.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "record.h"

int recorder_open(struct recorder *rec, const char *path, char *err, size_t errsize)
{
	rec->fp = fopen(path, "a");
	if (!rec->fp) {
		snprintf(err, errsize, "%s: cannot open the record file: %s", path, strerror(errno));
		return -1;
	}
	pthread_mutex_init(&rec->lock, NULL);
	return 0;
}

void recorder_close(struct recorder *rec)
{
	if (!rec->fp)
		return;
	fclose(rec->fp);
	rec->fp = NULL;
	pthread_mutex_destroy(&rec->lock);
}

static char *copy(const char *s)
{
	return s ? strdup(s) : NULL;
}

static char *copy_bytes(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	if (out) {
		if (len)
			memcpy(out, s, len);
		out[len] = '\0';
	}
	return out;
}

void exchange_clear(struct exchange *x)
{
	free(x->path);
	free(x->query);
	free(x->request_type);
	free(x->user_agent);
	free(x->request_body);
	free(x->reply_type);
	free(x->reply_body);
	memset(x, 0, sizeof *x);
}

void exchange_query(struct exchange *x, const char *query)
{
	free(x->query);
	x->query = copy(query);
}

void exchange_request(struct exchange *x, const char *method, const char *base, const char *path,
                      const char *request_type, const char *user_agent, const char *body, size_t len)
{
	x->api = true;
	snprintf(x->method, sizeof x->method, "%s", method);
	snprintf(x->base, sizeof x->base, "%s", base);
	x->path = copy(path);
	x->request_type = copy(request_type);
	x->user_agent = copy(user_agent);
	x->request_body = copy_bytes(body, len);
	x->request_len = len;
}

void exchange_reply(struct exchange *x, int status, const char *type, const char *body, size_t len)
{
	if (!x->api)
		return;
	free(x->reply_type);
	free(x->reply_body);
	x->status = status;
	x->reply_type = copy(type);
	x->reply_body = copy_bytes(body, len);
	x->reply_len = len;
}

void exchange_deliberate(struct exchange *x, const char *why)
{
	x->why = why;
}

/* the length of the UTF-8 character at s (n bytes left), 0 when the bytes
 * there are not one (overlong forms and surrogates included) */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	size_t need;
	unsigned long cp;
	if (s[0] < 0x80)
		return s[0] ? 1 : 0;
	need = s[0] >= 0xF5 ? 0 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (!need || need > n)
		return 0;
	cp = s[0] & (0x7F >> need);
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((need == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (need == 4 && (cp < 0x10000 ||
	    cp > 0x10FFFF)))
		return 0;
	return need;
}

/* body as a JSON string: valid UTF-8, a NUL or a stray byte as U+FFFD */
static cJSON *text(const char *body, size_t len, bool *lossy)
{
	const unsigned char *s = (const unsigned char *)body;
	char *out;
	size_t k = 0;
	cJSON *v;

	if (!body)
		return cJSON_CreateNull();
	out = malloc(len * 3 + 1);
	if (!out)
		return cJSON_CreateNull();
	for (size_t i = 0; i < len;) {
		size_t n = utf8_char(s + i, len - i);
		if (n) {
			memcpy(out + k, s + i, n);
			k += n;
			i += n;
		} else {
			memcpy(out + k, "\xEF\xBF\xBD", 3);
			k += 3;
			i++;
			*lossy = true;
		}
	}
	out[k] = '\0';
	v = cJSON_CreateString(out);
	free(out);
	return v;
}

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

void exchange_finish(struct recorder *rec, struct exchange *x)
{
	cJSON *line;
	char *printed;
	bool lossy = false;

	if (!x->api || !rec || !rec->fp) {
		exchange_clear(x);
		return;
	}
	line = cJSON_CreateObject();
	cJSON_AddStringToObject(line, "method", x->method);
	cJSON_AddStringToObject(line, "base", x->base);
	cJSON_AddItemToObject(line, "path", str_or_null(x->path));
	cJSON_AddItemToObject(line, "query", str_or_null(x->query ? x->query : ""));
	cJSON_AddItemToObject(line, "request_type", str_or_null(x->request_type));
	cJSON_AddItemToObject(line, "user_agent", str_or_null(x->user_agent));
	cJSON_AddItemToObject(line, "request_body", text(x->request_body, x->request_len, &lossy));
	cJSON_AddNumberToObject(line, "status", x->status);
	cJSON_AddItemToObject(line, "reply_type", str_or_null(x->reply_type));
	cJSON_AddItemToObject(line, "reply_body", text(x->reply_body, x->reply_len, &lossy));
	/* no answer at all is off-contract whatever caused it */
	if (!x->why && x->status == 0)
		x->why = "no answer";
	cJSON_AddBoolToObject(line, "deliberate", x->why != NULL);
	if (x->why)
		cJSON_AddStringToObject(line, "why", x->why);
	if (lossy)
		cJSON_AddTrueToObject(line, "lossy");
	printed = cJSON_PrintUnformatted(line);
	cJSON_Delete(line);
	if (printed) {
		/* one whole line at a time, and flushed: a sandbox killed
		 * later still leaves every exchange it finished */
		pthread_mutex_lock(&rec->lock);
		fputs(printed, rec->fp);
		fputc('\n', rec->fp);
		fflush(rec->fp);
		pthread_mutex_unlock(&rec->lock);
		free(printed);
	}
	exchange_clear(x);
}
