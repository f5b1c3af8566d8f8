// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nftobj.c - nf_tables as native mode sees it: generation, dump, events,
 * and the support check.  Objects are parsed by libnftnl-cthelper (the
 * project's one codec for ct helper objects).
 */
#include <errno.h>
#include <stdio.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>

#include <libmnl/libmnl.h>
#include <libnftnl/common.h>
#include <libnftnl-cthelper/ct_helper.h>

#include "nftobj.h"

#define DUMP_TRIES	16

static void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

int nfth_nft_open(struct nfth_nft *n)
{
	struct timeval tv = { .tv_sec = 5 };
	unsigned int group = NFNLGRP_NFTABLES;
	int rcvbuf = 4 * 1024 * 1024;

	memset(n, 0, sizeof(*n));
	n->scratch = nftnl_ct_helper_alloc();
	n->req = mnl_socket_open(NETLINK_NETFILTER);
	n->ev = mnl_socket_open(NETLINK_NETFILTER);
	if (!n->scratch || !n->req || !n->ev)
		goto err;
	if (mnl_socket_bind(n->req, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    mnl_socket_bind(n->ev, 0, MNL_SOCKET_AUTOPID) < 0)
		goto err;
	/* a reply that never comes must not hang the daemon */
	setsockopt(mnl_socket_get_fd(n->req), SOL_SOCKET, SO_RCVTIMEO, &tv,
		   sizeof(tv));
	/* a large burst (flush of a big ruleset) should not overrun; if it
	 * does, ENOBUFS tells us and we dump again */
	setsockopt(mnl_socket_get_fd(n->ev), SOL_SOCKET, SO_RCVBUFFORCE,
		   &rcvbuf, sizeof(rcvbuf));
	if (mnl_socket_setsockopt(n->ev, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0)
		goto err;
	n->seq = (uint32_t)getpid() << 8;
	return 0;
err:
	{
		int e = errno ? errno : ENOMEM;

		nfth_nft_close(n);
		return -e;
	}
}

void nfth_nft_close(struct nfth_nft *n)
{
	if (n->req)
		mnl_socket_close(n->req);
	if (n->ev)
		mnl_socket_close(n->ev);
	if (n->scratch)
		nftnl_ct_helper_free(n->scratch);
	n->req = n->ev = NULL;
	n->scratch = NULL;
}

int nfth_nft_event_fd(const struct nfth_nft *n)
{
	return mnl_socket_get_fd(n->ev);
}

/* Send @nlh, run @cb over the answers until the end (ACK, DONE, error). */
static int talk(struct nfth_nft *n, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	uint32_t portid = mnl_socket_get_portid(n->req);
	uint32_t seq = nlh->nlmsg_seq;
	ssize_t len;
	int ret;

	if (mnl_socket_sendto(n->req, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		len = mnl_socket_recvfrom(n->req, n->buf, sizeof(n->buf));
		if (len < 0)
			return -errno;
		ret = mnl_cb_run(n->buf, (size_t)len, seq, portid, cb, data);
		if (ret < 0)
			return errno ? -errno : -EIO;
		if (ret == MNL_CB_STOP)
			return 0;
	}
}

static int gen_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(attr) == NFTA_GEN_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		tb[NFTA_GEN_ID] = attr;
	return MNL_CB_OK;
}

static bool gen_parse(const struct nlmsghdr *nlh, uint32_t *gen)
{
	const struct nlattr *tb[NFTA_GEN_MAX + 1] = { 0 };

	if (mnl_attr_parse(nlh, sizeof(struct nfgenmsg), gen_attr_cb, tb) < 0 ||
	    !tb[NFTA_GEN_ID])
		return false;
	*gen = ntohl(mnl_attr_get_u32(tb[NFTA_GEN_ID]));
	return true;
}

struct gen_ctx {
	uint32_t gen;
	bool have;
};

static int gen_cb(const struct nlmsghdr *nlh, void *data)
{
	struct gen_ctx *g = data;

	if (NFNL_MSG_TYPE(nlh->nlmsg_type) == NFT_MSG_NEWGEN)
		g->have = gen_parse(nlh, &g->gen);
	return MNL_CB_OK;
}

int nfth_nft_getgen(struct nfth_nft *n, uint32_t *gen)
{
	struct gen_ctx g = { 0 };
	struct nlmsghdr *nlh;
	char req[256];
	int ret;

	nlh = nftnl_nlmsg_build_hdr(req, NFT_MSG_GETGEN, AF_UNSPEC, NLM_F_ACK,
				    ++n->seq);
	ret = talk(n, nlh, gen_cb, &g);
	if (ret < 0)
		return ret;
	if (!g.have)
		return -EPROTO;
	*gen = g.gen;
	return 0;
}

bool nfth_uobj_from_nftnl(const struct nftnl_ct_helper *h, struct nfth_uobj *o)
{
	uint32_t i, nclass;

	if (!nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_USERSPACE))
		return false;
	memset(o, 0, sizeof(*o));
	o->family = nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FAMILY);
	copy_str(o->table, sizeof(o->table),
		 nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TABLE));
	copy_str(o->name, sizeof(o->name),
		 nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_NAME));
	o->handle = nftnl_ct_helper_get_u64(h, NFTNL_CT_HELPER_HANDLE);
	copy_str(o->type, sizeof(o->type),
		 nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TYPE));
	o->l4proto = nftnl_ct_helper_get_u8(h, NFTNL_CT_HELPER_L4PROTO);
	o->queue_num = (uint16_t)nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_QUEUE_NUM);
	o->queue_count = nftnl_ct_helper_is_set(h, NFTNL_CT_HELPER_QUEUE_COUNT) ?
			 nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT) : 1;
	o->bypass = nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FLAGS) &
		    NFT_CT_HELPER_F_BYPASS;
	o->priv_len = nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_PRIV_LEN);
	nclass = nftnl_ct_helper_policy_count(h);
	if (nclass > NFTH_CLASS_MAX)
		nclass = NFTH_CLASS_MAX;
	for (i = 0; i < nclass; i++) {
		const struct nftnl_ct_helper_policy *p = nftnl_ct_helper_policy_get(h, i);

		copy_str(o->classes[i].name, sizeof(o->classes[i].name), p->name);
		o->classes[i].max = p->max;
		o->classes[i].timeout = p->timeout;
	}
	o->class_count = nclass;
	return o->type[0] && o->queue_count >= 1;
}

