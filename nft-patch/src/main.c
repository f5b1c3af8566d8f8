// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * main.c - the nft command line: options, then the pipeline
 * parse -> evaluate -> one batch (+ listings), errors printed nft-style.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datatype.h"
#include "erec.h"
#include "evaluate.h"
#include "mnl.h"
#include "netlink.h"
#include "nft.h"
#include "parser.h"
#include "rule.h"
#include "rule_run.h"
#include "utils.h"

#define NFT_EXIT_SUCCESS	0
#define NFT_EXIT_FAILURE	1
#define NFT_EXIT_NONL		3

#define NFT_VERSION "nftables v1.0.6 (conntrack-helper front-end)"

static const struct option options[] = {
	{ "help",	 no_argument,	    NULL, 'h' },
	{ "version",	 no_argument,	    NULL, 'v' },
	{ "check",	 no_argument,	    NULL, 'c' },
	{ "file",	 required_argument, NULL, 'f' },
	{ "includepath", required_argument, NULL, 'I' },
	{ "define",	 required_argument, NULL, 'D' },
	{ "handle",	 no_argument,	    NULL, 'a' },
	{ "echo",	 no_argument,	    NULL, 'e' },
	{ "numeric",	 no_argument,	    NULL, 'n' },
	{ "stateless",	 no_argument,	    NULL, 's' },
	{ "terse",	 no_argument,	    NULL, 't' },
	{ "json",	 no_argument,	    NULL, 'j' },
	{ "debug",	 required_argument, NULL, 'd' },
	{ NULL,		 0,		    NULL, 0 },
};

static void show_help(const char *name)
{
	printf("Usage: %s [ options ] [ cmds... ]\n"
	       "\n"
	       "Options (general):\n"
	       "  -h, --help                      Show this help\n"
	       "  -v, --version                   Show version information\n"
	       "\n"
	       "Options (ruleset input handling):\n"
	       "  -f, --file <filename>           Read input from <filename> (\"-\" for stdin)\n"
	       "  -D, --define <name=value>       Define variable, e.g. --define foo=1.2.3.4\n"
	       "  -c, --check                     Check commands validity without actually applying the changes.\n"
	       "  -I, --includepath <directory>   Add <directory> to the paths searched for include files. Default is: %s\n"
	       "\n"
	       "Options (ruleset list formatting):\n"
	       "  -a, --handle                    Output rule handle.\n"
	       "  -s, --stateless                 Omit stateful information of ruleset.\n"
	       "  -t, --terse                     Omit contents of sets.\n"
	       "  -e, --echo                      Echo what has been added, inserted or replaced.\n"
	       "  -n, --numeric                   Print fully numerical output.\n"
	       "\n"
	       "Options (debugging):\n"
	       "  -d, --debug <level [,level...]> Specify debugging level (netlink, mnl)\n"
	       "\n"
	       "This nft implements the language of conntrack-helper rulesets; see nft(8).\n",
	       name, DEFAULT_INCLUDE_PATH);
}

static int parse_debug(const char *arg, unsigned int *debug)
{
	char *copy = xstrdup(arg), *tok, *save = NULL;
	int ret = 0;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "netlink"))
			*debug |= NFT_DEBUG_NETLINK;
		else if (!strcmp(tok, "mnl"))
			*debug |= NFT_DEBUG_MNL;
		else if (!strcmp(tok, "all"))
			*debug |= NFT_DEBUG_NETLINK | NFT_DEBUG_MNL;
		else if (strcmp(tok, "scanner") && strcmp(tok, "parser") &&
			 strcmp(tok, "eval") && strcmp(tok, "segtree") &&
			 strcmp(tok, "proto-ctx"))
			ret = -1;
	}
	free(copy);
	return ret;
}

static char *join_args(int argc, char **argv)
{
	size_t len = 1;
	char *buf;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	buf = xzalloc(len + 1);
	for (i = 0; i < argc; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, argv[i]);
	}
	/* like stock nft: the command line is one line of input */
	strcat(buf, "\n");
	return buf;
}

struct define {
	const char *name;	/* "name=value" */
	const char *value;	/* after the '=' */
};

