// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netlink_delinearize.c - the mirror of netlink_linearize.c: a kernel rule's
 * expressions become statements again, then the protocol dependencies that
 * evaluation would have inserted are removed, so the listing reads as the
 * user wrote it.  Expressions this nft does not know make the rule print an
 * honest "unsupported" marker rather than a wrong translation.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <libnftnl/set.h>
#include <stdlib.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <string.h>

#include "datatype.h"
#include "expression.h"
#include "interval.h"
#include "keys.h"
#include "netlink.h"
#include "proto.h"
#include "utils.h"

struct dl_ctx {
	uint32_t family;
	const char *table;
	set_resolver_t resolve;
	void *resolve_data;
	struct rule *rule;
	/* register 1 */
	struct expr *reg;		/* payload/meta/ct being matched */
	unsigned int reg_num;		/* where it is, in 32-bit registers */
	unsigned int load_off;		/* payload: bytes */
	unsigned int load_len;		/* bytes */
	bool have_mask;
	uint8_t mask[EXPR_VALUE_MAXLEN];
	bool hton;
	bool prefix_masked;		/* the load was masked as a prefix */
	struct expr *imm;		/* value for a following set */
	struct expr *pending_gte;	/* first half of a range */
	struct expr *pending_reg;	/* its left-hand side */
	/* protocol context for mapping payload offsets */
	const struct proto_desc *l3;
	const struct proto_desc *l4;
	bool failed;
	bool as_sent;			/* set elements: batch order, unsorted */
};

static void add_stmt(struct dl_ctx *ctx, struct stmt *stmt)
{
	list_add_tail(&stmt->list, &ctx->rule->stmts);
	ctx->rule->num_stmts++;
}

static void reg_reset(struct dl_ctx *ctx)
{
	expr_free(ctx->reg);
	ctx->reg = NULL;
	ctx->have_mask = false;
	ctx->hton = false;
	ctx->prefix_masked = false;
}

struct expr *typed_value_expr(const struct expr *left, const uint8_t *data,
			      unsigned int n)
{
	struct expr *v = expr_alloc(NULL, EXPR_VALUE);

	v->dtype = left->dtype;
	v->len = left->len;
	v->byteorder = left->byteorder;
	memcpy(v->value.data, data, n < EXPR_VALUE_MAXLEN ? n : EXPR_VALUE_MAXLEN);
	return v;
}

/* Which header a payload load reads, given what the rule matched before. */
static bool payload_resolve(struct dl_ctx *ctx, struct expr *p,
			    unsigned int base, unsigned int off,
			    unsigned int len, unsigned int *prefix)
{
	const struct proto_desc *desc = NULL;
	const struct proto_hdr_template *t = NULL;
	unsigned int field = 0, i;

	*prefix = 0;
	if (base == NFT_PAYLOAD_NETWORK_HEADER) {
		desc = ctx->l3;
		if (!desc && ctx->family == NFPROTO_IPV4)
			desc = proto_desc_by_id(PROTO_IP);
		if (!desc && ctx->family == NFPROTO_IPV6)
			desc = proto_desc_by_id(PROTO_IP6);
	} else if (base == NFT_PAYLOAD_TRANSPORT_HEADER) {
		desc = ctx->l4 ? ctx->l4 : proto_desc_by_id(PROTO_TH);
	}
	if (!desc)
		return false;

	if (ctx->have_mask) {
		/* sub-byte field: find the template the mask selects */
		uint64_t m = value_get(ctx->mask, len, BYTEORDER_BIG_ENDIAN);
		unsigned int shift = 0, bits = 0;

		while (m && !(m & 1)) {
			m >>= 1;
			shift++;
		}
		while (m & 1) {
			m >>= 1;
			bits++;
		}
		if (!m) {
			unsigned int foff = off * 8 + len * 8 - shift - bits;

			t = proto_find_template(desc, foff, bits, &field);
			if (t && (bits % 8 || foff % 8)) {
				p->payload.offset = foff;
				goto found;
			}
		}
		t = NULL;
	}
	t = proto_find_template(desc, off * 8, len * 8, &field);
	if (!t) {
		/* a shortened load: byte-aligned prefix of an address */
		for (i = 0; i < PROTO_HDRS_MAX; i++) {
			const struct proto_hdr_template *c = &desc->templates[i];

			if (c->token && (c->dtype->flags & DTYPE_F_PREFIX) &&
			    c->offset == off * 8 && c->len > len * 8) {
				t = c;
				field = i;
				*prefix = len * 8;
				break;
			}
		}
	}
	if (!t)
		return false;
	p->payload.offset = t->offset;
found:
	p->payload.proto = desc->id;
	p->payload.field = field;
	p->payload.desc = desc;
	p->payload.tmpl = t;
	p->payload.base = base;
	p->dtype = t->dtype;
	p->len = t->len;
	p->byteorder = BYTEORDER_BIG_ENDIAN;
	return true;
}

