// SPDX-License-Identifier: GPL-2.0-or-later
/* log.c - see log.h. */
#include <stdarg.h>
#include <stdio.h>

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
