// SPDX-License-Identifier: GPL-2.0-or-later
/* log.c - see log.h. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "log.h"

int nfth_log_verbosity = NFTH_LOG_INFO;

void nfth_log(enum nfth_log_level level, const char *fmt, ...)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	char line[1024];
	va_list ap;

	if ((int)level > nfth_log_verbosity)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "nft-helperd: %s: %s\n", names[level], line);
}

int nfth_ratelimit_ok(struct nfth_ratelimit *rl, long long now,
		      unsigned long long *missed)
{
	*missed = 0;
	if (now != rl->second) {
		*missed = rl->suppressed;
		rl->second = now;
		rl->used = 0;
		rl->suppressed = 0;
	}
	if (rl->used < rl->burst) {
		rl->used++;
		return 1;
	}
	rl->suppressed++;
	rl->suppressed_total++;
	return 0;
}

int nfth_ratelimit_now(struct nfth_ratelimit *rl, unsigned long long *missed)
{
	struct timespec ts;

	/* the coarse clock reads without a system call */
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return nfth_ratelimit_ok(rl, (long long)ts.tv_sec, missed);
}