struct dump_ctx {
	struct nfth_nft *n;
	struct nfth_uobj *objs;
	unsigned int max, count;
	bool overflow, interrupted;
};

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *d = data;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		d->interrupted = true;
	if (nftnl_ct_helper_nlmsg_parse(nlh, d->n->scratch) < 0)
		return MNL_CB_OK;	/* another object type; malformed: skip */
	if (d->count == d->max) {
		d->overflow = true;
		return MNL_CB_OK;
	}
	if (nfth_uobj_from_nftnl(d->n->scratch, &d->objs[d->count]))
		d->count++;
	return MNL_CB_OK;
}

int nfth_nft_dump(struct nfth_nft *n, struct nfth_uobj *objs, unsigned int max,
		  unsigned int *count, bool *overflow, uint32_t *gen)
{
	struct dump_ctx d = { .n = n, .objs = objs, .max = max };
	uint32_t before, after;
	char req[NFTNL_CT_HELPER_NLMSG_MAXSIZE];
	struct nlmsghdr *nlh;
	int tries, ret;

	for (tries = 0; tries < DUMP_TRIES; tries++) {
		ret = nfth_nft_getgen(n, &before);
		if (ret < 0)
			return ret;
		d.count = 0;
		d.overflow = d.interrupted = false;
		nlh = nftnl_ct_helper_nlmsg_build_dump(req, NFPROTO_UNSPEC, NULL,
						       ++n->seq);
		ret = talk(n, nlh, dump_cb, &d);
		if (ret == -EINTR)	/* NLM_F_DUMP_INTR ended by the kernel */
			continue;
		if (ret < 0)
			return ret;
		ret = nfth_nft_getgen(n, &after);
		if (ret < 0)
			return ret;
		if (before == after && !d.interrupted) {
			*count = d.count;
			*overflow = d.overflow;
			*gen = after;
			return 0;
		}
	}
	return -EAGAIN;
}

/* --- events --- */

static int table_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(attr) == NFTA_TABLE_NAME &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		tb[NFTA_TABLE_NAME] = attr;
	return MNL_CB_OK;
}

