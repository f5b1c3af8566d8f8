// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rule.c - running commands: every change of a run goes into one batch
 * (table, then its chains, objects and rules, as stock nft orders them),
 * listings are printed from a fresh dump in stock nft's layout.
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

/* ---- userdata comments ---- */

static void *comment_udata(const char *comment, uint8_t type, uint32_t *len)
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

static const char *udata_comment(const void *data, uint32_t len, uint8_t type)
{
	struct comment_find cf = { .type = type };

	if (data && len)
		nftnl_udata_parse(data, len, comment_cb, &cf);
	return cf.comment;
}

/* --debug=netlink: libnftnl's own rendering, as stock nft prints it */
static void debug_rule_print(struct nft_ctx *ctx, const struct nftnl_rule *nr)
{
	char buf[16384];

	nftnl_rule_snprintf(buf, sizeof(buf), nr, NFTNL_OUTPUT_DEFAULT, 0);
	fprintf(ctx->out, "%s\n", buf);
}

/* ---- building messages ---- */

static uint16_t cmd_nlflags(enum cmd_ops op)
{
	switch (op) {
	case CMD_CREATE:
		return NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;
	case CMD_ADD:
		return NLM_F_CREATE | NLM_F_ACK;
	default:
		return NLM_F_ACK;
	}
}

static void put_table(struct nft_ctx *ctx, struct nft_batch *b,
		      uint16_t msg, uint16_t flags, const struct handle *h,
		      const char *comment, const struct location *loc)
{
	struct nftnl_table *t = nftnl_table_alloc();
	struct attr_loc attrs[] = {
		{ NFTA_TABLE_NAME, &h->table.location },
	};
	struct nlmsghdr *nlh;

	if (h->table.name)
		nftnl_table_set_str(t, NFTNL_TABLE_NAME, h->table.name);
	if (msg == NFT_MSG_NEWTABLE)
		nftnl_table_set_u32(t, NFTNL_TABLE_FLAGS, 0);
	if (comment) {
		uint32_t len;
		void *ud = comment_udata(comment, NFTNL_UDATA_TABLE_COMMENT, &len);

		nftnl_table_set_data(t, NFTNL_TABLE_USERDATA, ud, len);
		free(ud);
	}
	nlh = nftnl_nlmsg_build_hdr(batch_buffer(b), msg, (uint16_t)h->family,
				    flags, batch_seq(ctx));
	nftnl_table_nlmsg_build_payload(nlh, t);
	batch_commit(b, nlh, loc, attrs, array_size(attrs), 0, NULL, 0);
	nftnl_table_free(t);
}

