// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * echo.c - nft -e: the kernel's echo of a batch, printed as stock nft's
 * monitor prints it, with the listing's printers.
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
#include "udata.h"

/* the echo carries the request's flags: create is the exclusive add */
static const char *echo_verb(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_flags & NLM_F_EXCL ? "create" : "add";
}

static void echo_chain(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
{
	struct nftnl_chain *ch = nftnl_chain_alloc();
	uint32_t family, hook;

	if (nftnl_chain_nlmsg_parse(nlh, ch) < 0)
		goto out;
	family = nftnl_chain_get_u32(ch, NFTNL_CHAIN_FAMILY);
	fprintf(ctx->out, "%s chain %s %s %s", echo_verb(nlh),
		family_name(family),
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

static struct nftnl_set *echo_find_set(const struct echo_state *es,
				       uint32_t family, const char *table,
				       const char *name)
{
	unsigned int i;

	for (i = es->sets.num_sets; i-- > 0;) {
		struct nftnl_set *s = es->sets.sets[i];

		if (nftnl_set_get_u32(s, NFTNL_SET_FAMILY) == family &&
		    !strcmp(nftnl_set_get_str(s, NFTNL_SET_TABLE), table) &&
		    !strcmp(nftnl_set_get_str(s, NFTNL_SET_NAME), name))
			return s;
	}
	return cache_find_set(&es->kernel, family, table, name);
}

/* a rule's @name: a set of this run (echoed before it), else the kernel's */
static struct nftnl_set *echo_set_resolver(void *data, uint32_t family,
					   const char *table, const char *name)
{
	return echo_find_set(data, family, table, name);
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
	r = netlink_delinearize_rule(family, nr, echo_set_resolver, es, true);
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

/* "add element FAMILY TABLE SET { ... }": the elements as sent */
static void echo_named_elems(struct nft_ctx *ctx, const struct nftnl_set *decl,
			     struct nftnl_set *elems, uint32_t family)
{
	struct expr *key = set_key_expr(decl), *set = NULL;

	fprintf(ctx->out, "add element %s %s %s ", family_name(family),
		nftnl_set_get_str(elems, NFTNL_SET_TABLE),
		nftnl_set_get_str(elems, NFTNL_SET_NAME));
	/* a notification's elements come without their set's kind */
	nftnl_set_set_u32(elems, NFTNL_SET_FLAGS,
			  nftnl_set_get_u32(decl, NFTNL_SET_FLAGS));
	if (nftnl_set_is_set(decl, NFTNL_SET_DATA_TYPE))
		nftnl_set_set_u32(elems, NFTNL_SET_DATA_TYPE,
				  nftnl_set_get_u32(decl, NFTNL_SET_DATA_TYPE));
	if (key && !(nftnl_set_get_u32(decl, NFTNL_SET_FLAGS) & NFT_SET_INTERVAL))
		set = set_elems_expr(key, elems, true);
	if (set)
		expr_print(set, ctx->out);
	else
		fputs("# elements not supported by this nft", ctx->out);
	fputc('\n', ctx->out);
	expr_free(set);
	expr_free(key);
}

static void echo_set(struct nft_ctx *ctx, struct echo_state *es,
		     const struct nlmsghdr *nlh, bool elems)
{
	const struct nfgenmsg *nfg = mnl_nlmsg_get_payload(nlh);
	const struct nftnl_set *decl;
	struct nftnl_set *s;
	struct expr *key;
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
		if (!set_is_named(s))
			return;
		fprintf(ctx->out, "%s %s %s %s %s { ", echo_verb(nlh),
			set_is_map(s) ? "map" : "set",
			family_name(nfg->nfgen_family),
			nftnl_set_get_str(s, NFTNL_SET_TABLE),
			nftnl_set_get_str(s, NFTNL_SET_NAME));
		key = set_key_expr(s);
		if (key)
			set_decl_body_print(s, ctx->out, "", "; ");
		else
			fputs("# set not supported by this nft ", ctx->out);
		expr_free(key);
		fputs("} \n", ctx->out);
		es->printed = true;
		return;
	}
	s = nftnl_set_alloc();
	if (nftnl_set_elems_nlmsg_parse(nlh, s) < 0) {
		nftnl_set_free(s);
		return;
	}
	decl = echo_find_set(es, nfg->nfgen_family,
			     nftnl_set_get_str(s, NFTNL_SET_TABLE),
			     nftnl_set_get_str(s, NFTNL_SET_NAME));
	if (decl && set_is_named(decl)) {
		echo_named_elems(ctx, decl, s, nfg->nfgen_family);
		es->printed = true;
		nftnl_set_free(s);
		return;
	}
	/* anonymous: elements go to the set echoed just before */
	for (i = es->sets.num_sets; i-- > 0;) {
		if (!strcmp(nftnl_set_get_str(es->sets.sets[i], NFTNL_SET_NAME),
			    nftnl_set_get_str(s, NFTNL_SET_NAME))) {
			nftnl_set_elems_nlmsg_parse(nlh, es->sets.sets[i]);
			break;
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

void echo_cb(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
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
			fprintf(ctx->out, "%s table %s %s\n", echo_verb(nlh),
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
		echo_set(ctx, es, nlh, false);
		return;
	case NFT_MSG_NEWSETELEM:
		echo_set(ctx, es, nlh, true);
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
