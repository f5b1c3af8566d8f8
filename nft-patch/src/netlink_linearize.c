// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netlink_linearize.c - a checked rule becomes libnftnl expressions, in the
 * exact shape stock nft 1.0.6 emits (so --debug=netlink prints the same):
 * matches load into register 1 and compare, flags test with a bitwise and
 * "cmp neq 0", byte-aligned prefixes shorten the load, ranges are two cmps
 * (or one "range neq"), host-order values are converted before ordering.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <string.h>

#include "datatype.h"
#include "expression.h"
#include "netlink.h"
#include "proto.h"
#include "rule.h"
#include "utils.h"

#define REG	NFT_REG_1

struct lin_ctx {
	struct nftnl_rule *nlr;
	struct linearize_out *out;
	const struct location *loc;	/* the statement being translated */
};

static struct nftnl_expr *expr_new(const char *name)
{
	return nftnl_expr_alloc(name);
}

static void emit(struct lin_ctx *ctx, struct nftnl_expr *e,
		 const struct location *loc)
{
	struct linearize_out *out = ctx->out;

	nftnl_rule_add_expr(ctx->nlr, e);
	if (!out)
		return;
	if (out->num == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 16;
		out->locs = xrealloc(out->locs, out->cap * sizeof(*out->locs));
	}
	out->locs[out->num++] = loc ? loc : ctx->loc;
}

static uint32_t nft_cmp_op(enum ops op)
{
	switch (op) {
	case OP_NEQ:	return NFT_CMP_NEQ;
	case OP_LT:	return NFT_CMP_LT;
	case OP_GT:	return NFT_CMP_GT;
	case OP_LTE:	return NFT_CMP_LTE;
	case OP_GTE:	return NFT_CMP_GTE;
	default:	return NFT_CMP_EQ;
	}
}

static void emit_cmp(struct lin_ctx *ctx, uint32_t op, const void *data,
		     unsigned int len, const struct location *loc)
{
	struct nftnl_expr *e = expr_new("cmp");

	nftnl_expr_set_u32(e, NFTNL_EXPR_CMP_SREG, REG);
	nftnl_expr_set_u32(e, NFTNL_EXPR_CMP_OP, op);
	nftnl_expr_set(e, NFTNL_EXPR_CMP_DATA, data, len);
	emit(ctx, e, loc);
}

static void emit_bitwise(struct lin_ctx *ctx, const uint8_t *mask,
			 unsigned int len, const struct location *loc)
{
	struct nftnl_expr *e = expr_new("bitwise");
	uint8_t xor[EXPR_VALUE_MAXLEN] = { 0 };

	nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_SREG, REG);
	nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_DREG, REG);
	nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_LEN, len);
	nftnl_expr_set(e, NFTNL_EXPR_BITWISE_MASK, mask, len);
	nftnl_expr_set(e, NFTNL_EXPR_BITWISE_XOR, xor, len);
	emit(ctx, e, loc);
}

static void emit_hton(struct lin_ctx *ctx, unsigned int len,
		      const struct location *loc)
{
	struct nftnl_expr *e = expr_new("byteorder");

	nftnl_expr_set_u32(e, NFTNL_EXPR_BYTEORDER_SREG, REG);
	nftnl_expr_set_u32(e, NFTNL_EXPR_BYTEORDER_DREG, REG);
	nftnl_expr_set_u32(e, NFTNL_EXPR_BYTEORDER_OP, NFT_BYTEORDER_HTON);
	nftnl_expr_set_u32(e, NFTNL_EXPR_BYTEORDER_LEN, len);
	nftnl_expr_set_u32(e, NFTNL_EXPR_BYTEORDER_SIZE, len);
	emit(ctx, e, loc);
}

/* Load the left-hand side into the register: @bytes from @byte_off. */
static void emit_load(struct lin_ctx *ctx, const struct expr *left,
		      unsigned int byte_off, unsigned int bytes)
{
	struct nftnl_expr *e;

	switch (left->etype) {
	case EXPR_PAYLOAD:
		e = expr_new("payload");
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_DREG, REG);
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_BASE, left->payload.base);
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_OFFSET, byte_off);
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_LEN, bytes);
		break;
	case EXPR_META:
		e = expr_new("meta");
		nftnl_expr_set_u32(e, NFTNL_EXPR_META_KEY, left->meta.key);
		nftnl_expr_set_u32(e, NFTNL_EXPR_META_DREG, REG);
		break;
	default:
		e = expr_new("ct");
		nftnl_expr_set_u32(e, NFTNL_EXPR_CT_KEY, left->ct.key);
		nftnl_expr_set_u32(e, NFTNL_EXPR_CT_DREG, REG);
		if (left->ct.direction >= 0)
			nftnl_expr_set_u8(e, NFTNL_EXPR_CT_DIR,
					  (uint8_t)left->ct.direction);
		break;
	}
	emit(ctx, e, &left->location);
}

