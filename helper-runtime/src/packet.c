// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * packet.c - parse a queued packet (NFQA_PACKET_HDR, NFQA_PAYLOAD, NFQA_CT,
 * NFQA_CT_INFO) and build its verdict (NFQA_CT with CTA_HELP, NFQA_EXP).
 *
 * The conntrack attributes are read and written here with libmnl rather than
 * libnetfilter_conntrack: we need five of them, in place, per packet, and
 * the verdict must carry exactly CTA_HELP{NAME,INFO} and one expectation
 * (tuple, mask, class; no expectfn), which is a few nests with libmnl.
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

/* libmnl's nested parser wants a callback that files attributes by type. */
struct attr_table {
	const struct nlattr **tb;
	unsigned int max;
};

static int file_attr(const struct nlattr *attr, void *data)
{
	struct attr_table *t = data;
	unsigned int type = mnl_attr_get_type(attr);

	if (type <= t->max)
		t->tb[type] = attr;
	return MNL_CB_OK;
}

static int parse_nest(const struct nlattr *nest, const struct nlattr **tb,
		      unsigned int max)
{
	struct attr_table t = { tb, max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	return mnl_attr_parse_nested(nest, file_attr, &t) < 0 ? -1 : 0;
}

static int parse_tuple_ip(const struct nlattr *nest, struct nfth_tuple *t)
{
	const struct nlattr *tb[CTA_IP_MAX + 1];

	if (parse_nest(nest, tb, CTA_IP_MAX) < 0)
		return -1;
	if (tb[CTA_IP_V4_SRC] && tb[CTA_IP_V4_DST] &&
	    mnl_attr_get_payload_len(tb[CTA_IP_V4_SRC]) == 4 &&
	    mnl_attr_get_payload_len(tb[CTA_IP_V4_DST]) == 4) {
		t->l3proto = NFPROTO_IPV4;
		memcpy(&t->src.ip, mnl_attr_get_payload(tb[CTA_IP_V4_SRC]), 4);
		memcpy(&t->dst.ip, mnl_attr_get_payload(tb[CTA_IP_V4_DST]), 4);
		return 0;
	}
	if (tb[CTA_IP_V6_SRC] && tb[CTA_IP_V6_DST] &&
	    mnl_attr_get_payload_len(tb[CTA_IP_V6_SRC]) == 16 &&
	    mnl_attr_get_payload_len(tb[CTA_IP_V6_DST]) == 16) {
		t->l3proto = NFPROTO_IPV6;
		memcpy(t->src.all, mnl_attr_get_payload(tb[CTA_IP_V6_SRC]), 16);
		memcpy(t->dst.all, mnl_attr_get_payload(tb[CTA_IP_V6_DST]), 16);
		return 0;
	}
	return -1;
}

static int parse_tuple_proto(const struct nlattr *nest, struct nfth_tuple *t)
{
	const struct nlattr *tb[CTA_PROTO_MAX + 1];

	if (parse_nest(nest, tb, CTA_PROTO_MAX) < 0 || !tb[CTA_PROTO_NUM] ||
	    mnl_attr_validate(tb[CTA_PROTO_NUM], MNL_TYPE_U8) < 0)
		return -1;
	t->l4proto = mnl_attr_get_u8(tb[CTA_PROTO_NUM]);
	if (tb[CTA_PROTO_SRC_PORT] && tb[CTA_PROTO_DST_PORT] &&
	    mnl_attr_validate(tb[CTA_PROTO_SRC_PORT], MNL_TYPE_U16) == 0 &&
	    mnl_attr_validate(tb[CTA_PROTO_DST_PORT], MNL_TYPE_U16) == 0) {
		t->sport = ntohs(mnl_attr_get_u16(tb[CTA_PROTO_SRC_PORT]));
		t->dport = ntohs(mnl_attr_get_u16(tb[CTA_PROTO_DST_PORT]));
	}
	return 0;
}

static int parse_tuple(const struct nlattr *nest, struct nfth_tuple *t)
{
	const struct nlattr *tb[CTA_TUPLE_MAX + 1];

	memset(t, 0, sizeof(*t));
	if (!nest || parse_nest(nest, tb, CTA_TUPLE_MAX) < 0 ||
	    !tb[CTA_TUPLE_IP] || !tb[CTA_TUPLE_PROTO])
		return -1;
	if (parse_tuple_ip(tb[CTA_TUPLE_IP], t) < 0)
		return -1;
	return parse_tuple_proto(tb[CTA_TUPLE_PROTO], t);
}

static int parse_help(const struct nlattr *nest, struct nfth_packet *pkt)
{
	const struct nlattr *tb[CTA_HELP_MAX + 1];
	size_t len;

	if (parse_nest(nest, tb, CTA_HELP_MAX) < 0)
		return -1;
	if (tb[CTA_HELP_NAME]) {
		len = mnl_attr_get_payload_len(tb[CTA_HELP_NAME]);
		if (len > sizeof(pkt->helper_name))
			return -1;
		memcpy(pkt->helper_name, mnl_attr_get_payload(tb[CTA_HELP_NAME]), len);
		pkt->helper_name[sizeof(pkt->helper_name) - 1] = '\0';
	}
	if (tb[CTA_HELP_INFO]) {
		len = mnl_attr_get_payload_len(tb[CTA_HELP_INFO]);
		if (len > sizeof(pkt->priv))
			return -1;
		memcpy(pkt->priv, mnl_attr_get_payload(tb[CTA_HELP_INFO]), len);
		pkt->priv_len = len;
	}
	return 0;
}

static int parse_ct(const struct nlattr *nest, struct nfth_packet *pkt)
{
	const struct nlattr *tb[CTA_MAX + 1];

	if (parse_nest(nest, tb, CTA_MAX) < 0)
		return -1;
	if (parse_tuple(tb[CTA_TUPLE_ORIG], &pkt->tuple[NFTH_DIR_ORIGINAL]) < 0 ||
	    parse_tuple(tb[CTA_TUPLE_REPLY], &pkt->tuple[NFTH_DIR_REPLY]) < 0)
		return -1;
	if (tb[CTA_HELP] && parse_help(tb[CTA_HELP], pkt) < 0)
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
	struct nlattr *attr[NFQA_MAX + 1] = { NULL };
	const struct nfgenmsg *nfg;
	const struct nfqnl_msg_packet_hdr *ph;

	pkt->has_ct = false;
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

	if (nfq_nlmsg_parse(nlh, attr) < 0 || !attr[NFQA_PACKET_HDR] ||
	    mnl_attr_get_payload_len(attr[NFQA_PACKET_HDR]) < sizeof(*ph))
		return NFTH_PARSE_NO_HDR;
	ph = mnl_attr_get_payload(attr[NFQA_PACKET_HDR]);
	pkt->id = ntohl(ph->packet_id);

	if (attr[NFQA_PAYLOAD]) {
		pkt->net = mnl_attr_get_payload(attr[NFQA_PAYLOAD]);
		pkt->net_len = mnl_attr_get_payload_len(attr[NFQA_PAYLOAD]);
	}
	nfth_packet_locate_l4(pkt);

	if (!attr[NFQA_CT] || !attr[NFQA_CT_INFO] ||
	    mnl_attr_validate(attr[NFQA_CT_INFO], MNL_TYPE_U32) < 0)
		return NFTH_PARSE_NO_CT;
	pkt->ctinfo = ntohl(mnl_attr_get_u32(attr[NFQA_CT_INFO]));
	/* IP_CT_IS_REPLY == 3: ESTABLISHED_REPLY, RELATED_REPLY */
	pkt->dir = pkt->ctinfo >= 3 ? NFTH_DIR_REPLY : NFTH_DIR_ORIGINAL;
	if (parse_ct(attr[NFQA_CT], pkt) < 0)
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