void nfth_nft_event_parse(const struct nlmsghdr *nlh,
			  struct nftnl_ct_helper *scratch,
			  struct nfth_nft_event *ev)
{
	const struct nfgenmsg *nfg;
	uint16_t type = NFNL_MSG_TYPE(nlh->nlmsg_type);

	memset(ev, 0, sizeof(*ev));
	if (NFNL_SUBSYS_ID(nlh->nlmsg_type) != NFNL_SUBSYS_NFTABLES ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*nfg))
		return;
	nfg = mnl_nlmsg_get_payload(nlh);
	ev->family = nfg->nfgen_family;
	switch (type) {
	case NFT_MSG_NEWOBJ:
	case NFT_MSG_DELOBJ:
		if (nftnl_ct_helper_nlmsg_parse(nlh, scratch) < 0)
			return;	/* another object type, or nothing we read */
		ev->kind = type == NFT_MSG_NEWOBJ ? NFTH_EV_OBJ_ADD : NFTH_EV_OBJ_DEL;
		copy_str(ev->table, sizeof(ev->table),
			 nftnl_ct_helper_get_str(scratch, NFTNL_CT_HELPER_TABLE));
		copy_str(ev->name, sizeof(ev->name),
			 nftnl_ct_helper_get_str(scratch, NFTNL_CT_HELPER_NAME));
		ev->userspace = nftnl_ct_helper_get_u8(scratch, NFTNL_CT_HELPER_USERSPACE);
		return;
	case NFT_MSG_DELTABLE: {
		const struct nlattr *tb[NFTA_TABLE_MAX + 1] = { 0 };

		ev->kind = NFTH_EV_TABLE_DEL;
		if (mnl_attr_parse(nlh, sizeof(*nfg), table_attr_cb, tb) >= 0 &&
		    tb[NFTA_TABLE_NAME])
			copy_str(ev->table, sizeof(ev->table),
				 mnl_attr_get_str(tb[NFTA_TABLE_NAME]));
		return;
	}
	case NFT_MSG_NEWGEN:
		if (gen_parse(nlh, &ev->gen))
			ev->kind = NFTH_EV_GEN;
		return;
	}
}

int nfth_nft_events_read(struct nfth_nft *n,
			 void (*cb)(const struct nfth_nft_event *ev, void *data),
			 void *data)
{
	struct nfth_nft_event ev;
	ssize_t len;

	for (;;) {
		const struct nlmsghdr *nlh;
		int left;

		len = recv(mnl_socket_get_fd(n->ev), n->buf, sizeof(n->buf),
			   MSG_DONTWAIT);
		if (len < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			if (errno == EINTR)
				continue;
			return -errno;
		}
		left = (int)len;
		for (nlh = (const struct nlmsghdr *)n->buf; mnl_nlmsg_ok(nlh, left);
		     nlh = mnl_nlmsg_next(nlh, &left)) {
			nfth_nft_event_parse(nlh, n->scratch, &ev);
			cb(&ev, data);
		}
	}
}

void nfth_nft_follow_dumped(struct nfth_nft_follow *f, uint32_t gen)
{
	f->gen = f->last_gen = gen;
	f->touched = f->need_dump = f->lost = false;
}

void nfth_nft_follow(struct nfth_nft_follow *f, const struct nfth_nft_event *ev)
{
	switch (ev->kind) {
	case NFTH_EV_OBJ_ADD:
		f->touched |= ev->userspace;
		return;
	case NFTH_EV_OBJ_DEL:
	case NFTH_EV_TABLE_DEL:
		f->touched = true;
		return;
	case NFTH_EV_GEN:
		if ((int32_t)(ev->gen - f->gen) <= 0) {
			/* a transaction the last dump already saw */
			f->touched = false;
			return;
		}
		/* the kernel skips generation 0 when it wraps */
		if (ev->gen != (f->last_gen + 1 ? f->last_gen + 1 : 1)) {
			f->lost = true;
			f->need_dump = true;
		}
		if (f->touched)
			f->need_dump = true;
		f->touched = false;
		f->last_gen = ev->gen;
		return;
	case NFTH_EV_OTHER:
		return;
	}
}

/* --- support check --- */

