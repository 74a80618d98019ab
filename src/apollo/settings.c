/* apollo/settings.c - see apollo/settings.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "apollo/settings.h"
#include "common/folders.h"
#include "common/msg.h"
#include "values/clean.h"

static int read_key_file(struct api_settings *s, const char *path, char *err, size_t errlen)
{
	struct stat st;
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(err, errlen, "--api-key-file %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077)) {
		snprintf(err, errlen, "--api-key-file %s: the file can be read by others (mode %03o); "
		         "make it private first: chmod 600 %s", path, (unsigned)(st.st_mode & 0777), path);
		fclose(f);
		return -1;
	}
	if (!fgets(line, sizeof line, f) || !*clean_line(line)) {
		snprintf(err, errlen, "--api-key-file %s: the file is empty", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	s->key = strdup(clean_line(line));
	memset(line, 0, sizeof line);
	snprintf(s->key_source, sizeof s->key_source, "the key file %.250s", path);
	if (!s->key) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

bool api_config_path(char *path, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(path, size, "%s/apollo-csv/config", xdg);
	else if (home && *home)
		snprintf(path, size, "%s/.config/apollo-csv/config", home);
	else
		return false;
	return true;
}

int api_config_save_key(const char *key, char *err, size_t errlen)
{
	char path[4096], tmp[4200], line[2048];
	FILE *in, *out;
	int fd;

	if (!key || !*key || strpbrk(key, "\r\n") || strlen(key) > 1000) {
		snprintf(err, errlen, "an API key is one line of at most 1,000 characters");
		return -1;
	}
	if (!api_config_path(path, sizeof path)) {
		snprintf(err, errlen, "neither XDG_CONFIG_HOME nor HOME is set: no place for the config file");
		return -1;
	}
	/* the folders, private when made here */
	*strrchr(path, '/') = '\0';
	if (!folders_make(path)) {
		snprintf(err, errlen, "cannot make %s: %s", path, strerror(errno));
		return -1;
	}
	path[strlen(path)] = '/';
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0 || !(out = fdopen(fd, "w"))) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	/* the file's other lines stay as they were */
	if ((in = fopen(path, "r"))) {
		while (fgets(line, sizeof line, in)) {
			char *l = line;
			while (*l == ' ' || *l == '\t')
				l++;
			if (strncmp(l, "api_key", 7) == 0 && strchr(" \t=", l[7]))
				continue;
			fputs(line, out);
			if (!strchr(line, '\n'))
				fputc('\n', out);
		}
		fclose(in);
	}
	fprintf(out, "api_key = %s\n", key);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0 || fclose(out) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot replace %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* the config file's `api_key = ...`, `base_url = ...` and `params = ...`
 * lines, for the settings not given otherwise; a missing file is not an
 * error */
static int read_config_file(struct api_settings *s, bool want_key, bool want_url, bool want_params,
                            char *err, size_t errlen)
{
	/* read for params alone (the key and URL come from elsewhere), the
	 * file's other lines are none of this run's business, as before */
	bool lenient = !want_key && !want_url;
	char path[4096], line[2048];
	unsigned long n = 0;
	struct stat st;
	FILE *f;

	if (!api_config_path(path, sizeof path))
		return 0;
	if (!(f = fopen(path, "r")))
		return 0;
	while (fgets(line, sizeof line, f)) {
		char *l = clean_line(line), *eq, *name, *value;
		n++;
		if (!*l || *l == '#')
			continue;
		if (!(eq = strchr(l, '=')) && lenient)
			continue;
		if (!eq) {
			snprintf(err, errlen, "%s:%lu: expected NAME = VALUE (api_key, base_url or params)", path, n);
			fclose(f);
			return -1;
		}
		*eq = '\0';
		name = clean_line(l);
		value = clean_line(eq + 1);
		if (strcmp(name, "api_key") == 0) {
			if (!want_key)
				continue;
			if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077)) {
				snprintf(err, errlen, "%s holds an API key and can be read by others; "
				         "make it private first: chmod 600 %s", path, path);
				fclose(f);
				return -1;
			}
			free(s->key);
			s->key = strdup(value);
			snprintf(s->key_source, sizeof s->key_source, "the config file %.250s", path);
		} else if (strcmp(name, "base_url") == 0) {
			if (want_url) {
				free(s->base_url);
				s->base_url = strdup(value);
				snprintf(s->url_source, sizeof s->url_source, "the config file %.250s", path);
			}
		} else if (strcmp(name, "params") == 0) {
			if (want_params && param_mode_parse(value, &s->params) < 0) {
				snprintf(err, errlen, "%s:%lu: params = %s: give auto, query or body", path, n, value);
				fclose(f);
				return -1;
			}
		} else if (!lenient) {
			snprintf(err, errlen, "%s:%lu: unknown setting \"%s\" (api_key, base_url or params)", path, n, name);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	return 0;
}

