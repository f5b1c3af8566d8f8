// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * packet.c - parse a queued packet (NFQA_PACKET_HDR, NFQA_PAYLOAD, NFQA_CT,
 * NFQA_CT_INFO) and build its verdict (NFQA_CT with CTA_HELP, NFQA_EXP).
 *
 * Neither libnetfilter_queue's parser nor libnetfilter_conntrack: we need
 * a few attributes per packet, read in place by the walker below, and the
 * verdict must carry exactly CTA_HELP{NAME,INFO} and one expectation (tuple,
 * mask, class; no expectfn), which is a few nests written with libmnl.
 */
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <netinet/in.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#include "packet.h"

/*
 * Attributes are walked in place, one pass per nest, picking the few we use:
 * no callback, no table to clear per nest.  Parsing is most of the daemon's
 * own work per packet, and libmnl's callback parser (a call per attribute
 * and a cleared table per nest) cost about four times as much.  The walk
 * stops at the first attribute that does not fit, as libmnl's does;
 * attributes we do not use are not validated (we accept the packet anyway).
 */
struct attr_walk {
	const uint8_t *p;
	size_t left;
};

static void walk_start(struct attr_walk *w, const void *p, size_t len)
{
	w->p = p;
	w->left = len;
}

static void walk_nest(struct attr_walk *w, const struct nlattr *nest)
{
	walk_start(w, (const uint8_t *)nest + NLA_HDRLEN, nest->nla_len - NLA_HDRLEN);
}

static const struct nlattr *walk_next(struct attr_walk *w)
{
	const struct nlattr *a = (const struct nlattr *)w->p;
	size_t step;

	if (w->left < NLA_HDRLEN || a->nla_len < NLA_HDRLEN || a->nla_len > w->left)
		return NULL;
	step = NLA_ALIGN(a->nla_len);
	if (step > w->left)
		step = w->left;
	w->p += step;
	w->left -= step;
	return a;
}

static unsigned int attr_type(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}

static const void *attr_data(const struct nlattr *a)
{
	return (const uint8_t *)a + NLA_HDRLEN;
}

static size_t attr_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static int parse_tuple_ip(const struct nlattr *nest, struct nfth_tuple *t)
{
	const struct nlattr *a, *src4 = NULL, *dst4 = NULL, *src6 = NULL, *dst6 = NULL;
	struct attr_walk w;

	for (walk_nest(&w, nest); (a = walk_next(&w)); ) {
		switch (attr_type(a)) {
		case CTA_IP_V4_SRC: src4 = a; break;
		case CTA_IP_V4_DST: dst4 = a; break;
		case CTA_IP_V6_SRC: src6 = a; break;
		case CTA_IP_V6_DST: dst6 = a; break;
		}
	}
	if (src4 && dst4 && attr_len(src4) == 4 && attr_len(dst4) == 4) {
		t->l3proto = NFPROTO_IPV4;
		memcpy(&t->src.ip, attr_data(src4), 4);
		memcpy(&t->dst.ip, attr_data(dst4), 4);
		return 0;
	}
	if (src6 && dst6 && attr_len(src6) == 16 && attr_len(dst6) == 16) {
		t->l3proto = NFPROTO_IPV6;
		memcpy(t->src.all, attr_data(src6), 16);
		memcpy(t->dst.all, attr_data(dst6), 16);
		return 0;
	}
	return -1;
}

static int parse_tuple_proto(const struct nlattr *nest, struct nfth_tuple *t)
{
	const struct nlattr *a, *num = NULL, *sport = NULL, *dport = NULL;
	struct attr_walk w;
	uint16_t port;

	for (walk_nest(&w, nest); (a = walk_next(&w)); ) {
		switch (attr_type(a)) {
		case CTA_PROTO_NUM:      num = a; break;
		case CTA_PROTO_SRC_PORT: sport = a; break;
		case CTA_PROTO_DST_PORT: dport = a; break;
		}
	}
	if (!num || attr_len(num) < 1)
		return -1;
	t->l4proto = *(const uint8_t *)attr_data(num);
	if (sport && dport && attr_len(sport) >= 2 && attr_len(dport) >= 2) {
		memcpy(&port, attr_data(sport), 2);
		t->sport = ntohs(port);
		memcpy(&port, attr_data(dport), 2);
		t->dport = ntohs(port);
	}
	return 0;
}

