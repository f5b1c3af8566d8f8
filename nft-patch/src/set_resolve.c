// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * set_resolve.c - named sets by name, before the batch is built: the sets
 * declared earlier in the run, then the kernel's.  Lookups (@name) get
 * their key type checked against the set's, element commands get their
 * elements parsed with the set's key type, as stock nft does.
 */
#include <libnftnl/set.h>
#include <linux/netfilter/nf_tables.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "datatype.h"
#include "evaluate.h"
#include "set_resolve.h"
#include "utils.h"

#define NOT_SUPPORTED "%s is not supported by this nft"

struct known_set {
	uint32_t family;
	const char *table;
	const char *name;
	const struct datatype *key;	/* NULL: a key type not supported here */
	unsigned int key_len;		/* bits */
	uint32_t flags;
	bool verdicts;			/* a map to verdicts */
	const struct set *decl;		/* NULL: from the kernel */
};

struct resolver {
	struct nft_ctx *ctx;
	struct known_set *sets;
	unsigned int num;
	struct cache kernel;
	bool fetched;
};

static const struct datatype *const key_dtypes[] = {
	&ipaddr_type, &ip6addr_type, &inet_service_type, &inet_protocol_type,
	&mark_type, &ifname_type,
};

static const struct datatype *key_by_type(uint32_t type)
{
	unsigned int i;

	for (i = 0; i < array_size(key_dtypes); i++)
		if (key_dtypes[i]->type == type)
			return key_dtypes[i];
	return NULL;
}

/* the echo (-e) of interval elements would need stock's pairing of ends */
static int echo_check(struct resolver *r, const struct expr *init)
{
	if (!r->ctx->echo || !init || !(init->flags & EXPR_F_INTERVAL))
		return 0;
	return erec_queue_error(r->ctx->msgs, &init->location, NOT_SUPPORTED,
				"the echo (-e) of interval set elements");
}

static void known_add(struct resolver *r, uint32_t family, const char *table,
		      const struct set *decl)
{
	struct known_set *k;

	r->sets = xrealloc(r->sets, (r->num + 1) * sizeof(*r->sets));
	k = &r->sets[r->num++];
	k->family = family;
	k->table = table;
	k->name = decl->handle.obj.name;
	k->key = decl->key;
	k->key_len = decl->key_len;
	k->flags = decl->flags;
	k->verdicts = decl->is_map;
	k->decl = decl;
}

/* The set @name of @family/@table: this run's latest, else the kernel's. */
static bool known_find(struct resolver *r, uint32_t family, const char *table,
		       const char *name, struct known_set *out)
{
	const struct nftnl_set *s;
	unsigned int i;

	for (i = r->num; i-- > 0;) {
		const struct known_set *k = &r->sets[i];

		if (k->family == family && !strcmp(k->table, table) &&
		    !strcmp(k->name, name)) {
			*out = *k;
			return true;
		}
	}
	if (!r->fetched) {
		r->fetched = true;
		if (cache_fetch(r->ctx, &r->kernel, CACHE_SETS, 0, NULL) < 0)
			return false;	/* the kernel will tell */
	}
	s = cache_find_set(&r->kernel, family, table, name);
	if (!s || (nftnl_set_get_u32(s, NFTNL_SET_FLAGS) & NFT_SET_ANONYMOUS))
		return false;
	out->family = family;
	out->table = table;
	out->name = name;
	out->key = key_by_type(nftnl_set_get_u32(s, NFTNL_SET_KEY_TYPE));
	out->key_len = nftnl_set_get_u32(s, NFTNL_SET_KEY_LEN) * 8;
	out->flags = nftnl_set_get_u32(s, NFTNL_SET_FLAGS);
	out->verdicts = (out->flags & NFT_SET_MAP) &&
			nftnl_set_is_set(s, NFTNL_SET_DATA_TYPE) &&
			nftnl_set_get_u32(s, NFTNL_SET_DATA_TYPE) == NFT_DATA_VERDICT;
	out->decl = NULL;
	return true;
}

static int lookup_resolve(struct resolver *r, uint32_t family,
			  const char *table, struct expr *rel)
{
	struct expr *left = rel->binary.left, *ref = rel->binary.right;
	struct error_record *erec;
	struct known_set k;

	if (!known_find(r, family, table, ref->sym.identifier, &k))
		return erec_queue_error(r->ctx->msgs, &ref->location,
					"No such file or directory");
	if (rel->op == OP_VMAP && !(k.flags & NFT_SET_MAP))
		return erec_queue_error(r->ctx->msgs, &ref->location,
					"Expression is not a map");
	if (rel->op == OP_VMAP && !k.verdicts)
		return erec_queue_error(r->ctx->msgs, &ref->location,
					NOT_SUPPORTED,
					"a verdict map lookup in this map");
	if (rel->op != OP_VMAP && (k.flags & NFT_SET_MAP))
		return erec_queue_error(r->ctx->msgs, &ref->location,
					NOT_SUPPORTED, "a lookup in a map");
	if (!k.key || k.key->type != left->dtype->type ||
	    k.key_len != left->len) {
		if (!k.key)
			return erec_queue_error(r->ctx->msgs, &ref->location,
						NOT_SUPPORTED,
						"a set of this key type");
		if (rel->op == OP_VMAP)
			erec = error(&ref->location,
				     "datatype mismatch, map expects %s, mapping expression has type %s",
				     k.key->desc, left->dtype->desc);
		else
			erec = error(&ref->location,
				     "datatype mismatch, expected %s, expression has type %s",
				     left->dtype->desc, k.key->desc);
		erec_add_location(erec, &left->location);
		list_add_tail(&erec->list, r->ctx->msgs);
		return -1;
	}
	ref->sym.decl = k.decl;
	return 0;
}

