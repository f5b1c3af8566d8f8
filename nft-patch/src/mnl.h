/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mnl.h - talking to nf_tables: one batch per run, errors mapped back to the
 * command (and, with extended acks, to the attribute) that caused them.
 */
#ifndef NFTP_MNL_H
#define NFTP_MNL_H

#include <libmnl/libmnl.h>
#include <stdint.h>

#include "erec.h"
#include "nft.h"

struct nlmsghdr;

struct batch_region {
	uint32_t start;			/* offset in the message */
	uint32_t len;
	struct location loc;
};

struct batch_msg {
	uint32_t seq;
	uint32_t len;			/* the message's, to tell apart a split */
	struct location loc;		/* the command's */
	struct batch_region *regions;
	unsigned int num_regions;
	const char *einval_hint;	/* appended to an EINVAL error */
};

struct nft_batch {
	struct nftnl_batch *nb;
	char *zeroed_page;		/* the batch page batch_buffer() zeroed */
	struct batch_msg *msgs;
	unsigned int num_msgs;
	unsigned int cap_msgs;
	bool echo;			/* NLM_F_ECHO on every message */
};

/* attribute -> location, for one message's top-level attributes */
struct attr_loc {
	uint16_t type;
	const struct location *loc;
};

int mnl_open(struct nft_ctx *ctx);
void mnl_close(struct nft_ctx *ctx);

struct nft_batch *batch_alloc(struct nft_ctx *ctx);
void batch_free(struct nft_batch *b);
/* Room for the next message. */
void *batch_buffer(struct nft_batch *b);
uint32_t batch_seq(struct nft_ctx *ctx);
/* Bytes a message may use at batch_buffer() (at least one maximal one). */
uint32_t batch_room(struct nft_batch *b);
/*
 * Account the message just built at batch_buffer(): remember where its
 * attributes came from.  @nest_type's elements map to @elem_locs in order.
 */
void batch_commit(struct nft_batch *b, struct nlmsghdr *nlh,
		  const struct location *loc, const struct attr_loc *attrs,
		  unsigned int num_attrs, uint16_t nest_type,
		  const struct location *const *elem_locs,
		  unsigned int num_elems);
/* Explain an EINVAL of the last committed message (static string). */
void batch_hint_einval(struct nft_batch *b, const char *hint);
/* Send (no batch end in check mode) and collect errors; 0 or -1. */
int batch_send(struct nft_ctx *ctx, struct nft_batch *b);

/* Dump request: cb is called for every message of the reply. */
int mnl_dump(struct nft_ctx *ctx, struct nlmsghdr *nlh, mnl_cb_t cb,
	     void *data);

#endif /* NFTP_MNL_H */
