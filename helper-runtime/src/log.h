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

#endif