static int rule_resolve(struct resolver *r, uint32_t family, const char *table,
			struct rule *rule)
{
	struct stmt *stmt;
	int ret = 0;

	list_for_each_entry(stmt, &rule->stmts, list) {
		if (stmt->type != STMT_EXPRESSION || !stmt->expr ||
		    stmt->expr->etype != EXPR_RELATIONAL ||
		    stmt->expr->binary.right->etype != EXPR_SET_REF)
			continue;
		if (lookup_resolve(r, family, table, stmt->expr) < 0)
			ret = -1;
	}
	return ret;
}

static int chain_resolve(struct resolver *r, uint32_t family, const char *table,
			 struct chain *chain)
{
	struct rule *rule;
	int ret = 0;

	list_for_each_entry(rule, &chain->rules, list)
		if (rule_resolve(r, family, table, rule) < 0)
			ret = -1;
	return ret;
}

static int elems_resolve(struct resolver *r, struct cmd *cmd)
{
	const struct handle *h = &cmd->handle;
	struct known_set k;

	if (!known_find(r, h->family, h->table.name, h->obj.name, &k))
		return erec_queue_error(r->ctx->msgs, &h->obj.location,
					"No such file or directory");
	if (!k.key || ((k.flags & NFT_SET_MAP) && !k.verdicts))
		return erec_queue_error(r->ctx->msgs, &h->obj.location,
					NOT_SUPPORTED,
					"elements of this set");
	/* an interval set's elements go in and out against the kernel's */
	if (k.flags & NFT_SET_INTERVAL)
		return erec_queue_error(r->ctx->msgs, &cmd->expr->location,
					NOT_SUPPORTED,
					"changing the elements of an interval set");
	if (k.verdicts && cmd->op != CMD_DELETE)
		return map_elems_evaluate(r->ctx->msgs, h->family, k.key,
					  k.key_len, cmd->expr);
	/* a map's elements go by their keys */
	return set_elems_evaluate(r->ctx->msgs, h->family, k.key, k.key_len,
				  false, cmd->expr);
}

/*
 * flush set|map: stock nft finds the set in its cache first, so a missing
 * one, or a set flushed as a map and the reverse, is ENOENT at the name.
 */
static int flush_resolve(struct resolver *r, struct cmd *cmd)
{
	const struct handle *h = &cmd->handle;
	struct known_set k;

	if (!known_find(r, h->family, h->table.name, h->obj.name, &k) ||
	    !(k.flags & NFT_SET_MAP) != (cmd->obj == CMD_OBJ_SET))
		return erec_queue_error(r->ctx->msgs, &h->obj.location,
					"No such file or directory");
	return 0;
}

int sets_resolve(struct nft_ctx *ctx, struct list_head *cmds)
{
	struct resolver r = { .ctx = ctx };
	struct cmd *cmd;
	struct chain *chain;
	struct set *set;
	int ret = 0;

	list_for_each_entry(cmd, cmds, list) {
		uint32_t family = cmd->handle.family;
		const char *table = cmd->handle.table.name;

		switch (cmd->op) {
		case CMD_ADD:
		case CMD_CREATE:
		case CMD_INSERT:
		case CMD_REPLACE:
			break;
		case CMD_DELETE:
			if (cmd->obj == CMD_OBJ_ELEMENTS &&
			    elems_resolve(&r, cmd) < 0)
				ret = -1;
			continue;
		case CMD_FLUSH:
			if ((cmd->obj == CMD_OBJ_SET || cmd->obj == CMD_OBJ_MAP) &&
			    flush_resolve(&r, cmd) < 0)
				ret = -1;
			continue;
		default:
			continue;
		}
		switch (cmd->obj) {
		case CMD_OBJ_TABLE:
			if (!cmd->table)
				break;
			list_for_each_entry(set, &cmd->table->sets, list) {
				known_add(&r, family, table, set);
				if (echo_check(&r, set->init) < 0)
					ret = -1;
			}
			list_for_each_entry(chain, &cmd->table->chains, list)
				if (chain_resolve(&r, family, table, chain) < 0)
					ret = -1;
			break;
		case CMD_OBJ_SET:
		case CMD_OBJ_MAP:
			if (cmd->set)
				known_add(&r, family, table, cmd->set);
			if (cmd->set && echo_check(&r, cmd->set->init) < 0)
				ret = -1;
			break;
		case CMD_OBJ_CHAIN:
			if (chain_resolve(&r, family, table, cmd->chain) < 0)
				ret = -1;
			break;
		case CMD_OBJ_RULE:
			if (rule_resolve(&r, family, table, cmd->rule) < 0)
				ret = -1;
			break;
		case CMD_OBJ_ELEMENTS:
			if (elems_resolve(&r, cmd) < 0)
				ret = -1;
			break;
		default:
			break;
		}
	}
	if (r.fetched)
		cache_free(&r.kernel);
	free(r.sets);
	return ret;
}
