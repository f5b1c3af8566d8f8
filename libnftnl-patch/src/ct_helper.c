/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ct_helper.c - the object: allocation and attributes by id.
 *
 * Each attribute is described once in ct_helper_attrs[] (its C type, where
 * it lives, its limits); the typed setters and getters are the same few
 * lines for all of them.  Two attributes need more than a field: COMMENT is a
 * view of the comment TLV inside USERDATA, and POLICIES is an array.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libnftnl/udata.h>

#include "internal.h"

enum ct_helper_attr_kind {
	ATTR_NONE = 0,
	ATTR_STR,
	ATTR_U8,
	ATTR_U16,
	ATTR_U32,
	ATTR_U64,
	ATTR_DATA,
};

struct ct_helper_attr_desc {
	enum ct_helper_attr_kind kind;
	size_t		offset;		/* of the value in the object */
	uint32_t	size;		/* STR: buffer size; DATA: max bytes */
	uint64_t	min, max;	/* integers */
	bool		userspace;	/* lives in NFTA_CT_HELPER_USERSPACE */
	/* Overrides for values that are not a plain field. */
	int		(*set)(struct nftnl_ct_helper *h, const void *data,
			       uint32_t len);
	const void	*(*get)(const struct nftnl_ct_helper *h, uint32_t *len);
	void		(*unset)(struct nftnl_ct_helper *h);
	/* Cross-attribute checks for integers. */
	int		(*check)(const struct nftnl_ct_helper *h, uint64_t val);
};

static int ct_helper_set_comment(struct nftnl_ct_helper *h, const void *data,
				 uint32_t len);
static const void *ct_helper_get_comment(const struct nftnl_ct_helper *h,
					 uint32_t *len);
static void ct_helper_unset_comment(struct nftnl_ct_helper *h);
static int ct_helper_set_policies(struct nftnl_ct_helper *h, const void *data,
				  uint32_t len);
static const void *ct_helper_get_policies(const struct nftnl_ct_helper *h,
					  uint32_t *len);
static void ct_helper_unset_policies(struct nftnl_ct_helper *h);
static void ct_helper_unset_userspace(struct nftnl_ct_helper *h);
static int ct_helper_check_queue_num(const struct nftnl_ct_helper *h,
				     uint64_t val);
static int ct_helper_check_queue_count(const struct nftnl_ct_helper *h,
				       uint64_t val);

#define FIELD(f)	offsetof(struct nftnl_ct_helper, f)

static const struct ct_helper_attr_desc ct_helper_attrs[__NFTNL_CT_HELPER_MAX] = {
	[NFTNL_CT_HELPER_TABLE] = {
		.kind = ATTR_STR, .offset = FIELD(table),
		.size = NFTNL_CT_HELPER_NAME_MAXLEN,
	},
	[NFTNL_CT_HELPER_NAME] = {
		.kind = ATTR_STR, .offset = FIELD(name),
		.size = NFTNL_CT_HELPER_NAME_MAXLEN,
	},
	[NFTNL_CT_HELPER_FAMILY] = {
		.kind = ATTR_U32, .offset = FIELD(family), .max = UINT8_MAX,
	},
	[NFTNL_CT_HELPER_USE] = {
		.kind = ATTR_U32, .offset = FIELD(use), .max = UINT32_MAX,
	},
	[NFTNL_CT_HELPER_HANDLE] = {
		.kind = ATTR_U64, .offset = FIELD(handle), .max = UINT64_MAX,
	},
	[NFTNL_CT_HELPER_USERDATA] = {
		.kind = ATTR_DATA, .offset = FIELD(userdata),
		.size = NFTNL_CT_HELPER_USERDATA_MAXLEN,
	},
	[NFTNL_CT_HELPER_COMMENT] = {
		.kind = ATTR_STR, .set = ct_helper_set_comment,
		.get = ct_helper_get_comment, .unset = ct_helper_unset_comment,
	},
	[NFTNL_CT_HELPER_TYPE] = {
		.kind = ATTR_STR, .offset = FIELD(type),
		.size = NFTNL_CT_HELPER_TYPE_MAXLEN,
	},
	[NFTNL_CT_HELPER_L3PROTO] = {
		.kind = ATTR_U16, .offset = FIELD(l3proto), .max = UINT16_MAX,
	},
	[NFTNL_CT_HELPER_L4PROTO] = {
		.kind = ATTR_U8, .offset = FIELD(l4proto), .max = UINT8_MAX,
	},
	[NFTNL_CT_HELPER_USERSPACE] = {
		.kind = ATTR_U8, .offset = FIELD(userspace), .min = 1, .max = 1,
		.unset = ct_helper_unset_userspace,
	},
	[NFTNL_CT_HELPER_QUEUE_NUM] = {
		.kind = ATTR_U32, .offset = FIELD(queue_num),
		.max = NFTNL_CT_HELPER_QUEUE_MAX, .userspace = true,
		.check = ct_helper_check_queue_num,
	},
	[NFTNL_CT_HELPER_QUEUE_COUNT] = {
		.kind = ATTR_U32, .offset = FIELD(queue_count),
		.min = 1, .max = NFTNL_CT_HELPER_QUEUE_MAX + 1,
		.userspace = true, .check = ct_helper_check_queue_count,
	},
	[NFTNL_CT_HELPER_FLAGS] = {
		.kind = ATTR_U32, .offset = FIELD(hflags), .max = UINT32_MAX,
		.userspace = true,
	},
	[NFTNL_CT_HELPER_PRIV_LEN] = {
		.kind = ATTR_U32, .offset = FIELD(priv_len),
		.max = NFTNL_CT_HELPER_PRIV_LEN_MAX, .userspace = true,
	},
	[NFTNL_CT_HELPER_POLICIES] = {
		.kind = ATTR_DATA, .userspace = true,
		.set = ct_helper_set_policies, .get = ct_helper_get_policies,
		.unset = ct_helper_unset_policies,
	},
};

