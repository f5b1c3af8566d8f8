/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * queue.h - one nfnetlink queue, serviced by one thread: receive queued
 * packets in batches, run the helper each belongs to, answer in batches.
 */
#ifndef NFTH_QUEUE_H
#define NFTH_QUEUE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "dispatch.h"
#include "kqstats.h"
#include "log.h"
#include "nfq.h"
#include "packet.h"
#include "privcache.h"

#define NFTH_QUEUE_BINDINGS_MAX	8
#define NFTH_EXPECT_LOG_BURST	10	/* expectation lines a second */

/* A helper type served on this queue (connections name it in CTA_HELP). */
struct nfth_binding {
	const struct nfth_helper *helper;
	unsigned int class_count;	/* registered expectation classes */
	/* private data length of the connections: the helper's own in
	 * compatible mode, the object's declaration in native mode; 0 with a
	 * helper that needs some means "the helper's own" */
	uint32_t priv_len;
	/* native mode: the declared class names (for the log), "" = helper's */
	char class_names[NFTH_CLASS_MAX][NFTH_NAME_MAX];
	bool retired;			/* native mode: no object uses it now;
					 * kept for its counters */
	struct nfth_counters counters;
};

struct nfth_queue {
	uint16_t num;
	unsigned int binding_count;
	struct nfth_binding bindings[NFTH_QUEUE_BINDINGS_MAX];
	struct nfth_counters unmatched;	/* no helper we serve, or no ct */
	_Atomic uint64_t verdict_errors;	/* NLMSG_ERROR answers to verdicts */
	_Atomic uint64_t send_errors;	/* verdict batches the socket refused */

	struct nfth_nfq sock;		/* socket and buffers, see nfq.h */
	/* the kernel's drop counters read just before unbinding (they go
	 * with the binding), for the counters printed at exit */
	struct nfth_kqstats kstats_last;
	bool bound;
	pthread_t thread;
	bool thread_started;
	atomic_bool stop;		/* this queue's thread must leave */
	/* Held by the thread while it handles a batch (not per packet) and by
	 * native mode while it changes the bindings of a running queue. */
	pthread_mutex_t lock;
	bool lock_ready;
	struct nfth_packet pkt;		/* reused for every packet */
	/* expectations asked for in the verdicts not sent yet, checked with
	 * the kernel once they are */
	unsigned int exp_pending;
	struct {
		struct nfth_expectation exp;
		struct nfth_tuple master;	/* original tuple */
		uint16_t zone;			/* the master's */
		struct nfth_binding *binding;
	} exp_sent[NFTH_RX_BATCH];
	_Atomic uint64_t exp_unchecked;	/* the kernel could not tell (master
					 * gone, no answer, no ctnetlink) */
	/* per-expectation log lines: NFTH_EXPECT_LOG_BURST a second */
	struct nfth_ratelimit exp_log;
	/* newest private data of connections with verdicts in flight */
	struct nfth_priv_cache privs;
	uint64_t rx_ns;			/* CLOCK_MONOTONIC of the last receive */
};

/* Print the counters of every helper type served on @q, and of the packets
 * no served helper took, if any, and the queue's own: verdict errors and
 * what the kernel dropped (SIGUSR1, exit: whatever the verbosity). */
void nfth_queue_print_counters(struct nfth_queue *q);
/* Write the counters of @n queues as JSON to @path (through a temporary
 * file renamed over it, so a reader never sees half).  0 or -errno. */
int nfth_queue_write_stats(const char *path, struct nfth_queue *qs,
			   unsigned int n);

/* A queue thread that could not go on (its receive failed for good) asks
 * the whole process to stop with SIGTERM: this says which queue and why
 * (0 if none failed), so that the exit status is not 0. */
int nfth_queue_failure(uint16_t *num);

/* Every queue opened from now on: its length, and whether the kernel
 * accepts (instead of dropping) what comes beyond it.  Defaults:
 * NFTH_QUEUE_MAXLEN_DEFAULT, drop. */
void nfth_queue_set_limits(uint32_t maxlen, bool fail_open);
/* Why a queue or a helper registration failed: a hint naming what the
 * kernel lacks or what the process needs, "" when there is none. */
const char *nfth_kernel_hint(int err, const char *module, const char *config);
/* Is kernel module @module loaded or built in?  @sysdir: /sys/module;
 * @builtin: /lib/modules/$(uname -r)/modules.builtin (exposed for tests). */
int nfth_module_present(const char *sysdir, const char *builtin,
			const char *module);

/* Open a netlink socket and bind queue @q->num with conntrack info. */
int nfth_queue_open(struct nfth_queue *q);
/* Start the servicing thread. */
int nfth_queue_start(struct nfth_queue *q);
/* Ask all threads to stop (async-signal-safe flag). */
void nfth_queue_request_stop(void);
/* Stop @q's thread (and only it) and wait for it. */
void nfth_queue_stop(struct nfth_queue *q);
/* Native mode: change @q's bindings while its thread may run. */
void nfth_queue_lock(struct nfth_queue *q);
void nfth_queue_unlock(struct nfth_queue *q);
/* Unbind and free. */
void nfth_queue_close(struct nfth_queue *q);
/* Receive one batch from @q's socket, run the helpers, send the verdicts.
 * 0, or -errno when the queue cannot be served any more.  The queue
 * thread's loop body; exposed for tests (with a fake socket level). */
int nfth_queue_service(struct nfth_queue *q);
/* Service one batch of already received messages (exposed for tests). */
void nfth_queue_handle(struct nfth_queue *q, const char *buf, size_t len,
		       size_t *tx_off, bool *have_plain, uint32_t *max_plain);

#endif