/* value in register layout, with @shift bits of room on the right (BE) */
static void shift_left_be(uint8_t *data, unsigned int n, unsigned int shift)
{
	uint64_t v = value_get(data, n, BYTEORDER_BIG_ENDIAN);

	value_set(data, n, BYTEORDER_BIG_ENDIAN, v << shift);
}

static void to_big_endian(uint8_t *data, unsigned int n)
{
	uint64_t v = value_get(data, n, BYTEORDER_HOST_ENDIAN);

	value_set(data, n, BYTEORDER_BIG_ENDIAN, v);
}

static void prefix_mask(uint8_t *mask, unsigned int n, unsigned int plen)
{
	unsigned int i;

	memset(mask, 0, n);
	for (i = 0; i < plen; i++)
		mask[i / 8] |= (uint8_t)(0x80 >> (i % 8));
}

static void linearize_relational(struct lin_ctx *ctx, const struct expr *rel)
{
	const struct expr *left = rel->binary.left, *right = rel->binary.right;
	unsigned int bits = left->len, n = (bits + 7) / 8, off = 0, shift = 0;
	uint8_t data[EXPR_VALUE_MAXLEN], hi[EXPR_VALUE_MAXLEN];
	uint8_t mask[EXPR_VALUE_MAXLEN];
	const struct location *rloc = &right->location;
	bool host_order = left->byteorder == BYTEORDER_HOST_ENDIAN;
	unsigned int i;

	/* "tcp flags & (syn | ack) == syn": load, and, compare */
	if (left->etype == EXPR_MASK) {
		const struct expr *inner = left->binary.left;

		emit_load(ctx, inner, inner->etype == EXPR_PAYLOAD ?
			  inner->payload.offset / 8 : 0, n);
		emit_bitwise(ctx, left->binary.right->value.data, n,
			     &left->binary.right->location);
		emit_cmp(ctx, nft_cmp_op(rel->op), right->value.data, n, rloc);
		return;
	}
	if (left->etype == EXPR_PAYLOAD) {
		off = left->payload.offset / 8;
		/* sub-byte fields (dscp): load the covering bytes, mask, shift */
		if (left->payload.offset % 8 || bits % 8) {
			unsigned int start = left->payload.offset % 8;

			n = (start + bits + 7) / 8;
			shift = n * 8 - start - bits;
		}
	}

	/* a verdict map: the lookup's result is the verdict */
	if (rel->op == OP_VMAP) {
		struct nftnl_expr *e = expr_new("lookup");
		bool named = right->etype == EXPR_SET_REF;

		emit_load(ctx, left, off, n);
		nftnl_expr_set_u32(e, NFTNL_EXPR_LOOKUP_SREG, REG);
		nftnl_expr_set_u32(e, NFTNL_EXPR_LOOKUP_DREG, NFT_REG_VERDICT);
		nftnl_expr_set_str(e, NFTNL_EXPR_LOOKUP_SET,
				   named ? right->sym.identifier : "__map%d");
		nftnl_expr_set_u32(e, NFTNL_EXPR_LOOKUP_SET_ID,
				   !named ? right->compound.set_id :
				   right->sym.decl ? right->sym.decl->set_id : 0);
		emit(ctx, e, rloc);
		return;
	}

	/* prefixes */
	if (right->etype == EXPR_PREFIX) {
		unsigned int plen = right->prefix.prefix_len;

		memcpy(data, right->prefix.expr->value.data, n);
		if (plen % 8 == 0 && left->etype == EXPR_PAYLOAD && plen) {
			emit_load(ctx, left, off, plen / 8);
			emit_cmp(ctx, rel->op == OP_NEQ ? NFT_CMP_NEQ : NFT_CMP_EQ,
				 data, plen / 8, rloc);
			return;
		}
		emit_load(ctx, left, off, n);
		if (plen != bits) {
			prefix_mask(mask, n, plen);
			emit_bitwise(ctx, mask, n, rloc);
			for (i = 0; i < n; i++)
				data[i] &= mask[i];
		}
		emit_cmp(ctx, rel->op == OP_NEQ ? NFT_CMP_NEQ : NFT_CMP_EQ,
			 data, n, rloc);
		return;
	}

	emit_load(ctx, left, off, n);

	if (right->etype == EXPR_SET_REF) {
		struct nftnl_expr *e = expr_new("lookup");

		nftnl_expr_set_u32(e, NFTNL_EXPR_LOOKUP_SREG, REG);
		nftnl_expr_set_str(e, NFTNL_EXPR_LOOKUP_SET, right->sym.identifier);
		nftnl_expr_set_u32(e, NFTNL_EXPR_LOOKUP_SET_ID,
				   right->sym.decl ? right->sym.decl->set_id : 0);
		if (rel->op == OP_NEQ)
			nftnl_expr_set_u32(e, NFTNL_EXPR_LOOKUP_FLAGS,
					   NFT_LOOKUP_F_INV);
		emit(ctx, e, rloc);
		return;
	}

	if (right->etype == EXPR_SET) {
		struct nftnl_expr *e = expr_new("lookup");

		nftnl_expr_set_u32(e, NFTNL_EXPR_LOOKUP_SREG, REG);
		nftnl_expr_set_str(e, NFTNL_EXPR_LOOKUP_SET, "__set%d");
		nftnl_expr_set_u32(e, NFTNL_EXPR_LOOKUP_SET_ID,
				   right->compound.set_id);
		if (rel->op == OP_NEQ)
			nftnl_expr_set_u32(e, NFTNL_EXPR_LOOKUP_FLAGS,
					   NFT_LOOKUP_F_INV);
		emit(ctx, e, rloc);
		return;
	}

	if (shift) {
		uint64_t m = ((1ULL << bits) - 1) << shift;

		value_set(mask, n, BYTEORDER_BIG_ENDIAN, m);
		emit_bitwise(ctx, mask, n, rloc);
	}

	if (right->etype == EXPR_RANGE) {
		memcpy(data, right->binary.left->value.data, n);
		memcpy(hi, right->binary.right->value.data, n);
		if (shift) {
			shift_left_be(data, n, shift);
			shift_left_be(hi, n, shift);
		}
		if (host_order && n > 1) {
			emit_hton(ctx, n, rloc);
			to_big_endian(data, n);
			to_big_endian(hi, n);
		}
		if (rel->op == OP_NEQ) {
			struct nftnl_expr *e = expr_new("range");

			nftnl_expr_set_u32(e, NFTNL_EXPR_RANGE_SREG, REG);
			nftnl_expr_set_u32(e, NFTNL_EXPR_RANGE_OP, NFT_RANGE_NEQ);
			nftnl_expr_set(e, NFTNL_EXPR_RANGE_FROM_DATA, data, n);
			nftnl_expr_set(e, NFTNL_EXPR_RANGE_TO_DATA, hi, n);
			emit(ctx, e, rloc);
			return;
		}
		emit_cmp(ctx, NFT_CMP_GTE, data, n, rloc);
		emit_cmp(ctx, NFT_CMP_LTE, hi, n, rloc);
		return;
	}

	memcpy(data, right->value.data, n);
	if (right->flags & EXPR_F_WILDCARD)
		n = right->len / 8;	/* the prefix of the name */
	if (shift)
		shift_left_be(data, n, shift);

	/* "ct state established,related": any of these bits */
	if ((left->dtype->flags & DTYPE_F_BITMASK) && rel->op == OP_IMPLICIT) {
		uint8_t zero[EXPR_VALUE_MAXLEN] = { 0 };

		emit_bitwise(ctx, data, n, rloc);
		emit_cmp(ctx, NFT_CMP_NEQ, zero, n, rloc);
		return;
	}
	/* names compare as bytes (stock: no conversion, the whole name) */
	if (host_order && n > 1 && !(left->dtype->flags & DTYPE_F_STRING) &&
	    (rel->op == OP_LT || rel->op == OP_GT ||
	     rel->op == OP_LTE || rel->op == OP_GTE)) {
		emit_hton(ctx, n, rloc);
		to_big_endian(data, n);
	}
	emit_cmp(ctx, nft_cmp_op(rel->op), data, n, rloc);
}