static const struct ct_helper_attr_desc *ct_helper_attr(uint16_t attr)
{
	if (attr > NFTNL_CT_HELPER_MAX || ct_helper_attrs[attr].kind == ATTR_NONE)
		return NULL;
	return &ct_helper_attrs[attr];
}

static void *ct_helper_field(struct nftnl_ct_helper *h,
			     const struct ct_helper_attr_desc *d)
{
	return (char *)h + d->offset;
}

static const void *ct_helper_cfield(const struct nftnl_ct_helper *h,
				    const struct ct_helper_attr_desc *d)
{
	return (const char *)h + d->offset;
}

int ct_helper_str_valid(const char *s, uint32_t len, uint32_t maxlen)
{
	const char *nul;

	if (len < 2)
		return 0;
	nul = memchr(s, '\0', len);
	return nul == s + len - 1 && len <= maxlen;
}

int ct_helper_policy_valid(const struct nftnl_ct_helper_policy *p)
{
	size_t n = strnlen(p->name, sizeof(p->name));

	return n >= 1 && n < sizeof(p->name) &&
	       p->max >= 1 && p->max <= NFTNL_CT_HELPER_POLICY_EXPECT_MAX;
}

int ct_helper_queue_range_valid(uint32_t num, uint32_t count)
{
	return num <= NFTNL_CT_HELPER_QUEUE_MAX && count >= 1 &&
	       (uint64_t)num + count - 1 <= NFTNL_CT_HELPER_QUEUE_MAX;
}

static int ct_helper_check_queue_num(const struct nftnl_ct_helper *h,
				     uint64_t val)
{
	if (!ct_helper_flag_test(h, NFTNL_CT_HELPER_QUEUE_COUNT))
		return 1;
	return ct_helper_queue_range_valid(val, h->queue_count);
}

static int ct_helper_check_queue_count(const struct nftnl_ct_helper *h,
				       uint64_t val)
{
	if (!ct_helper_flag_test(h, NFTNL_CT_HELPER_QUEUE_NUM))
		return 1;
	return ct_helper_queue_range_valid(h->queue_num, val);
}

/* User data is a sequence of {type u8, len u8, value[len]} records. */
const char *ct_helper_udata_comment(const uint8_t *udata, uint32_t len)
{
	uint32_t off = 0;

	while (len - off >= 2) {
		uint8_t type = udata[off], vlen = udata[off + 1];
		const char *value = (const char *)&udata[off + 2];

		if (vlen > len - off - 2)
			return NULL;
		if (type == NFTNL_UDATA_OBJ_COMMENT)
			return vlen && value[vlen - 1] == '\0' &&
			       !memchr(value, '\0', vlen - 1) ? value : NULL;
		off += 2 + vlen;
	}
	return NULL;
}

/* Copies the user data records except the comment into out; returns length. */
static uint32_t ct_helper_udata_strip_comment(const uint8_t *udata,
					      uint32_t len, uint8_t *out)
{
	uint32_t off = 0, n = 0;

	while (len - off >= 2) {
		uint8_t vlen = udata[off + 1];

		if (vlen > len - off - 2)
			break;
		if (udata[off] != NFTNL_UDATA_OBJ_COMMENT) {
			memcpy(out + n, udata + off, 2u + vlen);
			n += 2u + vlen;
		}
		off += 2u + vlen;
	}
	return n;
}

