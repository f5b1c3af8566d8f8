/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * internal.h - the ct helper object's private layout, shared by the files of
 * the library (object, build, parse, print, list).
 *
 * Every attribute lives in a fixed-size field, so an object is one
 * allocation, copying is memcpy and a failed parse can be thrown away.
 */
#ifndef _LIBNFTNL_CTHELPER_INTERNAL_H_
#define _LIBNFTNL_CTHELPER_INTERNAL_H_

#include <stdint.h>

#include <libnftnl-cthelper/ct_helper.h>

#define EXPORT_SYMBOL __attribute__((visibility("default")))

struct nftnl_ct_helper {
	uint32_t	flags;		/* bit per enum nftnl_ct_helper_attr */

	char		table[NFTNL_CT_HELPER_NAME_MAXLEN];
	char		name[NFTNL_CT_HELPER_NAME_MAXLEN];
	uint32_t	family;
	uint32_t	use;
	uint64_t	handle;
	uint8_t		userdata[NFTNL_CT_HELPER_USERDATA_MAXLEN];
	uint32_t	userdata_len;

	char		type[NFTNL_CT_HELPER_TYPE_MAXLEN];
	uint16_t	l3proto;
	uint8_t		l4proto;

	uint8_t		userspace;
	uint32_t	queue_num;
	uint32_t	queue_count;
	uint32_t	hflags;
	uint32_t	priv_len;
	uint32_t	policy_count;
	struct nftnl_ct_helper_policy policy[NFTNL_CT_HELPER_POLICY_MAX];
};

static inline int ct_helper_flag_test(const struct nftnl_ct_helper *h,
				      uint16_t attr)
{
	return attr <= NFTNL_CT_HELPER_MAX && (h->flags & (1u << attr));
}

/* NUL-terminated within len, no embedded NUL, 1..maxlen-1 characters. */
int ct_helper_str_valid(const char *s, uint32_t len, uint32_t maxlen);
/* One expectation class within the documented limits. */
int ct_helper_policy_valid(const struct nftnl_ct_helper_policy *p);
/* Queue range num..num+count-1 inside 0..65535. */
int ct_helper_queue_range_valid(uint32_t num, uint32_t count);
/* The comment TLV in user data: value (NUL-terminated) or NULL. */
const char *ct_helper_udata_comment(const uint8_t *udata, uint32_t len);

#endif
