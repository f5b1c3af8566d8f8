// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * listing.c - "list" commands: a fresh dump printed in stock nft's layout
 * (tables, their objects, chains and rules).  The -e echo shares these
 * printers.
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
#include "rule_run.h"
#include "udata.h"

/* --debug=netlink: libnftnl's own rendering, as stock nft prints it */
void debug_rule_print(struct nft_ctx *ctx, const struct nftnl_rule *nr)
{
	char buf[16384];

	nftnl_rule_snprintf(buf, sizeof(buf), nr, NFTNL_OUTPUT_DEFAULT, 0);
	fprintf(ctx->out, "%s\n", buf);
}

/* ---- listing ---- */

const char *hook_name(uint32_t family, uint32_t hook)
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
bool listing_numeric;

/* the bridge family has its own standard priorities */
static const struct prio_tbl bridge_prios[] = {
	{ "dstnat", -300, 1 << NF_BR_PRE_ROUTING },
	{ "filter", -200, 0 },
	{ "out", 100, 1 << NF_BR_LOCAL_OUT },
	{ "srcnat", 300, 1 << NF_BR_POST_ROUTING },
};

void prio_print(uint32_t family, uint32_t hook, int prio, FILE *f)
{
	const struct prio_tbl *tbl = std_prios;
	unsigned int i, n = array_size(std_prios);

	if (listing_numeric) {
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

const char *l3proto_name(uint16_t l3)
{
	switch (l3) {
	case NFPROTO_IPV4:	return "ip";
	case NFPROTO_IPV6:	return "ip6";
	case NFPROTO_INET:	return "inet";
	default:		return "unknown";
	}
}

const char *l4proto_name(uint8_t l4)
{
	return l4 == IPPROTO_TCP ? "tcp" : l4 == IPPROTO_UDP ? "udp" : "unknown";
}

/*
 * The declaration of a ct helper object after its comment: type, l3proto
 * and the user-space lines, each as @pre LINE @sep (the listing puts one per
 * line, the echo of "nft -e" all on one line).
 */
void ct_helper_decl_print(const struct nftnl_ct_helper *h, FILE *f,
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
void ct_timeout_policy_print(struct nftnl_obj *o, FILE *f)
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

struct nftnl_set *cache_set_resolver(void *data, uint32_t family,
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
	bool objs = true, chains = true, rules = true, sets = true, first = true;
	const char *comment = NULL;
	unsigned int i;
	uint32_t len;
	bool objs_only = false;

	switch (lf->obj) {
	case CMD_OBJ_CHAIN:
		objs = false;
		sets = false;
		break;
	case CMD_OBJ_CHAINS:
		objs = false;
		sets = false;
		rules = false;
		break;
	case CMD_OBJ_CT_HELPER:
	case CMD_OBJ_CT_HELPERS:
	case CMD_OBJ_CT_EXPECT:
	case CMD_OBJ_CT_TIMEOUT:
		chains = false;
		sets = false;
		objs_only = true;
		break;
	case CMD_OBJ_SET:
	case CMD_OBJ_SETS:
	case CMD_OBJ_MAP:
	case CMD_OBJ_MAPS:
		chains = false;
		objs = false;
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
	for (i = 0; sets && i < c->num_sets; i++) {
		const struct nftnl_set *st = c->sets[i];

		if (nftnl_set_get_u32(st, NFTNL_SET_FAMILY) != family ||
		    strcmp(nftnl_set_get_str(st, NFTNL_SET_TABLE), name) ||
		    !set_is_named(st))
			continue;
		/* "list sets" shows no maps, "list maps" no sets */
		if ((lf->obj == CMD_OBJ_SETS && set_is_map(st)) ||
		    (lf->obj == CMD_OBJ_MAPS && !set_is_map(st)))
			continue;
		if (lf->obj_name &&
		    strcmp(nftnl_set_get_str(st, NFTNL_SET_NAME), lf->obj_name))
			continue;
		/* "list sets" has no blank lines between sets */
		if (!first && !objs_only)
			fputc('\n', f);
		set_decl_print(ctx, st, f);
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

int list_cmd(struct nft_ctx *ctx, struct cmd *cmd)
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
	case CMD_OBJ_SET:
	case CMD_OBJ_MAP:
		lf.obj_name = h->obj.name;
		for (i = 0; i < c.num_sets; i++)
			/* a set listed as a map or the reverse: not found */
			if (set_is_named(c.sets[i]) &&
			    set_is_map(c.sets[i]) == (cmd->obj == CMD_OBJ_MAP) &&
			    !strcmp(nftnl_set_get_str(c.sets[i], NFTNL_SET_NAME),
				    lf.obj_name))
				found++;
		if (!found)
			ret = erec_queue_error(ctx->msgs, &h->obj.location,
					       "No such file or directory");
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