static void linearize_verdict(struct lin_ctx *ctx, const struct expr *v)
{
	struct nftnl_expr *e = expr_new("immediate");

	nftnl_expr_set_u32(e, NFTNL_EXPR_IMM_DREG, NFT_REG_VERDICT);
	nftnl_expr_set_u32(e, NFTNL_EXPR_IMM_VERDICT, (uint32_t)v->verdict.verdict);
	if (v->verdict.chain)
		nftnl_expr_set_str(e, NFTNL_EXPR_IMM_CHAIN, v->verdict.chain);
	/* a missing chain is the chain name's fault */
	emit(ctx, e, v->verdict.chain ? &v->verdict.chain_loc : NULL);
}

static void linearize_setkey(struct lin_ctx *ctx, const struct stmt *stmt,
			     bool ct)
{
	struct nftnl_expr *e = expr_new("immediate");
	const struct expr *v = stmt->setkey.expr;

	nftnl_expr_set_u32(e, NFTNL_EXPR_IMM_DREG, REG);
	nftnl_expr_set(e, NFTNL_EXPR_IMM_DATA, v->value.data, (v->len + 7) / 8);
	emit(ctx, e, &v->location);
	if (ct) {
		e = expr_new("ct");
		nftnl_expr_set_u32(e, NFTNL_EXPR_CT_KEY, stmt->setkey.key);
		nftnl_expr_set_u32(e, NFTNL_EXPR_CT_SREG, REG);
	} else {
		e = expr_new("meta");
		nftnl_expr_set_u32(e, NFTNL_EXPR_META_KEY, stmt->setkey.key);
		nftnl_expr_set_u32(e, NFTNL_EXPR_META_SREG, REG);
	}
	emit(ctx, e, NULL);
}

