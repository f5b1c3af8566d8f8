// SPDX-License-Identifier: GPL-2.0-or-later
/* unit_tftp.c - TFTP request recognition. */
#include <string.h>

#include "unit.h"
#include "../src/helpers/tftp_parse.h"

static enum tftp_result parse(const char *d, size_t len, unsigned int *op)
{
	return tftp_parse((const uint8_t *)d, len, op);
}

static void test_requests(struct unit *u)
{
	unsigned int op = 0;

	UNIT_CHECK_EQ_INT(u, parse("\0\1file.txt\0octet\0", 17, &op), TFTP_REQUEST);
	UNIT_CHECK_EQ_INT(u, op, TFTP_RRQ);
	UNIT_CHECK_EQ_INT(u, parse("\0\2up\0NETASCII\0", 14, &op), TFTP_REQUEST);
	UNIT_CHECK_EQ_INT(u, op, TFTP_WRQ);
	/* RFC 2347 options after the mode */
	UNIT_CHECK_EQ_INT(u, parse("\0\1f\0octet\0blksize\0001428\0", 24, &op),
			  TFTP_REQUEST);
}

static void test_others(struct unit *u)
{
	unsigned int op = 0;

	UNIT_CHECK_EQ_INT(u, parse("\0\3\0\1data", 8, &op), TFTP_OTHER);
	UNIT_CHECK_EQ_INT(u, parse("\0\4\0\1", 4, &op), TFTP_OTHER);
	UNIT_CHECK_EQ_INT(u, parse("\0\5\0\1oops\0", 9, &op), TFTP_OTHER);
	UNIT_CHECK_EQ_INT(u, parse("\0\6blksize\0001428\0", 17, &op), TFTP_OTHER);
}

static void test_malformed(struct unit *u)
{
	unsigned int op = 0;

	UNIT_CHECK_EQ_INT(u, parse(NULL, 0, &op), TFTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("\0", 1, &op), TFTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("\0\7", 2, &op), TFTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("\xff\xff", 2, &op), TFTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("\0\1", 2, &op), TFTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("\0\1\0octet\0", 9, &op), TFTP_BAD);	/* no name */
	UNIT_CHECK_EQ_INT(u, parse("\0\1file", 6, &op), TFTP_BAD);	/* unterminated */
	UNIT_CHECK_EQ_INT(u, parse("\0\1file\0", 7, &op), TFTP_BAD);	/* no mode */
	UNIT_CHECK_EQ_INT(u, parse("\0\1file\0octet", 12, &op), TFTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("\0\1file\0binary\0", 14, &op), TFTP_BAD);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_requests),
	UNIT_CASE(test_others),
	UNIT_CASE(test_malformed),
};

UNIT_MAIN(cases)
