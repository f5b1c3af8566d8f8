// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netlink_set.c - sets into the batch: an anonymous set's declaration and
 * its elements (interval sets in stock nft's end-marker encoding) ahead of
 * the rule that looks it up.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/object.h>
#include <libnftnl/rule.h>
#include <libnftnl/set.h>
#include <libnftnl/table.h>
#include <libnftnl/udata.h>
#include <libnftnl-cthelper/ct_helper.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter_arp.h>
#include <linux/netfilter_bridge.h>
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "datatype.h"
#include "evaluate.h"
#include "interval.h"
#include "mnl.h"
#include "netlink.h"
#include "rule_run.h"
#include "utils.h"

#include "netlink_set.h"

static void interval_elem(struct nftnl_set *elems, const uint8_t *key,
			  unsigned int n, bool end, bool open)
{
	struct nftnl_set_elem *se = nftnl_set_elem_alloc();

	nftnl_set_elem_set(se, NFTNL_SET_ELEM_KEY, key, n);
	if (end)
		nftnl_set_elem_set_u32(se, NFTNL_SET_ELEM_FLAGS,
				       NFT_SET_ELEM_INTERVAL_END);
	if (open) {
		/* the last interval runs to the end of the key space */
		struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);

		nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_ELEM_FLAGS,
				    NFTNL_SET_ELEM_F_INTERVAL_OPEN);
		nftnl_set_elem_set(se, NFTNL_SET_ELEM_USERDATA,
				   nftnl_udata_buf_data(ud), nftnl_udata_buf_len(ud));
		nftnl_udata_buf_free(ud);
	}
	nftnl_set_elem_add(elems, se);
}

/*
 * Interval set elements as stock nft sends them: an end marker at zero
 * when the first interval starts above it, then each interval's start and
 * its end + 1 (flagged as an end), the last one open when it reaches the
 * top of the key space.
 */
static void put_interval_elems(struct nftnl_set *s, struct nftnl_set *elems,
			       const struct expr *set)
{
	unsigned int n = (set->len + 7) / 8, num, i, count = 0;
	uint8_t zero[EXPR_VALUE_MAXLEN] = { 0 }, end[EXPR_VALUE_MAXLEN];
	struct interval *iv;

	num = set_intervals(set, &iv);
	if (num && !be_is_zero(iv[0].lo, n)) {
		interval_elem(elems, zero, n, true, false);
		count++;
	}
	for (i = 0; i < num; i++) {
		memcpy(end, iv[i].hi, n);
		if (be_inc(end, n)) {
			/* stock nft still counts the end it cannot send */
			interval_elem(elems, iv[i].lo, n, false, true);
			count += 2;
			continue;
		}
		interval_elem(elems, iv[i].lo, n, false, false);
		interval_elem(elems, end, n, true, false);
		count += 2;
	}
	free(iv);
	nftnl_set_set_u32(s, NFTNL_SET_FLAGS,
			  NFT_SET_ANONYMOUS | NFT_SET_CONSTANT | NFT_SET_INTERVAL);
	nftnl_set_set_u32(s, NFTNL_SET_DESC_SIZE, count);
}

/* An anonymous constant set, then its elements, ahead of the rule. */
void put_anon_set(struct nft_ctx *ctx, struct nft_batch *b,
			 const struct handle *h, struct expr *set)
{
	unsigned int n = (set->len + 7) / 8;
	struct nftnl_set *s = nftnl_set_alloc(), *elems = nftnl_set_alloc();
	struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);
	struct attr_loc attrs[] = {
		{ NFTA_SET_TABLE, &h->table.location },
	};
	struct nlmsghdr *nlh;
	struct expr *e;
	char buf[16384];

	set->compound.set_id = ++ctx->set_id;

	nftnl_set_set_str(s, NFTNL_SET_TABLE, h->table.name);
	nftnl_set_set_str(s, NFTNL_SET_NAME, "__set%d");
	nftnl_set_set_u32(s, NFTNL_SET_FAMILY, h->family);
	nftnl_set_set_u32(s, NFTNL_SET_FLAGS, NFT_SET_ANONYMOUS | NFT_SET_CONSTANT);
	nftnl_set_set_u32(s, NFTNL_SET_KEY_TYPE, set->dtype->type);
	nftnl_set_set_u32(s, NFTNL_SET_KEY_LEN, n);
	nftnl_set_set_u32(s, NFTNL_SET_ID, set->compound.set_id);
	nftnl_set_set_u32(s, NFTNL_SET_DESC_SIZE, set->compound.size);
	nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_KEYBYTEORDER,
			    set->byteorder == BYTEORDER_BIG_ENDIAN ? 2 : 1);
	nftnl_set_set_data(s, NFTNL_SET_USERDATA, nftnl_udata_buf_data(ud),
			   nftnl_udata_buf_len(ud));
	nftnl_udata_buf_free(ud);

	nftnl_set_set_str(elems, NFTNL_SET_TABLE, h->table.name);
	nftnl_set_set_str(elems, NFTNL_SET_NAME, "__set%d");
	nftnl_set_set_u32(elems, NFTNL_SET_ID, set->compound.set_id);
	if (set->flags & EXPR_F_INTERVAL) {
		put_interval_elems(s, elems, set);
	} else {
		list_for_each_entry(e, &set->compound.exprs, list) {
			struct nftnl_set_elem *se = nftnl_set_elem_alloc();

			nftnl_set_elem_set(se, NFTNL_SET_ELEM_KEY, e->value.data, n);
			nftnl_set_elem_add(elems, se);
		}
	}

	if (ctx->debug & NFT_DEBUG_NETLINK) {
		nftnl_set_snprintf(buf, sizeof(buf), s, NFTNL_OUTPUT_DEFAULT, 0);
		fprintf(ctx->out, "%s\n", buf);
		nftnl_set_snprintf(buf, sizeof(buf), elems, NFTNL_OUTPUT_DEFAULT, 0);
		fprintf(ctx->out, "%s\n", buf);
	}

	nlh = nftnl_nlmsg_build_hdr(batch_buffer(b), NFT_MSG_NEWSET,
				    (uint16_t)h->family,
				    NLM_F_CREATE | NLM_F_ACK, batch_seq(ctx));
	nftnl_set_nlmsg_build_payload(nlh, s);
	batch_commit(b, nlh, &set->location, attrs, array_size(attrs), 0, NULL, 0);

	nlh = nftnl_nlmsg_build_hdr(batch_buffer(b), NFT_MSG_NEWSETELEM,
				    (uint16_t)h->family,
				    NLM_F_CREATE | NLM_F_ACK, batch_seq(ctx));
	nftnl_set_elems_nlmsg_build_payload(nlh, elems);
	batch_commit(b, nlh, &set->location, attrs, array_size(attrs), 0, NULL, 0);

	nftnl_set_free(s);
	nftnl_set_free(elems);
}
