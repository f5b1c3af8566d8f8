// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * udata.c - comments in the user data of tables, chains, rules and objects,
 * in the TLV layout stock nft writes and reads.
 */
#include <stdlib.h>
#include <string.h>
#include <libnftnl/udata.h>
#include <linux/netfilter/nf_tables.h>

#include "udata.h"
#include "utils.h"

void *comment_udata(const char *comment, uint8_t type, uint32_t *len)
{
	struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);
	void *data;

	nftnl_udata_put_strz(ud, type, comment);
	*len = nftnl_udata_buf_len(ud);
	data = xmalloc(*len);
	memcpy(data, nftnl_udata_buf_data(ud), *len);
	nftnl_udata_buf_free(ud);
	return data;
}

struct comment_find {
	uint8_t type;
	const char *comment;
};

static int comment_cb(const struct nftnl_udata *attr, void *data)
{
	struct comment_find *cf = data;

	if (nftnl_udata_type(attr) == cf->type && nftnl_udata_len(attr) > 0) {
		const char *s = nftnl_udata_get(attr);

		if (s[nftnl_udata_len(attr) - 1] == '\0')
			cf->comment = s;
	}
	return 0;
}

const char *udata_comment(const void *data, uint32_t len, uint8_t type)
{
	struct comment_find cf = { .type = type };

	if (data && len)
		nftnl_udata_parse(data, len, comment_cb, &cf);
	return cf.comment;
}
