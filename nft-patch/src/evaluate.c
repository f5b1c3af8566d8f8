// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * evaluate.c - typing and checking of rules and commands.
 *
 * Right-hand sides are resolved with the datatype of the left-hand side,
 * protocol dependencies are inserted exactly where stock nft inserts them
 * ("meta l4proto tcp" before "tcp dport" in ip, ip6 and inet tables,
 * "meta nfproto ipv4" before "ip saddr" in inet tables), and anything this
 * nft cannot translate faithfully is refused with a located error.
 */
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter_arp.h>
#include <stdlib.h>
#include <string.h>

#include "datatype.h"
#include "evaluate.h"
#include "expression.h"
#include "keys.h"
#include "proto.h"
#include "utils.h"

#define NOT_SUPPORTED "%s is not supported by this nft"

int expr_error(struct eval_ctx *ctx, const struct expr *e,
		      const char *fmt, const char *arg)
{
	return erec_queue_error(ctx->msgs, &e->location, fmt, arg);
}

/* ---- left-hand sides ---- */

static int payload_evaluate(struct expr *e)
{
	const struct proto_desc *desc = proto_desc_by_id(e->payload.proto);
	const struct proto_hdr_template *tmpl;

	tmpl = &desc->templates[e->payload.field];
	e->payload.desc = desc;
	e->payload.tmpl = tmpl;
	e->payload.offset = tmpl->offset;
	e->payload.base = desc->base == PROTO_BASE_NETWORK_HDR ?
			  NFT_PAYLOAD_NETWORK_HEADER :
			  NFT_PAYLOAD_TRANSPORT_HEADER;
	e->dtype = tmpl->dtype;
	e->len = tmpl->len;
	e->byteorder = BYTEORDER_BIG_ENDIAN;
	return 0;
}

static int meta_evaluate(struct eval_ctx *ctx, struct expr *e)
{
	const struct key_template *k = meta_key_template(e->meta.key);

	if (!k)
		return expr_error(ctx, e, NOT_SUPPORTED, "this meta key");
	if (e->meta.key == NFT_META_NFPROTO && ctx->family != NFPROTO_INET)
		return expr_error(ctx, e,
				  "meta nfproto is only useful in the inet family%s", "");
	e->dtype = k->dtype;
	e->len = k->len;
	e->byteorder = k->dtype->byteorder;
	return 0;
}

static int ct_evaluate(struct eval_ctx *ctx, struct expr *e)
{
	const struct key_template *k = ct_key_template(e->ct.key);

	if (!k)
		return expr_error(ctx, e, NOT_SUPPORTED, "this ct key");
	if (e->ct.direction >= 0 &&
	    e->ct.key != NFT_CT_PROTO_SRC && e->ct.key != NFT_CT_PROTO_DST &&
	    e->ct.key != NFT_CT_L3PROTOCOL && e->ct.key != NFT_CT_PROTOCOL &&
	    e->ct.key != NFT_CT_SRC && e->ct.key != NFT_CT_DST &&
	    e->ct.key != NFT_CT_SRC_IP && e->ct.key != NFT_CT_DST_IP &&
	    e->ct.key != NFT_CT_SRC_IP6 && e->ct.key != NFT_CT_DST_IP6)
		return expr_error(ctx, e, NOT_SUPPORTED,
				  "this ct direction key");
	e->dtype = k->dtype;
	e->len = k->len;
	e->byteorder = k->dtype->byteorder;
	/* "ct original saddr": the address family is the table's */
	if (e->ct.key == NFT_CT_SRC || e->ct.key == NFT_CT_DST) {
		if (ctx->family == NFPROTO_IPV6) {
			e->dtype = &ip6addr_type;
			e->len = 128;
		} else if (ctx->family != NFPROTO_IPV4) {
			return erec_queue_error(ctx->msgs, &e->location,
						"cannot determine ip protocol version, use \"ip %s\" or \"ip6 %s\" instead",
						k->token, k->token);
		}
	}
	return 0;
}

int lhs_evaluate(struct eval_ctx *ctx, struct expr *e)
{
	switch (e->etype) {
	case EXPR_PAYLOAD:
		return payload_evaluate(e);
	case EXPR_META:
		return meta_evaluate(ctx, e);
	case EXPR_CT:
		return ct_evaluate(ctx, e);
	default:
		return expr_error(ctx, e, NOT_SUPPORTED, "this expression");
	}
}

/* ---- protocol dependencies ---- */