static void put_chain(struct nft_ctx *ctx, struct nft_batch *b, uint16_t msg,
		      uint16_t flags, const struct handle *h,
		      const struct chain *c, const struct location *loc)
{
	struct nftnl_chain *nc = nftnl_chain_alloc();
	struct attr_loc attrs[] = {
		{ NFTA_CHAIN_TABLE, &h->table.location },
		{ NFTA_CHAIN_NAME, &h->chain.location },
		{ NFTA_CHAIN_HOOK, c ? &c->hook.location : NULL },
		{ NFTA_CHAIN_TYPE, c ? &c->type.location : NULL },
		{ NFTA_CHAIN_POLICY, c ? &c->policy_loc : NULL },
	};
	struct nlmsghdr *nlh;

	nftnl_chain_set_str(nc, NFTNL_CHAIN_TABLE, h->table.name);
	if (h->chain.name)
		nftnl_chain_set_str(nc, NFTNL_CHAIN_NAME, h->chain.name);
	if (c && c->base && msg == NFT_MSG_NEWCHAIN) {
		nftnl_chain_set_u32(nc, NFTNL_CHAIN_HOOKNUM, c->hooknum);
		nftnl_chain_set_s32(nc, NFTNL_CHAIN_PRIO, c->priority_value);
		nftnl_chain_set_str(nc, NFTNL_CHAIN_TYPE, c->type.name);
		if (c->dev.name)
			nftnl_chain_set_str(nc, NFTNL_CHAIN_DEV, c->dev.name);
	}
	if (c && c->policy >= 0 && msg == NFT_MSG_NEWCHAIN)
		nftnl_chain_set_u32(nc, NFTNL_CHAIN_POLICY, (uint32_t)c->policy);
	if (c && c->comment) {
		uint32_t len;
		void *ud = comment_udata(c->comment, NFTNL_UDATA_CHAIN_COMMENT, &len);

		nftnl_chain_set_data(nc, NFTNL_CHAIN_USERDATA, ud, len);
		free(ud);
	}
	nlh = nftnl_nlmsg_build_hdr(batch_buffer(b), msg, (uint16_t)h->family,
				    flags, batch_seq(ctx));
	nftnl_chain_nlmsg_build_payload(nlh, nc);
	batch_commit(b, nlh, loc, attrs, array_size(attrs), 0, NULL, 0);
	nftnl_chain_free(nc);
}

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
static void put_anon_set(struct nft_ctx *ctx, struct nft_batch *b,
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

static void put_rule_sets(struct nft_ctx *ctx, struct nft_batch *b,
			  const struct handle *h, const struct rule *r)
{
	const struct stmt *stmt;

	list_for_each_entry(stmt, &r->stmts, list) {
		if (stmt->type == STMT_EXPRESSION &&
		    stmt->expr->binary.right->etype == EXPR_SET)
			put_anon_set(ctx, b, h, stmt->expr->binary.right);
	}
}

static void put_rule(struct nft_ctx *ctx, struct nft_batch *b, uint16_t msg,
		     uint16_t flags, const struct handle *h,
		     const struct rule *r, const struct location *loc)
{
	struct nftnl_rule *nr = nftnl_rule_alloc();
	struct linearize_out out = { 0 };
	struct attr_loc attrs[] = {
		{ NFTA_RULE_TABLE, &h->table.location },
		{ NFTA_RULE_CHAIN, &h->chain.location },
		{ NFTA_RULE_HANDLE, &h->handle.location },
		{ NFTA_RULE_POSITION, &h->position.location },
	};
	struct nlmsghdr *nlh;

	if (r)
		put_rule_sets(ctx, b, h, r);
	nftnl_rule_set_u32(nr, NFTNL_RULE_FAMILY, h->family);
	nftnl_rule_set_str(nr, NFTNL_RULE_TABLE, h->table.name);
	if (h->chain.name)
		nftnl_rule_set_str(nr, NFTNL_RULE_CHAIN, h->chain.name);
	if (h->handle.id)
		nftnl_rule_set_u64(nr, NFTNL_RULE_HANDLE, h->handle.id);
	if (h->position.id)
		nftnl_rule_set_u64(nr, NFTNL_RULE_POSITION, h->position.id);
	if (r) {
		netlink_linearize_rule(nr, r, &out);
		if (r->comment) {
			uint32_t len;
			void *ud = comment_udata(r->comment, NFTNL_UDATA_RULE_COMMENT, &len);

			nftnl_rule_set_data(nr, NFTNL_RULE_USERDATA, ud, len);
			free(ud);
		}
	}
	if (r && (ctx->debug & NFT_DEBUG_NETLINK))
		debug_rule_print(ctx, nr);
	nlh = nftnl_nlmsg_build_hdr(batch_buffer(b), msg, (uint16_t)h->family,
				    flags, batch_seq(ctx));
	nftnl_rule_nlmsg_build_payload(nlh, nr);
	batch_commit(b, nlh, loc, attrs, array_size(attrs),
		     NFTA_RULE_EXPRESSIONS, out.locs, out.num);
	free(out.locs);
	nftnl_rule_free(nr);
}

static void put_ct_helper(struct nft_ctx *ctx, struct nft_batch *b,
			  uint16_t msg, uint16_t flags, const struct handle *h,
			  const struct obj *o, const struct location *loc)
{
	struct nftnl_ct_helper *nh = nftnl_ct_helper_alloc();
	struct attr_loc attrs[] = {
		{ NFTA_OBJ_TABLE, &h->table.location },
		{ NFTA_OBJ_NAME, &h->obj.location },
	};
	struct nlmsghdr *nlh;
	unsigned int i;

	nftnl_ct_helper_set_u32(nh, NFTNL_CT_HELPER_FAMILY, h->family);
	nftnl_ct_helper_set_str(nh, NFTNL_CT_HELPER_TABLE, h->table.name);
	nftnl_ct_helper_set_str(nh, NFTNL_CT_HELPER_NAME, h->obj.name);
	if (o && msg == NFT_MSG_NEWOBJ) {
		const struct ct_helper_spec *s = &o->ct_helper;

		nftnl_ct_helper_set_str(nh, NFTNL_CT_HELPER_TYPE, s->type.name);
		nftnl_ct_helper_set_u8(nh, NFTNL_CT_HELPER_L4PROTO, s->l4proto);
		/* like stock nft: l3proto only when written */
		if (s->l3proto_set)
			nftnl_ct_helper_set_u16(nh, NFTNL_CT_HELPER_L3PROTO,
						s->l3proto);
		if (s->userspace) {
			nftnl_ct_helper_set_u8(nh, NFTNL_CT_HELPER_USERSPACE, 1);
			nftnl_ct_helper_set_u32(nh, NFTNL_CT_HELPER_QUEUE_NUM,
						(uint32_t)s->queue_first);
			nftnl_ct_helper_set_u32(nh, NFTNL_CT_HELPER_QUEUE_COUNT,
						(uint32_t)(s->queue_last - s->queue_first + 1));
			if (s->bypass || s->queue_empty)
				nftnl_ct_helper_set_u32(nh, NFTNL_CT_HELPER_FLAGS,
							(s->bypass ? NFT_CT_HELPER_F_BYPASS : 0) |
							(s->queue_empty ? NFT_CT_HELPER_F_QUEUE_EMPTY : 0));
			/* always: the kernel's default (0) would leave a
			 * helper no room for state */
			nftnl_ct_helper_set_u32(nh, NFTNL_CT_HELPER_PRIV_LEN,
						(uint32_t)s->priv_len);
			for (i = 0; i < s->policy_count; i++)
				nftnl_ct_helper_policy_add(nh, s->policy[i].name.name,
							   (uint32_t)s->policy[i].size,
							   (uint32_t)s->policy[i].timeout);
		}
		if (o->comment)
			nftnl_ct_helper_set_str(nh, NFTNL_CT_HELPER_COMMENT, o->comment);
	}
	nlh = nftnl_ct_helper_nlmsg_build(batch_buffer(b), msg, flags,
					  batch_seq(ctx), nh);
	batch_commit(b, nlh, loc, attrs, array_size(attrs), 0, NULL, 0);
	if (o && o->ct_helper.userspace && msg == NFT_MSG_NEWOBJ)
		batch_hint_einval(b, "user-space ct helpers need a kernel with the "
				  "nft_ct user-space helper patch (see kernel/)");
	nftnl_ct_helper_free(nh);
}

static void put_obj(struct nft_ctx *ctx, struct nft_batch *b, uint16_t msg,
		    uint16_t flags, uint32_t type, const struct handle *h,
		    const struct obj *o, const struct location *loc)
{
	struct nftnl_obj *no;
	struct attr_loc attrs[] = {
		{ NFTA_OBJ_TABLE, &h->table.location },
		{ NFTA_OBJ_NAME, &h->obj.location },
	};
	struct nlmsghdr *nlh;

	if (type == NFT_OBJECT_CT_HELPER) {
		put_ct_helper(ctx, b, msg, flags, h, o, loc);
		return;
	}
	no = nftnl_obj_alloc();
	nftnl_obj_set_u32(no, NFTNL_OBJ_FAMILY, h->family);
	nftnl_obj_set_str(no, NFTNL_OBJ_TABLE, h->table.name);
	nftnl_obj_set_str(no, NFTNL_OBJ_NAME, h->obj.name);
	nftnl_obj_set_u32(no, NFTNL_OBJ_TYPE, type);
	if (o && msg == NFT_MSG_NEWOBJ && type == NFT_OBJECT_CT_EXPECT) {
		const struct ct_expect_spec *e = &o->ct_expect;

		nftnl_obj_set_u16(no, NFTNL_OBJ_CT_EXPECT_L3PROTO, e->l3proto);
		nftnl_obj_set_u8(no, NFTNL_OBJ_CT_EXPECT_L4PROTO, e->l4proto);
		nftnl_obj_set_u16(no, NFTNL_OBJ_CT_EXPECT_DPORT, (uint16_t)e->dport);
		nftnl_obj_set_u32(no, NFTNL_OBJ_CT_EXPECT_TIMEOUT, (uint32_t)e->timeout_ms);
		nftnl_obj_set_u8(no, NFTNL_OBJ_CT_EXPECT_SIZE, (uint8_t)e->size);
	}
	if (o && msg == NFT_MSG_NEWOBJ && type == NFT_OBJECT_CT_TIMEOUT) {
		const struct ct_timeout_spec *t = &o->ct_timeout;

		/* like stock nft: l3proto only when written */
		if (t->l3proto_set)
			nftnl_obj_set_u16(no, NFTNL_OBJ_CT_TIMEOUT_L3PROTO, t->l3proto);
		nftnl_obj_set_u8(no, NFTNL_OBJ_CT_TIMEOUT_L4PROTO, t->l4proto);
		nftnl_obj_set_data(no, NFTNL_OBJ_CT_TIMEOUT_ARRAY, t->timeouts,
				   sizeof(uint32_t) * t->num_states);
	}
	if (o && o->comment) {
		uint32_t len;
		void *ud = comment_udata(o->comment, NFTNL_UDATA_OBJ_COMMENT, &len);

		nftnl_obj_set_data(no, NFTNL_OBJ_USERDATA, ud, len);
		free(ud);
	}
	nlh = nftnl_nlmsg_build_hdr(batch_buffer(b), msg, (uint16_t)h->family,
				    flags, batch_seq(ctx));
	nftnl_obj_nlmsg_build_payload(nlh, no);
	batch_commit(b, nlh, loc, attrs, array_size(attrs), 0, NULL, 0);
	nftnl_obj_free(no);
}

/* Objects in a block inherit the block's names. */
static void child_handle(struct handle *dst, const struct handle *parent,
			 const struct handle *own)
{
	*dst = *parent;
	dst->chain = own->chain;
	dst->obj = own->obj;
}

static void put_table_block(struct nft_ctx *ctx, struct nft_batch *b,
			    const struct cmd *cmd)
{
	uint16_t flags = cmd_nlflags(cmd->op);
	const struct table *t = cmd->table;
	const struct chain *c;
	const struct rule *r;
	const struct obj *o;
	struct handle h;

	put_table(ctx, b, NFT_MSG_NEWTABLE, flags, &cmd->handle,
		  t ? t->comment : NULL, &cmd->location);
	if (!t)
		return;
	list_for_each_entry(c, &t->chains, list) {
		child_handle(&h, &cmd->handle, &c->handle);
		put_chain(ctx, b, NFT_MSG_NEWCHAIN, cmd_nlflags(CMD_ADD), &h, c,
			  &c->location);
	}
	list_for_each_entry(o, &t->objs, list) {
		child_handle(&h, &cmd->handle, &o->handle);
		put_obj(ctx, b, NFT_MSG_NEWOBJ, cmd_nlflags(CMD_ADD), o->type,
			&h, o, &o->location);
	}
	list_for_each_entry(c, &t->chains, list) {
		child_handle(&h, &cmd->handle, &c->handle);
		list_for_each_entry(r, &c->rules, list)
			put_rule(ctx, b, NFT_MSG_NEWRULE,
				 NLM_F_CREATE | NLM_F_APPEND | NLM_F_ACK, &h, r,
				 &r->location);
	}
}

static void put_chain_block(struct nft_ctx *ctx, struct nft_batch *b,
			    const struct cmd *cmd)
{
	const struct rule *r;

	put_chain(ctx, b, NFT_MSG_NEWCHAIN, cmd_nlflags(cmd->op), &cmd->handle,
		  cmd->chain, &cmd->location);
	list_for_each_entry(r, &cmd->chain->rules, list)
		put_rule(ctx, b, NFT_MSG_NEWRULE,
			 NLM_F_CREATE | NLM_F_APPEND | NLM_F_ACK, &cmd->handle,
			 r, &r->location);
}

static uint32_t cmd_obj_type(enum cmd_obj obj)
{
	switch (obj) {
	case CMD_OBJ_CT_HELPER:	return NFT_OBJECT_CT_HELPER;
	case CMD_OBJ_CT_EXPECT:	return NFT_OBJECT_CT_EXPECT;
	case CMD_OBJ_CT_TIMEOUT: return NFT_OBJECT_CT_TIMEOUT;
	default:		return 0;
	}
}

/* A chain's handle for rename: look it up in the kernel. */
static uint64_t chain_handle_lookup(struct nft_ctx *ctx, const struct handle *h)
{
	struct cache c;
	uint64_t handle = 0;
	unsigned int i;

	if (cache_fetch(ctx, &c, CACHE_CHAINS, h->family, h->table.name) == 0) {
		for (i = 0; i < c.num_chains; i++)
			if (!strcmp(nftnl_chain_get_str(c.chains[i], NFTNL_CHAIN_NAME),
				    h->chain.name))
				handle = nftnl_chain_get_u64(c.chains[i], NFTNL_CHAIN_HANDLE);
	}
	cache_free(&c);
	return handle;
}

/* "index N": the handle of the N-th rule (0-based) of the chain. */
static int rule_index_lookup(struct nft_ctx *ctx, struct handle *h)
{
	struct cache c;
	uint64_t want = h->index.id - 1, n = 0;
	unsigned int i;
	int ret = -1;

	if (cache_fetch(ctx, &c, CACHE_RULES, h->family, h->table.name) == 0) {
		for (i = 0; i < c.num_rules; i++) {
			if (strcmp(nftnl_rule_get_str(c.rules[i], NFTNL_RULE_CHAIN),
				   h->chain.name))
				continue;
			if (n++ == want) {
				h->position.id = nftnl_rule_get_u64(c.rules[i],
								    NFTNL_RULE_HANDLE);
				h->position.location = h->index.location;
				ret = 0;
				break;
			}
		}
	}
	cache_free(&c);
	return ret;
}

static int put_cmd(struct nft_ctx *ctx, struct nft_batch *b, struct cmd *cmd)
{
	struct handle *h = &cmd->handle;
	uint16_t flags = cmd_nlflags(cmd->op);
	uint32_t type = cmd_obj_type(cmd->obj);

	switch (cmd->op) {
	case CMD_ADD:
	case CMD_CREATE:
		switch (cmd->obj) {
		case CMD_OBJ_TABLE:
			put_table_block(ctx, b, cmd);
			return 0;
		case CMD_OBJ_CHAIN:
			put_chain_block(ctx, b, cmd);
			return 0;
		case CMD_OBJ_RULE:
			if (h->index.id && rule_index_lookup(ctx, h) < 0)
				return erec_queue_error(ctx->msgs, &h->index.location,
							"Could not process rule: No such file or directory");
			put_rule(ctx, b, NFT_MSG_NEWRULE,
				 NLM_F_CREATE | NLM_F_APPEND | NLM_F_ACK, h,
				 cmd->rule, &cmd->location);
			return 0;
		case CMD_OBJ_CT_HELPER:
		case CMD_OBJ_CT_EXPECT:
		case CMD_OBJ_CT_TIMEOUT:
			put_obj(ctx, b, NFT_MSG_NEWOBJ, flags, type, h,
				cmd->object, &cmd->location);
			return 0;
		default:
			break;
		}
		break;
	case CMD_INSERT:
		if (h->index.id && rule_index_lookup(ctx, h) < 0)
			return erec_queue_error(ctx->msgs, &h->index.location,
						"Could not process rule: No such file or directory");
		put_rule(ctx, b, NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_ACK, h,
			 cmd->rule, &cmd->location);
		return 0;
	case CMD_REPLACE:
		if (!h->handle.id)
			return erec_queue_error(ctx->msgs, &cmd->location,
						"replace needs a rule handle");
		put_rule(ctx, b, NFT_MSG_NEWRULE, NLM_F_REPLACE | NLM_F_ACK, h,
			 cmd->rule, &cmd->location);
		return 0;
	case CMD_DELETE:
		switch (cmd->obj) {
		case CMD_OBJ_TABLE:
			put_table(ctx, b, NFT_MSG_DELTABLE, NLM_F_ACK, h, NULL,
				  &cmd->location);
			return 0;
		case CMD_OBJ_CHAIN:
			put_chain(ctx, b, NFT_MSG_DELCHAIN, NLM_F_ACK, h, NULL,
				  &cmd->location);
			return 0;
		case CMD_OBJ_RULE:
			if (!h->handle.id)
				return erec_queue_error(ctx->msgs, &cmd->location,
							"delete rule needs a handle");
			put_rule(ctx, b, NFT_MSG_DELRULE, NLM_F_ACK, h, NULL,
				 &cmd->location);
			return 0;
		case CMD_OBJ_CT_HELPER:
		case CMD_OBJ_CT_EXPECT:
		case CMD_OBJ_CT_TIMEOUT:
			put_obj(ctx, b, NFT_MSG_DELOBJ, NLM_F_ACK, type, h, NULL,
				&cmd->location);
			return 0;
		default:
			break;
		}
		break;
	case CMD_FLUSH:
		switch (cmd->obj) {
		case CMD_OBJ_RULESET:
			put_table(ctx, b, NFT_MSG_DELTABLE, NLM_F_ACK, h, NULL,
				  &cmd->location);
			return 0;
		case CMD_OBJ_TABLE:
		case CMD_OBJ_CHAIN:
			put_rule(ctx, b, NFT_MSG_DELRULE, NLM_F_ACK, h, NULL,
				 &cmd->location);
			return 0;
		default:
			break;
		}
		break;
	case CMD_RENAME: {
		struct chain c = { .policy = -1 };
		struct handle nh = *h;

		nh.chain.name = cmd->arg;
		nh.handle.id = chain_handle_lookup(ctx, h);
		if (!nh.handle.id)
			return erec_queue_error(ctx->msgs, &h->chain.location,
						"Could not process rule: No such file or directory");
		{
			struct nftnl_chain *nc = nftnl_chain_alloc();
			struct attr_loc attrs[] = {
				{ NFTA_CHAIN_TABLE, &h->table.location },
				{ NFTA_CHAIN_NAME, &h->chain.location },
			};
			struct nlmsghdr *nlh;

			(void)c;
			nftnl_chain_set_str(nc, NFTNL_CHAIN_TABLE, h->table.name);
			nftnl_chain_set_str(nc, NFTNL_CHAIN_NAME, cmd->arg);
			nftnl_chain_set_u64(nc, NFTNL_CHAIN_HANDLE, nh.handle.id);
			nlh = nftnl_nlmsg_build_hdr(batch_buffer(b), NFT_MSG_NEWCHAIN,
						    (uint16_t)h->family, NLM_F_ACK,
						    batch_seq(ctx));
			nftnl_chain_nlmsg_build_payload(nlh, nc);
			batch_commit(b, nlh, &cmd->location, attrs,
				     array_size(attrs), 0, NULL, 0);
			nftnl_chain_free(nc);
		}
		return 0;
	}
	default:
		break;
	}
	return erec_queue_error(ctx->msgs, &cmd->location,
				"this command is not supported by this nft");
}

/* ---- listing ---- */

static const char *hook_name(uint32_t family, uint32_t hook)
{
	if (family == NFPROTO_NETDEV)
		return "ingress";
	if (family == NFPROTO_ARP)
		return hook == NF_ARP_IN ? "input" :
		       hook == NF_ARP_OUT ? "output" : "forward";
	return inet_hook_name(hook);
}

struct prio_tbl {
	const char *name;
	int value;
	unsigned int hooks;	/* 0: all */
};

static const struct prio_tbl std_prios[] = {
	{ "raw", -300, 0 },
	{ "mangle", -150, 0 },
	{ "dstnat", -100, 1 << NF_INET_PRE_ROUTING },
	{ "filter", 0, 0 },
	{ "security", 50, 0 },
	{ "srcnat", 100, 1 << NF_INET_POST_ROUTING },
};

/* -n: priorities as numbers */
static bool ctx_numeric;

/* the bridge family has its own standard priorities */
static const struct prio_tbl bridge_prios[] = {
	{ "dstnat", -300, 1 << NF_BR_PRE_ROUTING },
	{ "filter", -200, 0 },
	{ "out", 100, 1 << NF_BR_LOCAL_OUT },
	{ "srcnat", 300, 1 << NF_BR_POST_ROUTING },
};

static void prio_print(uint32_t family, uint32_t hook, int prio, FILE *f)
{
	const struct prio_tbl *tbl = std_prios;
	unsigned int i, n = array_size(std_prios);

	if (ctx_numeric) {
		fprintf(f, "%d", prio);
		return;
	}
	if (family == NFPROTO_BRIDGE) {
		tbl = bridge_prios;
		n = array_size(bridge_prios);
	}
	for (i = 0; i < n; i++) {
		const struct prio_tbl *p = &tbl[i];
		int off = prio - p->value;

		if (family == NFPROTO_NETDEV || family == NFPROTO_ARP) {
			if (strcmp(p->name, "filter"))
				continue;
		} else if (p->hooks && !(p->hooks & (1U << hook))) {
			continue;
		}
		if (off == 0) {
			fprintf(f, "%s", p->name);
			return;
		}
		if (off > 0 && off <= 10) {
			fprintf(f, "%s + %d", p->name, off);
			return;
		}
		if (off < 0 && off >= -10) {
			fprintf(f, "%s - %d", p->name, -off);
			return;
		}
	}
	fprintf(f, "%d", prio);
}

static const char *l3proto_name(uint16_t l3)
{
	switch (l3) {
	case NFPROTO_IPV4:	return "ip";
	case NFPROTO_IPV6:	return "ip6";
	case NFPROTO_INET:	return "inet";
	default:		return "unknown";
	}
}

static const char *l4proto_name(uint8_t l4)
{
	return l4 == IPPROTO_TCP ? "tcp" : l4 == IPPROTO_UDP ? "udp" : "unknown";
}

/*
 * The declaration of a ct helper object after its comment: type, l3proto
 * and the user-space lines, each as @pre LINE @sep (the listing puts one per
 * line, the echo of "nft -e" all on one line).
 */
static void ct_helper_decl_print(const struct nftnl_ct_helper *h, FILE *f,
				 const char *pre, const char *sep)
{
	uint32_t num, cnt, flags;
	unsigned int i, n;

	fprintf(f, "%stype \"%s\" protocol %s%s", pre,
		nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TYPE),
		l4proto_name(nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_L4PROTO)), sep);
	fprintf(f, "%sl3proto %s%s", pre,
		l3proto_name(nftnl_ct_helper_get_u16(h, NFTNL_CT_HELPER_L3PROTO)), sep);
	if (!nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_USERSPACE))
		return;

	num = nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_QUEUE_NUM);
	cnt = nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT);
	fprintf(f, "%suserspace queue %u", pre, num);
	if (cnt > 1)
		fprintf(f, "-%u", num + cnt - 1);
	flags = nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FLAGS);
	if (flags & NFT_CT_HELPER_F_BYPASS)
		fputs(" bypass", f);
	if (flags & NFT_CT_HELPER_F_QUEUE_EMPTY)
		fputs(" empty", f);
	fputs(sep, f);
	fprintf(f, "%sprivate %u%s", pre,
		nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_PRIV_LEN), sep);
	n = nftnl_ct_helper_policy_count(h);
	for (i = 0; i < n; i++) {
		const struct nftnl_ct_helper_policy *p =
			nftnl_ct_helper_policy_get(h, i);

		fprintf(f, "%sexpectation \"%s\" size %u timeout ", pre,
			p->name, p->max);
		time_print_ms((uint64_t)p->timeout * 1000, f);
		fputs(sep, f);
	}
}

