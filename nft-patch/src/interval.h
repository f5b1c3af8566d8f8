/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interval.h - anonymous interval sets: elements as sorted, merged
 * [low, high] intervals of big-endian keys, and back.
 */
#ifndef NFTP_INTERVAL_H
#define NFTP_INTERVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "expression.h"

struct interval {
	uint8_t lo[EXPR_VALUE_MAXLEN];
	uint8_t hi[EXPR_VALUE_MAXLEN];
};

/*
 * The elements of an evaluated set (values, ranges, prefixes) as intervals,
 * sorted and with overlapping or adjacent ones merged, as stock nft sends
 * them.  Returns the count; *out is malloc'ed.
 */
unsigned int set_intervals(const struct expr *set, struct interval **out);
/* [lo, hi] of one evaluated element (value, range or prefix), @n bytes */
void elem_bounds(const struct expr *e, unsigned int n, uint8_t *lo,
		 uint8_t *hi);

/* n-byte big-endian arithmetic; the return value says it wrapped */
bool be_inc(uint8_t *d, unsigned int n);
bool be_dec(uint8_t *d, unsigned int n);
bool be_is_zero(const uint8_t *d, unsigned int n);
/* The prefix length when [lo, hi] is exactly one prefix, else -1. */
int interval_prefix_len(const uint8_t *lo, const uint8_t *hi, unsigned int n);

#endif /* NFTP_INTERVAL_H */