static int parse_tuple(const struct nlattr *nest, struct nfth_tuple *t)
{
	const struct nlattr *a, *ip = NULL, *proto = NULL;
	struct attr_walk w;

	memset(t, 0, sizeof(*t));
	if (!nest)
		return -1;
	for (walk_nest(&w, nest); (a = walk_next(&w)); ) {
		switch (attr_type(a)) {
		case CTA_TUPLE_IP:    ip = a; break;
		case CTA_TUPLE_PROTO: proto = a; break;
		}
	}
	if (!ip || !proto || parse_tuple_ip(ip, t) < 0)
		return -1;
	return parse_tuple_proto(proto, t);
}

static int parse_help(const struct nlattr *nest, struct nfth_packet *pkt)
{
	const struct nlattr *a, *name = NULL, *info = NULL;
	struct attr_walk w;

	for (walk_nest(&w, nest); (a = walk_next(&w)); ) {
		switch (attr_type(a)) {
		case CTA_HELP_NAME: name = a; break;
		case CTA_HELP_INFO: info = a; break;
		}
	}
	if (name) {
		if (attr_len(name) > sizeof(pkt->helper_name))
			return -1;
		memcpy(pkt->helper_name, attr_data(name), attr_len(name));
		pkt->helper_name[sizeof(pkt->helper_name) - 1] = '\0';
	}
	if (info) {
		if (attr_len(info) > sizeof(pkt->priv))
			return -1;
		memcpy(pkt->priv, attr_data(info), attr_len(info));
		pkt->priv_len = attr_len(info);
	}
	return 0;
}

static int parse_ct(const struct nlattr *nest, struct nfth_packet *pkt)
{
	const struct nlattr *a, *orig = NULL, *reply = NULL, *help = NULL,
			    *id = NULL, *zone = NULL;
	struct attr_walk w;

	for (walk_nest(&w, nest); (a = walk_next(&w)); ) {
		switch (attr_type(a)) {
		case CTA_TUPLE_ORIG:  orig = a; break;
		case CTA_TUPLE_REPLY: reply = a; break;
		case CTA_HELP:        help = a; break;
		case CTA_ID:          id = a; break;
		case CTA_ZONE:        zone = a; break;
		}
	}
	if (zone && attr_len(zone) == 2) {
		memcpy(&pkt->zone, attr_data(zone), 2);
		pkt->zone = ntohs(pkt->zone);
	}
	if (id && attr_len(id) == 4) {
		memcpy(&pkt->ct_id, attr_data(id), 4);
		pkt->ct_id = ntohl(pkt->ct_id);
		pkt->has_ct_id = true;
	}
	if (parse_tuple(orig, &pkt->tuple[NFTH_DIR_ORIGINAL]) < 0 ||
	    parse_tuple(reply, &pkt->tuple[NFTH_DIR_REPLY]) < 0)
		return -1;
	if (help && parse_help(help, pkt) < 0)
		return -1;
	return 0;
}

/* IPv6 extension headers we step over to reach TCP/UDP. */
static bool ipv6_is_ext(uint8_t nh)
{
	return nh == IPPROTO_HOPOPTS || nh == IPPROTO_ROUTING ||
	       nh == IPPROTO_DSTOPTS || nh == IPPROTO_FRAGMENT;
}