static void ct_helper_print(struct nft_ctx *ctx, const struct cache_obj *co,
			    FILE *f)
{
	const struct nftnl_ct_helper *h = co->helper;
	const char *comment = NULL;

	fprintf(f, "\tct helper %s {", co->name);
	if (ctx->handles)
		fprintf(f, " # handle %llu", (unsigned long long)
			nftnl_ct_helper_get_u64(h, NFTNL_CT_HELPER_HANDLE));
	fputc('\n', f);
	if (nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_COMMENT))
		comment = nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_COMMENT);
	if (comment)
		fprintf(f, "\t\tcomment \"%s\"\n", comment);
	ct_helper_decl_print(h, f, "\t\t", "\n");
	fputs("\t}\n", f);
}

static void ct_expect_print(struct nft_ctx *ctx, const struct cache_obj *co,
			    FILE *f)
{
	struct nftnl_obj *o = co->obj;
	uint32_t len;
	const void *ud = NULL;
	const char *comment;

	fprintf(f, "\tct expectation %s {", co->name);
	if (ctx->handles)
		fprintf(f, " # handle %llu", (unsigned long long)
			nftnl_obj_get_u64(o, NFTNL_OBJ_HANDLE));
	fputc('\n', f);
	if (nftnl_obj_is_set(o, NFTNL_OBJ_USERDATA))
		ud = nftnl_obj_get_data(o, NFTNL_OBJ_USERDATA, &len);
	comment = ud ? udata_comment(ud, len, NFTNL_UDATA_OBJ_COMMENT) : NULL;
	if (comment)
		fprintf(f, "\t\tcomment \"%s\"\n", comment);
	fprintf(f, "\t\tprotocol %s\n",
		l4proto_name(nftnl_obj_get_u8(o, NFTNL_OBJ_CT_EXPECT_L4PROTO)));
	fprintf(f, "\t\tdport %u\n", nftnl_obj_get_u16(o, NFTNL_OBJ_CT_EXPECT_DPORT));
	fputs("\t\ttimeout ", f);
	time_print_ms(nftnl_obj_get_u32(o, NFTNL_OBJ_CT_EXPECT_TIMEOUT), f);
	fputc('\n', f);
	fprintf(f, "\t\tsize %u\n", nftnl_obj_get_u8(o, NFTNL_OBJ_CT_EXPECT_SIZE));
	fprintf(f, "\t\tl3proto %s\n",
		l3proto_name(nftnl_obj_get_u16(o, NFTNL_OBJ_CT_EXPECT_L3PROTO)));
	fputs("\t}\n", f);
}