static struct stmt *dependency_stmt(const struct location *loc,
				    unsigned int key, uint8_t value)
{
	struct expr *left = meta_expr_alloc(loc, key);
	struct expr *right = expr_alloc(loc, EXPR_VALUE);
	struct stmt *stmt = stmt_alloc(loc, STMT_EXPRESSION);
	const struct key_template *k = meta_key_template(key);

	left->dtype = k->dtype;
	left->len = k->len;
	left->byteorder = k->dtype->byteorder;
	right->dtype = k->dtype;
	right->len = k->len;
	right->byteorder = left->byteorder;
	right->value.data[0] = value;
	stmt->expr = relational_expr_alloc(loc, OP_IMPLICIT, left, right);
	return stmt;
}

static int conflict(struct eval_ctx *ctx, const struct location *loc,
		    const struct proto_desc *have, const struct proto_desc *want)
{
	return erec_queue_error(ctx->msgs, loc,
				"conflicting protocols specified: %s vs. %s",
				have->name, want->name);
}

static bool family_has_ip(uint32_t family)
{
	return family == NFPROTO_IPV4 || family == NFPROTO_IPV6 ||
	       family == NFPROTO_INET;
}

static int payload_dependency(struct eval_ctx *ctx, struct stmt *stmt,
			      const struct expr *e)
{
	const struct proto_desc *desc = e->payload.desc;

	if (!family_has_ip(ctx->family))
		return erec_queue_error(ctx->msgs, &e->location,
					"a payload match in a %s table is not supported by this nft",
					family_name(ctx->family));

	if (desc->base == PROTO_BASE_NETWORK_HDR) {
		if (ctx->l3 == desc)
			return 0;
		if (ctx->l3)
			return conflict(ctx, &e->location, ctx->l3, desc);
		list_add_tail(&dependency_stmt(&e->location, NFT_META_NFPROTO,
					       (uint8_t)desc->protocol)->list,
			      &stmt->list);
		ctx->l3 = desc;
		return 0;
	}
	if (desc->no_dependency)
		return 0;
	if (ctx->l4 == desc)
		return 0;
	/* icmp in inet: first the network protocol, as stock nft does */
	if (desc->l3protocol && ctx->family == NFPROTO_INET && !ctx->l3) {
		list_add_tail(&dependency_stmt(&e->location, NFT_META_NFPROTO,
					       (uint8_t)desc->l3protocol)->list,
			      &stmt->list);
		ctx->l3 = proto_desc_by_nfproto(desc->l3protocol);
	}
	if (ctx->l4)
		return conflict(ctx, &e->location, ctx->l4, desc);
	list_add_tail(&dependency_stmt(&e->location, NFT_META_L4PROTO,
				       (uint8_t)desc->protocol)->list,
		      &stmt->list);
	ctx->l4 = desc;
	return 0;
}

/* An explicit protocol match pins the context like a dependency does. */
static void relational_update_ctx(struct eval_ctx *ctx, const struct expr *rel)
{
	const struct expr *l = rel->binary.left, *r = rel->binary.right;
	const struct proto_desc *desc = NULL;
	bool l4 = false;

	if ((rel->op != OP_IMPLICIT && rel->op != OP_EQ) || r->etype != EXPR_VALUE)
		return;
	if (l->etype == EXPR_META && l->meta.key == NFT_META_L4PROTO) {
		l4 = true;
	} else if (l->etype == EXPR_META && l->meta.key == NFT_META_NFPROTO) {
		desc = proto_desc_by_nfproto(r->value.data[0]);
		if (desc) {
			ctx->l3 = desc;
			ctx->l3_loc = rel->location;
		}
		return;
	} else if (l->etype == EXPR_CT && l->ct.key == NFT_CT_PROTOCOL &&
		   ctx->family != NFPROTO_INET) {
		/* stock nft takes "ct protocol tcp" for the transport header
		 * (not in inet tables) */
		l4 = true;
	} else if (l->etype == EXPR_CT && l->ct.key == NFT_CT_L3PROTOCOL &&
		   ctx->family == NFPROTO_INET) {
		/* and "ct l3proto ipv4" for the network header of inet */
		desc = proto_desc_by_nfproto(r->value.data[0]);
		if (desc) {
			ctx->l3 = desc;
			ctx->l3_loc = rel->location;
		}
		return;
	} else if (l->etype == EXPR_PAYLOAD &&
		   ((l->payload.proto == PROTO_IP && l->payload.field == IPHDR_PROTOCOL) ||
		    (l->payload.proto == PROTO_IP6 && l->payload.field == IP6HDR_NEXTHDR))) {
		l4 = true;
	}
	if (l4) {
		desc = proto_desc_by_l4proto(r->value.data[0]);
		if (desc) {
			ctx->l4 = desc;
			ctx->l4_loc = rel->location;
		} else {
			ctx->l4_other = true;
		}
	}
}

