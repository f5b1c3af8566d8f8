/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parser_bison.y - the nft grammar for conntrack-helper rulesets.
 *
 * Builds commands (struct cmd) holding tables, chains, rules and stateful
 * objects, every node with its source location.  Values stay symbolic (the
 * text as written); evaluate.c gives them types.  Token names are the ones
 * stock nft uses, so that bison's "unexpected X, expecting Y" messages read
 * the same.
 */
%code requires {
#include <stdint.h>
#include "erec.h"
#include "expression.h"
#include "rule.h"
struct parser_state;
}

%{
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "erec.h"
#include "expression.h"
#include "parser.h"
#include "proto_ids.h"
#include "rule.h"
#include "utils.h"
#include "parser_bison.h"

#define COMMENT_MAXLEN	128
#define COMMENT_MAXLEN_STR	"128"

#define YYLLOC_DEFAULT(Current, Rhs, N)					\
	do {								\
		if (N) {						\
			(Current).indesc = YYRHSLOC(Rhs, 1).indesc;	\
			(Current).first_line = YYRHSLOC(Rhs, 1).first_line; \
			(Current).first_column = YYRHSLOC(Rhs, 1).first_column; \
			(Current).line_offset = YYRHSLOC(Rhs, 1).line_offset; \
			(Current).last_line = YYRHSLOC(Rhs, N).last_line; \
			(Current).last_column = YYRHSLOC(Rhs, N).last_column; \
		} else {						\
			(Current) = YYRHSLOC(Rhs, 0);			\
			(Current).first_line = (Current).last_line;	\
			(Current).first_column = (Current).last_column;	\
		}							\
	} while (0)

int nft_lex(NFT_STYPE *lvalp, NFT_LTYPE *llocp, void *scanner);

static void nft_error(struct location *loc, void *scanner,
		      struct parser_state *state, const char *s)
{
	(void)scanner;
	list_add_tail(&error(loc, "%s", s)->list, state->msgs);
}

static void parser_error(struct parser_state *state,
			 const struct location *loc, const char *fmt,
			 const char *arg)
{
	list_add_tail(&error(loc, fmt, arg)->list, state->msgs);
	state->nerrs++;
}

static struct handle handle_table(uint32_t family, char *name,
				  const struct location *loc)
{
	struct handle h;

	memset(&h, 0, sizeof(h));
	h.family = family;
	h.table.name = name;
	h.table.location = *loc;
	return h;
}

static struct expr *number_symbol(const struct location *loc, uint64_t n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)n);
	return symbol_expr_alloc(loc, SYMBOL_VALUE, buf);
}

static struct expr *variable_lookup(struct parser_state *state,
				    const struct location *loc,
				    const char *name)
{
	const struct symbol *sym = symbol_lookup(state, name);
	struct expr *e;

	if (!sym) {
		/* stock nft marks the name, not the '$' */
		struct location nloc = *loc;

		nloc.first_column++;
		parser_error(state, &nloc, "unknown identifier '%s'", name);
		return symbol_expr_alloc(loc, SYMBOL_VALUE, name);
	}
	e = expr_clone(sym->expr);
	e->location = *loc;
	return e;
}

/* "5m", "1h30m", "300s", "300": seconds; -1 when malformed. */
static int64_t parse_seconds(const char *s)
{
	uint64_t total = 0, n;
	char *end;

	if (!*s)
		return -1;
	while (*s) {
		if (*s < '0' || *s > '9')
			return -1;
		n = strtoull(s, &end, 10);
		s = end;
		if (!strncmp(s, "ms", 2)) {
			if (n % 1000)
				return -1;
			n /= 1000;
			s += 2;
		} else if (*s == 'd') {
			n *= 86400;
			s++;
		} else if (*s == 'h') {
			n *= 3600;
			s++;
		} else if (*s == 'm') {
			n *= 60;
			s++;
		} else if (*s == 's') {
			s++;
		} else if (*s) {
			return -1;
		}
		total += n;
		if (total > UINT32_MAX)
			return -1;
	}
	return (int64_t)total;
}

static int64_t parse_milliseconds(const char *s)
{
	uint64_t total = 0, n;
	char *end;

	while (*s) {
		if (*s < '0' || *s > '9')
			return -1;
		n = strtoull(s, &end, 10);
		s = end;
		if (!strncmp(s, "ms", 2)) {
			s += 2;
		} else if (*s == 'd') {
			n *= 86400000ULL;
			s++;
		} else if (*s == 'h') {
			n *= 3600000ULL;
			s++;
		} else if (*s == 'm') {
			n *= 60000ULL;
			s++;
		} else if (*s == 's') {
			n *= 1000ULL;
			s++;
		} else {
			return -1;
		}
		total += n;
	}
	return (int64_t)total;
}
%}

%define api.pure full
%define api.prefix {nft_}
%define api.location.type {struct location}
%define parse.error custom
%locations
%parse-param { void *scanner }
%parse-param { struct parser_state *state }
%lex-param { void *scanner }
%expect 0

%initial-action {
	memset(&@$, 0, sizeof(@$));
}

%union {
	uint64_t		val;
	uint32_t		val32;
	char			*string;
	struct expr		*expr;
	struct stmt		*stmt;
	struct rule		*rule;
	struct chain		*chain;
	struct table		*table;
	struct obj		*obj;
	struct set		*set;
	struct cmd		*cmd;
	struct handle		handle;
	struct prio_spec	prio;
	enum ops		op;
}

%token TOKEN_EOF 0		"end of file"
%token JUNK			"junk"
%token NEWLINE			"newline"
%token SEMICOLON		"semicolon"
%token COMMA			"comma"
%token SLASH			"/"
%token DASH			"-"
%token PLUS			"+"
%token ASTERISK			"*"
%token COLON			"colon"
%token NOT			"!"
%token AT			"@"
%token EQ			"=="
%token NEQ			"!="
%token LT			"<"
%token GT			">"
%token LTE			"<="
%token GTE			">="

%token <val> NUM		"number"
%token <string> STRING		"string"
%token <string> QUOTED_STRING	"quoted string"
%token <string> VARIABLE	"variable"
%destructor { free($$); } STRING QUOTED_STRING VARIABLE

%token INCLUDE			"include"
%token DEFINE			"define"
%token DESCRIBE			"describe"
%token ADD			"add"
%token CREATE			"create"
%token INSERT			"insert"
%token REPLACE			"replace"
%token DELETE			"delete"
%token LIST			"list"
%token FLUSH			"flush"
%token RENAME			"rename"
%token RESET			"reset"
%token TABLE			"table"
%token TABLES			"tables"
%token CHAIN			"chain"
%token CHAINS			"chains"
%token RULE			"rule"
%token RULESET			"ruleset"
%token HANDLE			"handle"
%token POSITION			"position"
%token INDEX			"index"
%token COMMENT			"comment"
%token HOOK			"hook"
%token DEVICE			"device"
%token PRIORITY			"priority"
%token POLICY			"policy"
%token IP			"ip"
%token IP6			"ip6"
%token INET			"inet"
%token ARP			"arp"
%token BRIDGE			"bridge"
%token NETDEV			"netdev"
%token CT			"ct"
%token HELPER			"helper"
%token HELPERS			"helpers"
%token EXPECTATION		"expectation"
%token TIMEOUT			"timeout"
%token TYPE			"type"
%token PROTOCOL			"protocol"
%token L3PROTO			"l3proto"
%token USERSPACE		"userspace"
%token QUEUE			"queue"
%token BYPASS			"bypass"
%token EMPTY			"empty"
%token PRIVATE			"private"
%token FANOUT			"fanout"
%token SIZE			"size"
%token NUMKW			"num"
%token FLAGS			"flags"
%token TO			"to"
%token ACCEPT			"accept"
%token DROP			"drop"
%token CONTINUE			"continue"
%token RETURN			"return"
%token JUMP			"jump"
%token GOTO			"goto"
%token COUNTER			"counter"
%token PACKETS			"packets"
%token BYTES			"bytes"
%token LOG			"log"
%token PREFIX			"prefix"
%token LEVEL			"level"
%token GROUP			"group"
%token NOTRACK			"notrack"
%token TOKEN_REJECT			"reject"
%token WITH			"with"
%token SET			"set"
%token UDP			"udp"
%token TCP			"tcp"
%token TH			"th"
%token ICMP			"icmp"
%token ICMP6			"icmpv6"
%token ICMPX			"icmpx"
%token META			"meta"
%token SADDR			"saddr"
%token DADDR			"daddr"
%token TTL			"ttl"
%token LENGTH			"length"
%token DSCP			"dscp"
%token NEXTHDR			"nexthdr"
%token HOPLIMIT			"hoplimit"
%token SPORT			"sport"
%token DPORT			"dport"
%token CODE			"code"
%token L4PROTO			"l4proto"
%token NFPROTO			"nfproto"
%token IIFNAME			"iifname"
%token OIFNAME			"oifname"
%token IIF			"iif"
%token OIF			"oif"
%token MARK			"mark"
%token PKTTYPE			"pkttype"
%token STATE			"state"
%token STATUS			"status"
%token ZONE			"zone"
%token DIRECTION		"direction"
%token EXPIRATION		"expiration"
%token ORIGINAL			"original"
%token REPLY			"reply"
%token PROTO_SRC		"proto-src"
%token PROTO_DST		"proto-dst"
%token SETS			"sets"
%token ELEMENT			"element"
%token ELEMENTS			"elements"
%token INTERVAL			"interval"
%token CONSTANT			"constant"
%token DYNAMIC			"dynamic"
%token MEMORY			"memory"
%token PERFORMANCE		"performance"
%token GC_INTERVAL		"gc-interval"
%token TYPEOF			"typeof"
%token AUTOMERGE		"auto-merge"
%token MAP			"map"
%token MAPS			"maps"
%token VMAP			"vmap"
%token DOT			"."