/* The entries of a ct timeout's policy: only the states whose value differs
 * from the default, as stock nft (listing and -e echo alike). */
static void ct_timeout_policy_print(struct nftnl_obj *o, FILE *f)
{
	uint8_t l4 = nftnl_obj_get_u8(o, NFTNL_OBJ_CT_TIMEOUT_L4PROTO);
	const uint32_t *defaults = NULL, *vals = NULL;
	const char *const *names = NULL;
	uint32_t vlen = 0;
	bool first = true;
	unsigned int i, n;

	n = ct_timeout_states(l4, &names, &defaults);
	if (nftnl_obj_is_set(o, NFTNL_OBJ_CT_TIMEOUT_ARRAY))
		vals = nftnl_obj_get_data(o, NFTNL_OBJ_CT_TIMEOUT_ARRAY, &vlen);
	for (i = 0; vals && i < n && (i + 1) * sizeof(uint32_t) <= vlen; i++) {
		if (vals[i] == defaults[i])
			continue;
		fprintf(f, "%s%s : %u", first ? "" : ", ", names[i], vals[i]);
		first = false;
	}
}

static void ct_timeout_print(struct nft_ctx *ctx, const struct cache_obj *co,
			     FILE *f)
{
	struct nftnl_obj *o = co->obj;
	const void *ud = NULL;
	const char *comment;
	uint32_t len = 0;

	fprintf(f, "\tct timeout %s {", co->name);
	if (ctx->handles)
		fprintf(f, " # handle %llu", (unsigned long long)
			nftnl_obj_get_u64(o, NFTNL_OBJ_HANDLE));
	fputc('\n', f);
	if (nftnl_obj_is_set(o, NFTNL_OBJ_USERDATA))
		ud = nftnl_obj_get_data(o, NFTNL_OBJ_USERDATA, &len);
	comment = ud ? udata_comment(ud, len, NFTNL_UDATA_OBJ_COMMENT) : NULL;
	if (comment)
		fprintf(f, "\t\tcomment \"%s\"\n", comment);
	fprintf(f, "\t\tprotocol %s\n",
		l4proto_name(nftnl_obj_get_u8(o, NFTNL_OBJ_CT_TIMEOUT_L4PROTO)));
	fprintf(f, "\t\tl3proto %s\n",
		l3proto_name(nftnl_obj_get_u16(o, NFTNL_OBJ_CT_TIMEOUT_L3PROTO)));
	fputs("\t\tpolicy = { ", f);
	ct_timeout_policy_print(o, f);
	fputs(" }\n\t}\n", f);
}