/* ---- right-hand sides ---- */

/* "tcp dport < { 1, 2 }": stock's words, the value marked, the operator too */
int relational_undefined(struct eval_ctx *ctx, const struct expr *rel,
				const char *what)
{
	static const char *const names[] = {
		[OP_LT] = "<", [OP_GT] = ">", [OP_LTE] = "<=", [OP_GTE] = ">=",
	};
	struct error_record *erec;

	erec = error(&rel->binary.right->location,
		     "Relational expression (%s) is undefined for %s expressions",
		     rel->op < array_size(names) && names[rel->op] ?
		     names[rel->op] : "?", what);
	if (rel->op_loc.indesc)
		erec_add_location(erec, &rel->op_loc);
	list_add_tail(&erec->list, ctx->msgs);
	return -1;
}

/*
 * A name ending in "\*" is a literal one, each "\*" in it a star:
 * "a\*b\*" -> "a*b*" in place, as stock nft reads it.  False, and the
 * text unchanged, for any other name.
 */
static bool str_unescape_stars(char *text)
{
	size_t n = strlen(text);
	char *r = text, *w = text;

	if (n < 2 || strcmp(text + n - 2, "\\*"))
		return false;
	while (*r) {
		if (r[0] == '\\' && r[1] == '*')
			r++;
		*w++ = *r++;
	}
	*w = '\0';
	return true;
}

int value_evaluate(struct eval_ctx *ctx, const struct expr *left,
			  struct expr *e)
{
	const struct datatype *dtype = left->dtype;
	uint8_t data[EXPR_VALUE_MAXLEN];
	bool wildcard = false;
	size_t wlen;
	char *text;
	int ret;

	if (e->etype != EXPR_SYMBOL)
		return expr_error(ctx, e, NOT_SUPPORTED, "this value");
	text = e->sym.identifier;
	if ((dtype->flags & DTYPE_F_STRING) && !*text)
		return expr_error(ctx, e, "Empty string is not allowed%s", "");
	if ((dtype->flags & DTYPE_F_STRING) && str_unescape_stars(text)) {
		/* "dummy\*": a literal star, the whole name compared */
	} else if ((dtype->flags & DTYPE_F_STRING) && *text &&
		   text[strlen(text) - 1] == '*') {
		size_t n = strlen(text);

		/* "eth*": compare the prefix only, as stock nft does (a star
		 * elsewhere is just a character, to stock nft as to us) */
		if (n < 2)
			return expr_error(ctx, e,
					  "All-wildcard strings are not supported%s", "");
		if (strchr(text, '*') != text + n - 1)
			return expr_error(ctx, e, NOT_SUPPORTED,
					  "this wildcard");
		text[n - 1] = '\0';
		wildcard = true;
	}
	memset(data, 0, sizeof(data));
	ret = datatype_parse(dtype, text, left->len, data, ctx->msgs,
			     &e->location);
	if (ret < 0)
		return -1;
	/* sym and value share storage: switch over only now */
	wlen = strlen(text);
	free(text);
	memset(&e->value, 0, sizeof(e->value));
	memcpy(e->value.data, data, sizeof(data));
	e->etype = EXPR_VALUE;
	e->dtype = dtype;
	e->len = left->len;
	e->byteorder = left->byteorder;
	if (wildcard) {
		e->flags |= EXPR_F_WILDCARD;
		e->len = (unsigned int)wlen * 8;
	}
	return 0;
}

int cmp_values(const struct expr *a, const struct expr *b)
{
	unsigned int n = (a->len + 7) / 8;

	if (a->byteorder == BYTEORDER_HOST_ENDIAN) {
		uint64_t x = value_get(a->value.data, n, BYTEORDER_HOST_ENDIAN);
		uint64_t y = value_get(b->value.data, n, BYTEORDER_HOST_ENDIAN);

		return x < y ? -1 : x > y;
	}
	return memcmp(a->value.data, b->value.data, n);
}