%type <cmd>	line base_cmd add_cmd create_cmd insert_cmd replace_cmd
%type <cmd>	delete_cmd list_cmd flush_cmd rename_cmd
%destructor { if ($$) cmd_free($$); } line base_cmd add_cmd create_cmd
%destructor { if ($$) cmd_free($$); } insert_cmd replace_cmd delete_cmd
%destructor { if ($$) cmd_free($$); } list_cmd flush_cmd rename_cmd
%type <handle>	table_spec chain_spec obj_spec rule_position
%destructor { handle_free(&$$); } table_spec chain_spec obj_spec rule_position
%type <val32>	family_spec family_spec_explicit family_opt
%type <val>	ct_l4protoname
%type <string>	identifier string comment_spec
%destructor { free($$); } identifier string comment_spec
%type <table>	table_block_alloc table_block
%destructor { scope_close(state); table_free($$); } table_block_alloc
%type <chain>	chain_block_alloc chain_block
%destructor { scope_close(state); chain_free($$); } chain_block_alloc
%type <obj>	ct_helper_block_alloc ct_helper_block
%type <obj>	ct_expect_block_alloc ct_expect_block
%type <obj>	ct_timeout_block_alloc ct_timeout_block
%destructor { obj_free($$); } ct_timeout_block_alloc
%destructor { obj_free($$); } ct_helper_block_alloc ct_expect_block_alloc
%type <set>	set_block_alloc set_block
%destructor { set_free($$); } set_block_alloc
%type <val32>	set_flag set_flag_list set_policy
%type <val>	time_ms
%type <prio>	prio_spec
%destructor { free($$.name); } prio_spec
%type <rule>	rule stmt_list
%destructor { rule_free($$); } rule stmt_list
%type <stmt>	stmt verdict_stmt match_stmt counter_stmt log_stmt log_args
%type <stmt>	queue_stmt queue_args reject_stmt notrack_stmt ct_stmt meta_stmt
%destructor { stmt_free($$); } stmt verdict_stmt match_stmt counter_stmt
%destructor { stmt_free($$); } log_stmt log_args queue_stmt queue_args
%destructor { stmt_free($$); } reject_stmt notrack_stmt ct_stmt meta_stmt
%type <expr>	verdict_expr lhs_expr payload_expr meta_expr ct_expr
%type <expr>	rhs_expr rhs_list rhs_value primary_rhs set_expr set_list
%type <expr>	queue_expr objref_name match_lhs mask_expr mask_list set_elem
%type <expr>	concat_rhs
%destructor { expr_free($$); } set_elem concat_rhs
%destructor { expr_free($$); } verdict_expr lhs_expr payload_expr meta_expr
%destructor { expr_free($$); } ct_expr rhs_expr rhs_list rhs_value
%destructor { expr_free($$); } primary_rhs set_expr set_list queue_expr
%destructor { expr_free($$); } match_lhs mask_expr mask_list
%destructor { expr_free($$); } objref_name
%type <val>	ip_field ip6_field tcp_field th_field icmp_field
%type <val>	meta_key meta_key_unqualified ct_key ct_key_dir ct_dir
%type <val>	time_seconds ct_helper_queue_flags
%type <op>	relop
%type <string>	keyword_value keyword_identifier
%type <string>	set_type_name
%destructor { free($$); } set_type_name

%%

input			:	%empty
			|	input	line
			{
				if ($2)
					list_add_tail(&$2->list, state->cmds);
			}
			;

stmt_separator		:	NEWLINE
			|	SEMICOLON
			;

opt_newline		:	%empty
			|	opt_newline NEWLINE
			;

line			:	common_block		{ $$ = NULL; }
			|	stmt_separator		{ $$ = NULL; }
			|	base_cmd stmt_separator
			{
				/* stock nft's command location includes the separator */
				$$ = $1;
				$$->location = @$;
			}
			|	base_cmd TOKEN_EOF	{ $$ = $1; }
			/* a bad last command: reported once, like stock nft */
			|	error TOKEN_EOF		{ $$ = NULL; state->nerrs++; }
			;

common_block		:	INCLUDE	QUOTED_STRING	stmt_separator
			{
				if (scanner_include_file(scanner, $2, &@$) < 0) {
					free($2);
					YYERROR;
				}
				free($2);
			}
			|	DEFINE	identifier	'='	rhs_expr	stmt_separator
			{
				if (symbol_define(state, $2, $4) < 0)
					parser_error(state, &@2,
						     "redefinition of symbol '%s'", $2);
				free($2);
			}
			|	error	stmt_separator
			{
				if (++state->nerrs >= MAX_PARSER_ERRORS)
					YYABORT;
				yyerrok;
			}
			;

base_cmd		:	add_cmd			{ $$ = $1; }
			|	ADD	add_cmd		{ $$ = $2; $$->location = @$; }
			|	CREATE	create_cmd	{ $$ = $2; $$->location = @$; }
			|	INSERT	insert_cmd	{ $$ = $2; $$->location = @$; }
			|	REPLACE	replace_cmd	{ $$ = $2; $$->location = @$; }
			|	DELETE	delete_cmd	{ $$ = $2; $$->location = @$; }
			|	LIST	list_cmd	{ $$ = $2; $$->location = @$; }
			|	FLUSH	flush_cmd	{ $$ = $2; $$->location = @$; }
			|	RENAME	rename_cmd	{ $$ = $2; $$->location = @$; }
			;

add_cmd			:	TABLE	table_spec
			{
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_TABLE, &$2, &@$, NULL);
			}
			|	TABLE	table_spec	table_block_alloc
				'{'	table_block	'}'
			{
				handle_copy(&$5->handle, &$2);
				$5->location = @2;
				scope_close(state);
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_TABLE, &$2, &@$, $5);
			}
			|	CHAIN	chain_spec
			{
				struct chain *c = chain_alloc();

				handle_copy(&c->handle, &$2);
				c->location = @2;
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_CHAIN, &$2, &@$, c);
			}
			|	CHAIN	chain_spec	chain_block_alloc
				'{'	chain_block	'}'
			{
				handle_copy(&$5->handle, &$2);
				$5->location = @2;
				scope_close(state);
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_CHAIN, &$2, &@$, $5);
			}
			|	RULE	rule_position	rule
			{
				handle_copy(&$3->handle, &$2);
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_RULE, &$2, &@$, $3);
			}
			|	SET	obj_spec	set_block_alloc
				'{'	set_block	'}'
			{
				handle_copy(&$5->handle, &$2);
				$5->location = @2;
				/* stock nft marks "{" up to the last item */
				$5->block_loc = @4;
				$5->block_loc.last_line = @5.last_line;
				$5->block_loc.last_column = @5.last_column;
				$5->decl_loc = $5->block_loc;
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_SET, &$2, &@$, $5);
			}
			|	MAP	obj_spec	set_block_alloc
				'{'	set_block	'}'
			{
				handle_copy(&$5->handle, &$2);
				$5->location = @2;
				$5->is_map = true;
				$5->block_loc = @4;
				$5->block_loc.last_line = @5.last_line;
				$5->block_loc.last_column = @5.last_column;
				$5->decl_loc = $5->block_loc;
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_MAP, &$2, &@$, $5);
			}
			|	ELEMENT	obj_spec	set_expr
			{
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_ELEMENTS, &$2, &@$, NULL);
				$$->expr = $3;
			}
			|	CT	HELPER	obj_spec	ct_helper_block_alloc
				'{'	ct_helper_block	'}'
			{
				handle_copy(&$6->handle, &$3);
				$6->location = @3;
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_CT_HELPER, &$3, &@$, $6);
			}
			|	CT	EXPECTATION	obj_spec	ct_expect_block_alloc
				'{'	ct_expect_block	'}'
			{
				handle_copy(&$6->handle, &$3);
				$6->location = @3;
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_CT_EXPECT, &$3, &@$, $6);
			}
			|	CT	TIMEOUT	obj_spec	ct_timeout_block_alloc
				'{'	ct_timeout_block	'}'
			{
				handle_copy(&$6->handle, &$3);
				$6->location = @3;
				$$ = cmd_alloc(CMD_ADD, CMD_OBJ_CT_TIMEOUT, &$3, &@$, $6);
			}
			;