static bool obj_printable(const struct cache_obj *o)
{
	return o->type == NFT_OBJECT_CT_HELPER || o->type == NFT_OBJECT_CT_EXPECT ||
	       o->type == NFT_OBJECT_CT_TIMEOUT;
}

static void obj_print(struct nft_ctx *ctx, const struct cache_obj *o, FILE *f)
{
	if (o->type == NFT_OBJECT_CT_HELPER)
		ct_helper_print(ctx, o, f);
	else if (o->type == NFT_OBJECT_CT_TIMEOUT)
		ct_timeout_print(ctx, o, f);
	else
		ct_expect_print(ctx, o, f);
}

static struct nftnl_set *cache_set_resolver(void *data, uint32_t family,
					    const char *table, const char *name)
{
	return cache_find_set(data, family, table, name);
}

static void rule_list_print(struct nft_ctx *ctx, const struct cache *c,
			    const struct nftnl_rule *nr, uint32_t family,
			    FILE *f)
{
	struct rule *r = netlink_delinearize_rule(family, nr, cache_set_resolver,
						  (void *)c, false);
	const void *ud;
	uint32_t len;

	fputs("\t\t", f);
	if (r) {
		if (nftnl_rule_is_set(nr, NFTNL_RULE_USERDATA)) {
			const char *c;

			ud = nftnl_rule_get_data(nr, NFTNL_RULE_USERDATA, &len);
			c = udata_comment(ud, len, NFTNL_UDATA_RULE_COMMENT);
			if (c)
				r->comment = xstrdup(c);
		}
		rule_print(r, f);
		rule_free(r);
	} else {
		/* never guess: say what we cannot show */
		fputs("# rule not supported by this nft", f);
	}
	if (ctx->handles)
		fprintf(f, " # handle %llu", (unsigned long long)
			nftnl_rule_get_u64(nr, NFTNL_RULE_HANDLE));
	fputc('\n', f);
}

