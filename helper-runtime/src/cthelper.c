// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cthelper.c - register and unregister helpers with nfnetlink_cthelper.
 *
 * The message is built by libnetfilter_cthelper: it is the library made for
 * exactly this message (name, tuple, queue, private data length, policy set,
 * status) and this is no hot path.  What the kernel does with it (6.1,
 * net/netfilter/nfnetlink_cthelper.c): NEW without NLM_F_EXCL updates a
 * helper of the same name and tuple in place -- queue, policy sizes and
 * timeouts, status -- provided the private data length and the policy
 * names are unchanged (else EBUSY); DEL fails with EBUSY while anything
 * (an nft ct helper object) holds a reference.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_cthelper/libnetfilter_cthelper.h>
#include <linux/netfilter/nfnetlink.h>

#include "cthelper.h"

/* Name and tuple: what identifies a helper to the kernel. */
static struct nfct_helper *to_nfct_key(const struct nfth_registration *r)
{
	struct nfct_helper *h = nfct_helper_alloc();

	if (!h)
		return NULL;
	nfct_helper_attr_set(h, NFCTH_ATTR_NAME, r->name);
	nfct_helper_attr_set_u16(h, NFCTH_ATTR_PROTO_L3NUM, r->l3proto);
	nfct_helper_attr_set_u8(h, NFCTH_ATTR_PROTO_L4NUM, r->l4proto);
	return h;
}

/* The key, its queue, enabled: libnetfilter_cthelper sends only the
 * attributes that were set. */
static struct nfct_helper *to_nfct_enabled(const struct nfth_registration *r)
{
	struct nfct_helper *h = to_nfct_key(r);

	if (!h)
		return NULL;
	nfct_helper_attr_set_u32(h, NFCTH_ATTR_QUEUE_NUM, r->queue);
	nfct_helper_attr_set_u32(h, NFCTH_ATTR_STATUS, NFCT_HELPER_STATUS_ENABLED);
	return h;
}

static struct nfct_helper *to_nfct(const struct nfth_registration *r)
{
	struct nfct_helper *h = to_nfct_enabled(r);
	unsigned int i;

	if (!h)
		return NULL;
	nfct_helper_attr_set_u32(h, NFCTH_ATTR_PRIV_DATA_LEN, r->priv_len);
	for (i = 0; i < r->class_count && i < NFTH_CLASS_MAX; i++) {
		struct nfct_helper_policy *p = nfct_helper_policy_alloc();

		if (!p) {
			nfct_helper_free(h);
			return NULL;
		}
		nfct_helper_policy_attr_set(p, NFCTH_ATTR_POLICY_NAME,
					    r->classes[i].name);
		nfct_helper_policy_attr_set_u32(p, NFCTH_ATTR_POLICY_MAX,
						r->classes[i].max);
		nfct_helper_policy_attr_set_u32(p, NFCTH_ATTR_POLICY_TIMEOUT,
						r->classes[i].timeout);
		/* the helper object owns the policy from here on */
		nfct_helper_attr_set(h, NFCTH_ATTR_POLICY1 + i, p);
	}
	return h;
}

/* Build message @type with flags @flags from @h (consumed). */
static size_t build(char *buf, size_t size, uint16_t type, uint16_t flags,
		    uint32_t seq, struct nfct_helper *h)
{
	struct nlmsghdr *nlh;

	if (!h)
		return 0;
	if (size < NFTH_NL_BUF) {
		nfct_helper_free(h);
		return 0;
	}
	nlh = nfct_helper_nlmsg_build_hdr(buf, type, flags, seq);
	nfct_helper_nlmsg_build_payload(nlh, h);
	nfct_helper_free(h);
	return nlh->nlmsg_len;
}

size_t nfth_cthelper_build_new(char *buf, size_t size, uint32_t seq,
			       const struct nfth_registration *r)
{
	return build(buf, size, NFNL_MSG_CTHELPER_NEW, NLM_F_CREATE | NLM_F_ACK,
		     seq, to_nfct(r));
}

size_t nfth_cthelper_build_enable(char *buf, size_t size, uint32_t seq,
				  const struct nfth_registration *r)
{
	/* no NLM_F_CREATE: an update only (6.1 does not look at the flag, but
	 * cannot create a helper without policies: EINVAL) */
	return build(buf, size, NFNL_MSG_CTHELPER_NEW, NLM_F_ACK, seq,
		     to_nfct_enabled(r));
}

size_t nfth_cthelper_build_del(char *buf, size_t size, uint32_t seq,
			       const struct nfth_registration *r)
{
	return build(buf, size, NFNL_MSG_CTHELPER_DEL, NLM_F_ACK, seq,
		     to_nfct_key(r));
}

int nfth_nl_talk(struct mnl_socket *nl, char *buf, size_t len)
{
	const struct nlmsghdr *req = (const struct nlmsghdr *)buf;
	uint32_t seq = req->nlmsg_seq;
	char rx[NFTH_NL_BUF];
	ssize_t n;

	if (mnl_socket_sendto(nl, buf, len) < 0)
		return -errno;
	/* Other traffic (queued packets on a queue socket) may come first:
	 * wait for the answer that carries our sequence number. */
	for (;;) {
		const struct nlmsghdr *nlh = (const struct nlmsghdr *)rx;
		int left;

		n = mnl_socket_recvfrom(nl, rx, sizeof(rx));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		left = (int)n;
		for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
			const struct nlmsgerr *e;

			if (nlh->nlmsg_type != NLMSG_ERROR || nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e)))
				return -EPROTO;
			e = mnl_nlmsg_get_payload(nlh);
			return e->error;
		}
	}
}

int nfth_cthelper_register(struct mnl_socket *nl,
			   const struct nfth_registration *r)
{
	char buf[NFTH_NL_BUF];
	size_t len = nfth_cthelper_build_new(buf, sizeof(buf), (uint32_t)time(NULL), r);

	return len ? nfth_nl_talk(nl, buf, len) : -ENOMEM;
}

int nfth_cthelper_unregister(struct mnl_socket *nl,
			     const struct nfth_registration *r)
{
	char buf[NFTH_NL_BUF];
	size_t len = nfth_cthelper_build_del(buf, sizeof(buf), (uint32_t)time(NULL), r);

	return len ? nfth_nl_talk(nl, buf, len) : -ENOMEM;
}

int nfth_cthelper_enable(struct mnl_socket *nl,
			 const struct nfth_registration *r)
{
	char buf[NFTH_NL_BUF];
	size_t len = nfth_cthelper_build_enable(buf, sizeof(buf), (uint32_t)time(NULL), r);

	return len ? nfth_nl_talk(nl, buf, len) : -ENOMEM;
}
