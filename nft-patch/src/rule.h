/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rule.h - the objects of a ruleset (tables, chains, rules, stateful objects)
 * and the commands that act on them.  Everything carries source locations.
 */
#ifndef NFTP_RULE_H
#define NFTP_RULE_H

#include <stdbool.h>
#include <stdint.h>

#include "erec.h"
#include "expression.h"
#include "list.h"

struct datatype;

struct name_spec {
	struct location location;
	char *name;
};

struct id_spec {
	struct location location;
	uint64_t id;			/* 0: not given */
};

struct handle {
	uint32_t family;
	struct name_spec table;
	struct name_spec chain;
	struct name_spec obj;
	struct id_spec handle;
	struct id_spec position;
	struct id_spec index;
};

void handle_free(struct handle *h);
void handle_copy(struct handle *dst, const struct handle *src);

struct prio_spec {
	struct location location;
	char *name;			/* NULL: plain number */
	int64_t num;			/* number, or offset to the name */
};

struct chain {
	struct list_head list;
	struct handle handle;
	struct location location;
	bool base;
	struct name_spec type;		/* filter, nat, route */
	struct name_spec hook;
	unsigned int hooknum;
	struct prio_spec priority;
	int priority_value;		/* resolved */
	struct location policy_loc;
	int policy;			/* -1: not given */
	struct name_spec dev;
	char *comment;
	struct list_head rules;
	unsigned int flags;
};

struct rule {
	struct list_head list;
	struct handle handle;
	struct location location;
	struct list_head stmts;
	unsigned int num_stmts;
	char *comment;
};

#define CT_HELPER_POLICY_PARSE_MAX 16

struct ct_helper_policy_spec {
	struct location location;
	struct name_spec name;
	struct location size_loc;
	uint64_t size;
	struct location timeout_loc;
	uint64_t timeout;		/* seconds */
};

/* the words after "userspace queue N[-M]", as the parser collects them */
enum ct_helper_queue_flag {
	CT_HELPER_QF_BYPASS	= 1 << 0,
	CT_HELPER_QF_EMPTY	= 1 << 1,
};

struct ct_helper_spec {
	struct name_spec type;		/* "ftp" */
	struct location type_loc;	/* the whole "type ... protocol ..." */
	uint8_t l4proto;
	bool l3proto_set;
	struct location l3proto_loc;
	uint16_t l3proto;
	bool userspace;
	struct location userspace_loc;
	struct location queue_loc;
	uint64_t queue_first;
	uint64_t queue_last;
	bool bypass;
	bool queue_empty;		/* "empty": also packets without payload */
	bool priv_len_set;		/* "private N" written */
	struct location priv_loc;	/* the whole "private N" */
	struct location priv_len_loc;
	uint64_t priv_len;		/* bytes; evaluation fills the default */
	unsigned int policy_count;
	struct ct_helper_policy_spec policy[CT_HELPER_POLICY_PARSE_MAX];
};

struct ct_expect_spec {
	uint8_t l4proto;
	bool l3proto_set;
	uint16_t l3proto;
	struct location dport_loc;
	uint64_t dport;
	struct location timeout_loc;
	uint64_t timeout_ms;
	struct location size_loc;
	uint64_t size;
};

#define CT_TIMEOUT_STATES_MAX 16

struct ct_timeout_spec {
	uint8_t l4proto;
	bool l3proto_set;
	uint16_t l3proto;
	unsigned int num;
	struct {
		struct name_spec state;
		struct location value_loc;
		uint64_t value;		/* seconds */
	} policy[CT_TIMEOUT_STATES_MAX];
	uint32_t timeouts[CT_TIMEOUT_STATES_MAX];	/* evaluated */
	unsigned int num_states;			/* of l4proto */
};

struct obj {
	struct list_head list;
	struct handle handle;
	struct location location;
	uint32_t type;			/* NFT_OBJECT_* */
	char *comment;
	union {
		struct ct_helper_spec ct_helper;
		struct ct_expect_spec ct_expect;
		struct ct_timeout_spec ct_timeout;
	};
};

/*
 * A named set: "set NAME { type T; flags ...; elements = { ... } }" in a
 * table block or "add set".  handle.obj is the set's name.
 */
