/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dispatch.h - run a helper on one parsed packet and keep the counters.
 */
#ifndef NFTH_DISPATCH_H
#define NFTH_DISPATCH_H

#include <stdatomic.h>
#include <stdint.h>

#include <nft-helperd/helper.h>

#include "packet.h"

/* Written by one queue thread, read by whoever prints them. */
struct nfth_counters {
	_Atomic uint64_t packets;	/* queued packets seen */
	_Atomic uint64_t accepted;	/* answered NF_ACCEPT */
	_Atomic uint64_t dropped;	/* answered NF_DROP (partial command) */
	_Atomic uint64_t expectations;	/* expectations sent to the kernel */
	_Atomic uint64_t parse_errors;	/* malformed payload or attributes */
	/* asked for (counted in expectations) but not in the kernel's table
	 * right after the verdict (queue.c checks with ctnetlink) */
	_Atomic uint64_t expectations_failed;
};

/* Single writer: a relaxed load and store, no locked instruction. */
static inline void nfth_count(_Atomic uint64_t *c)
{
	atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + 1,
			      memory_order_relaxed);
}

static inline uint64_t nfth_counter(_Atomic uint64_t *c)
{
	return atomic_load_explicit(c, memory_order_relaxed);
}

/*
 * Run @h (may be NULL: no helper for this packet) on @pkt with
 * @class_count expectation classes registered; count into @c.
 * Returns the netfilter verdict (NF_ACCEPT or NF_DROP).  A malformed packet
 * is accepted with no expectation.
 */
uint32_t nfth_dispatch(const struct nfth_helper *h, unsigned int class_count,
		       struct nfth_packet *pkt, struct nfth_counters *c);
/*
 * The same with the private data length a declaration gave the helper
 * (native mode: the ct helper object's, which may exceed the helper's own
 * need; the helper then uses the first h->priv_len bytes and the rest is
 * sent back unchanged).
 */
uint32_t nfth_dispatch_decl(const struct nfth_helper *h, unsigned int class_count,
			    uint32_t priv_len, struct nfth_packet *pkt,
			    struct nfth_counters *c);

#endif