static int ct_helper_set_comment(struct nftnl_ct_helper *h, const void *data,
				 uint32_t len)
{
	uint8_t buf[NFTNL_CT_HELPER_USERDATA_MAXLEN];
	uint32_t rest = 0;

	/* An empty comment is allowed: len == 1 is just the NUL. */
	if (len < 1 || len > UINT8_MAX || memchr(data, '\0', len) !=
	    (const char *)data + len - 1)
		return -1;
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_USERDATA))
		rest = ct_helper_udata_strip_comment(h->userdata,
						     h->userdata_len, buf);
	if (2 + len + rest > sizeof(h->userdata))
		return -1;
	/* Comment first, as nft writes it; other records follow unchanged. */
	memmove(h->userdata + 2 + len, buf, rest);
	h->userdata[0] = NFTNL_UDATA_OBJ_COMMENT;
	h->userdata[1] = (uint8_t)len;
	memcpy(h->userdata + 2, data, len);
	h->userdata_len = 2 + len + rest;
	h->flags |= 1u << NFTNL_CT_HELPER_USERDATA;
	return 0;
}

static const void *ct_helper_get_comment(const struct nftnl_ct_helper *h,
					 uint32_t *len)
{
	const char *c;

	if (!ct_helper_flag_test(h, NFTNL_CT_HELPER_USERDATA))
		return NULL;
	c = ct_helper_udata_comment(h->userdata, h->userdata_len);
	if (c)
		*len = strlen(c) + 1;
	return c;
}

static void ct_helper_unset_comment(struct nftnl_ct_helper *h)
{
	uint8_t buf[NFTNL_CT_HELPER_USERDATA_MAXLEN];

	if (!ct_helper_flag_test(h, NFTNL_CT_HELPER_USERDATA))
		return;
	h->userdata_len = ct_helper_udata_strip_comment(h->userdata,
							h->userdata_len, buf);
	memcpy(h->userdata, buf, h->userdata_len);
	if (!h->userdata_len)
		h->flags &= ~(1u << NFTNL_CT_HELPER_USERDATA);
}

static int ct_helper_set_policies(struct nftnl_ct_helper *h, const void *data,
				  uint32_t len)
{
	const struct nftnl_ct_helper_policy *p = data;
	uint32_t i, n = len / sizeof(*p);

	if (len % sizeof(*p) || n < 1 || n > NFTNL_CT_HELPER_POLICY_MAX)
		return -1;
	for (i = 0; i < n; i++)
		if (!ct_helper_policy_valid(&p[i]))
			return -1;
	memset(h->policy, 0, sizeof(h->policy));
	memcpy(h->policy, p, len);
	h->policy_count = n;
	return 0;
}

static const void *ct_helper_get_policies(const struct nftnl_ct_helper *h,
					  uint32_t *len)
{
	*len = h->policy_count * sizeof(h->policy[0]);
	return h->policy;
}

static void ct_helper_unset_policies(struct nftnl_ct_helper *h)
{
	memset(h->policy, 0, sizeof(h->policy));
	h->policy_count = 0;
}

static void ct_helper_unset_userspace(struct nftnl_ct_helper *h)
{
	uint16_t attr;

	for (attr = 0; attr <= NFTNL_CT_HELPER_MAX; attr++)
		if (ct_helper_attrs[attr].userspace)
			nftnl_ct_helper_unset(h, attr);
	h->userspace = 0;
}

EXPORT_SYMBOL struct nftnl_ct_helper *nftnl_ct_helper_alloc(void)
{
	return calloc(1, sizeof(struct nftnl_ct_helper));
}

EXPORT_SYMBOL void nftnl_ct_helper_free(const struct nftnl_ct_helper *h)
{
	free((void *)h);
}

EXPORT_SYMBOL struct nftnl_ct_helper *
nftnl_ct_helper_clone(const struct nftnl_ct_helper *h)
{
	struct nftnl_ct_helper *c = nftnl_ct_helper_alloc();

	if (c)
		memcpy(c, h, sizeof(*c));
	return c;
}

EXPORT_SYMBOL bool nftnl_ct_helper_is_set(const struct nftnl_ct_helper *h,
					  uint16_t attr)
{
	uint32_t len;

	if (attr == NFTNL_CT_HELPER_COMMENT)
		return ct_helper_get_comment(h, &len) != NULL;
	return ct_helper_flag_test(h, attr);
}

static uint32_t ct_helper_kind_size(enum ct_helper_attr_kind kind)
{
	switch (kind) {
	case ATTR_U8:	return 1;
	case ATTR_U16:	return 2;
	case ATTR_U32:	return 4;
	case ATTR_U64:	return 8;
	default:	return 0;
	}
}

