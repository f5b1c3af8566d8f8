// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netlink_set.c - sets into the batch: an anonymous set's declaration and
 * its elements (interval sets in stock nft's end-marker encoding) ahead of
 * the rule that looks it up.
 */
#include <netinet/in.h>
#include <libmnl/libmnl.h>
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
#include "set_typeof.h"

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
 * top of the key space.  Returns the count stock nft gives the set's size.
 */
static unsigned int put_interval_elems(struct nftnl_set *elems,
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
	return count;
}

/* values, or "value : verdict" mappings of a verdict map */
static void put_plain_elems(struct nftnl_set *elems, const struct expr *set)
{
	unsigned int n = (set->len + 7) / 8;
	const struct expr *e;

	list_for_each_entry(e, &set->compound.exprs, list) {
		struct nftnl_set_elem *se = nftnl_set_elem_alloc();
		const struct expr *key = e, *v;

		if (e->etype == EXPR_MAPPING)
			key = e->binary.left;
		nftnl_set_elem_set(se, NFTNL_SET_ELEM_KEY, key->value.data, n);
		if (e->etype == EXPR_MAPPING) {
			v = e->binary.right;
			nftnl_set_elem_set_u32(se, NFTNL_SET_ELEM_VERDICT,
					       (uint32_t)v->verdict.verdict);
			if (v->verdict.chain)
				nftnl_set_elem_set_str(se, NFTNL_SET_ELEM_CHAIN,
						       v->verdict.chain);
		}
		nftnl_set_elem_add(elems, se);
	}
}

static void debug_set_print(struct nft_ctx *ctx, const struct nftnl_set *s)
{
	char buf[16384];

	nftnl_set_snprintf(buf, sizeof(buf), s, NFTNL_OUTPUT_DEFAULT, 0);
	fprintf(ctx->out, "%s\n", buf);
}

/*
 * @init's elements in the order they are sent, for kernel errors about
 * one of them (plain sets only: interval elements are made up)
 */
static const struct location **elem_locations(const struct expr *init,
					      unsigned int *num)
{
	const struct location **locs;
	const struct expr *e;

	*num = 0;
	if (!init || (init->flags & EXPR_F_INTERVAL))
		return NULL;
	locs = xmalloc(sizeof(*locs) * (init->compound.size + 1));
	list_for_each_entry(e, &init->compound.exprs, list)
		locs[(*num)++] = e->etype == EXPR_MAPPING ?
				 &e->binary.left->location : &e->location;
	return locs;
}

/* The head of an element message in stock nft's attribute order (table,
 * set, set id), which is not libnftnl's. */
static void elems_head(struct nlmsghdr *nlh, struct nftnl_set *s)
{
	mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_TABLE,
			  nftnl_set_get_str(s, NFTNL_SET_TABLE));
	mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_SET,
			  nftnl_set_get_str(s, NFTNL_SET_NAME));
	if (nftnl_set_is_set(s, NFTNL_SET_ID))
		mnl_attr_put_u32(nlh, NFTA_SET_ELEM_LIST_SET_ID,
				 htonl(nftnl_set_get_u32(s, NFTNL_SET_ID)));
}

/* generous bound on one element's nest (key, flags, verdict, chain name) */
#define ELEM_MAXSIZE	1024U

/*
 * @s's elements in as many messages as they need, split as stock nft
 * splits them: the element list is one nest, its 16-bit length caps it
 * near 64 KB, so the element that crosses that goes back out and opens the
 * next message, which keeps the command's sequence number; the entries
 * are numbered on across messages (stock nft's int, cut to the 16-bit
 * attribute type).  A message also ends where the batch page would.
 */
