/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nft.h - the run context of one nft invocation. */
#ifndef NFTP_NFT_H
#define NFTP_NFT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "list.h"

#define NFT_DEBUG_NETLINK	(1 << 0)
#define NFT_DEBUG_MNL		(1 << 1)

struct mnl_socket;
struct nlmsghdr;

struct nft_ctx {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;
	unsigned int debug;
	bool check;		/* -c: send, let the kernel check, abort */
	bool handles;		/* -a */
	bool numeric;		/* -n */
	bool stateless;		/* -s: no counter values */
	bool terse;		/* -t: sets without their elements */
	bool echo;		/* -e */
	uint32_t set_id;	/* anonymous sets in this batch */
	FILE *out;
	struct list_head *msgs;	/* error records */
	/* -e: called for every notification the kernel echoes back */
	void (*echo_cb)(struct nft_ctx *ctx, const struct nlmsghdr *nlh);
	void *echo_data;
};

#endif /* NFTP_NFT_H */