create_cmd		:	add_cmd
			{
				$$ = $1;
				$$->op = CMD_CREATE;
				if ($$->obj == CMD_OBJ_RULE) {
					parser_error(state, &@$, "%s",
						     "syntax error, rules cannot be created, use add or insert");
					cmd_free($$);
					YYERROR;
				}
			}
			;

insert_cmd		:	RULE	rule_position	rule
			{
				handle_copy(&$3->handle, &$2);
				$$ = cmd_alloc(CMD_INSERT, CMD_OBJ_RULE, &$2, &@$, $3);
			}
			;

replace_cmd		:	RULE	rule_position	rule
			{
				handle_copy(&$3->handle, &$2);
				$$ = cmd_alloc(CMD_REPLACE, CMD_OBJ_RULE, &$2, &@$, $3);
			}
			;

delete_cmd		:	TABLE	table_spec
			{
				$$ = cmd_alloc(CMD_DELETE, CMD_OBJ_TABLE, &$2, &@$, NULL);
			}
			|	CHAIN	chain_spec
			{
				$$ = cmd_alloc(CMD_DELETE, CMD_OBJ_CHAIN, &$2, &@$, NULL);
			}
			|	RULE	rule_position
			{
				$$ = cmd_alloc(CMD_DELETE, CMD_OBJ_RULE, &$2, &@$, NULL);
			}
			|	SET	obj_spec
			{
				$$ = cmd_alloc(CMD_DELETE, CMD_OBJ_SET, &$2, &@$, NULL);
			}
			|	MAP	obj_spec
			{
				$$ = cmd_alloc(CMD_DELETE, CMD_OBJ_MAP, &$2, &@$, NULL);
			}
			|	ELEMENT	obj_spec	set_expr
			{
				$$ = cmd_alloc(CMD_DELETE, CMD_OBJ_ELEMENTS, &$2, &@$, NULL);
				$$->expr = $3;
			}
			|	CT	HELPER	obj_spec
			{
				$$ = cmd_alloc(CMD_DELETE, CMD_OBJ_CT_HELPER, &$3, &@$, NULL);
			}
			|	CT	EXPECTATION	obj_spec
			{
				$$ = cmd_alloc(CMD_DELETE, CMD_OBJ_CT_EXPECT, &$3, &@$, NULL);
			}
			|	CT	TIMEOUT	obj_spec
			{
				$$ = cmd_alloc(CMD_DELETE, CMD_OBJ_CT_TIMEOUT, &$3, &@$, NULL);
			}
			;

list_cmd		:	RULESET	family_opt
			{
				struct handle h = { .family = $2 };

				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_RULESET, &h, &@$, NULL);
			}
			|	TABLES	family_opt
			{
				struct handle h = { .family = $2 };

				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_TABLES, &h, &@$, NULL);
			}
			|	CHAINS	family_opt
			{
				struct handle h = { .family = $2 };

				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_CHAINS, &h, &@$, NULL);
			}
			|	TABLE	table_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_TABLE, &$2, &@$, NULL);
			}
			|	CHAIN	chain_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_CHAIN, &$2, &@$, NULL);
			}
			|	SET	obj_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_SET, &$2, &@$, NULL);
			}
			|	SETS	family_opt
			{
				struct handle h = { .family = $2 };

				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_SETS, &h, &@$, NULL);
			}
			|	SETS	TABLE	table_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_SETS, &$3, &@$, NULL);
			}
			|	MAP	obj_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_MAP, &$2, &@$, NULL);
			}
			|	MAPS	family_opt
			{
				struct handle h = { .family = $2 };

				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_MAPS, &h, &@$, NULL);
			}
			|	MAPS	TABLE	table_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_MAPS, &$3, &@$, NULL);
			}
			|	CT	HELPER	obj_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_CT_HELPER, &$3, &@$, NULL);
			}
			|	CT	EXPECTATION	obj_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_CT_EXPECT, &$3, &@$, NULL);
			}
			|	CT	TIMEOUT		obj_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_CT_TIMEOUT, &$3, &@$, NULL);
			}
			|	CT	HELPERS	TABLE	table_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_CT_HELPERS, &$4, &@$, NULL);
			}
			|	CT	EXPECTATION	TABLE	table_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_CT_EXPECT, &$4, &@$, NULL);
			}
			|	CT	TIMEOUT	TABLE	table_spec
			{
				$$ = cmd_alloc(CMD_LIST, CMD_OBJ_CT_TIMEOUT, &$4, &@$, NULL);
			}
			;

flush_cmd		:	RULESET	family_opt
			{
				struct handle h = { .family = $2 };

				$$ = cmd_alloc(CMD_FLUSH, CMD_OBJ_RULESET, &h, &@$, NULL);
			}
			|	TABLE	table_spec
			{
				$$ = cmd_alloc(CMD_FLUSH, CMD_OBJ_TABLE, &$2, &@$, NULL);
			}
			|	CHAIN	chain_spec
			{
				$$ = cmd_alloc(CMD_FLUSH, CMD_OBJ_CHAIN, &$2, &@$, NULL);
			}
			|	SET	obj_spec
			{
				$$ = cmd_alloc(CMD_FLUSH, CMD_OBJ_SET, &$2, &@$, NULL);
			}
			|	MAP	obj_spec
			{
				$$ = cmd_alloc(CMD_FLUSH, CMD_OBJ_MAP, &$2, &@$, NULL);
			}
			;

rename_cmd		:	CHAIN	chain_spec	identifier
			{
				$$ = cmd_alloc(CMD_RENAME, CMD_OBJ_CHAIN, &$2, &@$, NULL);
				$$->arg = $3;
			}
			;

family_spec		:	%empty			{ $$ = NFPROTO_IPV4; }
			|	family_spec_explicit	{ $$ = $1; }
			;

family_spec_explicit	:	IP			{ $$ = NFPROTO_IPV4; }
			|	IP6			{ $$ = NFPROTO_IPV6; }
			|	INET			{ $$ = NFPROTO_INET; }
			|	ARP			{ $$ = NFPROTO_ARP; }
			|	BRIDGE			{ $$ = NFPROTO_BRIDGE; }
			|	NETDEV			{ $$ = NFPROTO_NETDEV; }
			;

family_opt		:	%empty			{ $$ = NFPROTO_UNSPEC; }
			|	family_spec_explicit	{ $$ = $1; }
			;

identifier		:	STRING			{ $$ = $1; }
			|	keyword_identifier	{ $$ = xstrdup($1); }
			;

/* keywords that stock nft also accepts as names ("table ip helpers") */
keyword_identifier	:	HELPERS		{ $$ = "helpers"; }
			|	TABLES		{ $$ = "tables"; }
			|	CHAINS		{ $$ = "chains"; }
			|	RULESET		{ $$ = "ruleset"; }
			|	STATE		{ $$ = "state"; }
			|	STATUS		{ $$ = "status"; }
			|	ZONE		{ $$ = "zone"; }
			|	DIRECTION	{ $$ = "direction"; }
			|	EXPIRATION	{ $$ = "expiration"; }
			|	LEVEL		{ $$ = "level"; }
			|	PREFIX		{ $$ = "prefix"; }
			|	GROUP		{ $$ = "group"; }
			|	PACKETS		{ $$ = "packets"; }
			|	BYTES		{ $$ = "bytes"; }
			|	SIZE		{ $$ = "size"; }
			|	FLAGS		{ $$ = "flags"; }
			|	TO		{ $$ = "to"; }
			|	BYPASS		{ $$ = "bypass"; }
			|	EMPTY		{ $$ = "empty"; }
			|	PRIVATE		{ $$ = "private"; }
			|	FANOUT		{ $$ = "fanout"; }
			|	USERSPACE	{ $$ = "userspace"; }
			|	L3PROTO		{ $$ = "l3proto"; }
			|	L4PROTO		{ $$ = "l4proto"; }
			|	NFPROTO		{ $$ = "nfproto"; }
			|	SADDR		{ $$ = "saddr"; }
			|	DADDR		{ $$ = "daddr"; }
			|	TTL		{ $$ = "ttl"; }
			|	LENGTH		{ $$ = "length"; }
			|	DSCP		{ $$ = "dscp"; }
			|	NEXTHDR		{ $$ = "nexthdr"; }
			|	HOPLIMIT	{ $$ = "hoplimit"; }
			|	SPORT		{ $$ = "sport"; }
			|	DPORT		{ $$ = "dport"; }
			|	CODE		{ $$ = "code"; }
			|	PKTTYPE		{ $$ = "pkttype"; }
			|	DEVICE		{ $$ = "device"; }
			|	HOOK		{ $$ = "hook"; }
			|	POSITION	{ $$ = "position"; }
			|	INDEX		{ $$ = "index"; }
			|	WITH		{ $$ = "with"; }
			|	NUMKW		{ $$ = "num"; }
			|	DESCRIBE	{ $$ = "describe"; }
			|	PROTO_SRC	{ $$ = "proto-src"; }
			|	PROTO_DST	{ $$ = "proto-dst"; }
			|	EXPECTATION	{ $$ = "expectation"; }
			|	PROTOCOL	{ $$ = "protocol"; }
			|	TYPE		{ $$ = "type"; }
			;