static void ctx_update(struct dl_ctx *ctx, const struct expr *rel)
{
	const struct expr *l = rel->binary.left, *r = rel->binary.right;

	if (rel->op != OP_IMPLICIT || r->etype != EXPR_VALUE)
		return;
	if ((l->etype == EXPR_META && l->meta.key == NFT_META_L4PROTO) ||
	    (l->etype == EXPR_CT && l->ct.key == NFT_CT_PROTOCOL &&
	     ctx->family != NFPROTO_INET) ||
	    (l->etype == EXPR_PAYLOAD && l->payload.proto == PROTO_IP &&
	     l->payload.field == IPHDR_PROTOCOL) ||
	    (l->etype == EXPR_PAYLOAD && l->payload.proto == PROTO_IP6 &&
	     l->payload.field == IP6HDR_NEXTHDR))
		ctx->l4 = proto_desc_by_l4proto(r->value.data[0]);
	else if ((l->etype == EXPR_META && l->meta.key == NFT_META_NFPROTO) ||
		 (l->etype == EXPR_CT && l->ct.key == NFT_CT_L3PROTOCOL &&
		  ctx->family == NFPROTO_INET))
		ctx->l3 = proto_desc_by_nfproto(r->value.data[0]);
}

static void add_relational(struct dl_ctx *ctx, enum ops op, struct expr *right)
{
	struct stmt *stmt = stmt_alloc(NULL, STMT_EXPRESSION);

	stmt->expr = relational_expr_alloc(NULL, op, ctx->reg, right);
	ctx->reg = NULL;
	add_stmt(ctx, stmt);
	ctx_update(ctx, stmt->expr);
}

/* A "cmp gte" that no "cmp lte" followed: a plain >= after all. */
static void flush_gte(struct dl_ctx *ctx)
{
	struct expr *v = ctx->pending_gte;

	ctx->pending_gte = NULL;
	expr_free(ctx->reg);
	ctx->reg = ctx->pending_reg;
	ctx->pending_reg = NULL;
	add_relational(ctx, OP_GTE, v);
}

/*
 * A register number in 32-bit units: NFT_REG_1..4 (16 bytes each) alias
 * NFT_REG32_00.. as they do in the kernel, so both spellings compare equal.
 */
static unsigned int reg32(uint32_t reg)
{
	return reg <= NFT_REG_4 ? reg * 4 : reg - NFT_REG32_00 + 4;
}

/*
 * Only the latest load is modelled: an expression reading any other
 * register (a concatenation's earlier parts) cannot be represented.
 */
static bool reads_reg(struct dl_ctx *ctx, const struct nftnl_expr *ne,
		      uint16_t attr)
{
	if (ctx->reg && nftnl_expr_is_set(ne, attr) &&
	    reg32(nftnl_expr_get_u32(ne, attr)) == ctx->reg_num)
		return true;
	ctx->failed = true;
	return false;
}

static void load_payload(struct dl_ctx *ctx, const struct nftnl_expr *ne)
{
	reg_reset(ctx);
	ctx->reg_num = reg32(nftnl_expr_get_u32(ne, NFTNL_EXPR_PAYLOAD_DREG));
	ctx->reg = expr_alloc(NULL, EXPR_PAYLOAD);
	ctx->reg->payload.base = nftnl_expr_get_u32(ne, NFTNL_EXPR_PAYLOAD_BASE);
	ctx->load_off = nftnl_expr_get_u32(ne, NFTNL_EXPR_PAYLOAD_OFFSET);
	ctx->load_len = nftnl_expr_get_u32(ne, NFTNL_EXPR_PAYLOAD_LEN);
}

static bool key_expr(struct dl_ctx *ctx, struct expr *e,
		     const struct key_template *k, uint32_t dreg)
{
	if (!k) {
		expr_free(e);
		ctx->failed = true;
		return false;
	}
	e->dtype = k->dtype;
	e->len = k->len;
	e->byteorder = k->dtype->byteorder;
	reg_reset(ctx);
	ctx->reg = e;
	ctx->reg_num = reg32(dreg);
	ctx->load_len = (k->len + 7) / 8;
	return true;
}

static void be_to_host(uint8_t *data, unsigned int n)
{
	uint64_t v = value_get(data, n, BYTEORDER_BIG_ENDIAN);

	value_set(data, n, BYTEORDER_HOST_ENDIAN, v);
}

static bool is_zero(const uint8_t *d, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (d[i])
			return false;
	return true;
}