static int rhs_evaluate(struct eval_ctx *ctx, struct expr *rel, struct expr **rp)
{
	const struct expr *left = rel->binary.left;
	struct expr *r = *rp, *sub;
	unsigned int n = (left->len + 7) / 8, i;

	switch (r->etype) {
	case EXPR_SYMBOL:
		return value_evaluate(ctx, left, r);
	case EXPR_SET_REF:
		/* the set's key type is checked when the set is known (run) */
		if (rel->op != OP_IMPLICIT && rel->op != OP_EQ && rel->op != OP_NEQ)
			return relational_undefined(ctx, rel, "set");
		if (left->len % 8 || (left->etype == EXPR_PAYLOAD &&
				      left->payload.offset % 8))
			return expr_error(ctx, r, NOT_SUPPORTED,
					  "a set for this field");
		return 0;
	case EXPR_SET:
		set_flatten(r);
		if (r->compound.size != 1)
			return set_evaluate(ctx, rel, r);
		/* a one-element set is its element, as stock nft lists it */
		sub = list_first_entry(&r->compound.exprs, struct expr, list);
		list_del(&sub->list);
		expr_free(r);
		*rp = sub;
		return rhs_evaluate(ctx, rel, rp);
	case EXPR_LIST:
		if (!(left->dtype->flags & DTYPE_F_BITMASK))
			return expr_error(ctx, r, NOT_SUPPORTED,
					  "a list of values here");
		sub = expr_alloc(&r->location, EXPR_VALUE);
		sub->dtype = left->dtype;
		sub->len = left->len;
		sub->byteorder = left->byteorder;
		{
			struct expr *elem;

			list_for_each_entry(elem, &r->compound.exprs, list) {
				if (elem->etype != EXPR_SYMBOL) {
					expr_free(sub);
					return expr_error(ctx, elem, NOT_SUPPORTED,
							  "this list element");
				}
				if (value_evaluate(ctx, left, elem) < 0) {
					expr_free(sub);
					return -1;
				}
				for (i = 0; i < n; i++)
					sub->value.data[i] |= elem->value.data[i];
			}
		}
		expr_free(r);
		*rp = sub;
		return 0;
	case EXPR_RANGE:
		if (left->dtype->flags & DTYPE_F_STRING)
			return expr_error(ctx, r, NOT_SUPPORTED, "a string range");
		if (value_evaluate(ctx, left, r->binary.left) < 0 ||
		    value_evaluate(ctx, left, r->binary.right) < 0)
			return -1;
		if (cmp_values(r->binary.left, r->binary.right) > 0)
			return expr_error(ctx, r,
					  "Range has zero or negative size%s", "");
		r->dtype = left->dtype;
		r->len = left->len;
		r->byteorder = left->byteorder;
		return 0;
	case EXPR_PREFIX:
		if (left->etype != EXPR_PAYLOAD)
			return expr_error(ctx, r, NOT_SUPPORTED,
					  "a prefix on this expression");
		if (!(left->dtype->flags & DTYPE_F_PREFIX))
			return expr_error(ctx, r, NOT_SUPPORTED,
					  "a prefix of this type");
		if (r->prefix.prefix_len > left->len)
			return erec_queue_error(ctx->msgs, &r->location,
						"Prefix length %u is invalid for type of %u bits width",
						r->prefix.prefix_len, left->len);
		if (value_evaluate(ctx, left, r->prefix.expr) < 0)
			return -1;
		r->dtype = left->dtype;
		r->len = left->len;
		r->byteorder = left->byteorder;
		return 0;
	default:
		return expr_error(ctx, r, NOT_SUPPORTED, "this value");
	}
}

/*
 * "ct original ip saddr" names its network protocol: it must agree with
 * the one the table or an earlier match pinned down, as in stock nft.
 */
static int ct_address_conflict(struct eval_ctx *ctx, const struct expr *rel)
{
	const struct expr *l = rel->binary.left;
	const struct proto_desc *want;
	struct error_record *erec;

	switch (l->ct.key) {
	case NFT_CT_SRC_IP:
	case NFT_CT_DST_IP:
		want = proto_desc_by_id(PROTO_IP);
		break;
	case NFT_CT_SRC_IP6:
	case NFT_CT_DST_IP6:
		want = proto_desc_by_id(PROTO_IP6);
		break;
	default:
		return 0;
	}
	if (!ctx->l3 || ctx->l3 == want)
		return 0;
	erec = error(&rel->location, "conflicting protocols specified: %s vs. %s",
		     ctx->l3->name, want->name);
	/* an explicit match is marked too; the table's family is not */
	if (ctx->l3_loc.indesc)
		erec_add_location(erec, &ctx->l3_loc);
	list_add_tail(&erec->list, ctx->msgs);
	return -1;
}

