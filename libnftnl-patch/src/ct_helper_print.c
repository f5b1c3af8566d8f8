/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ct_helper_print.c - libnftnl's default (debug) text for the object.
 *
 * A stock object prints exactly as libnftnl 1.2.4's nftnl_obj_snprintf():
 *   table T name N use U [ ct_helper name TYPE family L3 protocol L4 ]
 * and a user-space one adds its nest before the closing bracket:
 *   ... userspace queue Q count C flags 0xF priv_len P
 *       policy NAME max M timeout S ... ]
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libnftnl/common.h>

#include "internal.h"

/* snprintf into what is left of the buffer, counting what would be needed. */
struct print_buf {
	char	*buf;
	size_t	size;
	size_t	len;		/* as snprintf: total wanted, may exceed size */
};

__attribute__((format(printf, 2, 3)))
static void print_add(struct print_buf *pb, const char *fmt, ...)
{
	size_t off = pb->len < pb->size ? pb->len : pb->size;
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(pb->buf ? pb->buf + off : NULL,
			pb->buf ? pb->size - off : 0, fmt, ap);
	va_end(ap);
	if (ret > 0)
		pb->len += (size_t)ret;
}

static void ct_helper_print_userspace(struct print_buf *pb,
				      const struct nftnl_ct_helper *h)
{
	uint32_t i;

	print_add(pb, "userspace ");
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_QUEUE_NUM))
		print_add(pb, "queue %u ", h->queue_num);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_QUEUE_COUNT))
		print_add(pb, "count %u ", h->queue_count);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_FLAGS))
		print_add(pb, "flags 0x%x ", h->hflags);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_PRIV_LEN))
		print_add(pb, "priv_len %u ", h->priv_len);
	for (i = 0; i < h->policy_count; i++)
		print_add(pb, "policy %s max %u timeout %u ", h->policy[i].name,
			  h->policy[i].max, h->policy[i].timeout);
}

EXPORT_SYMBOL int nftnl_ct_helper_snprintf(char *buf, size_t size,
					   const struct nftnl_ct_helper *h,
					   uint32_t type, uint32_t flags)
{
	struct print_buf pb = { .buf = size ? buf : NULL, .size = size };

	(void)flags;	/* event flags change nothing in the default output */
	if (type != NFTNL_OUTPUT_DEFAULT) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if (size)
		buf[0] = '\0';
	print_add(&pb, "table %s name %s use %u [ ct_helper ", h->table,
		  h->name, h->use);
	print_add(&pb, "name %s family %u protocol %u ", h->type, h->l3proto,
		  h->l4proto);
	if (ct_helper_flag_test(h, NFTNL_CT_HELPER_USERSPACE) && h->userspace)
		ct_helper_print_userspace(&pb, h);
	print_add(&pb, "]");
	return pb.len > INT32_MAX ? -1 : (int)pb.len;
}

EXPORT_SYMBOL int nftnl_ct_helper_fprintf(FILE *fp,
					  const struct nftnl_ct_helper *h,
					  uint32_t type, uint32_t flags)
{
	char buf[2048];
	int ret;

	ret = nftnl_ct_helper_snprintf(buf, sizeof(buf), h, type, flags);
	if (ret < 0)
		return ret;
	return fputs(buf, fp) < 0 ? -1 : ret;
}