void nfth_packet_locate_l4(struct nfth_packet *pkt)
{
	const uint8_t *p = pkt->net;
	size_t len = pkt->net_len, off;
	uint8_t proto;

	pkt->l4 = NULL;
	pkt->l4_len = 0;
	pkt->payload = NULL;
	pkt->payload_len = 0;
	pkt->l4proto = 0;
	if (!p || len < 1)
		return;

	if ((p[0] >> 4) == 4) {
		size_t tot;

		if (len < 20 || (p[0] & 0xf) < 5)
			return;
		off = (size_t)(p[0] & 0xf) * 4;
		tot = (size_t)p[2] << 8 | p[3];
		if (tot < len)		/* trailing padding is not payload */
			len = tot;
		/* a non-first fragment has no transport header */
		if (off > len || ((p[6] & 0x1f) | p[7]))
			return;
		proto = p[9];
	} else if ((p[0] >> 4) == 6) {
		size_t plen;
		unsigned int hops = 0;

		if (len < 40)
			return;
		plen = (size_t)p[4] << 8 | p[5];
		if (plen + 40 < len)
			len = plen + 40;
		proto = p[6];
		off = 40;
		while (ipv6_is_ext(proto) && hops++ < 8) {
			if (off + 8 > len)
				return;
			if (proto == IPPROTO_FRAGMENT) {
				if ((p[off + 2] << 8 | p[off + 3]) & 0xfff8)
					return;	/* not the first fragment */
				proto = p[off];
				off += 8;
			} else {
				uint8_t next = p[off];

				off += ((size_t)p[off + 1] + 1) * 8;
				proto = next;
			}
		}
		if (off > len || ipv6_is_ext(proto))
			return;
	} else {
		return;
	}

	pkt->l4proto = proto;
	if (proto == IPPROTO_TCP) {
		size_t doff;

		if (len - off < 20)
			return;
		doff = (size_t)(p[off + 12] >> 4) * 4;
		if (doff < 20 || doff > len - off)
			return;
		pkt->l4 = p + off;
		pkt->l4_len = len - off;
		pkt->payload = p + off + doff;
		pkt->payload_len = len - off - doff;
	} else if (proto == IPPROTO_UDP) {
		if (len - off < 8)
			return;
		pkt->l4 = p + off;
		pkt->l4_len = len - off;
		pkt->payload = p + off + 8;
		pkt->payload_len = len - off - 8;
	}
	if (pkt->payload_len == 0)
		pkt->payload = NULL;
}

enum nfth_parse_error nfth_packet_parse(const struct nlmsghdr *nlh,
					struct nfth_packet *pkt)
{
	const struct nlattr *a, *hdr = NULL, *payload = NULL, *ct = NULL, *ctinfo = NULL;
	const struct nfqnl_msg_packet_hdr *ph;
	const struct nfgenmsg *nfg;
	struct attr_walk w;
	size_t tail;

	pkt->has_ct = false;
	pkt->has_ct_id = false;
	pkt->zone = 0;
	pkt->helper_name[0] = '\0';
	pkt->priv_len = 0;
	pkt->priv_written = false;
	pkt->exp_count = 0;
	pkt->net = NULL;
	pkt->net_len = 0;
	memset(pkt->priv, 0, sizeof(pkt->priv));

	if (NFNL_SUBSYS_ID(nlh->nlmsg_type) != NFNL_SUBSYS_QUEUE ||
	    NFNL_MSG_TYPE(nlh->nlmsg_type) != NFQNL_MSG_PACKET ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*nfg)))
		return NFTH_PARSE_NOT_PACKET;
	nfg = mnl_nlmsg_get_payload(nlh);
	pkt->queue = ntohs(nfg->res_id);

	tail = NLMSG_SPACE(sizeof(*nfg));
	if (tail > nlh->nlmsg_len)
		tail = nlh->nlmsg_len;
	for (walk_start(&w, (const uint8_t *)nlh + tail, nlh->nlmsg_len - tail);
	     (a = walk_next(&w)); ) {
		switch (attr_type(a)) {
		case NFQA_PACKET_HDR: hdr = a; break;
		case NFQA_PAYLOAD:    payload = a; break;
		case NFQA_CT:         ct = a; break;
		case NFQA_CT_INFO:    ctinfo = a; break;
		}
	}
	if (!hdr || attr_len(hdr) < sizeof(*ph))
		return NFTH_PARSE_NO_HDR;
	ph = attr_data(hdr);
	pkt->id = ntohl(ph->packet_id);

	if (payload) {
		pkt->net = attr_data(payload);
		pkt->net_len = attr_len(payload);
	}
	nfth_packet_locate_l4(pkt);

	if (!ct || !ctinfo || attr_len(ctinfo) < 4)
		return NFTH_PARSE_NO_CT;
	memcpy(&pkt->ctinfo, attr_data(ctinfo), 4);
	pkt->ctinfo = ntohl(pkt->ctinfo);
	/* IP_CT_IS_REPLY == 3: ESTABLISHED_REPLY, RELATED_REPLY */
	pkt->dir = pkt->ctinfo >= 3 ? NFTH_DIR_REPLY : NFTH_DIR_ORIGINAL;
	if (parse_ct(ct, pkt) < 0)
		return NFTH_PARSE_BAD_CT;
	memcpy(pkt->priv_orig, pkt->priv, sizeof(pkt->priv));
	pkt->has_ct = true;
	return NFTH_PARSE_OK;
}