string			:	STRING			{ $$ = $1; }
			|	QUOTED_STRING		{ $$ = $1; }
			;

table_spec		:	family_spec	identifier
			{
				$$ = handle_table($1, $2, &@2);
			}
			;

chain_spec		:	table_spec	identifier
			{
				$$ = $1;
				$$.chain.name = $2;
				$$.chain.location = @2;
			}
			;

obj_spec		:	table_spec	identifier
			{
				$$ = $1;
				$$.obj.name = $2;
				$$.obj.location = @2;
			}
			;

rule_position		:	chain_spec			{ $$ = $1; }
			|	chain_spec	POSITION	NUM
			{
				$$ = $1;
				$$.position.id = $3;
				$$.position.location = @3;
			}
			|	chain_spec	HANDLE	NUM
			{
				$$ = $1;
				$$.handle.id = $3;
				$$.handle.location = @3;
			}
			|	chain_spec	INDEX	NUM
			{
				$$ = $1;
				$$.index.id = $3 + 1;	/* 0 means "not given" */
				$$.index.location = @3;
			}
			;

/* stock nft's limit (libnftnl's NFTNL_UDATA_COMMENT_MAXLEN), checked here */
comment_spec		:	COMMENT	string
			{
				if (strlen($2) > COMMENT_MAXLEN) {
					parser_error(state, &@2, "%s",
						     "comment too long, " COMMENT_MAXLEN_STR
						     " characters maximum allowed");
					free($2);
					YYERROR;
				}
				$$ = $2;
			}
			;

/* ---- table blocks ---- */

table_block_alloc	:	%empty
			{
				$$ = table_alloc();
				scope_open(state);
			}
			;

table_block		:	%empty		{ $$ = $<table>-1; }
			|	table_block	common_block
			|	table_block	stmt_separator
			|	table_block	comment_spec	stmt_separator
			{
				free($1->comment);
				$1->comment = $2;
				$$ = $1;
			}
			|	table_block	CHAIN	identifier	chain_block_alloc
				'{'	chain_block	'}'	stmt_separator
			{
				$6->handle.chain.name = $3;
				$6->handle.chain.location = @3;
				$6->location = @3;
				scope_close(state);
				list_add_tail(&$6->list, &$1->chains);
				$$ = $1;
			}
			|	table_block	SET	identifier	set_block_alloc
				'{'	set_block	'}'	stmt_separator
			{
				$6->handle.obj.name = $3;
				$6->handle.obj.location = @3;
				$6->location = @3;
				$6->block_loc = @5;
				$6->block_loc.last_line = @6.last_line;
				$6->block_loc.last_column = @6.last_column;
				$6->decl_loc = @3;
				list_add_tail(&$6->list, &$1->sets);
				$$ = $1;
			}
			|	table_block	MAP	identifier	set_block_alloc
				'{'	set_block	'}'	stmt_separator
			{
				$6->handle.obj.name = $3;
				$6->handle.obj.location = @3;
				$6->location = @3;
				$6->is_map = true;
				$6->block_loc = @5;
				$6->block_loc.last_line = @6.last_line;
				$6->block_loc.last_column = @6.last_column;
				$6->decl_loc = @3;
				list_add_tail(&$6->list, &$1->sets);
				$$ = $1;
			}
			|	table_block	CT	HELPER	identifier
				ct_helper_block_alloc	'{'	ct_helper_block	'}'
				stmt_separator
			{
				$7->handle.obj.name = $4;
				$7->handle.obj.location = @4;
				$7->location = @4;
				list_add_tail(&$7->list, &$1->objs);
				$$ = $1;
			}
			|	table_block	CT	TIMEOUT	identifier
				ct_timeout_block_alloc	'{'	ct_timeout_block	'}'
				stmt_separator
			{
				$7->handle.obj.name = $4;
				$7->handle.obj.location = @4;
				$7->location = @4;
				list_add_tail(&$7->list, &$1->objs);
				$$ = $1;
			}
			|	table_block	CT	EXPECTATION	identifier
				ct_expect_block_alloc	'{'	ct_expect_block	'}'
				stmt_separator
			{
				$7->handle.obj.name = $4;
				$7->handle.obj.location = @4;
				$7->location = @4;
				list_add_tail(&$7->list, &$1->objs);
				$$ = $1;
			}
			;

/* ---- sets ---- */

set_block_alloc		:	%empty		{ $$ = set_alloc(); }
			;

set_block		:	%empty		{ $$ = $<set>-1; }
			|	set_block	common_block
			|	set_block	stmt_separator
			|	set_block	TYPE	set_key_type
			{
				$1->key_loc = @3;
				$$ = $1;
			}
			|	set_block	TYPE	set_key_type	COLON	set_type_name
			{
				/* a map's "type KEY : DATA" */
				$1->key_loc = @3;
				free($1->data_type.name);
				$1->data_type.name = $5;
				$1->data_type.location = @5;
				$$ = $1;
			}
			|	set_block	TYPEOF	typeof_expr
			{
				$1->has_typeof = true;
				$1->typeof_loc = @3;
				$$ = $1;
			}
			|	set_block	FLAGS	set_flag_list
			{
				$1->flags |= $3;
				$1->flags_loc = @3;
				$$ = $1;
			}
			|	set_block	TIMEOUT	time_ms
			{
				$1->timeout_ms = $3;
				$$ = $1;
			}
			|	set_block	GC_INTERVAL	time_ms
			{
				$1->gc_interval_ms = $3;
				$$ = $1;
			}
			|	set_block	SIZE	NUM
			{
				$1->size = $3;
				$$ = $1;
			}
			|	set_block	POLICY	set_policy
			{
				$1->policy = $3;
				$1->policy_set = true;
				$$ = $1;
			}
			|	set_block	ELEMENTS	'='	set_expr
			{
				expr_free($1->init);
				$1->init = $4;
				$$ = $1;
			}
			|	set_block	AUTOMERGE
			{
				$1->automerge = true;
				$1->automerge_loc = @2;
				$$ = $1;
			}
			|	set_block	comment_spec
			{
				free($1->comment);
				$1->comment = $2;
				$$ = $1;
			}
			;

/* "ipv4_addr" or a concatenation "ipv4_addr . inet_service" */
set_key_type		:	set_type_name
			{
				struct set *s = $<set>-1;

				free(s->key_type.name);
				s->key_type.name = $1;
				s->key_type.location = @1;
			}
			|	set_key_type	DOT	set_type_name
			{
				$<set>-1->key_concat = true;
				free($3);
			}
			;

/* type names; "mark" is a keyword elsewhere */
set_type_name		:	identifier	{ $$ = $1; }
			|	MARK		{ $$ = xstrdup("mark"); }
			;

typeof_expr		:	lhs_expr
			{
				struct set *s = $<set>-1;

				expr_free(s->typeof_expr);
				s->typeof_expr = $1;
			}
			|	typeof_expr	DOT	lhs_expr
			{
				$<set>-1->key_concat = true;
				expr_free($3);
			}
			;

set_flag_list		:	set_flag		{ $$ = $1; }
			|	set_flag_list	COMMA	set_flag	{ $$ = $1 | $3; }
			;

set_flag		:	CONSTANT	{ $$ = NFT_SET_CONSTANT; }
			|	INTERVAL	{ $$ = NFT_SET_INTERVAL; }
			|	TIMEOUT		{ $$ = NFT_SET_TIMEOUT; }
			|	DYNAMIC		{ $$ = NFT_SET_EVAL; }
			;

set_policy		:	PERFORMANCE	{ $$ = NFT_SET_POL_PERFORMANCE; }
			|	MEMORY		{ $$ = NFT_SET_POL_MEMORY; }
			;

/* "30" (seconds), "1h30m", "500ms": milliseconds */
time_ms			:	NUM		{ $$ = $1 * 1000; }
			|	STRING
			{
				int64_t ms = parse_milliseconds($1);

				if (ms < 0) {
					parser_error(state, &@1, "wrong time format: %s", $1);
					ms = 0;
				}
				free($1);
				$$ = (uint64_t)ms;
			}
			;