static void linearize_stmt(struct lin_ctx *ctx, const struct stmt *stmt)
{
	struct nftnl_expr *e;

	ctx->loc = &stmt->location;
	switch (stmt->type) {
	case STMT_EXPRESSION:
		linearize_relational(ctx, stmt->expr);
		break;
	case STMT_VERDICT:
		linearize_verdict(ctx, stmt->expr);
		break;
	case STMT_COUNTER:
		e = expr_new("counter");
		nftnl_expr_set_u64(e, NFTNL_EXPR_CTR_PACKETS, stmt->counter.packets);
		nftnl_expr_set_u64(e, NFTNL_EXPR_CTR_BYTES, stmt->counter.bytes);
		emit(ctx, e, NULL);
		break;
	case STMT_LOG:
		e = expr_new("log");
		if (stmt->log.flags & STMT_LOG_PREFIX)
			nftnl_expr_set_str(e, NFTNL_EXPR_LOG_PREFIX, stmt->log.prefix);
		if (stmt->log.flags & STMT_LOG_GROUP)
			nftnl_expr_set_u16(e, NFTNL_EXPR_LOG_GROUP,
					   (uint16_t)stmt->log.group);
		if (stmt->log.flags & STMT_LOG_LEVEL)
			nftnl_expr_set_u32(e, NFTNL_EXPR_LOG_LEVEL, stmt->log.level);
		emit(ctx, e, NULL);
		break;
	case STMT_NOTRACK:
		emit(ctx, expr_new("notrack"), NULL);
		break;
	case STMT_REJECT:
		e = expr_new("reject");
		nftnl_expr_set_u32(e, NFTNL_EXPR_REJECT_TYPE, (uint32_t)stmt->reject.type);
		nftnl_expr_set_u8(e, NFTNL_EXPR_REJECT_CODE, (uint8_t)stmt->reject.icmp_code);
		emit(ctx, e, NULL);
		break;
	case STMT_OBJREF:
		e = expr_new("objref");
		nftnl_expr_set_u32(e, NFTNL_EXPR_OBJREF_IMM_TYPE, stmt->objref.type);
		nftnl_expr_set_str(e, NFTNL_EXPR_OBJREF_IMM_NAME,
				   stmt->objref.expr->sym.identifier);
		emit(ctx, e, &stmt->objref.expr->location);
		break;
	case STMT_QUEUE: {
		const struct expr *q = stmt->queue.queue;
		uint16_t num = 0, total = 1;

		e = expr_new("queue");
		if (q && q->etype == EXPR_RANGE) {
			num = (uint16_t)value_get(q->binary.left->value.data, 2,
						  BYTEORDER_HOST_ENDIAN);
			total = (uint16_t)(value_get(q->binary.right->value.data, 2,
						     BYTEORDER_HOST_ENDIAN) - num + 1);
		} else if (q) {
			num = (uint16_t)value_get(q->value.data, 2,
						  BYTEORDER_HOST_ENDIAN);
		}
		nftnl_expr_set_u16(e, NFTNL_EXPR_QUEUE_NUM, num);
		nftnl_expr_set_u16(e, NFTNL_EXPR_QUEUE_TOTAL, total);
		nftnl_expr_set_u16(e, NFTNL_EXPR_QUEUE_FLAGS, stmt->queue.flags);
		emit(ctx, e, NULL);
		break;
	}
	case STMT_CT:
		linearize_setkey(ctx, stmt, true);
		break;
	case STMT_META:
		linearize_setkey(ctx, stmt, false);
		break;
	default:
		break;
	}
}

void netlink_linearize_rule(struct nftnl_rule *nlr, const struct rule *rule,
			    struct linearize_out *out)
{
	struct lin_ctx ctx = { .nlr = nlr, .out = out };
	const struct stmt *stmt;

	list_for_each_entry(stmt, &rule->stmts, list)
		linearize_stmt(&ctx, stmt);
}