struct set {
	struct list_head list;
	struct handle handle;
	struct location location;	/* the name */
	struct location block_loc;	/* the whole "{ ... }" */
	/* where stock nft points at the declaration: the name in a table
	 * block, the block in "add set" */
	struct location decl_loc;
	struct name_spec key_type;	/* "ipv4_addr" as written */
	struct location key_loc;	/* the whole type, concatenations too */
	bool key_concat;		/* "a . b": not supported yet */
	bool is_map;			/* "map NAME { type K : D; ... }" */
	struct name_spec data_type;	/* D as written */
	struct location typeof_loc;	/* "typeof ...": not supported yet */
	bool has_typeof;
	struct expr *typeof_expr;	/* "typeof EXPR": the key's expression */
	const struct typeof_key *typeof_key;	/* evaluated */
	const struct datatype *key;	/* evaluated */
	unsigned int key_len;		/* bits */
	uint32_t flags;			/* NFT_SET_* */
	struct location flags_loc;
	struct name_spec bad_flag;	/* a flag word not supported here */
	uint64_t timeout_ms;
	uint64_t gc_interval_ms;
	uint64_t size;
	bool policy_set;
	uint32_t policy;		/* NFT_SET_POL_* */
	struct location automerge_loc;
	bool automerge;			/* not supported yet */
	struct expr *init;		/* elements = { ... }, NULL if none */
	char *comment;
	uint32_t set_id;		/* in this batch */
};

struct table {
	struct list_head list;
	struct handle handle;
	struct location location;
	struct list_head chains;
	struct list_head objs;
	struct list_head sets;
	char *comment;
	unsigned int flags;
};

enum cmd_ops {
	CMD_INVALID,
	CMD_ADD,
	CMD_CREATE,
	CMD_INSERT,
	CMD_REPLACE,
	CMD_DELETE,
	CMD_LIST,
	CMD_FLUSH,
	CMD_RENAME,
};

enum cmd_obj {
	CMD_OBJ_INVALID,
	CMD_OBJ_TABLE,
	CMD_OBJ_CHAIN,
	CMD_OBJ_RULE,
	CMD_OBJ_RULESET,
	CMD_OBJ_TABLES,
	CMD_OBJ_CHAINS,
	CMD_OBJ_CT_HELPER,
	CMD_OBJ_CT_HELPERS,
	CMD_OBJ_CT_EXPECT,
	CMD_OBJ_CT_TIMEOUT,
	CMD_OBJ_SET,
	CMD_OBJ_SETS,
	CMD_OBJ_MAP,			/* a map: cmd->set too */
	CMD_OBJ_MAPS,
	CMD_OBJ_ELEMENTS,		/* "add|delete element": cmd->expr */
};

struct cmd {
	struct list_head list;
	enum cmd_ops op;
	enum cmd_obj obj;
	struct handle handle;
	struct location location;
	union {
		void *data;
		struct table *table;
		struct chain *chain;
		struct rule *rule;
		struct obj *object;
		struct set *set;
		struct expr *expr;
	};
	char *arg;			/* rename: new name */
	uint32_t seqnum;
};

struct table *table_alloc(void);
void table_free(struct table *t);
struct chain *chain_alloc(void);
void chain_free(struct chain *c);
struct rule *rule_alloc(const struct location *loc);
void rule_free(struct rule *r);
struct obj *obj_alloc(const struct location *loc, uint32_t type);
void obj_free(struct obj *o);
struct set *set_alloc(void);
void set_free(struct set *s);
struct cmd *cmd_alloc(enum cmd_ops op, enum cmd_obj obj, struct handle *h,
		      const struct location *loc, void *data);
void cmd_free(struct cmd *cmd);
void cmd_list_free(struct list_head *cmds);

const char *family_name(uint32_t family);
/* hook.c: NF_INET_* number of a hook name ("prerouting" ... "ingress"),
 * or -1; and the name of a number ("unknown" beyond the table) */
int inet_hook_lookup(const char *name);
const char *inet_hook_name(uint32_t hook);

#endif /* NFTP_RULE_H */
