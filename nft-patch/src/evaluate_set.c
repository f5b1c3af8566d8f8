// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * evaluate_set.c - set and verdict map elements (anonymous and named) and
 * named set declarations: the key type by name or typeof, flags, timeouts,
 * with stock nft's errors.
 */
#include <linux/netfilter/nf_tables.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datatype.h"
#include "evaluate.h"
#include "expression.h"
#include "interval.h"
#include "netlink.h"
#include "set_typeof.h"
#include "utils.h"

#define NOT_SUPPORTED "%s is not supported by this nft"

/* ---- elements of sets and verdict maps, anonymous and named ---- */

/* { $ports, 80 } with $ports = { 21, 22 }: one level of elements */
void set_flatten(struct expr *set)
{
	struct expr *e, *next, *sub, *subnext;

	list_for_each_entry_safe(e, next, &set->compound.exprs, list) {
		if (e->etype != EXPR_SET)
			continue;
		set_flatten(e);
		list_for_each_entry_safe(sub, subnext, &e->compound.exprs, list) {
			list_del(&sub->list);
			list_add_tail(&sub->list, &e->list);
			set->compound.size++;
		}
		list_del(&e->list);
		set->compound.size--;
		e->compound.size = 0;
		expr_free(e);
	}
}

/*
 * The elements of a set keyed like @left: plain values, and ranges or
 * prefixes where @intervals allows them (big-endian keys only: host-order
 * ones would not compare as the kernel's rbtree does).  @named: a named
 * set's elements, which take prefixes of any address type and say which
 * flag an interval needs.
 */
static int elems_evaluate(struct eval_ctx *ctx, const struct expr *left,
			  struct expr *set, bool intervals, bool named)
{
	struct expr *e;

	list_for_each_entry(e, &set->compound.exprs, list) {
		if (e->etype == EXPR_RANGE || e->etype == EXPR_PREFIX) {
			if (named && !intervals) {
				/* stock nft checks the value, then the flag */
				if (e->etype == EXPR_PREFIX &&
				    (left->dtype->flags & DTYPE_F_PREFIX) &&
				    e->prefix.prefix_len > left->len)
					return erec_queue_error(ctx->msgs, &e->location,
								"Prefix length %u is invalid for type of %u bits width",
								e->prefix.prefix_len, left->len);
				return expr_error(ctx, e,
						  "You must add 'flags interval' to your set declaration if you want to add %s elements",
						  e->etype == EXPR_RANGE ? "range" : "prefix");
			}
			if (left->byteorder != BYTEORDER_BIG_ENDIAN ||
			    (left->dtype->flags & DTYPE_F_STRING))
				return expr_error(ctx, e, NOT_SUPPORTED,
						  "an interval of this type in a set");
			if (e->etype == EXPR_RANGE) {
				if (e->binary.left->etype != EXPR_SYMBOL ||
				    e->binary.right->etype != EXPR_SYMBOL)
					return expr_error(ctx, e, NOT_SUPPORTED,
							  "this interval");
				if (value_evaluate(ctx, left, e->binary.left) < 0 ||
				    value_evaluate(ctx, left, e->binary.right) < 0)
					return -1;
				if (cmp_values(e->binary.left, e->binary.right) > 0)
					return expr_error(ctx, e,
							  "Range has zero or negative size%s", "");
			} else {
				if (!(left->dtype->flags & DTYPE_F_PREFIX) ||
				    (!named && left->etype != EXPR_PAYLOAD) ||
				    e->prefix.expr->etype != EXPR_SYMBOL)
					return expr_error(ctx, e, NOT_SUPPORTED,
							  "a prefix of this type");
				if (e->prefix.prefix_len > left->len)
					return erec_queue_error(ctx->msgs, &e->location,
								"Prefix length %u is invalid for type of %u bits width",
								e->prefix.prefix_len, left->len);
				if (value_evaluate(ctx, left, e->prefix.expr) < 0)
					return -1;
			}
			e->dtype = left->dtype;
			e->len = left->len;
			e->byteorder = left->byteorder;
			set->flags |= EXPR_F_INTERVAL;
			continue;
		}
		if (e->etype != EXPR_SYMBOL)
			return expr_error(ctx, e, NOT_SUPPORTED,
					  "this set element");
		if (value_evaluate(ctx, left, e) < 0)
			return -1;
		if ((e->flags & EXPR_F_WILDCARD) && named && !intervals)
			return expr_error(ctx, e,
					  "You must add 'flags interval' to your set declaration if you want to add %s elements",
					  "prefix");
		if (e->flags & EXPR_F_WILDCARD)
			return expr_error(ctx, e, NOT_SUPPORTED,
					  "a wildcard in a set");
	}
	/* duplicates are sent as written, as stock nft does */
	set->dtype = left->dtype;
	set->len = left->len;
	set->byteorder = left->byteorder;
	return 0;
}

