/* files/row_count.c - see files/row_count.h. */
#include "config.h"

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files/row_count.h"

long long row_count_records(const char *path)
{
	static unsigned char buf[1 << 16];
	long long records = 0;
	bool quoted = false, any = false;
	unsigned char last = '\n';
	struct stat st;
	ssize_t n;
	int fd;

	if (!path || strcmp(path, "-") == 0)
		return -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		if (!any) {
			any = true;
			/* gzip, zip (a workbook), OLE2: not counted by lines */
			if (n >= 2 && ((buf[0] == 0x1f && buf[1] == 0x8b) || (buf[0] == 'P' && buf[1] == 'K') ||
			               (buf[0] == 0xd0 && buf[1] == 0xcf))) {
				close(fd);
				return -1;
			}
		}
		for (ssize_t i = 0; i < n; i++) {
			unsigned char c = buf[i];
			if (c == '"')
				quoted = !quoted;
			else if (c == '\n' && !quoted)
				records++;
		}
		last = buf[n - 1];
	}
	close(fd);
	if (n < 0)
		return -1;
	if (last != '\n')
		records++;
	return records;
}