/* "10.0.0.1 . 22": a concatenation (refused; its match already was) */
concat_rhs		:	rhs_value	DOT	rhs_value
			{
				$$ = expr_alloc(&@$, EXPR_MAPPING);
				$$->binary.left = $1;
				$$->binary.right = $3;
			}
			|	concat_rhs	DOT	rhs_value
			{
				$$ = expr_alloc(&@$, EXPR_MAPPING);
				$$->binary.left = $1;
				$$->binary.right = $3;
			}
			;

/* a value, or "key : data" of a map (refused by evaluation) */
set_elem		:	rhs_value	{ $$ = $1; }
			|	concat_rhs	{ $$ = $1; }
			|	rhs_value	COLON	verdict_expr
			{
				$$ = expr_alloc(&@$, EXPR_MAPPING);
				$$->binary.left = $1;
				$$->binary.right = $3;
			}
			|	rhs_value	COLON	rhs_value
			{
				$$ = expr_alloc(&@$, EXPR_MAPPING);
				$$->binary.left = $1;
				$$->binary.right = $3;
			}
			;

/* ---- ct timeout objects ---- */

ct_timeout_block_alloc	:	%empty
			{
				$$ = obj_alloc(NULL, NFT_OBJECT_CT_TIMEOUT);
				state->cur_timeout = $$;
			}
			;

ct_timeout_block	:	%empty		{ $$ = $<obj>-1; }
			|	ct_timeout_block	common_block
			|	ct_timeout_block	stmt_separator
			|	ct_timeout_block	ct_timeout_config	stmt_separator
			|	ct_timeout_block	comment_spec	stmt_separator
			{
				free($1->comment);
				$1->comment = $2;
				$$ = $1;
			}
			;

ct_timeout_config	:	PROTOCOL	ct_l4protoname
			{
				$<obj>0->ct_timeout.l4proto = (uint8_t)$2;
			}
			|	L3PROTO	family_spec_explicit
			{
				$<obj>0->ct_timeout.l3proto_set = true;
				$<obj>0->ct_timeout.l3proto = (uint16_t)$2;
			}
			|	POLICY	'='	'{'	opt_newline	timeout_states	opt_newline	'}'
			;

timeout_states		:	timeout_state
			|	timeout_states	COMMA	opt_newline	timeout_state
			;

timeout_state		:	STRING	COLON	NUM
			{
				struct ct_timeout_spec *t = &state->cur_timeout->ct_timeout;

				if (t->num < CT_TIMEOUT_STATES_MAX) {
					t->policy[t->num].state.name = $1;
					t->policy[t->num].state.location = @1;
					t->policy[t->num].value = $3;
					t->policy[t->num].value_loc = @3;
				} else {
					free($1);
				}
				t->num++;
			}
			;

/* ---- chain blocks ---- */

chain_block_alloc	:	%empty
			{
				$$ = chain_alloc();
				scope_open(state);
			}
			;

chain_block		:	%empty		{ $$ = $<chain>-1; }
			|	chain_block	common_block
			|	chain_block	stmt_separator
			|	chain_block	TYPE	string	HOOK	string
				dev_spec	PRIORITY	prio_spec	stmt_separator
			{
				/* a repeated hook line replaces the earlier one */
				free($1->type.name);
				free($1->hook.name);
				free($1->priority.name);
				$1->base = true;
				$1->type.name = $3;
				$1->type.location = @3;
				$1->hook.name = $5;
				$1->hook.location = @5;
				$1->priority = $8;
				$$ = $1;
			}
			|	chain_block	POLICY	ACCEPT	stmt_separator
			{
				$1->policy = NF_ACCEPT;
				$1->policy_loc = @3;
				$$ = $1;
			}
			|	chain_block	POLICY	DROP	stmt_separator
			{
				$1->policy = NF_DROP;
				$1->policy_loc = @3;
				$$ = $1;
			}
			|	chain_block	comment_spec	stmt_separator
			{
				free($1->comment);
				$1->comment = $2;
				$$ = $1;
			}
			|	chain_block	rule	stmt_separator
			{
				list_add_tail(&$2->list, &$1->rules);
				$$ = $1;
			}
			;

dev_spec		:	%empty
			|	DEVICE	string
			{
				struct chain *c = $<chain>-4;

				free(c->dev.name);
				c->dev.name = $2;
				c->dev.location = @2;
			}
			;

prio_spec		:	NUM
			{
				$$.location = @$;
				$$.name = NULL;
				$$.num = (int64_t)$1;
			}
			|	DASH	NUM
			{
				$$.location = @$;
				$$.name = NULL;
				$$.num = -(int64_t)$2;
			}
			|	string
			{
				$$.location = @$;
				$$.name = $1;
				$$.num = 0;
			}
			|	string	PLUS	NUM
			{
				$$.location = @$;
				$$.name = $1;
				$$.num = (int64_t)$3;
			}
			|	string	DASH	NUM
			{
				$$.location = @$;
				$$.name = $1;
				$$.num = -(int64_t)$3;
			}
			;

/* ---- ct helper objects ---- */

ct_helper_block_alloc	:	%empty
			{
				$$ = obj_alloc(NULL, NFT_OBJECT_CT_HELPER);
			}
			;

ct_helper_block		:	%empty		{ $$ = $<obj>-1; }
			|	ct_helper_block	common_block
			|	ct_helper_block	stmt_separator
			|	ct_helper_block	ct_helper_config	stmt_separator
			|	ct_helper_block	comment_spec	stmt_separator
			{
				free($1->comment);
				$1->comment = $2;
				$$ = $1;
			}
			;

ct_l4protoname		:	TCP	{ $$ = IPPROTO_TCP; }
			|	UDP	{ $$ = IPPROTO_UDP; }
			;

ct_helper_config	:	TYPE	QUOTED_STRING	PROTOCOL	ct_l4protoname
			{
				struct ct_helper_spec *h = &$<obj>0->ct_helper;

				free(h->type.name);
				h->type.name = $2;
				h->type.location = @2;
				h->type_loc = @$;
				h->l4proto = (uint8_t)$4;
			}
			|	L3PROTO	family_spec_explicit
			{
				struct ct_helper_spec *h = &$<obj>0->ct_helper;

				h->l3proto_set = true;
				h->l3proto = (uint16_t)$2;
				h->l3proto_loc = @2;
			}
			|	USERSPACE	QUEUE	NUM	ct_helper_queue_flags
			{
				struct ct_helper_spec *h = &$<obj>0->ct_helper;

				h->bypass = $4 & CT_HELPER_QF_BYPASS;
				h->queue_empty = $4 & CT_HELPER_QF_EMPTY;
				h->userspace = true;
				h->userspace_loc = @$;
				h->queue_first = $3;
				h->queue_last = $3;
				h->queue_loc = @3;
			}
			|	USERSPACE	QUEUE	NUM	DASH	NUM	ct_helper_queue_flags
			{
				struct ct_helper_spec *h = &$<obj>0->ct_helper;

				h->bypass = $6 & CT_HELPER_QF_BYPASS;
				h->queue_empty = $6 & CT_HELPER_QF_EMPTY;
				h->userspace = true;
				h->userspace_loc = @$;
				h->queue_first = $3;
				h->queue_last = $5;
				h->queue_loc = @3;
				h->queue_loc.last_column = @5.last_column;
			}
			|	PRIVATE	NUM
			{
				struct ct_helper_spec *h = &$<obj>0->ct_helper;

				h->priv_len_set = true;
				h->priv_len = $2;
				h->priv_len_loc = @2;
				h->priv_loc = @$;
			}
			|	EXPECTATION	QUOTED_STRING	SIZE	NUM	TIMEOUT	time_seconds
			{
				struct ct_helper_spec *h = &$<obj>0->ct_helper;
				struct ct_helper_policy_spec *p;

				if (h->policy_count >= CT_HELPER_POLICY_PARSE_MAX) {
					free($2);
				} else {
					p = &h->policy[h->policy_count];
					p->location = @$;
					p->name.name = $2;
					p->name.location = @2;
					p->size = $4;
					p->size_loc = @4;
					p->timeout = $6;
					p->timeout_loc = @6;
				}
				h->policy_count++;
			}
			;

/* in any order, as the queue statement's flags */
ct_helper_queue_flags	:	%empty		{ $$ = 0; }
			|	ct_helper_queue_flags	BYPASS
			{
				$$ = $1 | CT_HELPER_QF_BYPASS;
			}
			|	ct_helper_queue_flags	EMPTY
			{
				$$ = $1 | CT_HELPER_QF_EMPTY;
			}
			;