static bool is_all_ones(const uint8_t *d, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (d[i] != 0xff)
			return false;
	return true;
}

/* the register holds flags, all @len bytes of them */
static bool all_flags(struct dl_ctx *ctx, unsigned int len)
{
	struct expr probe = *ctx->reg;
	unsigned int prefix;

	if (ctx->reg->etype == EXPR_PAYLOAD) {
		if (!payload_resolve(ctx, &probe, probe.payload.base,
				     ctx->load_off, ctx->load_len, &prefix) ||
		    prefix)
			return false;
	}
	return probe.dtype && (probe.dtype->flags & DTYPE_F_BITMASK) &&
	       probe.len == len * 8;
}

static enum ops cmp_op(uint32_t op)
{
	switch (op) {
	case NFT_CMP_NEQ:	return OP_NEQ;
	case NFT_CMP_LT:	return OP_LT;
	case NFT_CMP_GT:	return OP_GT;
	case NFT_CMP_LTE:	return OP_LTE;
	case NFT_CMP_GTE:	return OP_GTE;
	default:		return OP_IMPLICIT;
	}
}

static const struct proto_desc *payload_desc(const struct dl_ctx *ctx,
					     unsigned int base)
{
	if (base == NFT_PAYLOAD_NETWORK_HEADER) {
		if (ctx->l3)
			return ctx->l3;
		if (ctx->family == NFPROTO_IPV4)
			return proto_desc_by_id(PROTO_IP);
		if (ctx->family == NFPROTO_IPV6)
			return proto_desc_by_id(PROTO_IP6);
		return NULL;
	}
	if (base == NFT_PAYLOAD_TRANSPORT_HEADER)
		return ctx->l4 ? ctx->l4 : proto_desc_by_id(PROTO_TH);
	return NULL;
}

/*
 * One compare of several adjacent fields (merged by evaluation, as stock
 * nft merges "tcp sport 1 tcp dport 2"): one match per field, in header
 * order.  False, nothing added, if the fields do not tile the load.
 */
static bool payload_expand(struct dl_ctx *ctx, const uint8_t *data,
			   enum ops op)
{
	unsigned int base = ctx->reg->payload.base;
	const struct proto_desc *desc = payload_desc(ctx, base);
	unsigned int off = ctx->load_off * 8, end = off + ctx->load_len * 8;
	unsigned int field[EXPR_VALUE_MAXLEN], num = 0, i, f;
	const struct proto_hdr_template *t;
	struct expr *p, *v;

	if (!desc || ctx->have_mask || (op != OP_IMPLICIT && op != OP_NEQ))
		return false;
	while (off < end) {
		t = NULL;
		for (f = 0; f < PROTO_HDRS_MAX; f++) {
			t = &desc->templates[f];
			if (t->token && t->offset == off && t->len % 8 == 0 &&
			    off + t->len <= end)
				break;
			t = NULL;
		}
		if (!t || num == EXPR_VALUE_MAXLEN)
			return false;
		field[num++] = f;
		off += t->len;
	}
	if (num < 2)
		return false;
	if (desc->no_dependency) {
		/* "th sport 1 th dport 2": stock lists the raw load */
		ctx->reg->payload.desc = NULL;
		ctx->reg->payload.offset = ctx->load_off * 8;
		ctx->reg->len = ctx->load_len * 8;
		ctx->reg->dtype = NULL;
		ctx->reg->byteorder = BYTEORDER_BIG_ENDIAN;
		v = expr_alloc(NULL, EXPR_VALUE);
		v->len = ctx->reg->len;
		v->byteorder = BYTEORDER_BIG_ENDIAN;
		memcpy(v->value.data, data, ctx->load_len);
		add_relational(ctx, op, v);
		return true;
	}
	off = 0;
	for (i = 0; i < num; i++) {
		t = &desc->templates[field[i]];
		p = expr_alloc(NULL, EXPR_PAYLOAD);
		p->payload.proto = desc->id;
		p->payload.field = field[i];
		p->payload.desc = desc;
		p->payload.tmpl = t;
		p->payload.base = base;
		p->payload.offset = t->offset;
		p->dtype = t->dtype;
		p->len = t->len;
		p->byteorder = BYTEORDER_BIG_ENDIAN;
		v = typed_value_expr(p, data + off, t->len / 8);
		off += t->len / 8;
		expr_free(ctx->reg);
		ctx->reg = p;
		add_relational(ctx, op, v);
		/* "ip protocol tcp" chose the next header's desc */
		desc = payload_desc(ctx, base);
	}
	return true;
}

