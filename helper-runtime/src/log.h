/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.h - nft-helperd's log lines: "nft-helperd: LEVEL: text" on stderr
 * (the journal, under systemd).  stdio locks per call, so lines from queue
 * threads do not interleave. */
#ifndef NFTH_LOG_H
#define NFTH_LOG_H

enum nfth_log_level { NFTH_LOG_ERR, NFTH_LOG_WARN, NFTH_LOG_INFO, NFTH_LOG_DEBUG };

extern int nfth_log_verbosity;	/* highest level printed; INFO by default */

void nfth_log(enum nfth_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define nfth_err(...)	nfth_log(NFTH_LOG_ERR, __VA_ARGS__)
#define nfth_warn(...)	nfth_log(NFTH_LOG_WARN, __VA_ARGS__)
#define nfth_info(...)	nfth_log(NFTH_LOG_INFO, __VA_ARGS__)
#define nfth_debug(...)	nfth_log(NFTH_LOG_DEBUG, __VA_ARGS__)

/*
 * At most @burst lines per second of one kind (per-expectation lines: a
 * client sending PORT in a loop must not flood the journal).  One per
 * writer thread; the first line of the next second says how many were not
 * written.
 */
struct nfth_ratelimit {
	unsigned int burst;
	long long second;	/* CLOCK_MONOTONIC second of the window */
	unsigned int used;
	unsigned long long suppressed;	/* in the current window */
	unsigned long long suppressed_total;
};

/* May a line be written at second @now?  Sets *@missed to the lines
 * suppressed in the window that just ended (0 if none or still running). */
int nfth_ratelimit_ok(struct nfth_ratelimit *rl, long long now,
		      unsigned long long *missed);
/* The same at the current CLOCK_MONOTONIC second. */
int nfth_ratelimit_now(struct nfth_ratelimit *rl, unsigned long long *missed);

#endif