time_seconds		:	NUM		{ $$ = $1; }
			|	STRING
			{
				int64_t s = parse_seconds($1);

				if (s < 0) {
					parser_error(state, &@1,
						     "invalid time value '%s', expected e.g. 300s, 5m or 1h",
						     $1);
					s = 0;
				}
				free($1);
				$$ = (uint64_t)s;
			}
			;

/* ---- ct expectation objects ---- */

ct_expect_block_alloc	:	%empty
			{
				$$ = obj_alloc(NULL, NFT_OBJECT_CT_EXPECT);
			}
			;

ct_expect_block		:	%empty		{ $$ = $<obj>-1; }
			|	ct_expect_block	common_block
			|	ct_expect_block	stmt_separator
			|	ct_expect_block	ct_expect_config	stmt_separator
			|	ct_expect_block	comment_spec	stmt_separator
			{
				free($1->comment);
				$1->comment = $2;
				$$ = $1;
			}
			;

ct_expect_config	:	PROTOCOL	ct_l4protoname
			{
				$<obj>0->ct_expect.l4proto = (uint8_t)$2;
			}
			|	DPORT	NUM
			{
				$<obj>0->ct_expect.dport = $2;
				$<obj>0->ct_expect.dport_loc = @2;
			}
			|	TIMEOUT	NUM
			{
				$<obj>0->ct_expect.timeout_ms = $2;
				$<obj>0->ct_expect.timeout_loc = @2;
			}
			|	TIMEOUT	STRING
			{
				int64_t ms = parse_milliseconds($2);

				if (ms < 0)
					parser_error(state, &@2,
						     "invalid time value '%s'", $2);
				free($2);
				$<obj>0->ct_expect.timeout_ms = ms < 0 ? 0 : (uint64_t)ms;
				$<obj>0->ct_expect.timeout_loc = @2;
			}
			|	SIZE	NUM
			{
				$<obj>0->ct_expect.size = $2;
				$<obj>0->ct_expect.size_loc = @2;
			}
			|	L3PROTO	family_spec_explicit
			{
				$<obj>0->ct_expect.l3proto_set = true;
				$<obj>0->ct_expect.l3proto = (uint16_t)$2;
			}
			;

/* ---- rules ---- */

rule			:	stmt_list		{ $$ = $1; $$->location = @$; }
			|	stmt_list	comment_spec
			{
				$$ = $1;
				$$->location = @$;
				$$->comment = $2;
			}
			;

stmt_list		:	stmt
			{
				$$ = rule_alloc(&@$);
				list_add_tail(&$1->list, &$$->stmts);
				$$->num_stmts = 1;
			}
			|	stmt_list	stmt
			{
				$$ = $1;
				list_add_tail(&$2->list, &$$->stmts);
				$$->num_stmts++;
			}
			;

stmt			:	verdict_stmt
			|	match_stmt
			|	counter_stmt
			|	log_stmt
			|	queue_stmt
			|	reject_stmt
			|	notrack_stmt
			|	ct_stmt
			|	meta_stmt
			;

verdict_stmt		:	verdict_expr
			{
				$$ = stmt_alloc(&@$, STMT_VERDICT);
				$$->expr = $1;
			}
			;

verdict_expr		:	ACCEPT	{ $$ = verdict_expr_alloc(&@$, NF_ACCEPT, NULL, NULL); }
			|	DROP	{ $$ = verdict_expr_alloc(&@$, NF_DROP, NULL, NULL); }
			|	CONTINUE { $$ = verdict_expr_alloc(&@$, NFT_CONTINUE, NULL, NULL); }
			|	RETURN	{ $$ = verdict_expr_alloc(&@$, NFT_RETURN, NULL, NULL); }
			|	JUMP	identifier
			{
				$$ = verdict_expr_alloc(&@$, NFT_JUMP, $2, &@2);
			}
			|	GOTO	identifier
			{
				$$ = verdict_expr_alloc(&@$, NFT_GOTO, $2, &@2);
			}
			;

counter_stmt		:	COUNTER
			{
				$$ = stmt_alloc(&@$, STMT_COUNTER);
			}
			|	COUNTER	PACKETS	NUM	BYTES	NUM
			{
				$$ = stmt_alloc(&@$, STMT_COUNTER);
				$$->counter.packets = $3;
				$$->counter.bytes = $5;
			}
			;

log_stmt		:	LOG
			{
				$$ = stmt_alloc(&@$, STMT_LOG);
			}
			|	log_args	{ $$ = $1; }
			;

log_args		:	LOG	PREFIX	string
			{
				$$ = stmt_alloc(&@$, STMT_LOG);
				$$->log.prefix = $3;
				$$->log.flags |= STMT_LOG_PREFIX;
			}
			|	LOG	LEVEL	string
			{
				$$ = stmt_alloc(&@$, STMT_LOG);
				$$->log.level_name = $3;
				$$->log.level_loc = @3;
				$$->log.flags |= STMT_LOG_LEVEL;
			}
			|	LOG	GROUP	NUM
			{
				$$ = stmt_alloc(&@$, STMT_LOG);
				$$->log.group = (uint32_t)$3;
				$$->log.flags |= STMT_LOG_GROUP;
			}
			|	log_args	PREFIX	string
			{
				$$ = $1;
				$$->location = @$;
				free($$->log.prefix);
				$$->log.prefix = $3;
				$$->log.flags |= STMT_LOG_PREFIX;
			}
			|	log_args	LEVEL	string
			{
				$$ = $1;
				$$->location = @$;
				free($$->log.level_name);
				$$->log.level_name = $3;
				$$->log.level_loc = @3;
				$$->log.flags |= STMT_LOG_LEVEL;
			}
			|	log_args	GROUP	NUM
			{
				$$ = $1;
				$$->location = @$;
				$$->log.group = (uint32_t)$3;
				$$->log.flags |= STMT_LOG_GROUP;
			}
			;

queue_stmt		:	QUEUE
			{
				$$ = stmt_alloc(&@$, STMT_QUEUE);
			}
			|	queue_args	{ $$ = $1; }
			;

queue_args		:	QUEUE	NUMKW	queue_expr
			{
				$$ = stmt_alloc(&@$, STMT_QUEUE);
				$$->queue.queue = $3;
			}
			|	QUEUE	BYPASS
			{
				$$ = stmt_alloc(&@$, STMT_QUEUE);
				$$->queue.flags |= NFT_QUEUE_FLAG_BYPASS;
			}
			|	QUEUE	FANOUT
			{
				$$ = stmt_alloc(&@$, STMT_QUEUE);
				$$->queue.flags |= NFT_QUEUE_FLAG_CPU_FANOUT;
			}
			|	queue_args	NUMKW	queue_expr
			{
				$$ = $1;
				$$->location = @$;
				expr_free($$->queue.queue);
				$$->queue.queue = $3;
			}
			|	queue_args	BYPASS
			{
				$$ = $1;
				$$->location = @$;
				$$->queue.flags |= NFT_QUEUE_FLAG_BYPASS;
			}
			|	queue_args	FANOUT
			{
				$$ = $1;
				$$->location = @$;
				$$->queue.flags |= NFT_QUEUE_FLAG_CPU_FANOUT;
			}
			;

queue_expr		:	NUM	{ $$ = number_symbol(&@$, $1); }
			|	NUM	DASH	NUM
			{
				$$ = range_expr_alloc(&@$, number_symbol(&@1, $1),
						      number_symbol(&@3, $3));
			}
			;

reject_stmt		:	TOKEN_REJECT
			{
				$$ = stmt_alloc(&@$, STMT_REJECT);
				$$->reject.type = -1;
			}
			|	TOKEN_REJECT	WITH	TCP	RESET
			{
				$$ = stmt_alloc(&@$, STMT_REJECT);
				$$->reject.type = NFT_REJECT_TCP_RST;
			}
			|	TOKEN_REJECT	WITH	reject_icmp_family	TYPE	string
			{
				$$ = stmt_alloc(&@$, STMT_REJECT);
				$$->reject.type = NFT_REJECT_ICMP_UNREACH;
				$$->reject.icmp_family = $<val32>3;
				$$->reject.icmp_code_name = $5;
				$$->reject.code_loc = @5;
			}
			|	TOKEN_REJECT	WITH	reject_icmp_family	string
			{
				$$ = stmt_alloc(&@$, STMT_REJECT);
				$$->reject.type = NFT_REJECT_ICMP_UNREACH;
				$$->reject.icmp_family = $<val32>3;
				$$->reject.icmp_code_name = $4;
				$$->reject.code_loc = @4;
			}
			;

reject_icmp_family	:	ICMP	{ $<val32>$ = NFPROTO_IPV4; }
			|	ICMP6	{ $<val32>$ = NFPROTO_IPV6; }
			|	ICMPX	{ $<val32>$ = NFPROTO_INET; }
			;