/* Bytes a plain field takes in the object. */
static uint32_t ct_helper_field_size(const struct ct_helper_attr_desc *d)
{
	return d->kind == ATTR_STR || d->kind == ATTR_DATA ?
	       d->size : ct_helper_kind_size(d->kind);
}

EXPORT_SYMBOL void nftnl_ct_helper_unset(struct nftnl_ct_helper *h,
					 uint16_t attr)
{
	const struct ct_helper_attr_desc *d = ct_helper_attr(attr);

	if (!d)
		return;
	if (d->unset)
		d->unset(h);
	else
		memset(ct_helper_field(h, d), 0, ct_helper_field_size(d));
	if (attr == NFTNL_CT_HELPER_USERDATA)
		h->userdata_len = 0;
	/* COMMENT has no bit of its own: it lives in USERDATA */
	if (attr != NFTNL_CT_HELPER_COMMENT)
		h->flags &= ~(1u << attr);
}

static uint64_t ct_helper_load_uint(const void *data, uint32_t size)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (size) {
	case 1:	memcpy(&u8, data, 1); return u8;
	case 2:	memcpy(&u16, data, 2); return u16;
	case 4:	memcpy(&u32, data, 4); return u32;
	default: memcpy(&u64, data, 8); return u64;
	}
}

EXPORT_SYMBOL int nftnl_ct_helper_set_data(struct nftnl_ct_helper *h,
					   uint16_t attr, const void *data,
					   uint32_t data_len)
{
	const struct ct_helper_attr_desc *d = ct_helper_attr(attr);
	uint32_t size;
	uint64_t val;

	if (!d || (!data && data_len))
		goto einval;

	if (d->set) {
		if (d->set(h, data, data_len) < 0)
			goto einval;
	} else if (d->kind == ATTR_STR) {
		if (!ct_helper_str_valid(data, data_len, d->size))
			goto einval;
		memset(ct_helper_field(h, d), 0, d->size);
		memcpy(ct_helper_field(h, d), data, data_len);
	} else if (d->kind == ATTR_DATA) {
		if (data_len > d->size)
			goto einval;
		memset(ct_helper_field(h, d), 0, d->size);
		if (data_len)
			memcpy(ct_helper_field(h, d), data, data_len);
		h->userdata_len = data_len;	/* the only plain DATA field */
	} else {
		size = ct_helper_kind_size(d->kind);
		if (data_len != size)
			goto einval;
		val = ct_helper_load_uint(data, size);
		if (val < d->min || val > d->max || (d->check && !d->check(h, val)))
			goto einval;
		memcpy(ct_helper_field(h, d), data, size);
	}

	if (attr != NFTNL_CT_HELPER_COMMENT)
		h->flags |= 1u << attr;
	if (d->userspace) {
		h->userspace = 1;
		h->flags |= 1u << NFTNL_CT_HELPER_USERSPACE;
	}
	return 0;
einval:
	errno = EINVAL;
	return -1;
}

EXPORT_SYMBOL int nftnl_ct_helper_set_u8(struct nftnl_ct_helper *h,
					 uint16_t attr, uint8_t val)
{
	return nftnl_ct_helper_set_data(h, attr, &val, sizeof(val));
}

EXPORT_SYMBOL int nftnl_ct_helper_set_u16(struct nftnl_ct_helper *h,
					  uint16_t attr, uint16_t val)
{
	return nftnl_ct_helper_set_data(h, attr, &val, sizeof(val));
}

EXPORT_SYMBOL int nftnl_ct_helper_set_u32(struct nftnl_ct_helper *h,
					  uint16_t attr, uint32_t val)
{
	return nftnl_ct_helper_set_data(h, attr, &val, sizeof(val));
}

EXPORT_SYMBOL int nftnl_ct_helper_set_u64(struct nftnl_ct_helper *h,
					  uint16_t attr, uint64_t val)
{
	return nftnl_ct_helper_set_data(h, attr, &val, sizeof(val));
}

EXPORT_SYMBOL int nftnl_ct_helper_set_str(struct nftnl_ct_helper *h,
					  uint16_t attr, const char *str)
{
	const struct ct_helper_attr_desc *d = ct_helper_attr(attr);

	if (!str || !d || d->kind != ATTR_STR) {
		errno = EINVAL;
		return -1;
	}
	return nftnl_ct_helper_set_data(h, attr, str, strlen(str) + 1);
}

