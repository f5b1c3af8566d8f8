// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_parser.c - libFuzzer target: scanner, parser, evaluation and error
 * printing on arbitrary input (no netlink, no file access: include is
 * disabled).  Build with clang -fsanitize=fuzzer,address,undefined.
 *
 *   build/fuzz/fuzz_parser -max_total_time=600 tests/fuzz-corpus/
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "erec.h"
#include "evaluate.h"
#include "parser.h"
#include "rule.h"
#include "utils.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	LIST_HEAD_DECL(msgs);
	LIST_HEAD_DECL(cmds);
	struct parser_state state;
	struct cmd *cmd;
	void *scanner;
	char *buf;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	buf = xmalloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';

	parser_init(&state, &msgs, &cmds);
	state.include_disabled = true;
	scanner = scanner_init(&state);
	scanner_push_buffer(scanner, INDESC_BUFFER, "fuzz", buf);
	if (nft_parse(scanner, &state) == 0 && !state.nerrs && list_empty(&msgs)) {
		list_for_each_entry(cmd, &cmds, list)
			cmd_evaluate(&msgs, cmd);
	}
	erec_print_list(devnull, &msgs);
	cmd_list_free(&cmds);
	scanner_destroy(scanner);
	parser_exit(&state);
	free(buf);
	return 0;
}