/*
 * "tcp flags & (syn | ack) == syn", "meta mark & 0xff 1": a masked
 * compare of flags or a mark, as stock nft compiles it (load, bitwise
 * and, cmp eq/neq; the implicit relation is "==").  Other types, fields
 * that are not whole bytes, orderings and sets are refused.
 */
static int mask_evaluate(struct eval_ctx *ctx, struct stmt *stmt)
{
	struct expr *rel = stmt->expr, *m = rel->binary.left;
	struct expr *inner = m->binary.left, *mask = m->binary.right, *elem;
	unsigned int n, i;
	uint8_t bits[EXPR_VALUE_MAXLEN] = { 0 };

	if (inner->etype == EXPR_MASK)
		return expr_error(ctx, m, NOT_SUPPORTED, "this bitwise and");
	if (lhs_evaluate(ctx, inner) < 0)
		return -1;
	if (!(inner->dtype->flags & DTYPE_F_BITMASK) && inner->dtype != &mark_type)
		return expr_error(ctx, m, NOT_SUPPORTED,
				  "a bitwise and of this type");
	if (inner->etype == EXPR_PAYLOAD &&
	    (inner->payload.offset % 8 || inner->len % 8))
		return expr_error(ctx, m, NOT_SUPPORTED,
				  "a bitwise and of this field");
	if (rel->op != OP_IMPLICIT && rel->op != OP_EQ && rel->op != OP_NEQ)
		return expr_error(ctx, rel, NOT_SUPPORTED,
				  "this comparison with a bitwise and");
	if (inner->etype == EXPR_PAYLOAD &&
	    payload_dependency(ctx, stmt, inner) < 0)
		return -1;
	n = (inner->len + 7) / 8;
	if (mask->etype == EXPR_LIST) {
		list_for_each_entry(elem, &mask->compound.exprs, list) {
			if (elem->etype != EXPR_SYMBOL)
				return expr_error(ctx, elem, NOT_SUPPORTED,
						  "this mask");
			if (value_evaluate(ctx, inner, elem) < 0)
				return -1;
			for (i = 0; i < n; i++)
				bits[i] |= elem->value.data[i];
		}
		if (!(inner->dtype->flags & DTYPE_F_BITMASK))
			return expr_error(ctx, mask, NOT_SUPPORTED,
					  "a list of values here");
	} else if (mask->etype == EXPR_SYMBOL) {
		if (value_evaluate(ctx, inner, mask) < 0)
			return -1;
		memcpy(bits, mask->value.data, n);
	} else {
		return expr_error(ctx, mask, NOT_SUPPORTED, "this mask");
	}
	expr_free(mask);
	mask = expr_alloc(&m->location, EXPR_VALUE);
	memcpy(mask->value.data, bits, n);
	mask->dtype = inner->dtype;
	mask->len = inner->len;
	mask->byteorder = inner->byteorder;
	m->binary.right = mask;
	m->dtype = inner->dtype;
	m->len = inner->len;
	m->byteorder = inner->byteorder;
	if (rhs_evaluate(ctx, rel, &rel->binary.right) < 0)
		return -1;
	if (rel->binary.right->etype != EXPR_VALUE)
		return expr_error(ctx, rel->binary.right, NOT_SUPPORTED,
				  "this value with a bitwise and");
	if (rel->op == OP_IMPLICIT)
		rel->op = OP_EQ;
	return 0;
}