static void commit_elem_msgs(struct nft_ctx *ctx, struct nft_batch *b,
			     uint16_t type, uint16_t flags,
			     const struct handle *h, struct nftnl_set *s,
			     const struct location *loc,
			     const struct location **locs, unsigned int num)
{
	struct attr_loc attrs[] = {
		{ NFTA_SET_TABLE, &h->table.location },
		{ NFTA_SET_NAME, &h->obj.location },
	};
	struct nftnl_set_elems_iter *it = nftnl_set_elems_iter_create(s);
	struct nftnl_set_elem *el = it ? nftnl_set_elems_iter_next(it) : NULL;
	uint32_t seq = batch_seq(ctx), room, msg_len;
	unsigned int i = 0, first = 0, sent = 0;
	struct nlattr *list, *nest;
	struct nlmsghdr *nlh;

	do {
		nlh = nftnl_nlmsg_build_hdr(batch_buffer(b), type,
					    (uint16_t)h->family, flags, seq);
		room = batch_room(b);
		elems_head(nlh, s);
		if (el) {
			list = mnl_attr_nest_start(nlh,
						   NFTA_SET_ELEM_LIST_ELEMENTS);
			for (; el; el = nftnl_set_elems_iter_next(it)) {
				msg_len = nlh->nlmsg_len;
				nest = mnl_attr_nest_start(nlh, (uint16_t)++i);
				nftnl_set_elem_nlmsg_build_payload(nlh, el);
				mnl_attr_nest_end(nlh, nest);
				if ((char *)nest + nest->nla_len - (char *)list >
				    UINT16_MAX ||
				    nlh->nlmsg_len + ELEM_MAXSIZE > room) {
					/* it goes into the next message */
					nlh->nlmsg_len = msg_len;
					break;
				}
				sent++;
			}
			mnl_attr_nest_end(nlh, list);
		}
		batch_commit(b, nlh, loc, attrs, h->obj.name ? 2 : 1,
			     NFTA_SET_ELEM_LIST_ELEMENTS,
			     locs && first < num ? locs + first : NULL,
			     first < num ? num - first : 0);
		first = sent;
	} while (el);
	if (it)
		nftnl_set_elems_iter_destroy(it);
}

static void commit_set_msg(struct nft_ctx *ctx, struct nft_batch *b,
			   uint16_t type, uint16_t flags, const struct handle *h,
			   struct nftnl_set *s, const struct location *loc,
			   const struct expr *init)
{
	const struct location **locs;
	unsigned int num;
	struct attr_loc attrs[] = {
		{ NFTA_SET_TABLE, &h->table.location },
		{ NFTA_SET_NAME, &h->obj.location },
	};
	struct nlmsghdr *nlh;

	locs = elem_locations(init, &num);
	if (type == NFT_MSG_NEWSETELEM || type == NFT_MSG_DELSETELEM) {
		commit_elem_msgs(ctx, b, type, flags, h, s, loc, locs, num);
	} else {
		nlh = nftnl_nlmsg_build_hdr(batch_buffer(b), type,
					    (uint16_t)h->family, flags,
					    batch_seq(ctx));
		nftnl_set_nlmsg_build_payload(nlh, s);
		batch_commit(b, nlh, loc, attrs, h->obj.name ? 2 : 1,
			     NFTA_SET_ELEM_LIST_ELEMENTS, locs, num);
	}
	free(locs);
}

/*
 * The key byte order stock nft records for a named set: its type's, where
 * single-byte types (inet_proto) have none (0).
 */
static uint32_t key_byteorder(const struct datatype *key)
{
	if (key->type == TYPE_INET_PROTOCOL)
		return BYTEORDER_INVALID;
	return key->byteorder == BYTEORDER_BIG_ENDIAN ? 2 : 1;
}

