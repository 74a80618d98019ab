/* files/row_count.c - see files/row_count.h. */
#include "config.h"

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files/row_count.h"

/* where the scan is in a record, as a CSV reader sees it */
enum scan { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

static bool separator(unsigned char c)
{
	/* the delimiters the reader sniffs */
	return c == ',' || c == ';' || c == '\t' || c == '|';
}

long long row_count_records(const char *path)
{
	static unsigned char buf[1 << 16];
	long long records = 0;
	enum scan st = FIELD_START;
	bool first = true, cr = false, content = false;
	struct stat sb;
	ssize_t n;
	int fd;

	/* a FIFO, a device or standard input is not opened twice: a second
	 * open of a FIFO would wait for a writer that never comes */
	if (!path || strcmp(path, "-") == 0 || stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
		return -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return -1;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		if (first) {
			first = false;
			/* gzip, zip (a workbook), OLE2, UTF-16 (line ends are two
			 * bytes, and other characters hold 0x0a or 0x22): left to
			 * the estimate from the bytes read */
			if (n >= 2 && ((buf[0] == 0x1f && buf[1] == 0x8b) || (buf[0] == 'P' && buf[1] == 'K') ||
			               (buf[0] == 0xd0 && buf[1] == 0xcf) || (buf[0] == 0xff && buf[1] == 0xfe) ||
			               (buf[0] == 0xfe && buf[1] == 0xff) || memchr(buf, 0, (size_t)n))) {
				close(fd);
				return -1;
			}
		}
		for (ssize_t i = 0; i < n; i++) {
			unsigned char c = buf[i];
			bool end = false;
			/* a CR alone (old Mac files) ends a line too; CR LF is one end */
			if (cr && c == '\n') {
				cr = false;
				continue;
			}
			cr = false;
			if (c == '\r' || c == '\n') {
				cr = c == '\r';
				end = st != QUOTED;
			}
			if (end) {
				records++;
				st = FIELD_START;
				content = false;
				continue;
			}
			content = true;
			switch (st) {
			case FIELD_START:
				st = c == '"' ? QUOTED : separator(c) ? FIELD_START : UNQUOTED;
				break;
			case UNQUOTED:
				/* a quote inside a field is a character (the reader's stray quote) */
				if (separator(c))
					st = FIELD_START;
				break;
			case QUOTED:
				if (c == '"')
					st = QUOTE_IN_QUOTED;
				break;
			case QUOTE_IN_QUOTED:
				st = c == '"' ? QUOTED : separator(c) ? FIELD_START : UNQUOTED;
				break;
			}
		}
	}
	close(fd);
	if (n < 0)
		return -1;
	if (content)
		records++;
	return records;
}

long long row_count_data(const char *path, unsigned long preamble_lines)
{
	long long records = row_count_records(path);
	return records > (long long)preamble_lines ? records - 1 - (long long)preamble_lines : -1;
}