static void chain_print(struct nft_ctx *ctx, const struct cache *c,
			const struct nftnl_chain *ch, bool with_rules, FILE *f)
{
	uint32_t family = nftnl_chain_get_u32(ch, NFTNL_CHAIN_FAMILY);
	const char *table = nftnl_chain_get_str(ch, NFTNL_CHAIN_TABLE);
	const char *name = nftnl_chain_get_str(ch, NFTNL_CHAIN_NAME);
	const char *comment = NULL;
	unsigned int i;
	uint32_t len;

	fprintf(f, "\tchain %s {", name);
	if (ctx->handles)
		fprintf(f, " # handle %llu", (unsigned long long)
			nftnl_chain_get_u64(ch, NFTNL_CHAIN_HANDLE));
	fputc('\n', f);
	if (nftnl_chain_is_set(ch, NFTNL_CHAIN_USERDATA)) {
		const void *ud = nftnl_chain_get_data(ch, NFTNL_CHAIN_USERDATA, &len);

		comment = udata_comment(ud, len, NFTNL_UDATA_CHAIN_COMMENT);
	}
	if (comment)
		fprintf(f, "\t\tcomment \"%s\"\n", comment);
	if (nftnl_chain_is_set(ch, NFTNL_CHAIN_HOOKNUM)) {
		uint32_t hook = nftnl_chain_get_u32(ch, NFTNL_CHAIN_HOOKNUM);

		fprintf(f, "\t\ttype %s hook %s",
			nftnl_chain_get_str(ch, NFTNL_CHAIN_TYPE),
			hook_name(family, hook));
		if (nftnl_chain_is_set(ch, NFTNL_CHAIN_DEV))
			fprintf(f, " device \"%s\"",
				nftnl_chain_get_str(ch, NFTNL_CHAIN_DEV));
		fputs(" priority ", f);
		prio_print(family, hook, nftnl_chain_get_s32(ch, NFTNL_CHAIN_PRIO), f);
		fprintf(f, "; policy %s;\n",
			nftnl_chain_get_u32(ch, NFTNL_CHAIN_POLICY) == NF_DROP ?
			"drop" : "accept");
	}
	if (with_rules) {
		for (i = 0; i < c->num_rules; i++) {
			const struct nftnl_rule *r = c->rules[i];

			if (nftnl_rule_get_u32(r, NFTNL_RULE_FAMILY) != family ||
			    strcmp(nftnl_rule_get_str(r, NFTNL_RULE_TABLE), table) ||
			    strcmp(nftnl_rule_get_str(r, NFTNL_RULE_CHAIN), name))
				continue;
			rule_list_print(ctx, c, r, family, f);
		}
	}
	fputs("\t}\n", f);
}

struct list_filter {
	enum cmd_obj obj;
	const char *chain;		/* CMD_OBJ_CHAIN */
	const char *obj_name;		/* one object */
	uint32_t obj_type;		/* 0: all printable objects */
};

static void table_print(struct nft_ctx *ctx, const struct cache *c,
			const struct nftnl_table *t, const struct list_filter *lf,
			FILE *f)
{
	uint32_t family = nftnl_table_get_u32(t, NFTNL_TABLE_FAMILY);
	const char *name = nftnl_table_get_str(t, NFTNL_TABLE_NAME);
	bool objs = true, chains = true, rules = true, first = true;
	const char *comment = NULL;
	unsigned int i;
	uint32_t len;
	bool objs_only = false;

	switch (lf->obj) {
	case CMD_OBJ_CHAIN:
		objs = false;
		break;
	case CMD_OBJ_CHAINS:
		objs = false;
		rules = false;
		break;
	case CMD_OBJ_CT_HELPER:
	case CMD_OBJ_CT_HELPERS:
	case CMD_OBJ_CT_EXPECT:
	case CMD_OBJ_CT_TIMEOUT:
		chains = false;
		objs_only = true;
		break;
	default:
		break;
	}

	fprintf(f, "table %s %s {", family_name(family), name);
	/* stock nft shows the table handle only when listing tables */
	if (ctx->handles &&
	    (lf->obj == CMD_OBJ_RULESET || lf->obj == CMD_OBJ_TABLE))
		fprintf(f, " # handle %llu", (unsigned long long)
			nftnl_table_get_u64(t, NFTNL_TABLE_HANDLE));
	fputc('\n', f);
	if (lf->obj == CMD_OBJ_TABLE || lf->obj == CMD_OBJ_RULESET) {
		if (nftnl_table_is_set(t, NFTNL_TABLE_USERDATA)) {
			const void *ud = nftnl_table_get_data(t, NFTNL_TABLE_USERDATA, &len);

			comment = udata_comment(ud, len, NFTNL_UDATA_TABLE_COMMENT);
		}
		if (comment)
			fprintf(f, "\tcomment \"%s\"\n", comment);
	}
	for (i = 0; objs && i < c->num_objs; i++) {
		const struct cache_obj *o = &c->objs[i];

		if (o->family != family || strcmp(o->table, name) ||
		    !obj_printable(o))
			continue;
		if (lf->obj_type && o->type != lf->obj_type)
			continue;
		if (lf->obj_name && strcmp(lf->obj_name, o->name))
			continue;
		/* object listings have no blank lines between objects */
		if (!first && !objs_only)
			fputc('\n', f);
		obj_print(ctx, o, f);
		first = false;
	}
	for (i = 0; chains && i < c->num_chains; i++) {
		const struct nftnl_chain *ch = c->chains[i];

		if (nftnl_chain_get_u32(ch, NFTNL_CHAIN_FAMILY) != family ||
		    strcmp(nftnl_chain_get_str(ch, NFTNL_CHAIN_TABLE), name))
			continue;
		if (lf->chain &&
		    strcmp(nftnl_chain_get_str(ch, NFTNL_CHAIN_NAME), lf->chain))
			continue;
		/* "list chains" has no blank lines between chains */
		if (!first && lf->obj != CMD_OBJ_CHAINS)
			fputc('\n', f);
		chain_print(ctx, c, ch, rules, f);
		first = false;
	}
	fputs("}\n", f);
}

static int list_cmd(struct nft_ctx *ctx, struct cmd *cmd)
{
	struct handle *h = &cmd->handle;
	struct list_filter lf = { .obj = cmd->obj };
	const char *table = h->table.name;
	unsigned int i, found = 0;
	struct cache c;
	int ret = 0;

	if (cache_fetch(ctx, &c, CACHE_ALL, h->family, table) < 0) {
		cache_free(&c);
		return erec_queue_error(ctx->msgs, &cmd->location,
					"Could not receive the ruleset: %s",
					strerror(errno));
	}
	if (ctx->debug & NFT_DEBUG_NETLINK)
		for (i = 0; i < c.num_rules; i++)
			debug_rule_print(ctx, c.rules[i]);
	/* a missing table is reported before whatever was asked of it */
	if (table && !c.num_tables) {
		cache_free(&c);
		return erec_queue_error(ctx->msgs, &h->table.location,
					"No such file or directory");
	}
	switch (cmd->obj) {
	case CMD_OBJ_TABLES:
		for (i = 0; i < c.num_tables; i++)
			fprintf(ctx->out, "table %s %s\n",
				family_name(nftnl_table_get_u32(c.tables[i], NFTNL_TABLE_FAMILY)),
				nftnl_table_get_str(c.tables[i], NFTNL_TABLE_NAME));
		cache_free(&c);
		return 0;
	case CMD_OBJ_CHAIN:
		lf.chain = h->chain.name;
		for (i = 0; i < c.num_chains; i++)
			if (!strcmp(nftnl_chain_get_str(c.chains[i], NFTNL_CHAIN_NAME),
				    lf.chain))
				found++;
		if (!found)
			ret = erec_queue_error(ctx->msgs, &h->chain.location,
					       "No such file or directory");
		break;
	case CMD_OBJ_CT_HELPER:
	case CMD_OBJ_CT_EXPECT:
	case CMD_OBJ_CT_TIMEOUT:
		lf.obj_type = cmd_obj_type(cmd->obj);
		lf.obj_name = h->obj.name;
		if (lf.obj_name) {
			for (i = 0; i < c.num_objs; i++)
				if (c.objs[i].type == lf.obj_type &&
				    !strcmp(c.objs[i].name, lf.obj_name))
					found++;
			if (!found)
				ret = erec_queue_error(ctx->msgs, &h->obj.location,
						       "No such file or directory");
		}
		break;
	case CMD_OBJ_CT_HELPERS:
		lf.obj_type = NFT_OBJECT_CT_HELPER;
		break;
	default:
		break;
	}
	if (table && !c.num_tables && !ret)
		ret = erec_queue_error(ctx->msgs, &h->table.location,
				       "No such file or directory");
	if (ret == 0)
		for (i = 0; i < c.num_tables; i++)
			table_print(ctx, &c, c.tables[i], &lf, ctx->out);
	cache_free(&c);
	return ret;
}