notrack_stmt		:	NOTRACK	{ $$ = stmt_alloc(&@$, STMT_NOTRACK); }
			;

objref_name		:	QUOTED_STRING
			{
				$$ = symbol_expr_alloc(&@$, SYMBOL_QUOTED, $1);
				free($1);
			}
			|	STRING
			{
				$$ = symbol_expr_alloc(&@$, SYMBOL_VALUE, $1);
				free($1);
			}
			|	VARIABLE
			{
				$$ = variable_lookup(state, &@$, $1);
				free($1);
			}
			;

ct_stmt			:	CT	HELPER	SET	objref_name
			{
				$$ = stmt_alloc(&@$, STMT_OBJREF);
				$$->objref.type = NFT_OBJECT_CT_HELPER;
				$$->objref.expr = $4;
			}
			|	CT	EXPECTATION	SET	objref_name
			{
				$$ = stmt_alloc(&@$, STMT_OBJREF);
				$$->objref.type = NFT_OBJECT_CT_EXPECT;
				$$->objref.expr = $4;
			}
			|	CT	TIMEOUT	SET	objref_name
			{
				$$ = stmt_alloc(&@$, STMT_OBJREF);
				$$->objref.type = NFT_OBJECT_CT_TIMEOUT;
				$$->objref.expr = $4;
			}
			|	CT	MARK	SET	rhs_expr
			{
				$$ = stmt_alloc(&@$, STMT_CT);
				$$->setkey.key = NFT_CT_MARK;
				$$->setkey.expr = $4;
			}
			;

meta_stmt		:	META	MARK	SET	rhs_expr
			{
				$$ = stmt_alloc(&@$, STMT_META);
				$$->setkey.key = NFT_META_MARK;
				$$->setkey.expr = $4;
			}
			|	MARK	SET	rhs_expr
			{
				$$ = stmt_alloc(&@$, STMT_META);
				$$->setkey.key = NFT_META_MARK;
				$$->setkey.expr = $3;
			}
			|	META	MARK	SET	lhs_expr	MAP	rhs_expr
			{
				/* data maps: parsed so the refusal points at them */
				parser_error(state, &@5, "%s is not supported by this nft",
					     "a map");
				expr_free($4);
				expr_free($6);
				$$ = stmt_alloc(&@$, STMT_META);
			}
			|	MARK	SET	lhs_expr	MAP	rhs_expr
			{
				parser_error(state, &@4, "%s is not supported by this nft",
					     "a map");
				expr_free($3);
				expr_free($5);
				$$ = stmt_alloc(&@$, STMT_META);
			}
			;

match_stmt		:	match_lhs	VMAP	rhs_expr
			{
				/* a relational expression of its own kind: loads,
				 * dependencies and listing work as for a match */
				$$ = stmt_alloc(&@$, STMT_EXPRESSION);
				$$->expr = relational_expr_alloc(&@$, OP_VMAP, $1, $3);
				$$->expr->op_loc = @2;
			}
			|	match_lhs	rhs_expr
			{
				$$ = stmt_alloc(&@$, STMT_EXPRESSION);
				$$->expr = relational_expr_alloc(&@$, OP_IMPLICIT, $1, $2);
			}
			|	match_lhs	relop	rhs_expr
			{
				$$ = stmt_alloc(&@$, STMT_EXPRESSION);
				$$->expr = relational_expr_alloc(&@$, $2, $1, $3);
				$$->expr->op_loc = @2;
			}
			;

relop			:	EQ	{ $$ = OP_EQ; }
			|	NEQ	{ $$ = OP_NEQ; }
			|	LT	{ $$ = OP_LT; }
			|	GT	{ $$ = OP_GT; }
			|	LTE	{ $$ = OP_LTE; }
			|	GTE	{ $$ = OP_GTE; }
			;

/* "tcp flags & (syn | ack)": evaluation decides what it can do with it */
match_lhs		:	lhs_expr	{ $$ = $1; }
			|	match_lhs	DOT	lhs_expr
			{
				parser_error(state, &@2, "%s is not supported by this nft",
					     "a concatenation");
				expr_free($3);
				$$ = $1;
			}
			|	match_lhs	'&'	mask_expr
			{
				$$ = expr_alloc(&@$, EXPR_MASK);
				$$->binary.left = $1;
				$$->binary.right = $3;
			}
			;

mask_expr		:	primary_rhs	{ $$ = $1; }
			|	'('	mask_list	')'	{ $$ = $2; }
			;

mask_list		:	primary_rhs	{ $$ = $1; }
			|	mask_list	'|'	primary_rhs
			{
				if ($1->etype != EXPR_LIST) {
					$$ = compound_expr_alloc(&@$, EXPR_LIST);
					compound_expr_add($$, $1);
				} else {
					$$ = $1;
					$$->location = @$;
				}
				compound_expr_add($$, $3);
			}
			;

lhs_expr		:	payload_expr
			|	meta_expr
			|	ct_expr
			;

payload_expr		:	IP	ip_field
			{
				$$ = payload_expr_alloc(&@$, PROTO_IP, (unsigned int)$2);
			}
			|	IP6	ip6_field
			{
				$$ = payload_expr_alloc(&@$, PROTO_IP6, (unsigned int)$2);
			}
			|	TCP	tcp_field
			{
				$$ = payload_expr_alloc(&@$, PROTO_TCP, (unsigned int)$2);
			}
			|	UDP	th_field
			{
				$$ = payload_expr_alloc(&@$, PROTO_UDP, (unsigned int)$2);
			}
			|	TH	th_field
			{
				$$ = payload_expr_alloc(&@$, PROTO_TH, (unsigned int)$2);
			}
			|	ICMP	icmp_field
			{
				$$ = payload_expr_alloc(&@$, PROTO_ICMP, (unsigned int)$2);
			}
			|	ICMP6	icmp_field
			{
				$$ = payload_expr_alloc(&@$, PROTO_ICMP6, (unsigned int)$2);
			}
			;

ip_field		:	DSCP		{ $$ = IPHDR_DSCP; }
			|	LENGTH		{ $$ = IPHDR_LENGTH; }
			|	TTL		{ $$ = IPHDR_TTL; }
			|	PROTOCOL	{ $$ = IPHDR_PROTOCOL; }
			|	SADDR		{ $$ = IPHDR_SADDR; }
			|	DADDR		{ $$ = IPHDR_DADDR; }
			;

ip6_field		:	NEXTHDR		{ $$ = IP6HDR_NEXTHDR; }
			|	HOPLIMIT	{ $$ = IP6HDR_HOPLIMIT; }
			|	SADDR		{ $$ = IP6HDR_SADDR; }
			|	DADDR		{ $$ = IP6HDR_DADDR; }
			;

tcp_field		:	th_field	{ $$ = $1; }
			|	FLAGS		{ $$ = TCPHDR_FLAGS; }
			;

th_field		:	SPORT		{ $$ = THDR_SPORT; }
			|	DPORT		{ $$ = THDR_DPORT; }
			;

icmp_field		:	TYPE		{ $$ = ICMPHDR_TYPE; }
			|	CODE		{ $$ = ICMPHDR_CODE; }
			;

meta_expr		:	META	meta_key
			{
				$$ = meta_expr_alloc(&@$, (unsigned int)$2);
			}
			|	meta_key_unqualified
			{
				$$ = meta_expr_alloc(&@$, (unsigned int)$1);
			}
			;

meta_key		:	L4PROTO		{ $$ = NFT_META_L4PROTO; }
			|	NFPROTO		{ $$ = NFT_META_NFPROTO; }
			|	PROTOCOL	{ $$ = NFT_META_PROTOCOL; }
			|	meta_key_unqualified	{ $$ = $1; }
			;

meta_key_unqualified	:	IIFNAME		{ $$ = NFT_META_IIFNAME; }
			|	OIFNAME		{ $$ = NFT_META_OIFNAME; }
			|	IIF		{ $$ = NFT_META_IIF; }
			|	OIF		{ $$ = NFT_META_OIF; }
			|	MARK		{ $$ = NFT_META_MARK; }
			|	PKTTYPE		{ $$ = NFT_META_PKTTYPE; }
			;

ct_expr			:	CT	ct_key
			{
				$$ = ct_expr_alloc(&@$, (unsigned int)$2, -1);
			}
			|	CT	ct_dir	ct_key_dir
			{
				$$ = ct_expr_alloc(&@$, (unsigned int)$3, (int)$2);
			}
			|	CT	ct_dir	IP	SADDR
			{
				$$ = ct_expr_alloc(&@$, NFT_CT_SRC_IP, (int)$2);
			}
			|	CT	ct_dir	IP	DADDR
			{
				$$ = ct_expr_alloc(&@$, NFT_CT_DST_IP, (int)$2);
			}
			|	CT	ct_dir	IP6	SADDR
			{
				$$ = ct_expr_alloc(&@$, NFT_CT_SRC_IP6, (int)$2);
			}
			|	CT	ct_dir	IP6	DADDR
			{
				$$ = ct_expr_alloc(&@$, NFT_CT_DST_IP6, (int)$2);
			}
			;

