// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz_ftp.c - libFuzzer target: the FTP parser in both directions and
 * families, and the line-start tracking fed with the input as private data. */
#include <stdint.h>
#include <string.h>

#include "../src/helpers/ftp_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ftp_match m;
	struct ftp_priv p;
	unsigned int d;

	for (d = 0; d < 2; d++) {
		if (ftp_parse((const char *)data, size, d, 2, &m) == FTP_FOUND &&
		    (m.port == 0 || m.off + m.len > size))
			__builtin_trap();
		if (ftp_parse((const char *)data, size, d, 10, &m) == FTP_FOUND &&
		    (m.port == 0 || m.off + m.len > size))
			__builtin_trap();
	}
	if (size >= sizeof(p) + 4) {
		uint32_t seq;

		memcpy(&p, data, sizeof(p));
		memcpy(&seq, data + sizeof(p), 4);
		ftp_seq_at_line_start(&p, seq & 1, seq);
		ftp_seq_line_end(&p, seq & 1, seq);
		if (p.seq_aft_nl_num[seq & 1] > FTP_SEQ_REMEMBER)
			__builtin_trap();
	}
	return 0;
}