static int relational_evaluate(struct eval_ctx *ctx, struct stmt *stmt)
{
	struct expr *rel = stmt->expr, *l = rel->binary.left;

	if (l->etype == EXPR_MASK && rel->op == OP_VMAP)
		return expr_error(ctx, l, NOT_SUPPORTED, "a verdict map of this");
	if (l->etype == EXPR_MASK)
		return mask_evaluate(ctx, stmt);

	if (lhs_evaluate(ctx, l) < 0) {
		/* stock nft then also fails on the untyped value */
		if (l->etype == EXPR_CT &&
		    (l->ct.key == NFT_CT_SRC || l->ct.key == NFT_CT_DST))
			erec_queue_error(ctx->msgs, &rel->binary.right->location,
					 "Can't parse symbolic invalid expressions");
		return -1;
	}
	if (l->etype == EXPR_CT && ct_address_conflict(ctx, rel) < 0)
		return -1;
	/* ports of the connection: typed by the transport protocol matched
	 * before, as stock nft 1.0.6 does; without one it cannot type them */
	if (l->etype == EXPR_CT &&
	    (l->ct.key == NFT_CT_PROTO_SRC || l->ct.key == NFT_CT_PROTO_DST)) {
		if (ctx->l4_other)
			return expr_error(ctx, l, NOT_SUPPORTED,
					  "a port of this transport protocol");
		if (!ctx->l4)
			return erec_queue_error(ctx->msgs, &rel->binary.right->location,
						"Can't parse symbolic invalid expressions");
	}
	if (rel->binary.left->etype == EXPR_PAYLOAD &&
	    payload_dependency(ctx, stmt, rel->binary.left) < 0)
		return -1;
	if (rel->op == OP_VMAP)
		return vmap_evaluate(ctx, rel);
	if (rhs_evaluate(ctx, rel, &rel->binary.right) < 0)
		return -1;
	if (rel->binary.right->etype == EXPR_RANGE &&
	    rel->op != OP_IMPLICIT && rel->op != OP_EQ && rel->op != OP_NEQ)
		return relational_undefined(ctx, rel, "range");
	if ((rel->binary.right->etype == EXPR_PREFIX ||
	     (rel->binary.right->flags & EXPR_F_WILDCARD)) &&
	    rel->op != OP_IMPLICIT && rel->op != OP_EQ && rel->op != OP_NEQ)
		return relational_undefined(ctx, rel, "prefix");
	relational_update_ctx(ctx, rel);
	return 0;
}

/* ---- statements ---- */

static int setkey_evaluate(struct eval_ctx *ctx, struct stmt *stmt,
			   const struct key_template *k)
{
	struct expr left = {
		.dtype = k->dtype,
		.len = k->len,
		.byteorder = k->dtype->byteorder,
	};

	if (stmt->setkey.expr->etype != EXPR_SYMBOL)
		return expr_error(ctx, stmt->setkey.expr, NOT_SUPPORTED,
				  "this value");
	if (value_evaluate(ctx, &left, stmt->setkey.expr) < 0)
		return -1;
	if (stmt->setkey.expr->flags & EXPR_F_WILDCARD)
		return expr_error(ctx, stmt->setkey.expr, NOT_SUPPORTED,
				  "a wildcard here");
	return 0;
}

static int objref_evaluate(struct eval_ctx *ctx, struct stmt *stmt)
{
	struct expr *e = stmt->objref.expr;

	if (e->etype != EXPR_SYMBOL)
		return expr_error(ctx, e, NOT_SUPPORTED, "this object reference");
	if (strlen(e->sym.identifier) >= NFT_NAME_MAXLEN)
		return expr_error(ctx, e, "object name too long%s", "");
	return 0;
}

static const struct symbolic_constant log_levels[] = {
	{ "emerg", 0 }, { "alert", 1 }, { "crit", 2 }, { "err", 3 },
	{ "warn", 4 }, { "notice", 5 }, { "info", 6 }, { "debug", 7 },
	{ "audit", 8 },
};

static int log_evaluate(struct eval_ctx *ctx, struct stmt *stmt)
{
	unsigned int i;

	if ((stmt->log.flags & STMT_LOG_LEVEL) &&
	    (stmt->log.flags & STMT_LOG_GROUP)) {
		struct location loc = stmt->location;

		loc.last_line = loc.first_line;
		loc.last_column = loc.first_column + 2;	/* "log" */
		return erec_queue_error(ctx->msgs, &loc,
					"level and group are mutually exclusive");
	}
	if (stmt->log.flags & STMT_LOG_LEVEL) {
		for (i = 0; i < array_size(log_levels); i++) {
			if (!strcmp(stmt->log.level_name, log_levels[i].identifier)) {
				stmt->log.level = (uint32_t)log_levels[i].value;
				break;
			}
		}
		if (i == array_size(log_levels))
			return erec_queue_error(ctx->msgs, &stmt->log.level_loc,
						"invalid log level");
		/* audit logs the packet's identity only: no other options */
		if (stmt->log.level == 8 && stmt->log.flags != STMT_LOG_LEVEL) {
			struct location loc = stmt->location;

			loc.last_line = loc.first_line;
			loc.last_column = loc.first_column + 2;	/* "log" */
			return erec_queue_error(ctx->msgs, &loc,
						"log level audit doesn't support any further options");
		}
	}
	if (stmt->log.prefix && strlen(stmt->log.prefix) > 127)
		return erec_queue_error(ctx->msgs, &stmt->location,
					"log prefix is too long, max 127 characters");
	return 0;
}

