/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * extack.h - the kernel's extended ACK for the tools: its message and the
 * attribute it points at, named by its path in what we sent, e.g.
 *   kernel: offending attribute NFTA_OBJ_DATA > NFTA_CT_HELPER_USERSPACE
 */
#ifndef NFT_CT_HELPER_EXAMPLES_EXTACK_H
#define NFT_CT_HELPER_EXAMPLES_EXTACK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct nlmsghdr;

struct extack_info {
	int		error;		/* positive errno, 0: none yet */
	uint32_t	seq;		/* of the message that failed */
	char		msg[256];	/* NLMSGERR_ATTR_MSG, "" if none */
	bool		has_offset;
	uint32_t	offset;		/* NLMSGERR_ATTR_OFFS */
};

/* Asks the kernel for extended ACKs on this socket (best effort). */
void extack_enable(int fd);
/* mnl_cb_run2() control callback for NLMSG_ERROR; data: struct extack_info. */
int extack_error_cb(const struct nlmsghdr *nlh, void *data);
/* Prints what the kernel said about a message of the batch we sent. */
void extack_report(const struct extack_info *e, const void *sent,
		   size_t sent_len, FILE *fp);

#endif
