/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netlink.h - between the AST and libnftnl: linearisation of rules into
 * expressions, delinearisation back for listing, and the kernel cache.
 */
#ifndef NFTP_NETLINK_H
#define NFTP_NETLINK_H

#include <stdio.h>

#include "erec.h"
#include "list.h"
#include "rule.h"

struct nftnl_rule;
struct nftnl_expr;

/* Expressions of @rule appended to @nlr; locs[i] is the source of expr i. */
struct linearize_out {
	const struct location **locs;
	unsigned int num;
	unsigned int cap;
};

void netlink_linearize_rule(struct nftnl_rule *nlr, const struct rule *rule,
			    struct linearize_out *out);

struct nftnl_set;
/* a value of @left's type (dtype, length, byte order) from @n bytes */
struct expr *typed_value_expr(const struct expr *left, const uint8_t *data,
			      unsigned int n);
/* finds the anonymous set a lookup names (with its elements) */
typedef struct nftnl_set *(*set_resolver_t)(void *data, uint32_t family,
					     const char *table,
					     const char *name);

/*
 * Rebuild a rule's statements from the kernel's expressions.  Anonymous
 * set elements are sorted as stock nft's listing sorts them, or with
 * @as_sent kept in the order the batch sent them (stock's -e echo).
 */
struct rule *netlink_delinearize_rule(uint32_t family,
				      const struct nftnl_rule *nlr,
				      set_resolver_t resolve, void *data,
				      bool as_sent);

/* Leave out the matches that are another statement's protocol
 * dependency, as stock nft lists rules (listing_deps.c). */
void listing_dependencies_remove(struct rule *rule, uint32_t family);

struct nftnl_set;
/*
 * The elements of @s keyed like @key (dtype, len, byte order) as stock nft
 * lists them: values sorted (unless @as_sent), intervals decoded into
 * values, prefixes and ranges.  NULL when they cannot be shown faithfully.
 */
struct expr *set_elems_expr(const struct expr *key, struct nftnl_set *s,
			    bool as_sent);

/* printing (print.c); -s: statements without their state (counters) */
extern bool print_stateless;
void rule_print(const struct rule *rule, FILE *f);
void stmt_print(const struct stmt *stmt, FILE *f);
void expr_print(const struct expr *e, FILE *f);
/* A named set's "elements = { ... }" list, wrapped as stock nft wraps it */
void set_elems_print(const struct expr *set, FILE *f);

#endif /* NFTP_NETLINK_H */
