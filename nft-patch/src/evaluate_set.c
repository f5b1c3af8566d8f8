// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * evaluate_set.c - checks of named set declarations: the key type by name,
 * flags, timeouts and the elements, with stock nft's errors.
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
