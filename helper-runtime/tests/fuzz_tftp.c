// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz_tftp.c - libFuzzer target: TFTP request recognition. */
#include <stdint.h>

#include "../src/helpers/tftp_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int op = 0;

	if (tftp_parse(data, size, &op) == TFTP_REQUEST && op != 1 && op != 2)
		__builtin_trap();
	return 0;
}
