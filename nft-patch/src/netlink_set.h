/* SPDX-License-Identifier: GPL-2.0-or-later */
/* netlink_set.h - sets and their elements into the batch. */
#ifndef NFTP_NETLINK_SET_H
#define NFTP_NETLINK_SET_H

#include "mnl.h"
#include "nft.h"
#include "rule.h"

/* An anonymous constant set and its elements, ahead of the rule using it. */
void put_anon_set(struct nft_ctx *ctx, struct nft_batch *b,
		  const struct handle *h, const struct expr *key,
		  struct expr *set);

/* A named set's declaration (NEWSET) and its elements, if any. */
void put_set(struct nft_ctx *ctx, struct nft_batch *b, uint16_t flags,
	     const struct handle *h, struct set *set);
/*
 * Elements of the named set h->obj: NEWSETELEM or DELSETELEM of @init
 * (evaluated for the set's key), or with @init NULL every element (flush).
 */
void put_set_elems(struct nft_ctx *ctx, struct nft_batch *b, uint16_t type,
		   uint16_t flags, const struct handle *h, bool interval,
		   const struct expr *init);
void put_set_delete(struct nft_ctx *ctx, struct nft_batch *b,
		    const struct handle *h, const struct location *loc);

#endif /* NFTP_NETLINK_SET_H */