static bool loopback_host(const char *host)
{
	if (strcasecmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0 || strcmp(host, "::1") == 0)
		return true;
	return strncmp(host, "127.", 4) == 0 && host[4 + strspn(host + 4, "0123456789.")] == '\0';
}

int api_url_allowed(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *user = NULL;
	int ok = 0;

	/* parsed as libcurl will use it, so "http://localhost:80@elsewhere/"
	 * is seen for what it is: a URL to elsewhere */
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		bool has_user = curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK;
		if (has_user)
			ok = 0;   /* user info in the URL: never (it would go along with the key) */
		else if (strcasecmp(scheme, "https") == 0)
			ok = 1;
		else if (strcasecmp(scheme, "http") == 0)
			ok = loopback_host(host);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_url_cleanup(u);
	return ok;
}

int api_settings_load(struct api_settings *s, const char *key_file, char *err, size_t errlen)
{
	const char *env_key = getenv("APOLLO_API_KEY"), *env_url = getenv("APOLLO_BASE_URL");
	const char *env_params = getenv("APOLLO_PARAMS");
	bool want_params = !(env_params && *env_params);
	size_t len;

	memset(s, 0, sizeof *s);
	if (key_file) {
		if (read_key_file(s, key_file, err, errlen) < 0)
			return -1;
	} else if (env_key && *env_key) {
		s->key = strdup(env_key);
		snprintf(s->key_source, sizeof s->key_source, "APOLLO_API_KEY");
	}
	if (env_url && *env_url) {
		s->base_url = strdup(env_url);
		snprintf(s->url_source, sizeof s->url_source, "APOLLO_BASE_URL");
	}
	if (!want_params && param_mode_parse(env_params, &s->params) < 0) {
		snprintf(err, errlen, "APOLLO_PARAMS=%s: give auto, query or body", env_params);
		return -1;
	}
	if ((!s->key || !s->base_url || want_params) &&
	    read_config_file(s, !s->key, !s->base_url, want_params, err, errlen) < 0)
		return -1;
	if (!s->key || !*s->key) {
		snprintf(err, errlen, "no API key: set APOLLO_API_KEY, use --api-key-file FILE, or put "
		         "api_key = ... in ~/.config/apollo-csv/config (see apollo-csv(1))");
		return -1;
	}
	msg_register_secret(s->key);
	if (strpbrk(s->key, "\r\n")) {
		snprintf(err, errlen, "the key from %s holds a line break; an API key is one line",
		         s->key_source);
		return -1;
	}
	if (!s->base_url) {
		if (!(s->base_url = strdup(APOLLO_DEFAULT_BASE_URL))) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		snprintf(s->url_source, sizeof s->url_source, "the default");
	}
	len = strlen(s->base_url);
	while (len > 0 && s->base_url[len - 1] == '/')
		s->base_url[--len] = '\0';
	if (!api_url_allowed(s->base_url)) {
		snprintf(err, errlen, "APOLLO_BASE_URL %s: only https:// is allowed (plain http:// only "
		         "for a server on this machine, such as apollo-sandbox)", s->base_url);
		return -1;
	}
	return 0;
}

void api_settings_free(struct api_settings *s)
{
	free(s->key);
	free(s->base_url);
	s->key = s->base_url = NULL;
}