/* Payload compare: resolve the field, undo the sub-byte shift or prefix. */
static struct expr *payload_value(struct dl_ctx *ctx, const uint8_t *data,
				  unsigned int n, unsigned int *prefix)
{
	struct expr *p = ctx->reg;
	uint8_t buf[EXPR_VALUE_MAXLEN] = { 0 };
	unsigned int fbytes;

	if (!payload_resolve(ctx, p, p->payload.base, ctx->load_off,
			     ctx->load_len, prefix))
		return NULL;
	fbytes = (p->len + 7) / 8;
	if (p->payload.offset % 8 || p->len % 8) {
		unsigned int shift = ctx->load_len * 8 -
				     (p->payload.offset % 8) - p->len;
		uint64_t v = value_get(data, n, BYTEORDER_BIG_ENDIAN) >> shift;

		value_set(buf, fbytes, BYTEORDER_BIG_ENDIAN, v);
		ctx->have_mask = false;
		return typed_value_expr(p, buf, fbytes);
	}
	memcpy(buf, data, n);
	if (ctx->have_mask && !*prefix && (p->dtype->flags & DTYPE_F_PREFIX)) {
		/* full-width load with a prefix mask */
		unsigned int bits = 0, i;

		for (i = 0; i < n * 8; i++) {
			if (!(ctx->mask[i / 8] & (0x80 >> (i % 8))))
				break;
			bits++;
		}
		*prefix = bits;
		ctx->prefix_masked = true;	/* even /0 */
		ctx->have_mask = false;
	}
	return typed_value_expr(p, buf, fbytes);
}

/* load, and, compare: "tcp flags & syn == syn" (flags and marks only) */
static void masked_relational(struct dl_ctx *ctx, uint32_t op,
			      const uint8_t *data, unsigned int len)
{
	struct expr *inner = ctx->reg, *m;

	if (!inner->dtype || (op != NFT_CMP_EQ && op != NFT_CMP_NEQ) ||
	    len != (inner->len + 7) / 8 ||
	    (inner->etype == EXPR_PAYLOAD &&
	     (inner->payload.offset % 8 || inner->len % 8)) ||
	    (!(inner->dtype->flags & DTYPE_F_BITMASK) &&
	     inner->dtype != &mark_type)) {
		ctx->failed = true;
		return;
	}
	m = expr_alloc(NULL, EXPR_MASK);
	m->binary.left = inner;
	m->binary.right = typed_value_expr(inner, ctx->mask, len);
	m->dtype = inner->dtype;
	m->len = inner->len;
	m->byteorder = inner->byteorder;
	ctx->reg = m;
	ctx->have_mask = false;
	add_relational(ctx, op == NFT_CMP_EQ ? OP_EQ : OP_NEQ,
		       typed_value_expr(inner, data, len));
}

