/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kqstats.h - what the kernel counts for a queue and tells no listener in
 * band: packets dropped because the queue was full (queue_dropped) and
 * because they could not be delivered to the listener's socket
 * (queue_user_dropped), read from /proc/net/netfilter/nfnetlink_queue of
 * the reader's network namespace.
 */
#ifndef NFTH_KQSTATS_H
#define NFTH_KQSTATS_H

#include <stdint.h>

#define NFTH_KQSTATS_PROC	"/proc/net/netfilter/nfnetlink_queue"

struct nfth_kqstats {
	uint32_t portid;	/* the listener the kernel has for the queue */
	uint32_t waiting;	/* packets queued now, without a verdict */
	uint64_t queue_dropped;	/* queue full (queue length reached) */
	uint64_t user_dropped;	/* the listener's socket could not take it */
};

/* Read queue @num's line from @path (NFTH_KQSTATS_PROC, or a copy in
 * tests).  0, -ENOENT when the queue is not bound, or -errno. */
int nfth_kqstats_read(const char *path, uint16_t num, struct nfth_kqstats *st);

#endif
