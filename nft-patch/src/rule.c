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

#include "listing.h"
#include "netlink_set.h"
#include "set_resolve.h"
#include "udata.h"

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

static void put_rule_sets(struct nft_ctx *ctx, struct nft_batch *b,
			  const struct handle *h, const struct rule *r)
{
	const struct stmt *stmt;

	list_for_each_entry(stmt, &r->stmts, list) {
		if (stmt->type == STMT_EXPRESSION &&
		    stmt->expr->binary.right->etype == EXPR_SET)
			put_anon_set(ctx, b, h, stmt->expr->binary.left,
				     stmt->expr->binary.right);
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

/*
 * --debug=netlink of a table block: stock nft prints each declared chain
 * as libnftnl renders a chain holding only its family and hook (no table
 * or name: "ip (null) (null) use 0 ...").
 */
static void debug_chain_decl(struct nft_ctx *ctx, uint32_t family,
			     const struct chain *c)
{
	struct nftnl_chain *nc = nftnl_chain_alloc();
	char buf[1024];

	nftnl_chain_set_u32(nc, NFTNL_CHAIN_FAMILY, family);
	if (c->base) {
		nftnl_chain_set_str(nc, NFTNL_CHAIN_TYPE, c->type.name);
		nftnl_chain_set_u32(nc, NFTNL_CHAIN_HOOKNUM, c->hooknum);
		nftnl_chain_set_s32(nc, NFTNL_CHAIN_PRIO, c->priority_value);
		if (c->dev.name)
			nftnl_chain_set_str(nc, NFTNL_CHAIN_DEV, c->dev.name);
	}
	nftnl_chain_snprintf(buf, sizeof(buf), nc, NFTNL_OUTPUT_DEFAULT, 0);
	fprintf(ctx->out, "%s\n", buf);
	nftnl_chain_free(nc);
}

static void put_table_block(struct nft_ctx *ctx, struct nft_batch *b,
			    const struct cmd *cmd)
{
	uint16_t flags = cmd_nlflags(cmd->op);
	const struct table *t = cmd->table;
	const struct chain *c;
	const struct rule *r;
	const struct obj *o;
	struct set *s;
	struct handle h;

	put_table(ctx, b, NFT_MSG_NEWTABLE, flags, &cmd->handle,
		  t ? t->comment : NULL, &cmd->location);
	if (!t)
		return;
	list_for_each_entry(c, &t->chains, list) {
		if (ctx->debug & NFT_DEBUG_NETLINK)
			debug_chain_decl(ctx, cmd->handle.family, c);
		child_handle(&h, &cmd->handle, &c->handle);
		put_chain(ctx, b, NFT_MSG_NEWCHAIN, cmd_nlflags(CMD_ADD), &h, c,
			  &c->location);
	}
	list_for_each_entry(o, &t->objs, list) {
		child_handle(&h, &cmd->handle, &o->handle);
		put_obj(ctx, b, NFT_MSG_NEWOBJ, cmd_nlflags(CMD_ADD), o->type,
			&h, o, &o->location);
	}
	list_for_each_entry(s, &t->sets, list) {
		child_handle(&h, &cmd->handle, &s->handle);
		put_set(ctx, b, cmd_nlflags(CMD_ADD), &h, s);
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

uint32_t cmd_obj_type(enum cmd_obj obj)
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
		case CMD_OBJ_SET:
		case CMD_OBJ_MAP:
			put_set(ctx, b, flags, h, cmd->set);
			return 0;
		case CMD_OBJ_ELEMENTS:
			put_set_elems(ctx, b, NFT_MSG_NEWSETELEM, flags, h, false,
				      cmd->expr);
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
		case CMD_OBJ_SET:
		case CMD_OBJ_MAP:
			put_set_delete(ctx, b, h, &cmd->location);
			return 0;
		case CMD_OBJ_ELEMENTS:
			put_set_elems(ctx, b, NFT_MSG_DELSETELEM, NLM_F_ACK, h,
				      false, cmd->expr);
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
		case CMD_OBJ_SET:
		case CMD_OBJ_MAP:
			put_set_elems(ctx, b, NFT_MSG_DELSETELEM, NLM_F_ACK, h,
				      false, NULL);
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
		     cmd->obj != CMD_OBJ_CT_EXPECT && cmd->obj != CMD_OBJ_SET &&
		     cmd->obj != CMD_OBJ_MAP))
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
		struct cmd *cmd;

		ctx->echo_cb = echo_cb;
		ctx->echo_data = &es;
		/*
		 * the echo of elements prints them with their set's key type;
		 * a rule's lookups may name sets the kernel already has
		 */
		list_for_each_entry(cmd, cmds, list) {
			if (cmd->op == CMD_ADD || cmd->op == CMD_CREATE ||
			    cmd->op == CMD_INSERT || cmd->op == CMD_REPLACE) {
				cache_fetch(ctx, &es.kernel, CACHE_SETS, 0, NULL);
				break;
			}
		}
	}
	ret = run_cmds(ctx, cmds);
	fflush(ctx->out);
	cache_free(&es.sets);
	cache_free(&es.kernel);
	return ret;
}

static int run_cmds(struct nft_ctx *ctx, struct list_head *cmds)
{
	listing_numeric = ctx->numeric;
	struct nft_batch *b = NULL;
	struct cmd *cmd;
	unsigned int writes = 0;
	int ret = 0;

	list_for_each_entry(cmd, cmds, list)
		if (cmd->op != CMD_LIST)
			writes++;
	if (writes) {
		if (check_tables(ctx, cmds) < 0 || sets_resolve(ctx, cmds) < 0)
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