int main(int argc, char **argv)
{
	struct nft_ctx ctx = { .out = stdout };
	LIST_HEAD_DECL(msgs);
	LIST_HEAD_DECL(cmds);
	struct define defines[64];
	unsigned int num_defines = 0, i;
	const char *include_paths[MAX_INCLUDE_PATHS];
	unsigned int num_include_paths = 0;
	const char *filename = NULL;
	struct parser_state state;
	struct cmd *cmd;
	void *scanner;
	char *cmdline = NULL;
	int opt, ret = NFT_EXIT_SUCCESS, err = 0;

	ctx.msgs = &msgs;
	while ((opt = getopt_long(argc, argv, "+hvcf:I:D:aenstjd:NSyipT",
				  options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			show_help(argv[0]);
			return NFT_EXIT_SUCCESS;
		case 'v':
			printf("%s\n", NFT_VERSION);
			return NFT_EXIT_SUCCESS;
		case 'c':
			ctx.check = true;
			break;
		case 'f':
			filename = optarg;
			break;
		case 'I':
			if (num_include_paths < MAX_INCLUDE_PATHS - 1)
				include_paths[num_include_paths++] = optarg;
			break;
		case 'D': {
			char *eq = strchr(optarg, '=');

			if (!eq) {
				fprintf(stderr, "Failed to define variable '%s'\n", optarg);
				return NFT_EXIT_FAILURE;
			}
			if (num_defines == array_size(defines)) {
				fprintf(stderr, "Error: too many defines\n");
				return NFT_EXIT_FAILURE;
			}
			/* nothing allocated while options are read */
			defines[num_defines].name = optarg;
			defines[num_defines].value = eq + 1;
			num_defines++;
			break;
		}
		case 'a':
			ctx.handles = true;
			break;
		case 'e':
			ctx.echo = true;
			break;
		case 'n':
			ctx.numeric = true;
			datatype_numeric = true;
			break;
		case 's':
			ctx.stateless = true;
			print_stateless = true;
			break;
		case 't':
			ctx.terse = true;
			break;
		case 'N':
		case 'S':
		case 'y':
		case 'p':
		case 'T':
			break;	/* output options without effect on this subset */
		case 'j':
			fprintf(stderr, "Error: JSON output is not supported by this nft\n");
			return NFT_EXIT_FAILURE;
		case 'i':
			fprintf(stderr, "Error: interactive mode is not supported by this nft\n");
			return NFT_EXIT_FAILURE;
		case 'd':
			if (parse_debug(optarg, &ctx.debug) < 0) {
				fprintf(stderr, "invalid debug parameter `%s'\n", optarg);
				return NFT_EXIT_FAILURE;
			}
			break;
		default:
			return NFT_EXIT_FAILURE;
		}
	}

	if (!filename && optind >= argc) {
		fprintf(stderr, "%s: no command specified\n", argv[0]);
		return NFT_EXIT_FAILURE;
	}
	if (num_defines && !filename) {
		fprintf(stderr, "Error: -D/--define can only be used with -f/--filename\n");
		return NFT_EXIT_FAILURE;
	}
	if (filename && optind < argc) {
		fprintf(stderr, "Error: -f/--file and commands on the command line are exclusive\n");
		return NFT_EXIT_FAILURE;
	}

	parser_init(&state, &msgs, &cmds);
	for (i = 0; i < num_include_paths; i++)
		parser_add_include_path(&state, include_paths[i]);
	parser_add_include_path(&state, DEFAULT_INCLUDE_PATH);
	for (i = 0; i < num_defines; i++) {
		char *name = xstrndup(defines[i].name, (size_t)(defines[i].value - 1 -
								  defines[i].name));

		symbol_define(&state, name,
			      symbol_expr_alloc(&internal_location, SYMBOL_VALUE,
						defines[i].value));
		free(name);
	}

	scanner = scanner_init(&state);
	if (filename) {
		err = scanner_read_file(scanner, filename, &internal_location);
	} else {
		cmdline = join_args(argc - optind, argv + optind);
		scanner_push_buffer(scanner, INDESC_CMDLINE, "cmdline", cmdline);
	}
	if (err == 0 && parser_run(scanner, &state) != 0)
		err = -1;
	if (err || state.nerrs || !list_empty(&msgs))
		goto out_err;

	list_for_each_entry(cmd, &cmds, list)
		if (cmd_evaluate(&msgs, cmd) < 0)
			err = -1;
	if (err || !list_empty(&msgs))
		goto out_err;

	if (mnl_open(&ctx) < 0) {
		fprintf(stderr, "Error: Could not open the netlink socket: %m\n");
		ret = NFT_EXIT_NONL;
		goto out;
	}
	if (nft_run_cmds(&ctx, &cmds) < 0 || !list_empty(&msgs))
		goto out_err;
	goto out;

out_err:
	fflush(stdout);
	erec_print_list(stderr, &msgs);
	ret = NFT_EXIT_FAILURE;
out:
	mnl_close(&ctx);
	cmd_list_free(&cmds);
	scanner_destroy(scanner);
	parser_exit(&state);
	free(cmdline);
	return ret;
}