/* An anonymous set: a constant set the rule looks up. */
int set_evaluate(struct eval_ctx *ctx, struct expr *rel, struct expr *set)
{
	const struct expr *left = rel->binary.left;

	if (rel->op != OP_IMPLICIT && rel->op != OP_EQ && rel->op != OP_NEQ)
		return relational_undefined(ctx, rel, "set");
	if (left->len % 8 || (left->etype == EXPR_PAYLOAD &&
			      left->payload.offset % 8))
		return expr_error(ctx, set, NOT_SUPPORTED,
				  "a set for this field");
	return elems_evaluate(ctx, left, set, true, false);
}

int typeof_expr_evaluate(struct list_head *msgs, uint32_t family,
			 struct expr *e)
{
	struct eval_ctx ctx = { .msgs = msgs, .family = family };

	return lhs_evaluate(&ctx, e);
}

int set_elems_evaluate(struct list_head *msgs, uint32_t family,
		       const struct datatype *key, unsigned int key_len,
		       bool intervals, struct expr *set)
{
	struct eval_ctx ctx = { .msgs = msgs, .family = family };
	struct expr *left = expr_alloc(&set->location, EXPR_VALUE);
	int ret;

	left->dtype = key;
	left->len = key_len;
	left->byteorder = key->byteorder;
	set_flatten(set);
	ret = elems_evaluate(&ctx, left, set, intervals, true);
	expr_free(left);
	return ret;
}

/* "value : verdict" elements of a verdict map keyed like @left */
static int mappings_evaluate(struct eval_ctx *ctx, const struct expr *left,
			     struct expr *map)
{
	struct expr *e;

	set_flatten(map);
	list_for_each_entry(e, &map->compound.exprs, list) {
		struct expr *key = e->binary.left, *data = e->binary.right;

		if (e->etype != EXPR_MAPPING)
			return expr_error(ctx, e, NOT_SUPPORTED,
					  "this verdict map element");
		if (data->etype != EXPR_VERDICT)
			return expr_error(ctx, data, "%s",
					  "syntax error, a verdict is expected here");
		if (data->verdict.chain &&
		    strlen(data->verdict.chain) >= NFT_NAME_MAXLEN)
			return erec_queue_error(ctx->msgs, &data->verdict.chain_loc,
						"chain name too long");
		if (key->etype != EXPR_SYMBOL)
			return expr_error(ctx, key, NOT_SUPPORTED,
					  "an interval in a verdict map");
		if (value_evaluate(ctx, left, key) < 0)
			return -1;
		if (key->flags & EXPR_F_WILDCARD)
			return expr_error(ctx, key, NOT_SUPPORTED,
					  "a wildcard in a verdict map");
		e->dtype = left->dtype;
		e->len = left->len;
		e->byteorder = left->byteorder;
	}
	map->dtype = left->dtype;
	map->len = left->len;
	map->byteorder = left->byteorder;
	map->flags |= EXPR_F_VMAP;
	return 0;
}

int map_elems_evaluate(struct list_head *msgs, uint32_t family,
		       const struct datatype *key, unsigned int key_len,
		       struct expr *map)
{
	struct eval_ctx ctx = { .msgs = msgs, .family = family };
	struct expr *left = expr_alloc(&map->location, EXPR_VALUE);
	int ret;

	left->dtype = key;
	left->len = key_len;
	left->byteorder = key->byteorder;
	ret = mappings_evaluate(&ctx, left, map);
	expr_free(left);
	return ret;
}