/* ---- -e: the kernel's echo, printed as stock nft's monitor does ---- */

struct echo_state {
	struct cache sets;		/* anonymous sets echoed before rules */
	bool printed;
};

static void echo_chain(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
{
	struct nftnl_chain *ch = nftnl_chain_alloc();
	uint32_t family, hook;

	if (nftnl_chain_nlmsg_parse(nlh, ch) < 0)
		goto out;
	family = nftnl_chain_get_u32(ch, NFTNL_CHAIN_FAMILY);
	fprintf(ctx->out, "add chain %s %s %s", family_name(family),
		nftnl_chain_get_str(ch, NFTNL_CHAIN_TABLE),
		nftnl_chain_get_str(ch, NFTNL_CHAIN_NAME));
	if (nftnl_chain_is_set(ch, NFTNL_CHAIN_HOOKNUM)) {
		hook = nftnl_chain_get_u32(ch, NFTNL_CHAIN_HOOKNUM);
		fprintf(ctx->out, " { type %s hook %s",
			nftnl_chain_get_str(ch, NFTNL_CHAIN_TYPE),
			hook_name(family, hook));
		if (nftnl_chain_is_set(ch, NFTNL_CHAIN_DEV))
			fprintf(ctx->out, " device \"%s\"",
				nftnl_chain_get_str(ch, NFTNL_CHAIN_DEV));
		fputs(" priority ", ctx->out);
		prio_print(family, hook, nftnl_chain_get_s32(ch, NFTNL_CHAIN_PRIO),
			   ctx->out);
		fprintf(ctx->out, "; policy %s; }",
			nftnl_chain_get_u32(ch, NFTNL_CHAIN_POLICY) == NF_DROP ?
			"drop" : "accept");
	}
	fputc('\n', ctx->out);
out:
	nftnl_chain_free(ch);
}

static void echo_rule(struct nft_ctx *ctx, struct echo_state *es,
		      const struct nlmsghdr *nlh)
{
	struct nftnl_rule *nr = nftnl_rule_alloc();
	uint32_t family;
	struct rule *r;
	const void *ud;
	uint32_t len;

	if (nftnl_rule_nlmsg_parse(nlh, nr) < 0)
		goto out;
	family = nftnl_rule_get_u32(nr, NFTNL_RULE_FAMILY);
	r = netlink_delinearize_rule(family, nr, cache_set_resolver, &es->sets,
				     true);
	fprintf(ctx->out, "%s rule %s %s %s ",
		nlh->nlmsg_flags & NLM_F_APPEND ? "add" : "insert",
		family_name(family), nftnl_rule_get_str(nr, NFTNL_RULE_TABLE),
		nftnl_rule_get_str(nr, NFTNL_RULE_CHAIN));
	/* stock nft prints the position a rule was added after as "handle" */
	if (nftnl_rule_is_set(nr, NFTNL_RULE_POSITION))
		fprintf(ctx->out, "handle %llu ", (unsigned long long)
			nftnl_rule_get_u64(nr, NFTNL_RULE_POSITION));
	if (r) {
		if (nftnl_rule_is_set(nr, NFTNL_RULE_USERDATA)) {
			const char *c;

			ud = nftnl_rule_get_data(nr, NFTNL_RULE_USERDATA, &len);
			c = udata_comment(ud, len, NFTNL_UDATA_RULE_COMMENT);
			if (c)
				r->comment = xstrdup(c);
		}
		rule_print(r, ctx->out);
		rule_free(r);
	} else {
		fputs("# rule not supported by this nft", ctx->out);
	}
	fputc('\n', ctx->out);
out:
	nftnl_rule_free(nr);
}

static void echo_set(struct echo_state *es, const struct nlmsghdr *nlh,
		     bool elems)
{
	struct nftnl_set *s;
	unsigned int i;

	if (!elems) {
		s = nftnl_set_alloc();
		if (nftnl_set_nlmsg_parse(nlh, s) < 0) {
			nftnl_set_free(s);
			return;
		}
		es->sets.sets = xrealloc(es->sets.sets, (es->sets.num_sets + 1) *
					 sizeof(*es->sets.sets));
		es->sets.sets[es->sets.num_sets++] = s;
		return;
	}
	/* elements go to the set of the same name, echoed just before */
	s = nftnl_set_alloc();
	if (nftnl_set_elems_nlmsg_parse(nlh, s) == 0) {
		for (i = es->sets.num_sets; i-- > 0;) {
			if (!strcmp(nftnl_set_get_str(es->sets.sets[i], NFTNL_SET_NAME),
				    nftnl_set_get_str(s, NFTNL_SET_NAME))) {
				nftnl_set_elems_nlmsg_parse(nlh, es->sets.sets[i]);
				break;
			}
		}
	}
	nftnl_set_free(s);
}

static void echo_obj(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
{
	const struct nfgenmsg *nfg = mnl_nlmsg_get_payload(nlh);
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	struct nftnl_obj *o = NULL;
	const char *comment = NULL;
	FILE *f = ctx->out;

	if (nftnl_ct_helper_nlmsg_parse(nlh, h) == 0) {
		fprintf(f, "add ct helper %s %s %s { ", family_name(nfg->nfgen_family),
			nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TABLE),
			nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_NAME));
		if (nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_COMMENT))
			comment = nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_COMMENT);
		if (comment)
			fprintf(f, "comment \"%s\" ", comment);
		ct_helper_decl_print(h, f, "", "; ");
		fputs("} \n", f);
		nftnl_ct_helper_free(h);
		return;
	}
	nftnl_ct_helper_free(h);

	o = nftnl_obj_alloc();
	if (nftnl_obj_nlmsg_parse(nlh, o) < 0)
		goto out;
	if (nftnl_obj_is_set(o, NFTNL_OBJ_USERDATA)) {
		uint32_t len;
		const void *ud = nftnl_obj_get_data(o, NFTNL_OBJ_USERDATA, &len);

		comment = udata_comment(ud, len, NFTNL_UDATA_OBJ_COMMENT);
	}
	switch (nftnl_obj_get_u32(o, NFTNL_OBJ_TYPE)) {
	case NFT_OBJECT_CT_EXPECT:
		fprintf(f, "add ct expectation %s %s %s { ", family_name(nfg->nfgen_family),
			nftnl_obj_get_str(o, NFTNL_OBJ_TABLE),
			nftnl_obj_get_str(o, NFTNL_OBJ_NAME));
		if (comment)
			fprintf(f, "comment \"%s\" ", comment);
		fprintf(f, "protocol %s; dport %u; timeout ",
			l4proto_name(nftnl_obj_get_u8(o, NFTNL_OBJ_CT_EXPECT_L4PROTO)),
			nftnl_obj_get_u16(o, NFTNL_OBJ_CT_EXPECT_DPORT));
		time_print_ms(nftnl_obj_get_u32(o, NFTNL_OBJ_CT_EXPECT_TIMEOUT), f);
		fprintf(f, "; size %u; l3proto %s; } \n",
			nftnl_obj_get_u8(o, NFTNL_OBJ_CT_EXPECT_SIZE),
			l3proto_name(nftnl_obj_get_u16(o, NFTNL_OBJ_CT_EXPECT_L3PROTO)));
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		fprintf(f, "add ct timeout %s %s %s { ", family_name(nfg->nfgen_family),
			nftnl_obj_get_str(o, NFTNL_OBJ_TABLE),
			nftnl_obj_get_str(o, NFTNL_OBJ_NAME));
		if (comment)
			fprintf(f, "comment \"%s\" ", comment);
		fprintf(f, "protocol %s; l3proto %s; policy = { ",
			l4proto_name(nftnl_obj_get_u8(o, NFTNL_OBJ_CT_TIMEOUT_L4PROTO)),
			l3proto_name(nftnl_obj_get_u16(o, NFTNL_OBJ_CT_TIMEOUT_L3PROTO)));
		ct_timeout_policy_print(o, f);
		fputs(" }; } \n", f);
		break;
	default:
		break;
	}