struct reject_code {
	const char *name;
	int family;
	int code;
};

static const struct reject_code reject_codes[] = {
	{ "net-unreachable", NFPROTO_IPV4, 0 },
	{ "host-unreachable", NFPROTO_IPV4, 1 },
	{ "prot-unreachable", NFPROTO_IPV4, 2 },
	{ "port-unreachable", NFPROTO_IPV4, 3 },
	{ "net-prohibited", NFPROTO_IPV4, 9 },
	{ "host-prohibited", NFPROTO_IPV4, 10 },
	{ "admin-prohibited", NFPROTO_IPV4, 13 },
	{ "no-route", NFPROTO_IPV6, 0 },
	{ "admin-prohibited", NFPROTO_IPV6, 1 },
	{ "addr-unreachable", NFPROTO_IPV6, 3 },
	{ "port-unreachable", NFPROTO_IPV6, 4 },
	{ "policy-fail", NFPROTO_IPV6, 5 },
	{ "reject-route", NFPROTO_IPV6, 6 },
	{ "no-route", NFPROTO_INET, 0 },
	{ "port-unreachable", NFPROTO_INET, 1 },
	{ "host-unreachable", NFPROTO_INET, 2 },
	{ "admin-prohibited", NFPROTO_INET, 3 },
};

static int reject_evaluate(struct eval_ctx *ctx, struct stmt *stmt)
{
	unsigned int i;

	if (!family_has_ip(ctx->family))
		return erec_queue_error(ctx->msgs, &stmt->location,
					"reject in %s tables is not supported by this nft",
					family_name(ctx->family));
	if (stmt->reject.type == NFT_REJECT_TCP_RST) {
		const struct proto_desc *tcp = proto_desc_by_id(PROTO_TCP);

		stmt->reject.icmp_code = 0;
		if (ctx->l4 == tcp)
			return 0;
		if (ctx->l4)
			return conflict(ctx, &stmt->location, ctx->l4, tcp);
		list_add_tail(&dependency_stmt(&stmt->location, NFT_META_L4PROTO,
					       IPPROTO_TCP)->list, &stmt->list);
		ctx->l4 = tcp;
		return 0;
	}
	if (stmt->reject.type < 0) {
		/* the default: port unreachable of the network protocol,
		 * the table's or (inet) the one the rule matched */
		switch (ctx->family == NFPROTO_INET && ctx->l3 ?
			ctx->l3->protocol : ctx->family) {
		case NFPROTO_IPV4:
			stmt->reject.type = NFT_REJECT_ICMP_UNREACH;
			stmt->reject.icmp_code = 3;
			break;
		case NFPROTO_IPV6:
			stmt->reject.type = NFT_REJECT_ICMP_UNREACH;
			stmt->reject.icmp_code = 4;
			break;
		default:
			stmt->reject.type = NFT_REJECT_ICMPX_UNREACH;
			stmt->reject.icmp_code = 1;
			break;
		}
		return 0;
	}
	if (stmt->reject.icmp_family == NFPROTO_INET) {
		if (ctx->family != NFPROTO_INET) {
			struct error_record *erec;
			struct location kw = stmt->location;

			kw.last_line = kw.first_line;
			kw.last_column = kw.first_column + 5;	/* "reject" */
			erec = error(&stmt->reject.code_loc,
				     "abstracted ICMP unreachable not supported");
			erec_add_location(erec, &kw);
			list_add_tail(&erec->list, ctx->msgs);
			return -1;
		}
		stmt->reject.type = NFT_REJECT_ICMPX_UNREACH;
	}
	else if (ctx->family == NFPROTO_INET ||
		 (uint32_t)stmt->reject.icmp_family != ctx->family)
		return erec_queue_error(ctx->msgs, &stmt->location, NOT_SUPPORTED,
					"this reject family here");
	for (i = 0; i < array_size(reject_codes); i++) {
		if (reject_codes[i].family == stmt->reject.icmp_family &&
		    !strcmp(reject_codes[i].name, stmt->reject.icmp_code_name)) {
			stmt->reject.icmp_code = reject_codes[i].code;
			return 0;
		}
	}
	return erec_queue_error(ctx->msgs, &stmt->reject.code_loc,
				"Could not parse reject code '%s'",
				stmt->reject.icmp_code_name);
}

