// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netlink_delinearize_set.c - a set's elements from the kernel as stock
 * nft lists them: values sorted (names as stock's numbers of them),
 * interval start/end elements decoded into values, prefixes and ranges,
 * verdict map entries as "value : verdict".
 */
#include <libnftnl/set.h>
#include <linux/netfilter/nf_tables.h>
#include <stdlib.h>
#include <string.h>

#include "datatype.h"
#include "expression.h"
#include "interval.h"
#include "netlink.h"
#include "utils.h"

static const struct expr *sort_key;

static int elem_cmp(const void *a, const void *b)
{
	const struct expr *x = *(const struct expr *const *)a;
	const struct expr *y = *(const struct expr *const *)b;

	/* maps sort by their keys */
	if (x->etype == EXPR_MAPPING)
		x = x->binary.left;
	if (y->etype == EXPR_MAPPING)
		y = y->binary.left;
	unsigned int n = (sort_key->len + 7) / 8, i;

	/* names compare as stock nft's numbers of them: host order, so
	 * from the last (padding) byte down */
	if (sort_key->dtype->flags & DTYPE_F_STRING) {
		for (i = n; i-- > 0;)
			if (x->value.data[i] != y->value.data[i])
				return x->value.data[i] < y->value.data[i] ? -1 : 1;
		return 0;
	}
	if (sort_key->byteorder == BYTEORDER_HOST_ENDIAN) {
		uint64_t u = value_get(x->value.data, n, BYTEORDER_HOST_ENDIAN);
		uint64_t v = value_get(y->value.data, n, BYTEORDER_HOST_ENDIAN);

		return u < v ? -1 : u > v;
	}
	return memcmp(x->value.data, y->value.data, n);
}

struct ielem {
	uint8_t key[EXPR_VALUE_MAXLEN];
	bool end;
};

static unsigned int ielem_len;

static int ielem_cmp(const void *a, const void *b)
{
	return memcmp(((const struct ielem *)a)->key,
		      ((const struct ielem *)b)->key, ielem_len);
}

/*
 * Interval keys are big endian in the kernel whatever the key's type
 * (stock nft turns host-order keys such as mark around, so that they sort
 * as numbers): turn a host-order key's values back.
 */
static void key_to_host(uint8_t *k, unsigned int n, bool host)
{
	if (!host || n > sizeof(uint64_t))
		return;
	value_set(k, n, BYTEORDER_HOST_ENDIAN,
		  value_get(k, n, BYTEORDER_BIG_ENDIAN));
}

/* stock nft's mark type lists aligned ranges as prefixes, as addresses */
static bool prefix_type(const struct datatype *dtype)
{
	return (dtype->flags & DTYPE_F_PREFIX) || dtype->type == TYPE_MARK;
}

/*
 * Interval set elements back to values, ranges and prefixes: each start
 * runs to the next end marker minus one, or to the top of the key space.
 */
static int interval_set_elems(const struct expr *key, struct nftnl_set *s,
			      struct expr *set)
{
	unsigned int n = (key->len + 7) / 8, num = 0, i;
	struct nftnl_set_elems_iter *it;
	struct nftnl_set_elem *el;
	struct ielem *v = NULL;
	uint8_t hi[EXPR_VALUE_MAXLEN], lo_key[EXPR_VALUE_MAXLEN];
	bool host = key->byteorder == BYTEORDER_HOST_ENDIAN;
	int ret = 0;

	it = nftnl_set_elems_iter_create(s);
	while (it && (el = nftnl_set_elems_iter_next(it))) {
		uint32_t len;
		const void *key = nftnl_set_elem_get(el, NFTNL_SET_ELEM_KEY, &len);

		if (!key || len != n) {
			ret = -1;
			break;
		}
		v = xrealloc(v, (num + 1) * sizeof(*v));
		memset(&v[num], 0, sizeof(v[num]));
		memcpy(v[num].key, key, n);
		v[num].end = nftnl_set_elem_is_set(el, NFTNL_SET_ELEM_FLAGS) &&
			     (nftnl_set_elem_get_u32(el, NFTNL_SET_ELEM_FLAGS) &
			      NFT_SET_ELEM_INTERVAL_END);
		num++;
	}
	if (it)
		nftnl_set_elems_iter_destroy(it);
	ielem_len = n;
	if (num)
		qsort(v, num, sizeof(*v), ielem_cmp);
	for (i = 0; ret == 0 && i < num; i++) {
		struct expr *lo, *e;
		int plen;

		if (v[i].end)
			continue;
		if (i + 1 < num && v[i + 1].end) {
			memcpy(hi, v[i + 1].key, n);
			be_dec(hi, n);
		} else if (i + 1 == num) {
			memset(hi, 0xff, n);
		} else {
			ret = -1;
			break;
		}
		memcpy(lo_key, v[i].key, n);
		key_to_host(lo_key, n, host);
		lo = typed_value_expr(key, lo_key, n);
		if (!memcmp(v[i].key, hi, n)) {
			e = lo;
		} else if (prefix_type(key->dtype) &&
			   (plen = interval_prefix_len(v[i].key, hi, n)) >= 0) {
			e = prefix_expr_alloc(NULL, lo, (unsigned int)plen);
			e->dtype = lo->dtype;
			e->len = lo->len;
		} else {
			key_to_host(hi, n, host);
			e = range_expr_alloc(NULL, lo, typed_value_expr(key, hi, n));
			e->dtype = lo->dtype;
			e->len = lo->len;
		}
		compound_expr_add(set, e);
	}
	free(v);
	return ret;
}

struct expr *set_elems_expr(const struct expr *key, struct nftnl_set *s,
			    bool as_sent)
{
	struct nftnl_set_elems_iter *it;
	struct nftnl_set_elem *el;
	struct expr *set, **v = NULL;
	unsigned int num = 0, i;
	uint32_t flags = nftnl_set_get_u32(s, NFTNL_SET_FLAGS);
	bool failed = false, vmap = false;

	/* verdict maps: plain ones; others are not shown here yet */
	if (flags & NFT_SET_MAP) {
		if ((flags & (NFT_SET_INTERVAL | NFT_SET_OBJECT)) ||
		    !nftnl_set_is_set(s, NFTNL_SET_DATA_TYPE) ||
		    nftnl_set_get_u32(s, NFTNL_SET_DATA_TYPE) != NFT_DATA_VERDICT)
			return NULL;
		vmap = true;
	}
	set = compound_expr_alloc(NULL, EXPR_SET);
	set->dtype = key->dtype;
	set->len = key->len;
	set->byteorder = key->byteorder;
	if (flags & NFT_SET_INTERVAL) {
		if (interval_set_elems(key, s, set) < 0) {
			expr_free(set);
			return NULL;
		}
		return set;
	}
	it = nftnl_set_elems_iter_create(s);
	while (it && (el = nftnl_set_elems_iter_next(it))) {
		uint32_t len;
		const void *k = nftnl_set_elem_get(el, NFTNL_SET_ELEM_KEY, &len);

		/* timeouts, expressions, data: not listed here yet */
		if (!k || len > EXPR_VALUE_MAXLEN ||
		    nftnl_set_elem_is_set(el, NFTNL_SET_ELEM_TIMEOUT) ||
		    nftnl_set_elem_is_set(el, NFTNL_SET_ELEM_EXPIRATION) ||
		    nftnl_set_elem_is_set(el, NFTNL_SET_ELEM_USERDATA) ||
		    nftnl_set_elem_is_set(el, NFTNL_SET_ELEM_EXPR) ||
		    (nftnl_set_elem_is_set(el, NFTNL_SET_ELEM_DATA) && !vmap) ||
		    vmap != nftnl_set_elem_is_set(el, NFTNL_SET_ELEM_VERDICT)) {
			failed = true;
			break;
		}
		v = xrealloc(v, (num + 1) * sizeof(*v));
		v[num++] = typed_value_expr(key, k, len);
		if (vmap) {
			const char *chain = NULL;
			struct expr *m = expr_alloc(NULL, EXPR_MAPPING);

			if (nftnl_set_elem_is_set(el, NFTNL_SET_ELEM_CHAIN))
				chain = nftnl_set_elem_get_str(el, NFTNL_SET_ELEM_CHAIN);
			m->binary.left = v[num - 1];
			m->binary.right = verdict_expr_alloc(NULL,
				(int)nftnl_set_elem_get_u32(el, NFTNL_SET_ELEM_VERDICT),
				chain ? xstrdup(chain) : NULL, NULL);
			v[num - 1] = m;
		}
	}
	if (it)
		nftnl_set_elems_iter_destroy(it);
	/* stock nft's listing sorts values (its echo does not) */
	sort_key = key;
	if (num && !as_sent)
		qsort(v, num, sizeof(*v), elem_cmp);
	for (i = 0; i < num; i++) {
		if (failed)
			expr_free(v[i]);
		else
			compound_expr_add(set, v[i]);
	}
	free(v);
	if (failed) {
		expr_free(set);
		return NULL;
	}
	return set;
}