out:
	nftnl_obj_free(o);
}

static void echo_cb(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
{
	struct echo_state *es = ctx->echo_data;
	const struct nlattr *attr;
	uint32_t gen = 0, pid = 0;
	const char *pname = "";
	struct nftnl_table *t;

	if ((nlh->nlmsg_type >> 8) != NFNL_SUBSYS_NFTABLES)
		return;
	switch (nlh->nlmsg_type & 0xff) {
	case NFT_MSG_NEWTABLE:
		t = nftnl_table_alloc();
		if (nftnl_table_nlmsg_parse(nlh, t) == 0)
			fprintf(ctx->out, "add table %s %s\n",
				family_name(nftnl_table_get_u32(t, NFTNL_TABLE_FAMILY)),
				nftnl_table_get_str(t, NFTNL_TABLE_NAME));
		nftnl_table_free(t);
		break;
	case NFT_MSG_NEWCHAIN:
		echo_chain(ctx, nlh);
		break;
	case NFT_MSG_NEWRULE:
		echo_rule(ctx, es, nlh);
		break;
	case NFT_MSG_NEWSET:
		echo_set(es, nlh, false);
		return;
	case NFT_MSG_NEWSETELEM:
		echo_set(es, nlh, true);
		return;
	case NFT_MSG_NEWOBJ:
		echo_obj(ctx, nlh);
		break;
	case NFT_MSG_NEWGEN:
		if (!es->printed)
			return;
		mnl_attr_for_each(attr, nlh, sizeof(struct nfgenmsg)) {
			switch (mnl_attr_get_type(attr)) {
			case NFTA_GEN_ID:
				gen = ntohl(mnl_attr_get_u32(attr));
				break;
			case NFTA_GEN_PROC_PID:
				pid = ntohl(mnl_attr_get_u32(attr));
				break;
			case NFTA_GEN_PROC_NAME:
				pname = mnl_attr_get_str(attr);
				break;
			}
		}
		fprintf(ctx->out, "# new generation %u by process %u (%s)\n",
			gen, pid, pname);
		return;
	default:
		return;
	}
	es->printed = true;
}

/* ---- the run ---- */

static int run_cmds(struct nft_ctx *ctx, struct list_head *cmds);

static bool table_in_cache(const struct cache *c, const struct handle *h)
{
	unsigned int i;

	for (i = 0; i < c->num_tables; i++)
		if (nftnl_table_get_u32(c->tables[i], NFTNL_TABLE_FAMILY) == h->family &&
		    !strcmp(nftnl_table_get_str(c->tables[i], NFTNL_TABLE_NAME),
			    h->table.name))
			return true;
	return false;
}

static bool table_added_before(struct list_head *cmds, const struct cmd *upto)
{
	const struct cmd *cmd;

	list_for_each_entry(cmd, cmds, list) {
		if (cmd == upto)
			return false;
		if ((cmd->op == CMD_ADD || cmd->op == CMD_CREATE) &&
		    cmd->obj == CMD_OBJ_TABLE &&
		    cmd->handle.family == upto->handle.family &&
		    !strcmp(cmd->handle.table.name, upto->handle.table.name))
			return true;
	}
	return false;
}

/*
 * Like stock nft, adding a chain or an object to a table that exists
 * neither in the kernel nor earlier in this run is refused before sending.
 */
static int check_tables(struct nft_ctx *ctx, struct list_head *cmds)
{
	struct cache c;
	struct cmd *cmd;
	bool fetched = false;
	int ret = 0;

	list_for_each_entry(cmd, cmds, list) {
		if ((cmd->op != CMD_ADD && cmd->op != CMD_CREATE) ||
		    (cmd->obj != CMD_OBJ_CHAIN && cmd->obj != CMD_OBJ_CT_HELPER &&
		     cmd->obj != CMD_OBJ_CT_EXPECT))
			continue;
		if (!fetched) {
			if (cache_fetch(ctx, &c, CACHE_TABLES, 0, NULL) < 0) {
				cache_free(&c);
				return 0;	/* the kernel will tell */
			}
			fetched = true;
		}
		if (!table_in_cache(&c, &cmd->handle) &&
		    !table_added_before(cmds, cmd))
			ret = erec_queue_error(ctx->msgs, &cmd->handle.table.location,
					       "No such file or directory");
	}
	if (fetched)
		cache_free(&c);
	return ret;
}

int nft_run_cmds(struct nft_ctx *ctx, struct list_head *cmds)
{
	struct echo_state es = { 0 };
	int ret;

	if (ctx->echo) {
		ctx->echo_cb = echo_cb;
		ctx->echo_data = &es;
	}
	ret = run_cmds(ctx, cmds);
	fflush(ctx->out);
	cache_free(&es.sets);
	return ret;
}

static int run_cmds(struct nft_ctx *ctx, struct list_head *cmds)
{
	ctx_numeric = ctx->numeric;
	struct nft_batch *b = NULL;
	struct cmd *cmd;
	unsigned int writes = 0;
	int ret = 0;

	list_for_each_entry(cmd, cmds, list)
		if (cmd->op != CMD_LIST)
			writes++;
	if (writes) {
		if (check_tables(ctx, cmds) < 0)
			return -1;
		b = batch_alloc(ctx);
		list_for_each_entry(cmd, cmds, list) {
			if (cmd->op == CMD_LIST)
				continue;
			if (put_cmd(ctx, b, cmd) < 0)
				ret = -1;
		}
		if (ret == 0)
			ret = batch_send(ctx, b);
		batch_free(b);
		if (ret < 0)
			return ret;
	}
	list_for_each_entry(cmd, cmds, list) {
		if (cmd->op == CMD_LIST && list_cmd(ctx, cmd) < 0)
			ret = -1;
	}
	return ret;
}