static int queue_evaluate(struct eval_ctx *ctx, struct stmt *stmt)
{
	struct expr *q = stmt->queue.queue;
	struct expr left = {
		.dtype = &integer_type,
		.len = 16,
		.byteorder = BYTEORDER_HOST_ENDIAN,
	};

	if (!q)
		return 0;
	if (q->etype == EXPR_RANGE) {
		if (value_evaluate(ctx, &left, q->binary.left) < 0 ||
		    value_evaluate(ctx, &left, q->binary.right) < 0)
			return -1;
		if (cmp_values(q->binary.left, q->binary.right) > 0)
			return expr_error(ctx, q, "Range has zero or negative size%s", "");
		return 0;
	}
	return value_evaluate(ctx, &left, q);
}

static int stmt_evaluate(struct eval_ctx *ctx, struct stmt *stmt)
{
	switch (stmt->type) {
	case STMT_EXPRESSION:
		return relational_evaluate(ctx, stmt);
	case STMT_VERDICT:
		if (stmt->expr->verdict.chain &&
		    strlen(stmt->expr->verdict.chain) >= NFT_NAME_MAXLEN)
			return erec_queue_error(ctx->msgs, &stmt->expr->verdict.chain_loc,
						"chain name too long");
		return 0;
	case STMT_COUNTER:
	case STMT_NOTRACK:
		return 0;
	case STMT_LOG:
		return log_evaluate(ctx, stmt);
	case STMT_QUEUE:
		return queue_evaluate(ctx, stmt);
	case STMT_REJECT:
		return reject_evaluate(ctx, stmt);
	case STMT_OBJREF:
		return objref_evaluate(ctx, stmt);
	case STMT_CT:
		return setkey_evaluate(ctx, stmt, ct_key_template(stmt->setkey.key));
	case STMT_META:
		return setkey_evaluate(ctx, stmt, meta_key_template(stmt->setkey.key));
	default:
		return erec_queue_error(ctx->msgs, &stmt->location, NOT_SUPPORTED,
					"this statement");
	}
}

/*
 * "meta protocol ip" in an ip table says nothing: stock nft drops it,
 * except as the rule's last statement (then it stays, load and compare).
 */
static bool stmt_is_implied(const struct eval_ctx *ctx, const struct stmt *stmt)
{
	const struct expr *rel = stmt->expr, *l, *r;
	uint64_t v;

	if (stmt->type != STMT_EXPRESSION ||
	    list_is_last(&stmt->list, &ctx->rule->stmts))
		return false;
	l = rel->binary.left;
	r = rel->binary.right;
	if (l->etype != EXPR_META || l->meta.key != NFT_META_PROTOCOL ||
	    r->etype != EXPR_VALUE || (rel->op != OP_IMPLICIT && rel->op != OP_EQ))
		return false;
	v = value_get(r->value.data, 2, BYTEORDER_BIG_ENDIAN);
	return (ctx->family == NFPROTO_IPV4 && v == 0x0800) ||
	       (ctx->family == NFPROTO_IPV6 && v == 0x86dd);
}

/* the packet's fate is decided here: nothing may follow (stock nft) */
static bool stmt_is_terminal(const struct stmt *stmt)
{
	return (stmt->type == STMT_VERDICT &&
		stmt->expr->verdict.verdict != NFT_CONTINUE) ||
	       stmt->type == STMT_REJECT || stmt->type == STMT_QUEUE;
}

int rule_evaluate(struct list_head *msgs, uint32_t family, struct rule *rule)
{
	struct eval_ctx ctx = {
		.msgs = msgs,
		.family = family,
		.rule = rule,
	};
	struct stmt *stmt, *next, *terminal = NULL;
	struct error_record *erec;

	if (family == NFPROTO_IPV4)
		ctx.l3 = proto_desc_by_id(PROTO_IP);
	else if (family == NFPROTO_IPV6)
		ctx.l3 = proto_desc_by_id(PROTO_IP6);

	list_for_each_entry_safe(stmt, next, &rule->stmts, list) {
		if (terminal) {
			erec = error(&stmt->location,
				     "Statement after terminal statement has no effect");
			erec_add_location(erec, &terminal->location);
			list_add_tail(&erec->list, msgs);
			return -1;
		}
		if (stmt_evaluate(&ctx, stmt) < 0)
			return -1;
		if (stmt_is_terminal(stmt))
			terminal = stmt;
		if (stmt_is_implied(&ctx, stmt)) {
			list_del(&stmt->list);
			stmt_free(stmt);
			rule->num_stmts--;
		}
	}
	payload_merge(rule);
	return 0;
}