/*
 * "KEY vmap { value : verdict, ... }": an anonymous constant verdict map
 * of plain values (an interval map is not built here yet), or "KEY vmap
 * @name", checked against the named map when it is known (set_resolve.c).
 */
int vmap_evaluate(struct eval_ctx *ctx, struct expr *rel)
{
	const struct expr *left = rel->binary.left;
	struct expr *map = rel->binary.right;

	if (map->etype != EXPR_SET && map->etype != EXPR_SET_REF)
		return expr_error(ctx, map, NOT_SUPPORTED,
				  "this verdict map");
	if (left->len % 8 || (left->etype == EXPR_PAYLOAD &&
			      left->payload.offset % 8))
		return expr_error(ctx, map, NOT_SUPPORTED,
				  "a verdict map for this field");
	if (map->etype == EXPR_SET_REF)
		return 0;
	return mappings_evaluate(ctx, left, map);
}

/* ---- named set declarations ---- */

struct set_key_type {
	const char *name;
	const struct datatype *dtype;
	unsigned int len;		/* bits */
};

static const struct set_key_type key_types[] = {
	{ "ipv4_addr",		&ipaddr_type,		32 },
	{ "ipv6_addr",		&ip6addr_type,		128 },
	{ "inet_service",	&inet_service_type,	16 },
	{ "inet_proto",		&inet_protocol_type,	8 },
	{ "mark",		&mark_type,		32 },
	{ "ifname",		&ifname_type,		16 * 8 },
};

/* stock nft's other type names: known there, refused here as unsupported */
static const char *const stock_types[] = {
	"verdict", "nf_proto", "bitmask", "integer", "string", "lladdr",
	"ether_addr", "ether_type", "arp_op", "icmp_type", "tcp_flag",
	"dccp_pkttype", "mh_type", "time", "ifindex", "arphrd", "realm",
	"classid", "uid", "gid", "ct_state", "ct_dir", "ct_status",
	"icmpv6_type", "pkttype", "icmp_code", "icmpv6_code", "icmpx_code",
	"devgroup", "dscp", "ecn", "fib_addrtype", "boolean", "ct_label",
	"ifname", "igmp_type", "time", "hour", "day", "cgroupsv2",
	"ipsec_reqid", "ct_event",
};

static const struct set_key_type *set_key_lookup(const char *name)
{
	unsigned int i;

	for (i = 0; i < array_size(key_types); i++)
		if (!strcmp(key_types[i].name, name))
			return &key_types[i];
	return NULL;
}

static bool stock_type(const char *name)
{
	unsigned int i;

	for (i = 0; i < array_size(stock_types); i++)
		if (!strcmp(stock_types[i], name))
			return true;
	return false;
}

/*
 * A named interval set takes no overlapping elements (stock nft without
 * auto-merge: "conflicting intervals specified"); adjacent ones stay
 * separate elements there, an encoding not reproduced here yet.
 */
static int intervals_check(struct list_head *msgs, const struct expr *set)
{
	unsigned int n = (set->len + 7) / 8;
	const struct expr *a, *b;

	/* quadratic, but declarations are written by hand */
	uint8_t alo[EXPR_VALUE_MAXLEN], ahi[EXPR_VALUE_MAXLEN];
	uint8_t blo[EXPR_VALUE_MAXLEN], bhi[EXPR_VALUE_MAXLEN];

	list_for_each_entry(a, &set->compound.exprs, list) {
		b = a;
		list_for_each_entry_continue(b, &set->compound.exprs, list) {
			struct error_record *erec;

			elem_bounds(a, n, alo, ahi);
			elem_bounds(b, n, blo, bhi);
			if (memcmp(alo, bhi, n) <= 0 && memcmp(blo, ahi, n) <= 0) {
				erec = error(&b->location,
					     "conflicting intervals specified");
				erec_add_location(erec, &a->location);
				list_add_tail(&erec->list, msgs);
				return -1;
			}
			/* touching: [a] then [b] right after, or the reverse */
			if ((!be_inc(ahi, n) && !memcmp(ahi, blo, n)) ||
			    (!be_inc(bhi, n) && !memcmp(bhi, alo, n)))
				return erec_queue_error(msgs, &b->location,
							NOT_SUPPORTED,
							"an element adjacent to another in a named interval set");
		}
	}
	return 0;
}

