// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cache.c - dumps of tables, chains, rules and objects.  ct helper objects
 * are decoded by libnftnl-patch (the one codec that knows the user-space
 * attributes); other objects by libnftnl.
 */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <stdio.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/object.h>
#include <libnftnl/rule.h>
#include <libnftnl/set.h>
#include <libnftnl/table.h>
#include <libnftnl-cthelper/ct_helper.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "mnl.h"
#include "utils.h"

struct dump_ctx {
	struct cache *c;
	uint32_t family;
	const char *table;
	int err;
};

static bool wanted(const struct dump_ctx *d, uint32_t family, const char *table)
{
	if (d->family && family != d->family)
		return false;
	if (d->table && table && strcmp(d->table, table))
		return false;
	return true;
}

#define GROW(arr, num) ((arr) = xrealloc((arr), ((num) + 1) * sizeof(*(arr))))

static int table_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;
	struct nftnl_table *t = nftnl_table_alloc();

	if (nftnl_table_nlmsg_parse(nlh, t) < 0) {
		nftnl_table_free(t);
		return MNL_CB_OK;
	}
	if (!wanted(d, nftnl_table_get_u32(t, NFTNL_TABLE_FAMILY),
		    nftnl_table_get_str(t, NFTNL_TABLE_NAME))) {
		nftnl_table_free(t);
		return MNL_CB_OK;
	}
	GROW(d->c->tables, d->c->num_tables);
	d->c->tables[d->c->num_tables++] = t;
	return MNL_CB_OK;
}

static int chain_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;
	struct nftnl_chain *ch = nftnl_chain_alloc();

	if (nftnl_chain_nlmsg_parse(nlh, ch) < 0 ||
	    !wanted(d, nftnl_chain_get_u32(ch, NFTNL_CHAIN_FAMILY),
		    nftnl_chain_get_str(ch, NFTNL_CHAIN_TABLE))) {
		nftnl_chain_free(ch);
		return MNL_CB_OK;
	}
	GROW(d->c->chains, d->c->num_chains);
	d->c->chains[d->c->num_chains++] = ch;
	return MNL_CB_OK;
}

static int rule_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;
	struct nftnl_rule *r = nftnl_rule_alloc();

	if (nftnl_rule_nlmsg_parse(nlh, r) < 0 ||
	    !wanted(d, nftnl_rule_get_u32(r, NFTNL_RULE_FAMILY),
		    nftnl_rule_get_str(r, NFTNL_RULE_TABLE))) {
		nftnl_rule_free(r);
		return MNL_CB_OK;
	}
	GROW(d->c->rules, d->c->num_rules);
	d->c->rules[d->c->num_rules++] = r;
	return MNL_CB_OK;
}

static int set_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;
	struct nftnl_set *s = nftnl_set_alloc();

	if (nftnl_set_nlmsg_parse(nlh, s) < 0 ||
	    !wanted(d, nftnl_set_get_u32(s, NFTNL_SET_FAMILY),
		    nftnl_set_get_str(s, NFTNL_SET_TABLE))) {
		nftnl_set_free(s);
		return MNL_CB_OK;
	}
	GROW(d->c->sets, d->c->num_sets);
	d->c->sets[d->c->num_sets++] = s;
	return MNL_CB_OK;
}

static int setelem_cb(const struct nlmsghdr *nlh, void *data)
{
	nftnl_set_elems_nlmsg_parse(nlh, data);
	return MNL_CB_OK;
}

/* elements of every cached set: one GETSETELEM dump each */
static int set_elems_fetch(struct nft_ctx *ctx, struct cache *c)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	unsigned int i;

	for (i = 0; i < c->num_sets; i++) {
		struct nftnl_set *s = c->sets[i];

		nlh = nftnl_nlmsg_build_hdr(buf, NFT_MSG_GETSETELEM,
					    (uint16_t)nftnl_set_get_u32(s, NFTNL_SET_FAMILY),
					    NLM_F_DUMP, batch_seq(ctx));
		nftnl_set_elems_nlmsg_build_payload(nlh, s);
		if (mnl_dump(ctx, nlh, setelem_cb, s) < 0)
			return -1;
	}
	return 0;
}

struct nftnl_set *cache_find_set(const struct cache *c, uint32_t family,
				 const char *table, const char *name)
{
	unsigned int i;

	for (i = 0; i < c->num_sets; i++) {
		struct nftnl_set *s = c->sets[i];

		if (nftnl_set_get_u32(s, NFTNL_SET_FAMILY) == family &&
		    !strcmp(nftnl_set_get_str(s, NFTNL_SET_TABLE), table) &&
		    !strcmp(nftnl_set_get_str(s, NFTNL_SET_NAME), name))
			return s;
	}
	return NULL;
}