static void do_cmp(struct dl_ctx *ctx, const struct nftnl_expr *ne)
{
	uint32_t len, op = nftnl_expr_get_u32(ne, NFTNL_EXPR_CMP_OP);
	const uint8_t *d = nftnl_expr_get(ne, NFTNL_EXPR_CMP_DATA, &len);
	uint8_t data[EXPR_VALUE_MAXLEN] = { 0 };
	unsigned int prefix = 0;
	struct expr *v, *pfx;

	if (ctx->pending_gte && op == NFT_CMP_LTE && !ctx->reg) {
		/* second half of a range: same register contents */
		ctx->reg = ctx->pending_reg;
		ctx->pending_reg = NULL;
	}
	if (!reads_reg(ctx, ne, NFTNL_EXPR_CMP_SREG) ||
	    len > EXPR_VALUE_MAXLEN) {
		ctx->failed = true;
		return;
	}
	memcpy(data, d, len);
	if (ctx->hton)
		be_to_host(data, len);

	/* flags: bitwise mask, cmp neq 0; all of them: stock lists "!= 0x0" */
	if (ctx->have_mask && op == NFT_CMP_NEQ && is_zero(data, len) &&
	    is_all_ones(ctx->mask, len) && all_flags(ctx, len)) {
		ctx->have_mask = false;
		if (ctx->reg->etype == EXPR_PAYLOAD)
			v = payload_value(ctx, data, len, &prefix);
		else
			v = typed_value_expr(ctx->reg, data, len);
		if (!v) {
			ctx->failed = true;
			return;
		}
		add_relational(ctx, OP_NEQ, v);
		return;
	}
	if (ctx->have_mask && (ctx->reg->etype != EXPR_PAYLOAD ||
			       ctx->reg->dtype) &&
	    ctx->reg->dtype && (ctx->reg->dtype->flags & DTYPE_F_BITMASK) &&
	    op == NFT_CMP_NEQ && is_zero(data, len)) {
		v = typed_value_expr(ctx->reg, ctx->mask, len);
		ctx->have_mask = false;
		add_relational(ctx, OP_IMPLICIT, v);
		return;
	}

	if (ctx->reg->etype == EXPR_PAYLOAD) {
		v = payload_value(ctx, data, len, &prefix);
		if (!v) {
			if (!payload_expand(ctx, data, cmp_op(op)))
				ctx->failed = true;
			return;
		}
		if (ctx->reg->dtype->flags & DTYPE_F_BITMASK && ctx->have_mask &&
		    op == NFT_CMP_NEQ && is_zero(data, len)) {
			expr_free(v);
			v = typed_value_expr(ctx->reg, ctx->mask, len);
			ctx->have_mask = false;
			add_relational(ctx, OP_IMPLICIT, v);
			return;
		}
		if (ctx->have_mask) {
			expr_free(v);
			masked_relational(ctx, op, data, len);
			return;
		}
		if ((prefix || ctx->prefix_masked) && prefix != ctx->reg->len) {
			ctx->prefix_masked = false;
			pfx = prefix_expr_alloc(NULL, v, prefix);
			pfx->dtype = v->dtype;
			pfx->len = v->len;
			add_relational(ctx, cmp_op(op), pfx);
			return;
		}
	} else {
		if (ctx->have_mask) {
			masked_relational(ctx, op, data, len);
			return;
		}
		v = typed_value_expr(ctx->reg, data, len);
		/* a shorter compare of a name: "eth*" */
		if ((ctx->reg->dtype->flags & DTYPE_F_STRING) &&
		    len * 8 < ctx->reg->len) {
			v->len = len * 8;
			v->flags |= EXPR_F_WILDCARD;
		}
	}

	if (op == NFT_CMP_GTE && !ctx->pending_gte) {
		/* maybe the first half of a range: keep the register */
		ctx->pending_gte = v;
		ctx->pending_reg = ctx->reg;
		ctx->reg = NULL;
		return;
	}
	if (op == NFT_CMP_LTE && ctx->pending_gte) {
		struct expr *r = range_expr_alloc(NULL, ctx->pending_gte, v);

		r->dtype = v->dtype;
		r->len = v->len;
		ctx->pending_gte = NULL;
		add_relational(ctx, OP_IMPLICIT, r);
		return;
	}
	/* an exact compare of flags lists with its "==" (print.c) */
	if (op == NFT_CMP_EQ && v->dtype && (v->dtype->flags & DTYPE_F_BITMASK))
		add_relational(ctx, OP_EQ, v);
	else
		add_relational(ctx, cmp_op(op), v);
}

/* lookup: a named set by name, an anonymous one by its elements */
static void do_lookup(struct dl_ctx *ctx, const struct nftnl_expr *ne)
{
	const char *name = nftnl_expr_get_str(ne, NFTNL_EXPR_LOOKUP_SET);
	struct nftnl_set *s;
	struct expr *set;
	unsigned int prefix;
	bool inv = false, vmap = false;

	if (nftnl_expr_is_set(ne, NFTNL_EXPR_LOOKUP_FLAGS))
		inv = nftnl_expr_get_u32(ne, NFTNL_EXPR_LOOKUP_FLAGS) & NFT_LOOKUP_F_INV;
	/* a result in the verdict register: a verdict map */
	if (nftnl_expr_is_set(ne, NFTNL_EXPR_LOOKUP_DREG)) {
		if (nftnl_expr_get_u32(ne, NFTNL_EXPR_LOOKUP_DREG) != NFT_REG_VERDICT ||
		    inv) {
			ctx->failed = true;
			return;
		}
		vmap = true;
	}
	if (!reads_reg(ctx, ne, NFTNL_EXPR_LOOKUP_SREG) ||
	    ctx->have_mask || !ctx->resolve) {
		ctx->failed = true;
		return;
	}
	s = ctx->resolve(ctx->resolve_data, ctx->family, ctx->table, name);
	/* a key longer than the load: a concatenation's set */
	if (!s || (nftnl_set_is_set(s, NFTNL_SET_KEY_LEN) &&
		   nftnl_set_get_u32(s, NFTNL_SET_KEY_LEN) != ctx->load_len)) {
		ctx->failed = true;
		return;
	}
	/* host-order keys are turned big endian for interval sets only */
	if (ctx->hton &&
	    (!(nftnl_set_get_u32(s, NFTNL_SET_FLAGS) & NFT_SET_INTERVAL) ||
	     ctx->reg->byteorder != BYTEORDER_HOST_ENDIAN)) {
		ctx->failed = true;
		return;
	}
	if (ctx->reg->etype == EXPR_PAYLOAD &&
	    (!payload_resolve(ctx, ctx->reg, ctx->reg->payload.base,
			      ctx->load_off, ctx->load_len, &prefix) || prefix)) {
		ctx->failed = true;
		return;
	}
	if (vmap != !!(nftnl_set_get_u32(s, NFTNL_SET_FLAGS) & NFT_SET_MAP)) {
		ctx->failed = true;
		return;
	}
	if (!(nftnl_set_get_u32(s, NFTNL_SET_FLAGS) & NFT_SET_ANONYMOUS)) {
		set = expr_alloc(NULL, EXPR_SET_REF);
		set->sym.identifier = xstrdup(name);
		add_relational(ctx, vmap ? OP_VMAP : inv ? OP_NEQ : OP_IMPLICIT,
			       set);
		return;
	}
	set = set_elems_expr(ctx->reg, s, ctx->as_sent);
	if (!set || !set->compound.size) {
		ctx->failed = true;
		expr_free(set);
		return;
	}
	add_relational(ctx, vmap ? OP_VMAP : inv ? OP_NEQ : OP_IMPLICIT, set);
}