void put_set(struct nft_ctx *ctx, struct nft_batch *b, uint16_t flags,
	     const struct handle *h, struct set *set)
{
	struct nftnl_set *s = nftnl_set_alloc();
	struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);
	struct nftnl_set *elems = NULL;
	unsigned int count = 0;

	set->set_id = ++ctx->set_id;
	nftnl_set_set_str(s, NFTNL_SET_TABLE, h->table.name);
	nftnl_set_set_str(s, NFTNL_SET_NAME, h->obj.name);
	nftnl_set_set_u32(s, NFTNL_SET_FAMILY, h->family);
	nftnl_set_set_u32(s, NFTNL_SET_KEY_TYPE, set->key->type);
	nftnl_set_set_u32(s, NFTNL_SET_KEY_LEN, (set->key_len + 7) / 8);
	nftnl_set_set_u32(s, NFTNL_SET_ID, set->set_id);
	if (set->timeout_ms)
		nftnl_set_set_u64(s, NFTNL_SET_TIMEOUT, set->timeout_ms);
	if (set->gc_interval_ms)
		nftnl_set_set_u32(s, NFTNL_SET_GC_INTERVAL,
				  (uint32_t)set->gc_interval_ms);
	/* a constant set has no policy to choose */
	if (set->policy_set && set->policy != NFT_SET_POL_PERFORMANCE &&
	    !(set->flags & NFT_SET_CONSTANT))
		nftnl_set_set_u32(s, NFTNL_SET_POLICY, set->policy);
	nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_KEYBYTEORDER,
			    set->typeof_key ? set->typeof_key->byteorder :
			    key_byteorder(set->key));
	if (set->automerge)
		nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_MERGE_ELEMENTS, 1);
	if (set->typeof_key)
		typeof_key_udata(ud, set->typeof_key);
	if (set->is_map) {
		/* verdicts: no byte order, no intervals */
		nftnl_set_set_u32(s, NFTNL_SET_DATA_TYPE, NFT_DATA_VERDICT);
		nftnl_set_set_u32(s, NFTNL_SET_DATA_LEN, 0);
		nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_DATABYTEORDER, 0);
		nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_DATA_INTERVAL, 0);
	}
	if (set->comment)
		nftnl_udata_put_strz(ud, NFTNL_UDATA_SET_COMMENT, set->comment);
	nftnl_set_set_data(s, NFTNL_SET_USERDATA, nftnl_udata_buf_data(ud),
			   nftnl_udata_buf_len(ud));
	nftnl_udata_buf_free(ud);

	if (set->init) {
		elems = nftnl_set_alloc();
		nftnl_set_set_str(elems, NFTNL_SET_TABLE, h->table.name);
		nftnl_set_set_str(elems, NFTNL_SET_NAME, h->obj.name);
		nftnl_set_set_u32(elems, NFTNL_SET_ID, set->set_id);
		if (set->flags & NFT_SET_INTERVAL) {
			count = put_interval_elems(elems, set->init);
		} else {
			put_plain_elems(elems, set->init);
			count = set->init->compound.size;
		}
	}
	/* a constant set is as large as its elements, whatever "size" says */
	if ((set->flags & NFT_SET_CONSTANT) && count)
		nftnl_set_set_u32(s, NFTNL_SET_DESC_SIZE, count);
	else if (set->size)
		nftnl_set_set_u32(s, NFTNL_SET_DESC_SIZE, (uint32_t)set->size);
	nftnl_set_set_u32(s, NFTNL_SET_FLAGS, set->flags);

	/*
	 * create set|map: stock nft 1.0.6 sizes a constant set by its
	 * elements but sends none of them (nor echoes or prints them); the
	 * bytes and the resulting ruleset stay stock's (nft.8 says so)
	 */
	if (elems && (flags & NLM_F_EXCL)) {
		nftnl_set_free(elems);
		elems = NULL;
	}
	if (ctx->debug & NFT_DEBUG_NETLINK) {
		debug_set_print(ctx, s);
		if (elems) {
			debug_set_print(ctx, elems);
		}
	}
	commit_set_msg(ctx, b, NFT_MSG_NEWSET, flags, h, s, &set->location,
		       NULL);
	if (elems && !list_empty(&set->init->compound.exprs))
		commit_set_msg(ctx, b, NFT_MSG_NEWSETELEM, NLM_F_CREATE | NLM_F_ACK,
			       h, elems, &set->init->location,
			       set->flags & NFT_SET_INTERVAL ? NULL : set->init);
	nftnl_set_free(s);
	if (elems)
		nftnl_set_free(elems);
}

void put_set_elems(struct nft_ctx *ctx, struct nft_batch *b, uint16_t type,
		   uint16_t flags, const struct handle *h, bool interval,
		   const struct expr *init)
{
	struct nftnl_set *elems = nftnl_set_alloc();

	nftnl_set_set_str(elems, NFTNL_SET_TABLE, h->table.name);
	nftnl_set_set_str(elems, NFTNL_SET_NAME, h->obj.name);
	/* stock nft numbers element commands like sets */
	nftnl_set_set_u32(elems, NFTNL_SET_ID, ++ctx->set_id);
	if (init) {
		if (interval)
			put_interval_elems(elems, init);
		else
			put_plain_elems(elems, init);
	}
	if (ctx->debug & NFT_DEBUG_NETLINK && init)
		debug_set_print(ctx, elems);
	commit_set_msg(ctx, b, type, flags, h, elems,
		       init ? &init->location : &h->obj.location,
		       interval ? NULL : init);
	nftnl_set_free(elems);
}

void put_set_delete(struct nft_ctx *ctx, struct nft_batch *b,
		    const struct handle *h, const struct location *loc)
{
	struct nftnl_set *s = nftnl_set_alloc();

	nftnl_set_set_str(s, NFTNL_SET_TABLE, h->table.name);
	nftnl_set_set_str(s, NFTNL_SET_NAME, h->obj.name);
	commit_set_msg(ctx, b, NFT_MSG_DELSET, NLM_F_ACK, h, s, loc, NULL);
	nftnl_set_free(s);
}

/* An anonymous constant set, then its elements, ahead of the rule. */
/*
 * The key description stock nft keeps with an anonymous set: the byte
 * order (meta and ct keys are host order whatever their type), whether
 * interval elements were merged, the key's expression ("typeof").
 */