bool nfth_packet_needs_ct_verdict(const struct nfth_packet *pkt)
{
	if (!pkt->has_ct)
		return false;
	if (pkt->exp_count)
		return true;
	return pkt->priv_written && pkt->priv_len &&
	       memcmp(pkt->priv, pkt->priv_orig, pkt->priv_len) != 0;
}

void nfth_tuple_put(struct nlmsghdr *nlh, uint16_t type,
		    const struct nfth_tuple *t)
{
	struct nlattr *nest, *ip, *proto;

	nest = mnl_attr_nest_start(nlh, type);
	ip = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	if (t->l3proto == NFPROTO_IPV4) {
		mnl_attr_put(nlh, CTA_IP_V4_SRC, 4, &t->src.ip);
		mnl_attr_put(nlh, CTA_IP_V4_DST, 4, &t->dst.ip);
	} else {
		mnl_attr_put(nlh, CTA_IP_V6_SRC, 16, t->src.all);
		mnl_attr_put(nlh, CTA_IP_V6_DST, 16, t->dst.all);
	}
	mnl_attr_nest_end(nlh, ip);
	proto = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, t->l4proto);
	mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(t->sport));
	mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(t->dport));
	mnl_attr_nest_end(nlh, proto);
	mnl_attr_nest_end(nlh, nest);
}

int nfth_verdict_put(char *buf, size_t size, size_t *off,
		     const struct nfth_packet *pkt, uint32_t verdict)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	if (size < *off || size - *off < NFTH_VERDICT_MAX)
		return -1;
	nlh = nfq_nlmsg_put(buf + *off, NFQNL_MSG_VERDICT, pkt->queue);
	nfq_nlmsg_verdict_put(nlh, (int)pkt->id, (int)verdict);
	/* an error answer carries this header back: it names the packet */
	nlh->nlmsg_seq = pkt->id;

	if (verdict == NF_ACCEPT && nfth_packet_needs_ct_verdict(pkt)) {
		/* NFQA_CT must be there for NFQA_EXP to be looked at */
		nest = mnl_attr_nest_start(nlh, NFQA_CT);
		if (pkt->priv_written && pkt->priv_len && pkt->helper_name[0]) {
			struct nlattr *help = mnl_attr_nest_start(nlh, CTA_HELP);

			mnl_attr_put_strz(nlh, CTA_HELP_NAME, pkt->helper_name);
			mnl_attr_put(nlh, CTA_HELP_INFO, pkt->priv_len, pkt->priv);
			mnl_attr_nest_end(nlh, help);
		}
		mnl_attr_nest_end(nlh, nest);

		if (pkt->exp_count) {
			const struct nfth_expectation *e = &pkt->exp[0];

			nest = mnl_attr_nest_start(nlh, NFQA_EXP);
			nfth_tuple_put(nlh, CTA_EXPECT_TUPLE, &e->tuple);
			nfth_tuple_put(nlh, CTA_EXPECT_MASK, &e->mask);
			mnl_attr_put_u32(nlh, CTA_EXPECT_CLASS, htonl(e->class));
			if (e->helper[0])
				mnl_attr_put_strz(nlh, CTA_EXPECT_HELP_NAME,
						  e->helper);
			mnl_attr_nest_end(nlh, nest);
		}
	}
	*off += NLMSG_ALIGN(nlh->nlmsg_len);
	return 0;
}

int nfth_verdict_batch_put(char *buf, size_t size, size_t *off,
			   uint16_t queue, uint32_t max_id, uint32_t verdict)
{
	struct nlmsghdr *nlh;

	if (size < *off || size - *off < NFTH_VERDICT_MAX)
		return -1;
	nlh = nfq_nlmsg_put(buf + *off, NFQNL_MSG_VERDICT_BATCH, queue);
	nfq_nlmsg_verdict_put(nlh, (int)max_id, (int)verdict);
	*off += NLMSG_ALIGN(nlh->nlmsg_len);
	return 0;
}