ct_dir			:	ORIGINAL	{ $$ = 0; }
			|	REPLY		{ $$ = 1; }
			;

ct_key			:	STATE		{ $$ = NFT_CT_STATE; }
			|	STATUS		{ $$ = NFT_CT_STATUS; }
			|	HELPER		{ $$ = NFT_CT_HELPER; }
			|	MARK		{ $$ = NFT_CT_MARK; }
			|	ZONE		{ $$ = NFT_CT_ZONE; }
			|	DIRECTION	{ $$ = NFT_CT_DIRECTION; }
			|	EXPIRATION	{ $$ = NFT_CT_EXPIRATION; }
			|	ct_key_dir	{ $$ = $1; }
			;

ct_key_dir		:	SADDR		{ $$ = NFT_CT_SRC; }
			|	DADDR		{ $$ = NFT_CT_DST; }
			|	L3PROTO		{ $$ = NFT_CT_L3PROTOCOL; }
			|	PROTOCOL	{ $$ = NFT_CT_PROTOCOL; }
			|	PROTO_SRC	{ $$ = NFT_CT_PROTO_SRC; }
			|	PROTO_DST	{ $$ = NFT_CT_PROTO_DST; }
			;

/* @name is a whole right-hand side, as in stock nft: never an element */
rhs_expr		:	rhs_list	{ $$ = $1; }
			|	set_expr	{ $$ = $1; }
			|	AT	identifier
			{
				$$ = expr_alloc(&@$, EXPR_SET_REF);
				$$->sym.identifier = $2;
			}
			;

rhs_list		:	rhs_value	{ $$ = $1; }
			|	rhs_list	list_separator	rhs_value
			{
				if ($1->etype != EXPR_LIST) {
					$$ = compound_expr_alloc(&@$, EXPR_LIST);
					compound_expr_add($$, $1);
				} else {
					$$ = $1;
					$$->location = @$;
				}
				compound_expr_add($$, $3);
			}
			;

/* "syn,ack" or "syn | ack": the same flags */
list_separator		:	COMMA
			|	'|'
			;

rhs_value		:	primary_rhs	{ $$ = $1; }
			|	primary_rhs	DASH	primary_rhs
			{
				$$ = range_expr_alloc(&@$, $1, $3);
			}
			|	primary_rhs	SLASH	NUM
			{
				$$ = prefix_expr_alloc(&@$, $1, (unsigned int)$3);
			}
			;

primary_rhs		:	NUM	{ $$ = number_symbol(&@$, $1); }
			|	STRING
			{
				$$ = symbol_expr_alloc(&@$, SYMBOL_VALUE, $1);
				free($1);
			}
			|	QUOTED_STRING
			{
				$$ = symbol_expr_alloc(&@$, SYMBOL_QUOTED, $1);
				free($1);
			}
			|	VARIABLE
			{
				$$ = variable_lookup(state, &@$, $1);
				free($1);
			}
			|	keyword_value
			{
				$$ = symbol_expr_alloc(&@$, SYMBOL_VALUE, $1);
			}
			;

/* words that are keywords elsewhere but values here ("meta l4proto tcp") */
keyword_value		:	IP	{ $$ = "ip"; }
			|	IP6	{ $$ = "ip6"; }
			|	INET	{ $$ = "inet"; }
			|	ARP	{ $$ = "arp"; }
			|	BRIDGE	{ $$ = "bridge"; }
			|	NETDEV	{ $$ = "netdev"; }
			|	TCP	{ $$ = "tcp"; }
			|	UDP	{ $$ = "udp"; }
			|	ICMP	{ $$ = "icmp"; }
			|	ICMP6	{ $$ = "icmpv6"; }
			|	ORIGINAL { $$ = "original"; }
			|	REPLY	{ $$ = "reply"; }
			|	HELPER	{ $$ = "helper"; }
			|	RESET	{ $$ = "reset"; }
			;

set_expr		:	'{'	opt_newline	set_list	opt_newline	'}'
			{
				$$ = $3;
				$$->location = @$;
			}
			;

set_list		:	set_elem
			{
				$$ = compound_expr_alloc(&@$, EXPR_SET);
				compound_expr_add($$, $1);
			}
			|	set_expr
			{
				$$ = compound_expr_alloc(&@$, EXPR_SET);
				compound_expr_add($$, $1);
			}
			|	set_list	COMMA	opt_newline	set_elem
			{
				$$ = $1;
				compound_expr_add($$, $4);
			}
			|	set_list	COMMA	opt_newline	set_expr
			{
				$$ = $1;
				compound_expr_add($$, $4);
			}
			;

%%

static bool keyword_is_identifier(int sym)
{
	switch (sym) {
	case YYSYMBOL_HELPERS:
	case YYSYMBOL_TABLES:
	case YYSYMBOL_CHAINS:
	case YYSYMBOL_RULESET:
	case YYSYMBOL_STATE:
	case YYSYMBOL_STATUS:
	case YYSYMBOL_ZONE:
	case YYSYMBOL_DIRECTION:
	case YYSYMBOL_EXPIRATION:
	case YYSYMBOL_LEVEL:
	case YYSYMBOL_PREFIX:
	case YYSYMBOL_GROUP:
	case YYSYMBOL_PACKETS:
	case YYSYMBOL_BYTES:
	case YYSYMBOL_SIZE:
	case YYSYMBOL_FLAGS:
	case YYSYMBOL_TO:
	case YYSYMBOL_BYPASS:
	case YYSYMBOL_EMPTY:
	case YYSYMBOL_PRIVATE:
	case YYSYMBOL_FANOUT:
	case YYSYMBOL_USERSPACE:
	case YYSYMBOL_L3PROTO:
	case YYSYMBOL_L4PROTO:
	case YYSYMBOL_NFPROTO:
	case YYSYMBOL_SADDR:
	case YYSYMBOL_DADDR:
	case YYSYMBOL_TTL:
	case YYSYMBOL_LENGTH:
	case YYSYMBOL_DSCP:
	case YYSYMBOL_NEXTHDR:
	case YYSYMBOL_HOPLIMIT:
	case YYSYMBOL_SPORT:
	case YYSYMBOL_DPORT:
	case YYSYMBOL_CODE:
	case YYSYMBOL_PKTTYPE:
	case YYSYMBOL_DEVICE:
	case YYSYMBOL_HOOK:
	case YYSYMBOL_POSITION:
	case YYSYMBOL_INDEX:
	case YYSYMBOL_WITH:
	case YYSYMBOL_NUMKW:
	case YYSYMBOL_DESCRIBE:
	case YYSYMBOL_PROTO_SRC:
	case YYSYMBOL_PROTO_DST:
	case YYSYMBOL_EXPECTATION:
	case YYSYMBOL_PROTOCOL:
	case YYSYMBOL_TYPE:
		return true;
	default:
		return false;
	}
}

/*
 * Syntax errors in bison's verbose wording, with one twist: names may be
 * keywords here, where stock nft's scanner keeps them strings, so when a
 * string would do, the keywords that could stand for it are not listed.
 */
static int yyreport_syntax_error(const yypcontext_t *yyctx, void *scanner,
				 struct parser_state *state)
{
	yysymbol_kind_t expected[64], shown[4];
	yysymbol_kind_t unexpected = yypcontext_token(yyctx);
	int n, i, nshown = 0;
	bool string_ok = false, too_many = false;
	char msg[512];
	size_t len;

	(void)scanner;
	n = yypcontext_expected_tokens(yyctx, expected, 64);
	for (i = 0; i < n; i++)
		if (expected[i] == YYSYMBOL_STRING)
			string_ok = true;
	for (i = 0; i < n; i++) {
		if (string_ok && keyword_is_identifier(expected[i]))
			continue;
		if (nshown == 4) {
			too_many = true;
			break;
		}
		shown[nshown++] = expected[i];
	}
	len = (size_t)snprintf(msg, sizeof(msg), "syntax error");
	if (unexpected != YYSYMBOL_YYEMPTY)
		len += (size_t)snprintf(msg + len, sizeof(msg) - len,
					", unexpected %s", yysymbol_name(unexpected));
	if (!too_many && n > 0) {
		for (i = 0; i < nshown && len < sizeof(msg); i++)
			len += (size_t)snprintf(msg + len, sizeof(msg) - len,
						"%s %s", i ? " or" : ", expecting",
						yysymbol_name(shown[i]));
	}
	list_add_tail(&error(yypcontext_location(yyctx), "%s", msg)->list,
		      state->msgs);
	return 0;
}

