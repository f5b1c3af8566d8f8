/* SPDX-License-Identifier: GPL-2.0-or-later */
/* netlink_set.h - sets and their elements into the batch. */
#ifndef NFTP_NETLINK_SET_H
#define NFTP_NETLINK_SET_H

#include "mnl.h"
#include "nft.h"
#include "rule.h"

/* An anonymous constant set and its elements, ahead of the rule using it. */
void put_anon_set(struct nft_ctx *ctx, struct nft_batch *b,
		  const struct handle *h, struct expr *set);

#endif /* NFTP_NETLINK_SET_H */
