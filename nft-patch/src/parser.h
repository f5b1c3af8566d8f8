/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parser.h - the state shared by the flex scanner and the bison parser. */
#ifndef NFTP_PARSER_H
#define NFTP_PARSER_H

#include <stdbool.h>

#include "erec.h"
#include "list.h"
#include "rule.h"

#define MAX_INCLUDE_DEPTH	16
#define MAX_SCOPE_DEPTH		8
#define MAX_PARSER_ERRORS	10
#define MAX_INCLUDE_PATHS	16
#define DEFAULT_INCLUDE_PATH	"/etc"

struct symbol {
	struct list_head list;
	char *name;
	struct expr *expr;
};

struct scope {
	struct list_head symbols;
};

struct parser_state {
	struct list_head *msgs;		/* error records */
	struct list_head *cmds;		/* parsed commands, in order */
	unsigned int nerrs;
	unsigned int scope_depth;
	unsigned int scope_overflow;
	bool include_disabled;		/* fuzzing: never touch files */
	bool eof_seen;
	struct obj *cur_timeout;	/* ct timeout block being parsed */
	struct location eof_loc;
	struct scope scopes[MAX_SCOPE_DEPTH];
	struct list_head indescs;	/* every input text, kept for errors */
	const char *include_paths[MAX_INCLUDE_PATHS];
	unsigned int num_include_paths;
	/* scanner include stack */
	struct input_descriptor *indesc_stack[MAX_INCLUDE_DEPTH];
	unsigned int indesc_depth;
};

void parser_init(struct parser_state *state, struct list_head *msgs,
		 struct list_head *cmds);
/* Frees scopes and input texts: print error records before calling this. */
void parser_exit(struct parser_state *state);
void parser_add_include_path(struct parser_state *state, const char *path);

/* Scopes for "define": one per table/chain block. */
void scope_open(struct parser_state *state);
void scope_close(struct parser_state *state);
/* Takes ownership of @expr. Redefining in the same scope is an error (-1). */
int symbol_define(struct parser_state *state, const char *name,
		  struct expr *expr);
const struct symbol *symbol_lookup(const struct parser_state *state,
				   const char *name);

/* scanner.l */
void *scanner_init(struct parser_state *state);
void scanner_destroy(void *scanner);
/* Push a text to scan; the parser state keeps a copy. */
void scanner_push_buffer(void *scanner, enum input_descriptor_types type,
			 const char *name, const char *buf);
/* Read a whole file and push it; -1 with an error record on failure. */
int scanner_read_file(void *scanner, const char *filename,
		      const struct location *loc);
/* "include": resolve (include paths, globs) and push; -1 on error. */
int scanner_include_file(void *scanner, const char *filename,
			 const struct location *loc);

/* parser_bison.y */
int nft_parse(void *scanner, struct parser_state *state);
/*
 * Parse everything; errors are queued.  When error recovery runs into the
 * end of the input, report it as stock nft does ("unexpected end of
 * file").  Returns 0 when the input was free of syntax errors.
 */
int parser_run(void *scanner, struct parser_state *state);

#endif /* NFTP_PARSER_H */
