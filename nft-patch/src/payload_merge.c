// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * payload_merge.c - the last step of rule evaluation: matches on adjacent
 * header fields become one load and one compare, exactly where stock nft
 * 1.0.6 merges them ("tcp sport 1024 tcp dport 22" is one 4-byte load;
 * "icmp type 8 icmp code 0" one 2-byte load).  The listing splits them
 * again (netlink_delinearize.c).
 *
 * Stock's rules, kept here: all payload matches of a rule against plain
 * values, whatever stands between them, are taken in header order; two merge when they are adjacent,
 * byte-aligned, compare with the same operator (!= included, as 1.0.6
 * does), fit in a 16-byte register and either stay within 4 bytes or one
 * of them is already wider than 4 bytes (the kernel's fast path).
 */
#include <stdlib.h>
#include <string.h>

#include "evaluate.h"
#include "expression.h"
#include "proto.h"

#define REG32_BITS	32
#define REG_BITS	128

static bool merge_candidate(const struct stmt *stmt)
{
	const struct expr *rel = stmt->expr;

	if (rel->etype != EXPR_RELATIONAL ||
	    rel->binary.left->etype != EXPR_PAYLOAD ||
	    rel->binary.right->etype != EXPR_VALUE ||
	    (rel->binary.right->flags & EXPR_F_WILDCARD))
		return false;
	return rel->op == OP_IMPLICIT || rel->op == OP_EQ || rel->op == OP_NEQ;
}

static int header_order(const void *a, const void *b)
{
	const struct expr *x = (*(struct stmt *const *)a)->expr->binary.left;
	const struct expr *y = (*(struct stmt *const *)b)->expr->binary.left;

	if (x->payload.base != y->payload.base)
		return x->payload.base < y->payload.base ? -1 : 1;
	if (x->payload.offset != y->payload.offset)
		return x->payload.offset < y->payload.offset ? -1 : 1;
	return 0;
}

static bool can_merge(const struct expr *a, const struct expr *b)
{
	unsigned int total = a->len + b->len;

	if (a->payload.base != b->payload.base ||
	    a->payload.offset + a->len != b->payload.offset)
		return false;
	if (a->payload.offset % 8 || a->len % 8 ||
	    b->payload.offset % 8 || b->len % 8 || total > REG_BITS)
		return false;
	return total <= REG32_BITS || a->len > REG32_BITS || b->len > REG32_BITS;
}

static bool same_op(const struct expr *a, const struct expr *b)
{
	enum ops x = a->op == OP_IMPLICIT ? OP_EQ : a->op;
	enum ops y = b->op == OP_IMPLICIT ? OP_EQ : b->op;

	return x == y;
}

/* the field that names the next header (ip protocol): stock's flag */
static bool is_protocol_field(const struct expr *p)
{
	return p->payload.tmpl &&
	       ((p->payload.proto == PROTO_IP && p->payload.field == IPHDR_PROTOCOL) ||
		(p->payload.proto == PROTO_IP6 && p->payload.field == IP6HDR_NEXTHDR));
}

/* @a's match absorbs @b's: one load of both fields, one value */
static void join(struct expr *a, const struct expr *b)
{
	struct expr *la = a->binary.left, *ra = a->binary.right;
	const struct expr *lb = b->binary.left, *rb = b->binary.right;

	memcpy(ra->value.data + la->len / 8, rb->value.data, lb->len / 8);
	ra->len = la->len + lb->len;
	/* a raw load now, no longer one template's field */
	la->payload.desc = NULL;
	la->payload.tmpl = NULL;
	la->len += lb->len;
}

static void do_merge(struct rule *rule, struct stmt **sa, unsigned int n)
{
	struct stmt *last, *this, *gone;
	struct expr *tmp;
	unsigned int i;

	qsort(sa, n, sizeof(*sa), header_order);
	last = sa[0];
	for (i = 1; i < n; i++) {
		this = sa[i];
		if (!can_merge(last->expr->binary.left, this->expr->binary.left) ||
		    !same_op(last->expr, this->expr)) {
			last = this;
			continue;
		}
		join(last->expr, this->expr);
		gone = this;
		/* merged with a protocol field, the match takes that field's
		 * place: never before the protocol's own dependency */
		if (is_protocol_field(this->expr->binary.left)) {
			tmp = last->expr;
			last->expr = this->expr;
			this->expr = tmp;
			gone = last;
			last = this;
		}
		list_del(&gone->list);
		stmt_free(gone);
		rule->num_stmts--;
	}
}

void payload_merge(struct rule *rule)
{
	struct stmt **sa = calloc(rule->num_stmts + 1, sizeof(*sa));
	struct stmt *stmt, *next;
	unsigned int n = 0;

	if (!sa)
		return;
	/* 1.0.6 merges across other statements too ("tcp sport 1 counter
	 * tcp dport 2" compares both ports before counting) */
	list_for_each_entry_safe(stmt, next, &rule->stmts, list) {
		if (stmt->type == STMT_EXPRESSION && merge_candidate(stmt))
			sa[n++] = stmt;
	}
	if (n > 1)
		do_merge(rule, sa, n);
	free(sa);
}