static int set_body_evaluate(struct list_head *msgs, uint32_t family,
			     struct set *set);

/* "typeof EXPR": the key type of the expression, as stock nft takes it */
static int typeof_evaluate(struct list_head *msgs, uint32_t family,
			   struct set *set)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (set->is_map)
		return erec_queue_error(msgs, &set->typeof_loc, NOT_SUPPORTED,
					"typeof in a map");
	if (typeof_expr_evaluate(msgs, family, set->typeof_expr) < 0)
		return -1;
	f = open_memstream(&text, &len);
	if (!f)
		return erec_queue_error(msgs, &set->typeof_loc, "%s",
					"out of memory");
	expr_print(set->typeof_expr, f);
	fclose(f);
	set->typeof_key = typeof_key_by_text(text);
	free(text);
	if (set->typeof_key && set->typeof_key->anon_only)
		set->typeof_key = NULL;
	if (!set->typeof_key)
		return erec_queue_error(msgs, &set->typeof_loc, NOT_SUPPORTED,
					"typeof of this expression");
	set->key = set->typeof_key->dtype;
	set->key_len = set->typeof_key->len;
	return set_body_evaluate(msgs, family, set);
}

int set_decl_evaluate(struct list_head *msgs, uint32_t family, struct set *set)
{
	const struct set_key_type *kt;

	if (name_evaluate(msgs, &set->handle.obj, "set") < 0)
		return -1;
	if (set->key_concat)
		return erec_queue_error(msgs, set->has_typeof ? &set->typeof_loc :
					&set->key_loc, NOT_SUPPORTED,
					"a concatenation");
	if (set->has_typeof)
		return typeof_evaluate(msgs, family, set);
	if (!set->key_type.name)
		return erec_queue_error(msgs, &set->block_loc,
					"set definition does not specify key");
	kt = set_key_lookup(set->key_type.name);
	if (!kt) {
		if (stock_type(set->key_type.name))
			return erec_queue_error(msgs, &set->key_type.location,
						NOT_SUPPORTED, "this set key type");
		erec_queue_error(msgs, &set->key_type.location,
				 "unknown datatype %s", set->key_type.name);
		return erec_queue_error(msgs, &set->block_loc,
					"set definition does not specify key");
	}
	set->key = kt->dtype;
	set->key_len = kt->len;
	return set_body_evaluate(msgs, family, set);
}

/* flags, properties and elements, once the key is known */
static int set_body_evaluate(struct list_head *msgs, uint32_t family,
			     struct set *set)
{
	if (set->automerge && !(set->flags & NFT_SET_INTERVAL))
		return erec_queue_error(msgs, &set->decl_loc,
					"auto-merge only works with interval sets");
	if (set->is_map) {
		if (!set->data_type.name)
			return erec_queue_error(msgs, &set->block_loc,
						"map definition does not specify data");
		if (strcmp(set->data_type.name, "verdict"))
			return erec_queue_error(msgs, &set->data_type.location,
						NOT_SUPPORTED, "a map of this data type");
		if (set->flags & NFT_SET_INTERVAL)
			return erec_queue_error(msgs, &set->flags_loc,
						NOT_SUPPORTED, "an interval map");
		set->flags |= NFT_SET_MAP;
		if (set->timeout_ms)
			set->flags |= NFT_SET_TIMEOUT;
		if (!set->init)
			return 0;
		return map_elems_evaluate(msgs, family, set->key, set->key_len,
					  set->init);
	}
	if (set->data_type.name)
		return erec_queue_error(msgs, &set->data_type.location,
					"%s", "a set has no data type; use a map");
	/* a default timeout makes it a set with timeouts, as in stock nft */
	if (set->timeout_ms)
		set->flags |= NFT_SET_TIMEOUT;
	if (!set->init)
		return 0;
	if (set_elems_evaluate(msgs, family, set->key, set->key_len,
			       set->flags & NFT_SET_INTERVAL, set->init) < 0)
		return -1;
	/* auto-merge: overlapping and adjacent elements become one */
	if ((set->flags & NFT_SET_INTERVAL) && !set->automerge)
		return intervals_check(msgs, set->init);
	return 0;
}
