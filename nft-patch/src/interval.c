// SPDX-License-Identifier: GPL-2.0-or-later
/* interval.c - interval sets: elements -> sorted, merged intervals. */
#include <stdlib.h>
#include <string.h>

#include "interval.h"
#include "utils.h"

bool be_inc(uint8_t *d, unsigned int n)
{
	while (n-- > 0)
		if (++d[n] != 0)
			return false;
	return true;
}

bool be_dec(uint8_t *d, unsigned int n)
{
	while (n-- > 0)
		if (d[n]-- != 0)
			return false;
	return true;
}

bool be_is_zero(const uint8_t *d, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (d[i])
			return false;
	return true;
}

int interval_prefix_len(const uint8_t *lo, const uint8_t *hi, unsigned int n)
{
	unsigned int bits = n * 8, i, plen = 0;
	bool host = false;

	/* lo must have zeros and hi ones from the same bit on */
	for (i = 0; i < bits; i++) {
		unsigned int byte = i / 8, bit = 0x80 >> (i % 8);
		bool l = lo[byte] & bit, h = hi[byte] & bit;

		if (!host) {
			if (l == h) {
				plen++;
				continue;
			}
			host = true;
		}
		if (l || !h)
			return -1;
	}
	return (int)plen;
}

static unsigned int cmp_len;

static int interval_cmp(const void *a, const void *b)
{
	return memcmp(((const struct interval *)a)->lo,
		      ((const struct interval *)b)->lo, cmp_len);
}

void elem_bounds(const struct expr *e, unsigned int n, uint8_t *lo,
		 uint8_t *hi)
{
	unsigned int i, plen;

	switch (e->etype) {
	case EXPR_RANGE:
		memcpy(lo, e->binary.left->value.data, n);
		memcpy(hi, e->binary.right->value.data, n);
		break;
	case EXPR_PREFIX:
		plen = e->prefix.prefix_len;
		memcpy(lo, e->prefix.expr->value.data, n);
		memcpy(hi, e->prefix.expr->value.data, n);
		for (i = plen; i < n * 8; i++) {
			uint8_t bit = (uint8_t)(0x80 >> (i % 8));

			lo[i / 8] &= (uint8_t)~bit;
			hi[i / 8] |= bit;
		}
		break;
	default:
		memcpy(lo, e->value.data, n);
		memcpy(hi, e->value.data, n);
		break;
	}
}

unsigned int set_intervals(const struct expr *set, struct interval **out)
{
	unsigned int n = (set->len + 7) / 8, num = 0, i, j;
	struct interval *iv = xzalloc(sizeof(*iv) * (set->compound.size + 1));
	uint8_t next[EXPR_VALUE_MAXLEN];
	const struct expr *e;

	list_for_each_entry(e, &set->compound.exprs, list) {
		struct interval *x = &iv[num++];

		elem_bounds(e, n, x->lo, x->hi);
	}
	cmp_len = n;
	qsort(iv, num, sizeof(*iv), interval_cmp);

	/* merge overlapping and adjacent intervals */
	for (i = 0, j = 0; i < num; i++) {
		if (j > 0) {
			struct interval *last = &iv[j - 1];
			bool wrapped;

			memcpy(next, last->hi, n);
			wrapped = be_inc(next, n);
			if (wrapped || memcmp(iv[i].lo, next, n) <= 0) {
				if (memcmp(iv[i].hi, last->hi, n) > 0)
					memcpy(last->hi, iv[i].hi, n);
				continue;
			}
		}
		iv[j++] = iv[i];
	}
	*out = iv;
	return j;
}