/*
 * The probe batch: BEGIN, NEWTABLE (a scratch table, so that the object
 * has somewhere to go), NEWOBJ of a user-space ct helper whose queue
 * number is 65536, and no END.  A patched kernel parses the declaration
 * and refuses the queue number with ERANGE before it creates anything; a
 * stock kernel ignores the unknown nest and refuses the object with EINVAL
 * (no NFTA_CT_HELPER_NAME), a kernel without ct helper objects with
 * ENOENT.  The batch fails, so it is aborted: the scratch table never
 * exists outside it, no event is sent, the generation does not move, and
 * no user-space object is ever created, so the abort path that frees one
 * (and drops its queued packets) is never taken.
 */
struct probe_ctx {
	uint32_t seq, table_seq;
	int err;
	bool have;
};

static int probe_err_cb(const struct nlmsghdr *nlh, void *data)
{
	struct probe_ctx *p = data;
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e)))
		return MNL_CB_ERROR;
	if (nlh->nlmsg_seq == p->seq ||
	    (nlh->nlmsg_seq == p->table_seq && e->error)) {
		p->err = e->error;
		p->have = true;
		return MNL_CB_STOP;
	}
	return MNL_CB_OK;
}

int nfth_nft_probe(struct nfth_nft *n)
{
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = { [NLMSG_ERROR] = probe_err_cb };
	char batch[2048], name[64];
	struct probe_ctx p = { 0 };
	struct nlattr *data, *us, *pols, *elem;
	struct nlmsghdr *nlh;
	size_t off = 0;
	ssize_t len;
	int ret;

	snprintf(name, sizeof(name), "nft-helperd-probe-%d", (int)getpid());
	memset(batch, 0, sizeof(batch));
	nlh = nftnl_batch_begin(batch, ++n->seq);
	off += NLMSG_ALIGN(nlh->nlmsg_len);

	p.table_seq = ++n->seq;
	nlh = nftnl_nlmsg_build_hdr(batch + off, NFT_MSG_NEWTABLE, NFPROTO_INET,
				    NLM_F_CREATE, p.table_seq);
	mnl_attr_put_strz(nlh, NFTA_TABLE_NAME, name);
	off += NLMSG_ALIGN(nlh->nlmsg_len);

	/* Written here rather than with libnftnl-cthelper, whose setters
	 * refuse the out-of-range queue number the probe depends on. */
	p.seq = ++n->seq;
	nlh = nftnl_nlmsg_build_hdr(batch + off, NFT_MSG_NEWOBJ, NFPROTO_INET,
				    NLM_F_CREATE | NLM_F_ACK, p.seq);
	mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, name);
	mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, "probe");
	mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_CT_HELPER));
	data = mnl_attr_nest_start(nlh, NFTA_OBJ_DATA);
	mnl_attr_put_u8(nlh, NFTA_CT_HELPER_L4PROTO, IPPROTO_TCP);
	us = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE);
	mnl_attr_put_strz(nlh, NFTA_CT_HELPER_USERSPACE_NAME, "probe");
	mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_NUM, htonl(65536));
	pols = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE_POLICIES);
	elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
	mnl_attr_put_strz(nlh, NFTA_CT_HELPER_POLICY_NAME, "probe");
	mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_EXPECT_MAX, htonl(1));
	mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_TIMEOUT, htonl(1));
	mnl_attr_nest_end(nlh, elem);
	mnl_attr_nest_end(nlh, pols);
	mnl_attr_nest_end(nlh, us);
	mnl_attr_nest_end(nlh, data);
	off += NLMSG_ALIGN(nlh->nlmsg_len);
	/* no BATCH_END: even an unexpected success could not commit */

	if (mnl_socket_sendto(n->req, batch, off) < 0)
		return -errno;
	while (!p.have) {
		len = mnl_socket_recvfrom(n->req, n->buf, sizeof(n->buf));
		if (len < 0)
			return -errno;
		ret = mnl_cb_run2(n->buf, (size_t)len, 0,
				  mnl_socket_get_portid(n->req), NULL, &p,
				  ctl, NLMSG_MIN_TYPE);
		if (ret < 0 && !p.have)
			return -EPROTO;
	}
	switch (-p.err) {
	case ERANGE:
		return 1;
	case EINVAL:
	case ENOENT:
	case EOPNOTSUPP:
		return 0;
	case 0:
		/* created in a batch that cannot commit: supported */
		return 1;
	}
	return p.err < 0 ? p.err : -EPROTO;
}