static void do_range(struct dl_ctx *ctx, const struct nftnl_expr *ne)
{
	uint32_t l1, l2, op = nftnl_expr_get_u32(ne, NFTNL_EXPR_RANGE_OP);
	const uint8_t *from = nftnl_expr_get(ne, NFTNL_EXPR_RANGE_FROM_DATA, &l1);
	const uint8_t *to = nftnl_expr_get(ne, NFTNL_EXPR_RANGE_TO_DATA, &l2);
	uint8_t a[EXPR_VALUE_MAXLEN] = { 0 }, b[EXPR_VALUE_MAXLEN] = { 0 };
	unsigned int prefix;
	struct expr *lo, *hi, *r;

	if (!reads_reg(ctx, ne, NFTNL_EXPR_RANGE_SREG) ||
	    l1 > EXPR_VALUE_MAXLEN || l2 > EXPR_VALUE_MAXLEN) {
		ctx->failed = true;
		return;
	}
	memcpy(a, from, l1);
	memcpy(b, to, l2);
	if (ctx->hton) {
		be_to_host(a, l1);
		be_to_host(b, l2);
	}
	if (ctx->reg->etype == EXPR_PAYLOAD) {
		lo = payload_value(ctx, a, l1, &prefix);
		hi = lo ? typed_value_expr(ctx->reg, b, l2) : NULL;
	} else {
		lo = typed_value_expr(ctx->reg, a, l1);
		hi = typed_value_expr(ctx->reg, b, l2);
	}
	if (!lo || !hi) {
		expr_free(lo);
		ctx->failed = true;
		return;
	}
	r = range_expr_alloc(NULL, lo, hi);
	r->dtype = lo->dtype;
	r->len = lo->len;
	add_relational(ctx, op == NFT_RANGE_NEQ ? OP_NEQ : OP_IMPLICIT, r);
}

static void do_immediate(struct dl_ctx *ctx, const struct nftnl_expr *ne)
{
	uint32_t dreg = nftnl_expr_get_u32(ne, NFTNL_EXPR_IMM_DREG), len;
	const void *d;
	struct stmt *stmt;

	if (dreg == NFT_REG_VERDICT) {
		const char *chain = NULL;

		if (nftnl_expr_is_set(ne, NFTNL_EXPR_IMM_CHAIN))
			chain = nftnl_expr_get_str(ne, NFTNL_EXPR_IMM_CHAIN);
		stmt = stmt_alloc(NULL, STMT_VERDICT);
		stmt->expr = verdict_expr_alloc(NULL,
			(int)nftnl_expr_get_u32(ne, NFTNL_EXPR_IMM_VERDICT),
			chain ? xstrdup(chain) : NULL, NULL);
		add_stmt(ctx, stmt);
		return;
	}
	d = nftnl_expr_get(ne, NFTNL_EXPR_IMM_DATA, &len);
	expr_free(ctx->imm);
	ctx->imm = expr_alloc(NULL, EXPR_VALUE);
	memcpy(ctx->imm->value.data, d, len < EXPR_VALUE_MAXLEN ? len : EXPR_VALUE_MAXLEN);
	ctx->imm->len = len * 8;
}

static void do_set(struct dl_ctx *ctx, enum stmt_types type, unsigned int key,
		   const struct key_template *k)
{
	struct stmt *stmt;

	if (!ctx->imm || !k) {
		ctx->failed = true;
		return;
	}
	stmt = stmt_alloc(NULL, type);
	stmt->setkey.key = key;
	stmt->setkey.expr = ctx->imm;
	ctx->imm = NULL;
	stmt->setkey.expr->dtype = k->dtype;
	stmt->setkey.expr->len = k->len;
	stmt->setkey.expr->byteorder = k->dtype->byteorder;
	add_stmt(ctx, stmt);
}