static uint32_t obj_msg_type(const struct nlmsghdr *nlh)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct nfgenmsg))
		if (mnl_attr_get_type(attr) == NFTA_OBJ_TYPE &&
		    mnl_attr_get_payload_len(attr) == sizeof(uint32_t))
			return ntohl(mnl_attr_get_u32(attr));
	return 0;
}

static int obj_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;
	const struct nfgenmsg *nfg = mnl_nlmsg_get_payload(nlh);
	struct cache_obj o = { .family = nfg->nfgen_family };

	o.type = obj_msg_type(nlh);
	if (o.type == NFT_OBJECT_CT_HELPER) {
		o.helper = nftnl_ct_helper_alloc();
		if (nftnl_ct_helper_nlmsg_parse(nlh, o.helper) < 0) {
			nftnl_ct_helper_free(o.helper);
			return MNL_CB_OK;
		}
		o.table = nftnl_ct_helper_get_str(o.helper, NFTNL_CT_HELPER_TABLE);
		o.name = nftnl_ct_helper_get_str(o.helper, NFTNL_CT_HELPER_NAME);
	} else {
		o.obj = nftnl_obj_alloc();
		if (nftnl_obj_nlmsg_parse(nlh, o.obj) < 0) {
			nftnl_obj_free(o.obj);
			return MNL_CB_OK;
		}
		o.table = nftnl_obj_get_str(o.obj, NFTNL_OBJ_TABLE);
		o.name = nftnl_obj_get_str(o.obj, NFTNL_OBJ_NAME);
	}
	if (!wanted(d, o.family, o.table)) {
		if (o.helper)
			nftnl_ct_helper_free(o.helper);
		if (o.obj)
			nftnl_obj_free(o.obj);
		return MNL_CB_OK;
	}
	GROW(d->c->objs, d->c->num_objs);
	d->c->objs[d->c->num_objs++] = o;
	return MNL_CB_OK;
}

static int dump(struct nft_ctx *ctx, uint16_t msg, uint32_t family,
		mnl_cb_t cb, struct dump_ctx *d)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nlh = nftnl_nlmsg_build_hdr(buf, msg, (uint16_t)family, NLM_F_DUMP,
				    batch_seq(ctx));
	return mnl_dump(ctx, nlh, cb, d);
}

int cache_fetch(struct nft_ctx *ctx, struct cache *c, unsigned int flags,
		uint32_t family, const char *table)
{
	struct dump_ctx d = { .c = c, .family = family, .table = table };

	memset(c, 0, sizeof(*c));
	if ((flags & CACHE_TABLES) &&
	    dump(ctx, NFT_MSG_GETTABLE, family, table_cb, &d) < 0)
		return -1;
	if ((flags & CACHE_OBJS) &&
	    dump(ctx, NFT_MSG_GETOBJ, family, obj_cb, &d) < 0)
		return -1;
	if ((flags & CACHE_CHAINS) &&
	    dump(ctx, NFT_MSG_GETCHAIN, family, chain_cb, &d) < 0)
		return -1;
	if ((flags & CACHE_SETS) &&
	    (dump(ctx, NFT_MSG_GETSET, family, set_cb, &d) < 0 ||
	     set_elems_fetch(ctx, c) < 0))
		return -1;
	if ((flags & CACHE_RULES) &&
	    dump(ctx, NFT_MSG_GETRULE, family, rule_cb, &d) < 0)
		return -1;
	return 0;
}

void cache_free(struct cache *c)
{
	unsigned int i;

	for (i = 0; i < c->num_tables; i++)
		nftnl_table_free(c->tables[i]);
	for (i = 0; i < c->num_chains; i++)
		nftnl_chain_free(c->chains[i]);
	for (i = 0; i < c->num_rules; i++)
		nftnl_rule_free(c->rules[i]);
	for (i = 0; i < c->num_sets; i++)
		nftnl_set_free(c->sets[i]);
	free(c->sets);
	for (i = 0; i < c->num_objs; i++) {
		if (c->objs[i].helper)
			nftnl_ct_helper_free(c->objs[i].helper);
		if (c->objs[i].obj)
			nftnl_obj_free(c->objs[i].obj);
	}
	free(c->tables);
	free(c->chains);
	free(c->rules);
	free(c->objs);
	memset(c, 0, sizeof(*c));
}
