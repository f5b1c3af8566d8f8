// SPDX-License-Identifier: GPL-2.0-or-later
/* expression_alloc.c - life cycle of expressions and statements. */
#include <stdlib.h>
#include <string.h>

#include "expression.h"
#include "utils.h"

struct expr *expr_alloc(const struct location *loc, enum expr_types etype)
{
	struct expr *e = xzalloc(sizeof(*e));

	init_list_head(&e->list);
	if (loc)
		e->location = *loc;
	e->etype = etype;
	return e;
}

struct expr *symbol_expr_alloc(const struct location *loc,
			       enum symbol_types symtype, const char *text)
{
	struct expr *e = expr_alloc(loc, EXPR_SYMBOL);

	e->sym.symtype = symtype;
	e->sym.identifier = xstrdup(text);
	return e;
}

struct expr *variable_expr_alloc(const struct location *loc, const char *name)
{
	struct expr *e = expr_alloc(loc, EXPR_VARIABLE);

	e->sym.identifier = xstrdup(name);
	return e;
}

struct expr *prefix_expr_alloc(const struct location *loc, struct expr *v,
			       unsigned int len)
{
	struct expr *e = expr_alloc(loc, EXPR_PREFIX);

	e->prefix.expr = v;
	e->prefix.prefix_len = len;
	return e;
}

struct expr *range_expr_alloc(const struct location *loc, struct expr *low,
			      struct expr *high)
{
	struct expr *e = expr_alloc(loc, EXPR_RANGE);

	e->binary.left = low;
	e->binary.right = high;
	return e;
}

struct expr *compound_expr_alloc(const struct location *loc,
				 enum expr_types etype)
{
	struct expr *e = expr_alloc(loc, etype);

	init_list_head(&e->compound.exprs);
	return e;
}

void compound_expr_add(struct expr *compound, struct expr *e)
{
	list_add_tail(&e->list, &compound->compound.exprs);
	compound->compound.size++;
}

struct expr *payload_expr_alloc(const struct location *loc,
				unsigned int proto, unsigned int field)
{
	struct expr *e = expr_alloc(loc, EXPR_PAYLOAD);

	e->payload.proto = proto;
	e->payload.field = field;
	return e;
}

struct expr *meta_expr_alloc(const struct location *loc, unsigned int key)
{
	struct expr *e = expr_alloc(loc, EXPR_META);

	e->meta.key = key;
	return e;
}

struct expr *ct_expr_alloc(const struct location *loc, unsigned int key,
			   int direction)
{
	struct expr *e = expr_alloc(loc, EXPR_CT);

	e->ct.key = key;
	e->ct.direction = direction;
	return e;
}

struct expr *relational_expr_alloc(const struct location *loc, enum ops op,
				   struct expr *left, struct expr *right)
{
	struct expr *e = expr_alloc(loc, EXPR_RELATIONAL);

	e->op = op;
	e->binary.left = left;
	e->binary.right = right;
	return e;
}

struct expr *verdict_expr_alloc(const struct location *loc, int verdict,
				char *chain, const struct location *chain_loc)
{
	struct expr *e = expr_alloc(loc, EXPR_VERDICT);

	e->verdict.verdict = verdict;
	e->verdict.chain = chain;
	if (chain_loc)
		e->verdict.chain_loc = *chain_loc;
	return e;
}

struct expr *expr_clone(const struct expr *src)
{
	struct expr *e = xmalloc(sizeof(*e)), *sub;

	*e = *src;
	init_list_head(&e->list);
	switch (src->etype) {
	case EXPR_SYMBOL:
	case EXPR_VARIABLE:
	case EXPR_SET_REF:
		e->sym.identifier = xstrdup(src->sym.identifier);
		break;
	case EXPR_VALUE:
		if (src->value.string)
			e->value.string = xstrdup(src->value.string);
		break;
	case EXPR_PREFIX:
		e->prefix.expr = expr_clone(src->prefix.expr);
		break;
	case EXPR_RANGE:
	case EXPR_RELATIONAL:
	case EXPR_MASK:
	case EXPR_MAPPING:
		e->binary.left = expr_clone(src->binary.left);
		e->binary.right = expr_clone(src->binary.right);
		break;
	case EXPR_SET:
	case EXPR_LIST:
		init_list_head(&e->compound.exprs);
		e->compound.size = 0;
		list_for_each_entry(sub, &src->compound.exprs, list)
			compound_expr_add(e, expr_clone(sub));
		break;
	case EXPR_VERDICT:
		if (src->verdict.chain)
			e->verdict.chain = xstrdup(src->verdict.chain);
		break;
	case EXPR_BITWISE:
		e->bitwise.expr = expr_clone(src->bitwise.expr);
		break;
	default:
		break;
	}
	return e;
}

void expr_free(struct expr *e)
{
	struct expr *sub, *next;

	if (!e)
		return;
	switch (e->etype) {
	case EXPR_SYMBOL:
	case EXPR_VARIABLE:
	case EXPR_SET_REF:
		free(e->sym.identifier);
		break;
	case EXPR_VALUE:
		free(e->value.string);
		break;
	case EXPR_PREFIX:
		expr_free(e->prefix.expr);
		break;
	case EXPR_RANGE:
	case EXPR_RELATIONAL:
	case EXPR_MASK:
	case EXPR_MAPPING:
		expr_free(e->binary.left);
		expr_free(e->binary.right);
		break;
	case EXPR_SET:
	case EXPR_LIST:
		list_for_each_entry_safe(sub, next, &e->compound.exprs, list) {
			list_del(&sub->list);
			expr_free(sub);
		}
		break;
	case EXPR_VERDICT:
		free(e->verdict.chain);
		break;
	case EXPR_BITWISE:
		expr_free(e->bitwise.expr);
		break;
	default:
		break;
	}
	free(e);
}

struct stmt *stmt_alloc(const struct location *loc, enum stmt_types type)
{
	struct stmt *s = xzalloc(sizeof(*s));

	init_list_head(&s->list);
	if (loc)
		s->location = *loc;
	s->type = type;
	return s;
}

void stmt_free(struct stmt *s)
{
	if (!s)
		return;
	switch (s->type) {
	case STMT_EXPRESSION:
	case STMT_VERDICT:
		expr_free(s->expr);
		break;
	case STMT_LOG:
		free(s->log.prefix);
		free(s->log.level_name);
		break;
	case STMT_QUEUE:
		expr_free(s->queue.queue);
		break;
	case STMT_REJECT:
		free(s->reject.icmp_code_name);
		break;
	case STMT_OBJREF:
		expr_free(s->objref.expr);
		break;
	case STMT_CT:
	case STMT_META:
		expr_free(s->setkey.expr);
		break;
	default:
		break;
	}
	free(s);
}
