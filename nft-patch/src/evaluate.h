/* SPDX-License-Identifier: GPL-2.0-or-later */
/* evaluate.h - semantic checks and typing of parsed commands. */
#ifndef NFTP_EVALUATE_H
#define NFTP_EVALUATE_H

#include "list.h"
#include "rule.h"

#define CT_HELPER_NAME_MAXLEN	15	/* NF_CT_HELPER_NAME_LEN - 1 */
#define CT_HELPER_POLICY_MAX	4	/* NF_CT_MAX_EXPECT_CLASSES */
#define CT_HELPER_QUEUE_MAX	65535
#define CT_HELPER_EXPECT_MAX	255
#define CT_HELPER_DEFAULT_TIMEOUT 300
/* struct nf_conn_help has a fixed 32-byte data area: the kernel's maximum,
 * and the default, since a larger declared length costs no memory */
#define CT_HELPER_PRIV_LEN_MAX	32
#define NFT_NAME_MAXLEN		256	/* NFT_TABLE_MAXNAMELEN and friends */

/*
 * Check a ct helper object of a table of @family and fill in its defaults
 * (l3proto from the family, the default expectation class).  Errors are
 * queued on @msgs with the offending token's location.  Returns 0 or -1.
 */
int ct_helper_evaluate(struct list_head *msgs, uint32_t family,
		       struct obj *obj);
/* Same for a ct expectation object. */
int ct_expect_evaluate(struct list_head *msgs, uint32_t family,
		       struct obj *obj);
/* ct timeout object: states of its protocol, defaults filled in. */
int ct_timeout_evaluate(struct list_head *msgs, uint32_t family,
			struct obj *obj);
/* state names and kernel defaults (seconds) of a protocol's timeouts */
unsigned int ct_timeout_states(uint8_t l4proto, const char *const **names,
			       const uint32_t **defaults);

/* Names of tables, chains and objects. */
int name_evaluate(struct list_head *msgs, const struct name_spec *name,
		  const char *what);

struct proto_desc;

/* Per-rule protocol context: which headers the rule already pinned down. */
struct eval_ctx {
	struct list_head *msgs;
	uint32_t family;		/* table family */
	struct rule *rule;
	const struct proto_desc *l3;
	struct location l3_loc;
	const struct proto_desc *l4;
	struct location l4_loc;
	bool l4_other;			/* a transport protocol without a desc here */
};

struct datatype;
/*
 * The elements of a named set keyed by @key (@key_len bits), parsed in
 * place; ranges and prefixes only with @intervals.  0 or -1.
 */
int set_elems_evaluate(struct list_head *msgs, uint32_t family,
		       const struct datatype *key, unsigned int key_len,
		       bool intervals, struct expr *set);
/* The same for the "value : verdict" elements of a verdict map. */
int map_elems_evaluate(struct list_head *msgs, uint32_t family,
		       const struct datatype *key, unsigned int key_len,
		       struct expr *map);
/* The expression of "typeof EXPR" (a header field, meta or ct key). */
int typeof_expr_evaluate(struct list_head *msgs, uint32_t family,
			 struct expr *e);
/* A set declaration: key type, flags, elements.  0 or -1. */
int set_decl_evaluate(struct list_head *msgs, uint32_t family, struct set *set);

/*
 * Shared by evaluate.c (rules) and evaluate_set.c (sets and maps): errors
 * at an expression, left-hand sides, values of a left-hand side's type,
 * and the right-hand sides that are sets or verdict maps.
 */
int expr_error(struct eval_ctx *ctx, const struct expr *e, const char *fmt,
	       const char *arg);
int lhs_evaluate(struct eval_ctx *ctx, struct expr *e);
int relational_undefined(struct eval_ctx *ctx, const struct expr *rel,
			 const char *what);
int value_evaluate(struct eval_ctx *ctx, const struct expr *left,
		   struct expr *e);
int cmp_values(const struct expr *a, const struct expr *b);
void set_flatten(struct expr *set);
int set_evaluate(struct eval_ctx *ctx, struct expr *rel, struct expr *set);
int vmap_evaluate(struct eval_ctx *ctx, struct expr *rel);

/* Type and check a rule, insert protocol dependencies. 0 or -1. */
int rule_evaluate(struct list_head *msgs, uint32_t family, struct rule *rule);
/* Adjacent header matches into one load, as stock nft (payload_merge.c). */
void payload_merge(struct rule *rule);
/* Every command of a list: rules, chains, objects, names. 0 or -1. */
int cmd_evaluate(struct list_head *msgs, struct cmd *cmd);
/* "raw" -> -300 ...; -1 if unknown */
int chain_prio_from_name(const char *name, int *value);

#endif /* NFTP_EVALUATE_H */
