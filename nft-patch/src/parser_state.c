// SPDX-License-Identifier: GPL-2.0-or-later
/* parser_state.c - parser context: input texts, include paths, define scopes. */
#include <stdlib.h>
#include <string.h>

#include "erec.h"

#include "parser.h"
#include "utils.h"

void parser_init(struct parser_state *state, struct list_head *msgs,
		 struct list_head *cmds)
{
	memset(state, 0, sizeof(*state));
	state->msgs = msgs;
	state->cmds = cmds;
	init_list_head(&state->indescs);
	init_list_head(&state->scopes[0].symbols);
	state->scope_depth = 1;
}

static void scope_free(struct scope *scope)
{
	struct symbol *sym, *next;

	list_for_each_entry_safe(sym, next, &scope->symbols, list) {
		list_del(&sym->list);
		free(sym->name);
		expr_free(sym->expr);
		free(sym);
	}
}

void parser_exit(struct parser_state *state)
{
	struct input_descriptor *indesc, *next;

	while (state->scope_depth > 0)
		scope_free(&state->scopes[--state->scope_depth]);
	list_for_each_entry_safe(indesc, next, &state->indescs, list) {
		list_del(&indesc->list);
		free(indesc->name);
		free(indesc->data);
		free(indesc);
	}
}

int parser_run(void *scanner, struct parser_state *state)
{
	int ret = nft_parse(scanner, state);

	if (ret != 0 && state->eof_seen && state->nerrs < MAX_PARSER_ERRORS &&
	    !list_empty(state->msgs) &&
	    !strstr(list_last_entry(state->msgs, struct error_record, list)->msg,
		    "unexpected end of file"))
		list_add_tail(&error(&state->eof_loc,
				     "syntax error, unexpected end of file")->list,
			      state->msgs);
	return ret != 0 || state->nerrs || !list_empty(state->msgs) ? -1 : 0;
}

void parser_add_include_path(struct parser_state *state, const char *path)
{
	if (state->num_include_paths < MAX_INCLUDE_PATHS)
		state->include_paths[state->num_include_paths++] = path;
}

/*
 * Deeper nesting than MAX_SCOPE_DEPTH cannot happen with this grammar
 * (table > chain); extra opens would simply share the innermost scope.
 */
void scope_open(struct parser_state *state)
{
	if (state->scope_depth >= MAX_SCOPE_DEPTH) {
		state->scope_overflow++;
		return;
	}
	init_list_head(&state->scopes[state->scope_depth++].symbols);
}

void scope_close(struct parser_state *state)
{
	if (state->scope_overflow) {
		state->scope_overflow--;
		return;
	}
	if (state->scope_depth > 1)
		scope_free(&state->scopes[--state->scope_depth]);
}

const struct symbol *symbol_lookup(const struct parser_state *state,
				   const char *name)
{
	const struct symbol *sym;
	unsigned int i;

	for (i = state->scope_depth; i-- > 0;) {
		list_for_each_entry(sym, &state->scopes[i].symbols, list)
			if (!strcmp(sym->name, name))
				return sym;
	}
	return NULL;
}

int symbol_define(struct parser_state *state, const char *name,
		  struct expr *expr)
{
	struct scope *scope = &state->scopes[state->scope_depth - 1];
	struct symbol *sym;

	list_for_each_entry(sym, &scope->symbols, list) {
		if (!strcmp(sym->name, name)) {
			expr_free(expr);
			return -1;
		}
	}
	sym = xzalloc(sizeof(*sym));
	sym->name = xstrdup(name);
	sym->expr = expr;
	list_add_tail(&sym->list, &scope->symbols);
	return 0;
}