EXPORT_SYMBOL const void *nftnl_ct_helper_get_data(const struct nftnl_ct_helper *h,
						   uint16_t attr,
						   uint32_t *data_len)
{
	const struct ct_helper_attr_desc *d = ct_helper_attr(attr);
	uint32_t len = 0;
	const void *ret = NULL;

	if (!d)
		goto out;
	if (d->get) {
		if (attr == NFTNL_CT_HELPER_COMMENT ||
		    ct_helper_flag_test(h, attr))
			ret = d->get(h, &len);
		goto out;
	}
	if (!ct_helper_flag_test(h, attr))
		goto out;
	ret = ct_helper_cfield(h, d);
	switch (d->kind) {
	case ATTR_STR:
		len = strlen(ret) + 1;
		break;
	case ATTR_DATA:
		len = h->userdata_len;
		break;
	default:
		len = ct_helper_kind_size(d->kind);
		break;
	}
out:
	if (data_len)
		*data_len = ret ? len : 0;
	return ret;
}

/* A typed getter answers only for attributes of its own type. */
static const void *ct_helper_get_typed(const struct nftnl_ct_helper *h,
				       uint16_t attr,
				       enum ct_helper_attr_kind kind)
{
	const struct ct_helper_attr_desc *d = ct_helper_attr(attr);

	if (!d || d->kind != kind)
		return NULL;
	return nftnl_ct_helper_get_data(h, attr, NULL);
}

EXPORT_SYMBOL uint8_t nftnl_ct_helper_get_u8(const struct nftnl_ct_helper *h,
					     uint16_t attr)
{
	const void *v = ct_helper_get_typed(h, attr, ATTR_U8);

	return v ? (uint8_t)ct_helper_load_uint(v, 1) : 0;
}

EXPORT_SYMBOL uint16_t nftnl_ct_helper_get_u16(const struct nftnl_ct_helper *h,
					       uint16_t attr)
{
	const void *v = ct_helper_get_typed(h, attr, ATTR_U16);

	return v ? (uint16_t)ct_helper_load_uint(v, 2) : 0;
}

EXPORT_SYMBOL uint32_t nftnl_ct_helper_get_u32(const struct nftnl_ct_helper *h,
					       uint16_t attr)
{
	const void *v = ct_helper_get_typed(h, attr, ATTR_U32);

	return v ? (uint32_t)ct_helper_load_uint(v, 4) : 0;
}

EXPORT_SYMBOL uint64_t nftnl_ct_helper_get_u64(const struct nftnl_ct_helper *h,
					       uint16_t attr)
{
	const void *v = ct_helper_get_typed(h, attr, ATTR_U64);

	return v ? ct_helper_load_uint(v, 8) : 0;
}

EXPORT_SYMBOL const char *nftnl_ct_helper_get_str(const struct nftnl_ct_helper *h,
						  uint16_t attr)
{
	return ct_helper_get_typed(h, attr, ATTR_STR);
}

EXPORT_SYMBOL int nftnl_ct_helper_policy_add(struct nftnl_ct_helper *h,
					     const char *name, uint32_t max,
					     uint32_t timeout)
{
	struct nftnl_ct_helper_policy p[NFTNL_CT_HELPER_POLICY_MAX] = { 0 };
	uint32_t n = h->policy_count;

	if (!name || n >= NFTNL_CT_HELPER_POLICY_MAX ||
	    strlen(name) >= sizeof(p[0].name)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(p, h->policy, n * sizeof(p[0]));
	strcpy(p[n].name, name);
	p[n].max = max;
	p[n].timeout = timeout;
	return nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_POLICIES, p,
					(n + 1) * sizeof(p[0]));
}

EXPORT_SYMBOL uint32_t nftnl_ct_helper_policy_count(const struct nftnl_ct_helper *h)
{
	return h->policy_count;
}

EXPORT_SYMBOL const struct nftnl_ct_helper_policy *
nftnl_ct_helper_policy_get(const struct nftnl_ct_helper *h, uint32_t index)
{
	return index < h->policy_count ? &h->policy[index] : NULL;
}

EXPORT_SYMBOL bool nftnl_ct_helper_cmp(const struct nftnl_ct_helper *a,
				       const struct nftnl_ct_helper *b)
{
	uint32_t alen, blen;
	const void *av, *bv;
	uint16_t attr;

	if (a->flags != b->flags)
		return false;
	for (attr = 0; attr <= NFTNL_CT_HELPER_MAX; attr++) {
		av = nftnl_ct_helper_get_data(a, attr, &alen);
		bv = nftnl_ct_helper_get_data(b, attr, &blen);
		if (!av != !bv || alen != blen || (av && memcmp(av, bv, alen)))
			return false;
	}
	return true;
}