static int delinearize_expr(struct nftnl_expr *ne, void *data)
{
	struct dl_ctx *ctx = data;
	const char *name = nftnl_expr_get_str(ne, NFTNL_EXPR_NAME);
	struct stmt *stmt;
	uint32_t len;

	if (ctx->failed)
		return 0;
	if (ctx->pending_gte &&
	    (strcmp(name, "cmp") ||
	     nftnl_expr_get_u32(ne, NFTNL_EXPR_CMP_OP) != NFT_CMP_LTE))
		flush_gte(ctx);
	if (!strcmp(name, "payload")) {
		load_payload(ctx, ne);
	} else if (!strcmp(name, "meta")) {
		unsigned int key = nftnl_expr_get_u32(ne, NFTNL_EXPR_META_KEY);

		if (nftnl_expr_is_set(ne, NFTNL_EXPR_META_SREG))
			do_set(ctx, STMT_META, key, meta_key_template(key));
		else
			key_expr(ctx, meta_expr_alloc(NULL, key),
				 meta_key_template(key),
				 nftnl_expr_get_u32(ne, NFTNL_EXPR_META_DREG));
	} else if (!strcmp(name, "ct")) {
		unsigned int key = nftnl_expr_get_u32(ne, NFTNL_EXPR_CT_KEY);
		int dir = -1;

		if (nftnl_expr_is_set(ne, NFTNL_EXPR_CT_DIR))
			dir = nftnl_expr_get_u8(ne, NFTNL_EXPR_CT_DIR);
		if (nftnl_expr_is_set(ne, NFTNL_EXPR_CT_SREG)) {
			do_set(ctx, STMT_CT, key, ct_key_template(key));
		} else if (key_expr(ctx, ct_expr_alloc(NULL, key, dir),
				    ct_key_template(key),
				    nftnl_expr_get_u32(ne, NFTNL_EXPR_CT_DREG)) &&
			   (key == NFT_CT_SRC || key == NFT_CT_DST)) {
			/* the deprecated keys: address of the table family */
			if (ctx->family == NFPROTO_IPV6) {
				ctx->reg->dtype = &ip6addr_type;
				ctx->reg->len = 128;
				ctx->load_len = 16;
			} else if (ctx->family != NFPROTO_IPV4) {
				ctx->failed = true;
			}
		}
	} else if (!strcmp(name, "bitwise")) {
		const void *m = nftnl_expr_get(ne, NFTNL_EXPR_BITWISE_MASK, &len);

		if (!reads_reg(ctx, ne, NFTNL_EXPR_BITWISE_SREG) ||
		    len > EXPR_VALUE_MAXLEN) {
			ctx->failed = true;
			return 0;
		}
		ctx->reg_num = reg32(nftnl_expr_get_u32(ne,
						NFTNL_EXPR_BITWISE_DREG));
		memset(ctx->mask, 0, sizeof(ctx->mask));
		memcpy(ctx->mask, m, len);
		ctx->have_mask = true;
	} else if (!strcmp(name, "byteorder")) {
		if (!reads_reg(ctx, ne, NFTNL_EXPR_BYTEORDER_SREG))
			return 0;
		ctx->reg_num = reg32(nftnl_expr_get_u32(ne,
						NFTNL_EXPR_BYTEORDER_DREG));
		ctx->hton = true;
	} else if (!strcmp(name, "cmp")) {
		do_cmp(ctx, ne);
	} else if (!strcmp(name, "range")) {
		do_range(ctx, ne);
	} else if (!strcmp(name, "lookup")) {
		do_lookup(ctx, ne);
	} else if (!strcmp(name, "immediate")) {
		do_immediate(ctx, ne);
	} else if (!strcmp(name, "counter")) {
		stmt = stmt_alloc(NULL, STMT_COUNTER);
		stmt->counter.packets = nftnl_expr_get_u64(ne, NFTNL_EXPR_CTR_PACKETS);
		stmt->counter.bytes = nftnl_expr_get_u64(ne, NFTNL_EXPR_CTR_BYTES);
		add_stmt(ctx, stmt);
	} else if (!strcmp(name, "log")) {
		stmt = stmt_alloc(NULL, STMT_LOG);
		if (nftnl_expr_is_set(ne, NFTNL_EXPR_LOG_PREFIX)) {
			stmt->log.prefix = xstrdup(nftnl_expr_get_str(ne, NFTNL_EXPR_LOG_PREFIX));
			stmt->log.flags |= STMT_LOG_PREFIX;
		}
		if (nftnl_expr_is_set(ne, NFTNL_EXPR_LOG_GROUP)) {
			stmt->log.group = nftnl_expr_get_u16(ne, NFTNL_EXPR_LOG_GROUP);
			stmt->log.flags |= STMT_LOG_GROUP;
		}
		if (nftnl_expr_is_set(ne, NFTNL_EXPR_LOG_LEVEL)) {
			stmt->log.level = nftnl_expr_get_u32(ne, NFTNL_EXPR_LOG_LEVEL);
			stmt->log.flags |= STMT_LOG_LEVEL;
		}
		add_stmt(ctx, stmt);
	} else if (!strcmp(name, "notrack")) {
		add_stmt(ctx, stmt_alloc(NULL, STMT_NOTRACK));
	} else if (!strcmp(name, "reject")) {
		stmt = stmt_alloc(NULL, STMT_REJECT);
		stmt->reject.type = (int)nftnl_expr_get_u32(ne, NFTNL_EXPR_REJECT_TYPE);
		stmt->reject.icmp_code = nftnl_expr_get_u8(ne, NFTNL_EXPR_REJECT_CODE);
		stmt->reject.icmp_family = (int)ctx->family;
		/* inet: the icmp flavour is the network protocol matched */
		if (ctx->family == NFPROTO_INET &&
		    stmt->reject.type == NFT_REJECT_ICMP_UNREACH) {
			stmt->reject.icmp_family = ctx->l3 ?
				(int)ctx->l3->protocol : NFPROTO_INET;
			stmt->reject.explicit_code = true;
		}
		add_stmt(ctx, stmt);
	} else if (!strcmp(name, "objref") &&
		   nftnl_expr_is_set(ne, NFTNL_EXPR_OBJREF_IMM_NAME)) {
		stmt = stmt_alloc(NULL, STMT_OBJREF);
		stmt->objref.type = nftnl_expr_get_u32(ne, NFTNL_EXPR_OBJREF_IMM_TYPE);
		stmt->objref.expr = symbol_expr_alloc(NULL, SYMBOL_QUOTED,
			nftnl_expr_get_str(ne, NFTNL_EXPR_OBJREF_IMM_NAME));
		add_stmt(ctx, stmt);
	} else if (!strcmp(name, "queue")) {
		uint16_t num = nftnl_expr_get_u16(ne, NFTNL_EXPR_QUEUE_NUM);
		uint16_t total = nftnl_expr_get_u16(ne, NFTNL_EXPR_QUEUE_TOTAL);
		struct expr *lo;

		stmt = stmt_alloc(NULL, STMT_QUEUE);
		stmt->queue.flags = nftnl_expr_get_u16(ne, NFTNL_EXPR_QUEUE_FLAGS);
		lo = expr_alloc(NULL, EXPR_VALUE);
		lo->dtype = &integer_type;
		lo->len = 16;
		lo->byteorder = BYTEORDER_HOST_ENDIAN;
		value_set(lo->value.data, 2, BYTEORDER_HOST_ENDIAN, num);
		if (total > 1) {
			struct expr *hi = expr_clone(lo);

			value_set(hi->value.data, 2, BYTEORDER_HOST_ENDIAN,
				  (uint64_t)num + total - 1);
			stmt->queue.queue = range_expr_alloc(NULL, lo, hi);
		} else {
			stmt->queue.queue = lo;
		}
		add_stmt(ctx, stmt);
	} else {
		ctx->failed = true;
	}
	return 0;
}

