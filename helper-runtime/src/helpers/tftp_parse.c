// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tftp_parse.c - TFTP request recognition.  The kernel's nf_conntrack_tftp
 * looks only at the opcode; we also insist that a request carries a file
 * name and a known transfer mode, so that junk on port 69 opens nothing.
 */
#include <string.h>
#include <strings.h>

#include "tftp_parse.h"

/* Length of the NUL-terminated string at @d (within @len), or -1. */
static long field(const uint8_t *d, size_t len)
{
	const uint8_t *nul = memchr(d, '\0', len);

	return nul ? (long)(nul - d) : -1;
}

static int known_mode(const uint8_t *m, size_t len)
{
	static const char *const modes[] = { "netascii", "octet", "mail" };
	unsigned int i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strlen(modes[i]) == len &&
		    !strncasecmp((const char *)m, modes[i], len))
			return 1;
	return 0;
}

enum tftp_result tftp_parse(const uint8_t *data, size_t len, unsigned int *opcode)
{
	long name_len, mode_len;
	size_t off;

	if (!data || len < 2)
		return TFTP_BAD;
	*opcode = (unsigned int)data[0] << 8 | data[1];
	switch (*opcode) {
	case TFTP_RRQ:
	case TFTP_WRQ:
		break;
	case TFTP_DATA:
	case TFTP_ACK:
	case TFTP_ERROR:
	case TFTP_OACK:
		return TFTP_OTHER;
	default:
		return TFTP_BAD;
	}
	off = 2;
	name_len = field(data + off, len - off);
	if (name_len <= 0)
		return TFTP_BAD;
	off += (size_t)name_len + 1;
	if (off >= len)
		return TFTP_BAD;
	mode_len = field(data + off, len - off);
	if (mode_len <= 0 || !known_mode(data + off, (size_t)mode_len))
		return TFTP_BAD;
	return TFTP_REQUEST;
}
