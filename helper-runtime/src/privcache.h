/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * privcache.h - the newest private data of the connections of one queue
 * whose verdicts may still be in flight.
 *
 * Why: every queued packet carries a copy of its connection's private data
 * taken when the kernel queued it, and a verdict writes the data back
 * whole.  Two packets of one connection queued before the first verdict
 * reached the kernel carry the same copy, so the second verdict would undo
 * the first ("TYPE I" then "PORT" in one batch opened nothing).  The queue
 * thread therefore remembers, per conntrack id, the data its last verdict
 * wrote, and a packet of that connection starts from it instead of from
 * its own stale copy.
 *
 * How long an entry is kept: the kernel copies the private data into a
 * queued message before it takes the queue's lock and hands the message to
 * the socket, so the socket's order is the queue's order but not the order
 * of the copies: a packet whose copy predates a verdict can be read after
 * any number of later receives, even after one that found the socket
 * empty.  No user-space signal says that no such packet is left, so an
 * entry is kept for NFTH_PRIV_GRACE_NS after its last verdict: far longer
 * than the few microseconds between the copy and the socket, unless the
 * CPU building the message is held up for that long.  Keeping an entry
 * costs nothing when it is right: a packet queued after the verdict
 * carries the same data, and an equal copy is left alone.
 *
 * What must not inherit an entry: a new connection that gets the id of a
 * gone one (the id is a hash of the conntrack's address and tuples, so the
 * same tuples in the same slab object give the same id).  The kernel sends
 * a conntrack's destroy event before its memory can be reused; the queue
 * thread reads those events (ctnetlink, NFNLGRP_CONNTRACK_DESTROY) after
 * each receive and before using the cache, and drops the connection's
 * entry (nfth_priv_cache_gone).  Events lost to an overrun drop every
 * entry (nfth_priv_cache_flush).  Each entry also keeps its connection's
 * original tuple, so an id reused under other tuples never matches.
 *
 * What is applied: an entry holds data a verdict carried only once that
 * verdict was sent; a send that fails puts back what the entry held
 * before (nfth_priv_cache_sent), and a verdict the kernel refuses drops
 * the entry it wrote (nfth_priv_cache_refused).
 */
#ifndef NFTH_PRIVCACHE_H
#define NFTH_PRIVCACHE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "packet.h"

/* Direct-mapped by conntrack id; a collision evicts the older entry, whose
 * connection then falls back to the kernel's copy (counted). */
#define NFTH_PRIV_CACHE_SLOTS	1024
/* How long an entry outlives its last verdict (see above). */
#define NFTH_PRIV_GRACE_NS	(2ull * 1000 * 1000 * 1000)

struct nfth_priv_version {
	uint32_t len;		/* 0: none */
	uint32_t pkt_id;	/* of the verdict that wrote it */
	uint64_t when_ns;	/* that verdict was built (CLOCK_MONOTONIC) */
	uint8_t data[NFTH_PRIV_MAX];
};

struct nfth_priv_slot {
	uint32_t ct_id;
	struct nfth_tuple orig;		/* the connection's original tuple */
	uint64_t epoch;			/* of the verdict batch that wrote cur */
	struct nfth_priv_version cur;	/* the newest */
	/* what cur was before the batch being built changed it: put back
	 * if that batch is not sent */
	struct nfth_priv_version prev;
};

struct nfth_priv_cache {
	struct nfth_priv_slot *slots;
	uint64_t epoch;		/* verdict batches built so far */
	uint64_t grace_ns;	/* NFTH_PRIV_GRACE_NS (tests shorten it) */
	_Atomic uint64_t evicted;	/* live entries pushed out by a collision */
	_Atomic uint64_t flushed;	/* whole cache dropped: events lost */
};

int nfth_priv_cache_init(struct nfth_priv_cache *c);
void nfth_priv_cache_free(struct nfth_priv_cache *c);

/* Before the helper runs (@now_ns: CLOCK_MONOTONIC): if a verdict sent or
 * being built wrote newer private data for @pkt's connection than the copy
 * it carries, start from that. */
void nfth_priv_cache_apply(struct nfth_priv_cache *c, struct nfth_packet *pkt,
			   uint64_t now_ns);
/* After: remember the private data @pkt's verdict writes, if it writes. */
void nfth_priv_cache_note(struct nfth_priv_cache *c, const struct nfth_packet *pkt,
			  uint64_t now_ns);
/* The verdicts built since the last call were sent (@ok), or not: then
 * what they wrote is forgotten.  Starts a new epoch. */
void nfth_priv_cache_sent(struct nfth_priv_cache *c, bool ok);
/* The kernel refused the verdict for packet @pkt_id: forget what it wrote. */
void nfth_priv_cache_refused(struct nfth_priv_cache *c, uint32_t pkt_id);
/* Conntrack @ct_id is gone (destroy event): forget it. */
void nfth_priv_cache_gone(struct nfth_priv_cache *c, uint32_t ct_id);
/* Forget everything (destroy events were lost). */
void nfth_priv_cache_flush(struct nfth_priv_cache *c);
/* The data remembered for @ct_id (whatever its age), NULL if none. */
const uint8_t *nfth_priv_cache_peek(const struct nfth_priv_cache *c,
				    uint32_t ct_id, uint32_t *len);

#endif
