/* SPDX-License-Identifier: GPL-2.0-or-later */
/* utils.h - allocation helpers that never return NULL (nft aborts on OOM). */
#ifndef NFTP_UTILS_H
#define NFTP_UTILS_H

#include <stddef.h>
#include <stdarg.h>

#define array_size(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t size);
void *xzalloc(size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Copy at most size-1 bytes and always terminate. */
void xstrlcpy(char *dst, const char *src, size_t size);

#endif /* NFTP_UTILS_H */