struct rule *netlink_delinearize_rule(uint32_t family,
				      const struct nftnl_rule *nlr,
				      set_resolver_t resolve, void *data,
				      bool as_sent)
{
	struct dl_ctx ctx = {
		.family = family,
		.as_sent = as_sent,
		.resolve = resolve,
		.resolve_data = data,
	};
	struct rule *rule = rule_alloc(NULL);

	ctx.rule = rule;
	ctx.table = nftnl_rule_get_str(nlr, NFTNL_RULE_TABLE);
	if (family == NFPROTO_IPV4)
		ctx.l3 = proto_desc_by_id(PROTO_IP);
	else if (family == NFPROTO_IPV6)
		ctx.l3 = proto_desc_by_id(PROTO_IP6);
	nftnl_expr_foreach((struct nftnl_rule *)nlr, delinearize_expr, &ctx);
	if (ctx.pending_gte && !ctx.failed)
		flush_gte(&ctx);
	if (ctx.reg)
		ctx.failed = true;	/* a load nobody compared */
	reg_reset(&ctx);
	expr_free(ctx.imm);
	expr_free(ctx.pending_gte);
	expr_free(ctx.pending_reg);
	if (ctx.failed) {
		rule_free(rule);
		return NULL;
	}
	listing_dependencies_remove(rule, family);
	return rule;
}
