/* web/page_assets.h - serve's page (src/web/page/: index.html, app.js,
 * app.css), built into the program by src/web/embed_page.c so that the
 * page needs nothing but the program: no file to find, nothing fetched. */
#ifndef APOLLO_WEB_PAGE_ASSETS_H
#define APOLLO_WEB_PAGE_ASSETS_H

#include <stddef.h>

struct page_asset {
	const char *path;          /* "/" for index.html, else "/app.js" ... */
	const char *type;          /* its Content-Type */
	const unsigned char *data;
	size_t len;
};

/* NULL when path is none of them */
const struct page_asset *page_asset_find(const char *path);

#endif
