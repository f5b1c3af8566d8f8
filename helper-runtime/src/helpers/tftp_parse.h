/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tftp_parse.h - recognise TFTP requests (RFC 1350, options RFC 2347).
 */
#ifndef NFTH_TFTP_PARSE_H
#define NFTH_TFTP_PARSE_H

#include <stddef.h>
#include <stdint.h>

enum tftp_result {
	TFTP_OTHER,	/* DATA, ACK, ERROR, OACK: nothing to open */
	TFTP_REQUEST,	/* a well-formed RRQ or WRQ */
	TFTP_BAD,	/* too short, unknown opcode, malformed request */
};

enum tftp_opcode {
	TFTP_RRQ = 1, TFTP_WRQ, TFTP_DATA, TFTP_ACK, TFTP_ERROR, TFTP_OACK,
};

/* @opcode gets the opcode when there is one. */
enum tftp_result tftp_parse(const uint8_t *data, size_t len, unsigned int *opcode);

#endif