static void anon_key_udata(struct nftnl_udata_buf *ud, const struct expr *key,
			   const struct expr *set)
{
	const struct typeof_key *tk = NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_KEYBYTEORDER,
			    key->etype == EXPR_META || key->etype == EXPR_CT ||
			    set->byteorder != BYTEORDER_BIG_ENDIAN ? 1 : 2);
	if (set->flags & EXPR_F_VMAP)
		return;
	if (set->flags & EXPR_F_INTERVAL)
		nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_MERGE_ELEMENTS, 1);
	f = open_memstream(&text, &len);
	if (f) {
		expr_print(key, f);
		fclose(f);
		tk = typeof_key_by_text(text);
	}
	free(text);
	if (tk)
		typeof_key_udata(ud, tk);
}

void put_anon_set(struct nft_ctx *ctx, struct nft_batch *b,
		  const struct handle *h, const struct expr *key,
		  struct expr *set)
{
	unsigned int n = (set->len + 7) / 8;
	struct nftnl_set *s = nftnl_set_alloc(), *elems = nftnl_set_alloc();
	struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);
	struct attr_loc attrs[] = {
		{ NFTA_SET_TABLE, &h->table.location },
	};
	struct nlmsghdr *nlh;
	char buf[16384];

	bool vmap = set->flags & EXPR_F_VMAP;
	const char *name = vmap ? "__map%d" : "__set%d";

	set->compound.set_id = ++ctx->set_id;

	nftnl_set_set_str(s, NFTNL_SET_TABLE, h->table.name);
	nftnl_set_set_str(s, NFTNL_SET_NAME, name);
	nftnl_set_set_u32(s, NFTNL_SET_FAMILY, h->family);
	nftnl_set_set_u32(s, NFTNL_SET_FLAGS, NFT_SET_ANONYMOUS | NFT_SET_CONSTANT |
			  (vmap ? NFT_SET_MAP : 0));
	if (vmap) {
		nftnl_set_set_u32(s, NFTNL_SET_DATA_TYPE, NFT_DATA_VERDICT);
		nftnl_set_set_u32(s, NFTNL_SET_DATA_LEN, 0);
	}
	nftnl_set_set_u32(s, NFTNL_SET_KEY_TYPE, set->dtype->type);
	nftnl_set_set_u32(s, NFTNL_SET_KEY_LEN, n);
	nftnl_set_set_u32(s, NFTNL_SET_ID, set->compound.set_id);
	nftnl_set_set_u32(s, NFTNL_SET_DESC_SIZE, set->compound.size);
	anon_key_udata(ud, key, set);
	if (vmap) {
		/* the verdicts: no byte order, typed as verdicts, no intervals */
		struct nftnl_udata *nest;

		nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_DATABYTEORDER, 0);
		nest = nftnl_udata_nest_start(ud, NFTNL_UDATA_SET_DATA_TYPEOF);
		nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_TYPEOF_EXPR, 1);
		nftnl_udata_put(ud, NFTNL_UDATA_SET_TYPEOF_DATA, 0, NULL);
		nftnl_udata_nest_end(ud, nest);
		nftnl_udata_put_u32(ud, NFTNL_UDATA_SET_DATA_INTERVAL, 0);
	}
	nftnl_set_set_data(s, NFTNL_SET_USERDATA, nftnl_udata_buf_data(ud),
			   nftnl_udata_buf_len(ud));
	nftnl_udata_buf_free(ud);

	nftnl_set_set_str(elems, NFTNL_SET_TABLE, h->table.name);
	nftnl_set_set_str(elems, NFTNL_SET_NAME, name);
	nftnl_set_set_u32(elems, NFTNL_SET_ID, set->compound.set_id);
	if (set->flags & EXPR_F_INTERVAL) {
		nftnl_set_set_u32(s, NFTNL_SET_FLAGS, NFT_SET_ANONYMOUS |
				  NFT_SET_CONSTANT | NFT_SET_INTERVAL);
		nftnl_set_set_u32(s, NFTNL_SET_DESC_SIZE,
				  put_interval_elems(elems, set));
	} else {
		put_plain_elems(elems, set);
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

	{
		unsigned int num;
		const struct location **locs = elem_locations(set, &num);

		commit_elem_msgs(ctx, b, NFT_MSG_NEWSETELEM,
				 NLM_F_CREATE | NLM_F_ACK, h, elems,
				 &set->location, locs, num);
		free(locs);
	}

	nftnl_set_free(s);
	nftnl_set_free(elems);
}
