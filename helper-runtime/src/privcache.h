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
 * When the remembered data is no longer needed: a queue delivers its
 * packets in the order it queued them, one socket, one thread.  Once a
 * receive returns fewer messages than it could take, the socket was empty,
 * so every packet queued before the verdicts already sent has been read;
 * packets read after that were queued after those verdicts were applied
 * and carry their data.  Entries older than such a drain are dropped
 * (nfth_priv_cache_settle), which keeps the cache to the connections with
 * verdicts in flight and keeps a conntrack id that the kernel reuses for a
 * new connection (same tuples, same memory) from inheriting old data.
 */
#ifndef NFTH_PRIVCACHE_H
#define NFTH_PRIVCACHE_H

#include <stdint.h>

#include "packet.h"

/* Direct-mapped by conntrack id.  Only connections with a verdict in flight
 * since the last drain live here; a collision evicts the older entry, whose
 * connection then falls back to the kernel's copy (counted). */
#define NFTH_PRIV_CACHE_SLOTS	1024

struct nfth_priv_slot {
	uint32_t ct_id;
	uint32_t len;		/* 0: empty */
	uint64_t epoch;		/* of the verdict batch that wrote it */
	uint8_t data[NFTH_PRIV_MAX];
};

struct nfth_priv_cache {
	struct nfth_priv_slot *slots;
	uint64_t epoch;		/* verdict batches built so far */
	uint64_t settled;	/* entries of epochs <= this are stale */
	uint64_t evicted;	/* live entries pushed out by a collision */
};

int nfth_priv_cache_init(struct nfth_priv_cache *c);
void nfth_priv_cache_free(struct nfth_priv_cache *c);

/* Before the helper runs: if a verdict still in flight wrote newer private
 * data for @pkt's connection than the copy it carries, start from that. */
void nfth_priv_cache_apply(struct nfth_priv_cache *c, struct nfth_packet *pkt);
/* After: remember the private data @pkt's verdict writes, if it writes. */
void nfth_priv_cache_note(struct nfth_priv_cache *c, const struct nfth_packet *pkt);
/* The verdicts built since the last call are sent: start a new epoch. */
void nfth_priv_cache_sent(struct nfth_priv_cache *c);
/* A receive found the socket empty after the verdicts of every epoch
 * before @upto were sent: their entries are no longer needed. */
void nfth_priv_cache_settle(struct nfth_priv_cache *c, uint64_t upto);

#endif
