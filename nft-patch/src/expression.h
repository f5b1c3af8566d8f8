/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * expression.h - expressions and statements of a rule.
 *
 * The parser builds them with symbolic right-hand sides (EXPR_SYMBOL: the
 * text as written); evaluation resolves symbols with the datatype of the
 * left-hand side into EXPR_VALUE, as nft does.
 */
#ifndef NFTP_EXPRESSION_H
#define NFTP_EXPRESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "erec.h"
#include "list.h"

enum expr_types {
	EXPR_INVALID,
	EXPR_SYMBOL,		/* literal text, resolved by evaluation */
	EXPR_VARIABLE,		/* $name */
	EXPR_VALUE,		/* resolved constant */
	EXPR_PREFIX,		/* value/len */
	EXPR_RANGE,		/* low-high */
	EXPR_SET,		/* { a, b } */
	EXPR_LIST,		/* a,b (flag list) */
	EXPR_PAYLOAD,
	EXPR_META,
	EXPR_CT,
	EXPR_RELATIONAL,
	EXPR_VERDICT,
	EXPR_BITWISE,		/* produced by evaluation for prefixes/flags */
	EXPR_MASK,		/* lhs & mask, as written (binary) */
	EXPR_SET_REF,		/* @name: a named set (sym.identifier) */
	EXPR_MAPPING,		/* key : data in a map (binary) */
	EXPR_MAX,
};

enum ops {
	OP_INVALID,
	OP_IMPLICIT,
	OP_EQ,
	OP_NEQ,
	OP_LT,
	OP_GT,
	OP_LTE,
	OP_GTE,
	OP_VMAP,		/* key vmap { value : verdict, ... } */
};

enum symbol_types {
	SYMBOL_VALUE,		/* unquoted or numeric */
	SYMBOL_QUOTED,		/* "quoted string" */
};

#define EXPR_VALUE_MAXLEN 16	/* bytes: an IPv6 address */

/* a string value that is a prefix ("eth*"): len is the prefix's */
#define EXPR_F_WILDCARD	(1 << 0)
/* an anonymous set with ranges or prefixes: an interval set */
#define EXPR_F_INTERVAL	(1 << 1)
/* an anonymous set of "value : verdict" mappings: a verdict map */
#define EXPR_F_VMAP	(1 << 2)

struct datatype;
struct set;
struct proto_desc;
struct proto_hdr_template;

struct expr {
	struct list_head list;
	struct location location;
	enum expr_types etype;
	enum ops op;			/* EXPR_RELATIONAL */
	struct location op_loc;		/* where the operator was written */
	const struct datatype *dtype;
	unsigned int len;		/* bits */
	int byteorder;			/* enum byteorder (datatype.h) */
	unsigned int flags;		/* EXPR_F_* */
	union {
		struct {
			char *identifier;
			enum symbol_types symtype;
			/* SET_REF: the declaration when added in this run */
			const struct set *decl;
		} sym;			/* SYMBOL, VARIABLE, SET_REF */
		struct {
			uint8_t data[EXPR_VALUE_MAXLEN];
			char *string;	/* string-typed values (ifname, helper) */
		} value;
		struct {
			struct expr *expr;
			unsigned int prefix_len;
		} prefix;
		struct {
			struct expr *left;
			struct expr *right;
		} binary;		/* RANGE, RELATIONAL, MASK */
		struct {
			struct list_head exprs;
			unsigned int size;
			uint32_t set_id;	/* anonymous set in the batch */
		} compound;		/* SET, LIST */
		struct {
			unsigned int proto;	/* enum proto_ids */
			unsigned int field;	/* field index in the desc */
			const struct proto_desc *desc;
			const struct proto_hdr_template *tmpl;
			unsigned int base;	/* enum nft_payload_bases */
			unsigned int offset;	/* bits */
		} payload;
		struct {
			unsigned int key;	/* enum nft_meta_keys */
		} meta;
		struct {
			unsigned int key;	/* enum nft_ct_keys */
			int direction;		/* -1: none */
		} ct;
		struct {
			int verdict;		/* NF_ACCEPT, NFT_JUMP, ... */
			char *chain;
			struct location chain_loc;
		} verdict;
		struct {
			struct expr *expr;
			uint8_t mask[EXPR_VALUE_MAXLEN];
			uint8_t xor[EXPR_VALUE_MAXLEN];
		} bitwise;
	};
};

struct expr *expr_alloc(const struct location *loc, enum expr_types etype);
struct expr *symbol_expr_alloc(const struct location *loc,
			       enum symbol_types symtype, const char *text);
struct expr *variable_expr_alloc(const struct location *loc, const char *name);
struct expr *prefix_expr_alloc(const struct location *loc, struct expr *e,
			       unsigned int len);
struct expr *range_expr_alloc(const struct location *loc, struct expr *low,
			      struct expr *high);
struct expr *compound_expr_alloc(const struct location *loc,
				 enum expr_types etype);
void compound_expr_add(struct expr *compound, struct expr *e);
struct expr *payload_expr_alloc(const struct location *loc,
				unsigned int proto, unsigned int field);
struct expr *meta_expr_alloc(const struct location *loc, unsigned int key);
struct expr *ct_expr_alloc(const struct location *loc, unsigned int key,
			   int direction);
struct expr *relational_expr_alloc(const struct location *loc, enum ops op,
				   struct expr *left, struct expr *right);
struct expr *verdict_expr_alloc(const struct location *loc, int verdict,
				char *chain, const struct location *chain_loc);
struct expr *expr_clone(const struct expr *e);
void expr_free(struct expr *e);

enum stmt_types {
	STMT_INVALID,
	STMT_EXPRESSION,	/* a match: relational expression */
	STMT_VERDICT,
	STMT_COUNTER,
	STMT_LOG,
	STMT_QUEUE,
	STMT_REJECT,
	STMT_NOTRACK,
	STMT_OBJREF,		/* ct helper/expectation/timeout set */
	STMT_CT,		/* ct KEY set VALUE */
	STMT_META,		/* meta KEY set VALUE */
};

#define STMT_LOG_PREFIX	(1 << 0)
#define STMT_LOG_LEVEL	(1 << 1)
#define STMT_LOG_GROUP	(1 << 2)

struct stmt {
	struct list_head list;
	struct location location;
	enum stmt_types type;
	union {
		struct expr *expr;	/* EXPRESSION, VERDICT */
		struct {
			uint64_t packets;
			uint64_t bytes;
		} counter;
		struct {
			unsigned int flags;
			char *prefix;
			char *level_name;
			struct location level_loc;
			uint32_t level;
			uint32_t group;
		} log;
		struct {
			struct expr *queue;	/* NULL: default queue 0 */
			uint16_t flags;		/* NFT_QUEUE_FLAG_* */
		} queue;
		struct {
			int type;		/* -1: default */
			char *icmp_code_name;
			struct location code_loc;
			int icmp_family;	/* 0, NFPROTO_IPV4, IPV6, INET */
			int icmp_code;
			bool explicit_code;	/* listing: even the default */
		} reject;
		struct {
			uint32_t type;		/* NFT_OBJECT_* */
			struct expr *expr;	/* name */
		} objref;
		struct {
			unsigned int key;
			struct expr *expr;
		} setkey;		/* CT, META */
	};
};

struct stmt *stmt_alloc(const struct location *loc, enum stmt_types type);
void stmt_free(struct stmt *stmt);

#endif /* NFTP_EXPRESSION_H */
