// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_packet.c - libFuzzer target: queued-packet messages through the
 * in-place attribute walker, the ftp and tftp helpers and the verdict
 * builder.  The first input byte picks what the rest of the input is:
 *   0  every attribute after the nfgenmsg header
 *   1  the body of NFQA_CT, in an otherwise well-formed message
 *   2  the packet (NFQA_PAYLOAD), with a well-formed conntrack
 * so that the fuzzer reaches each level without first having to find the
 * ones above it.  The message sits in a buffer of exactly its size: ASan
 * reports any read past it, and a parsed packet's pointers must stay in it.
 */
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "../src/dispatch.h"

extern const struct nfth_helper nfth_helper_ftp, nfth_helper_tftp;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put_tuple(struct nlmsghdr *nlh, uint16_t type, uint32_t src,
		      uint32_t dst, uint16_t sport, uint16_t dport)
{
	struct nlattr *t = mnl_attr_nest_start(nlh, type), *n;

	n = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	mnl_attr_put_u32(nlh, CTA_IP_V4_SRC, src);
	mnl_attr_put_u32(nlh, CTA_IP_V4_DST, dst);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, IPPROTO_TCP);
	mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(sport));
	mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(dport));
	mnl_attr_nest_end(nlh, n);
	mnl_attr_nest_end(nlh, t);
}

/* the message in @build, as chosen by @mode around @data */
static void build(struct nlmsghdr *nlh, unsigned int mode, const uint8_t *data,
		  size_t size)
{
	static const uint8_t noop[40 + 6] = {
		0x45, 0, 0, 46, 0, 0, 0, 0, 64, IPPROTO_TCP, 0, 0,
		10, 0, 1, 2, 10, 0, 2, 2,
		0x9c, 0x40, 0, 21, 0, 0, 0x13, 0x88, 0, 0, 0, 0, 0x50, 0x18,
		0, 0, 0, 0, 0, 0, 'N', 'O', 'O', 'P', '\r', '\n',
	};
	struct nfqnl_msg_packet_hdr ph = { .packet_id = htonl(1) };
	uint32_t a = htonl(0x0a000102), b = htonl(0x0a000202);
	struct nfgenmsg *nfg;
	struct nlattr *ct, *help;

	nlh->nlmsg_type = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->res_id = htons(1);
	if (mode == 0) {
		memcpy(mnl_nlmsg_get_payload_tail(nlh), data, size);
		nlh->nlmsg_len += (uint32_t)size;
		return;
	}
	mnl_attr_put(nlh, NFQA_PACKET_HDR, sizeof(ph), &ph);
	if (mode == 2)
		mnl_attr_put(nlh, NFQA_PAYLOAD, size, data);
	else
		mnl_attr_put(nlh, NFQA_PAYLOAD, sizeof(noop), noop);
	ct = mnl_attr_nest_start(nlh, NFQA_CT);
	if (mode == 1) {
		memcpy(mnl_nlmsg_get_payload_tail(nlh), data, size);
		nlh->nlmsg_len += (uint32_t)size;
	} else {
		put_tuple(nlh, CTA_TUPLE_ORIG, a, b, 40000, 21);
		put_tuple(nlh, CTA_TUPLE_REPLY, b, a, 21, 40000);
		help = mnl_attr_nest_start(nlh, CTA_HELP);
		mnl_attr_put_strz(nlh, CTA_HELP_NAME, "ftp");
		mnl_attr_nest_end(nlh, help);
	}
	mnl_attr_nest_end(nlh, ct);
	mnl_attr_put_u32(nlh, NFQA_CT_INFO, htonl(0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t scratch[65536 + 1024] __attribute__((aligned(8)));
	static char tx[4 * NFTH_VERDICT_MAX];
	static struct nfth_packet pkt;
	struct nfth_counters c = { 0 };
	const uint8_t *end;
	struct nlmsghdr *nlh;
	enum nfth_parse_error pe;
	size_t off = 0;
	uint8_t *msg;
	uint32_t v;

	if (size < 1 || size > 65000)
		return 0;
	nlh = mnl_nlmsg_put_header(scratch);
	build(nlh, data[0] % 3, data + 1, size - 1);
	/* exactly the message's size, so that ASan sees any read past it */
	msg = malloc(nlh->nlmsg_len);
	if (!msg)
		return 0;
	memcpy(msg, scratch, nlh->nlmsg_len);
	nlh = (struct nlmsghdr *)msg;
	end = msg + nlh->nlmsg_len;

	pe = nfth_packet_parse(nlh, &pkt);
	if (pe != NFTH_PARSE_NOT_PACKET && pe != NFTH_PARSE_NO_HDR && pkt.net &&
	    (pkt.net < msg || pkt.net + pkt.net_len > end ||
	     (pkt.payload && pkt.payload + pkt.payload_len > pkt.net + pkt.net_len)))
		__builtin_trap();
	if (pe == NFTH_PARSE_OK) {
		v = nfth_dispatch(pkt.l4proto == IPPROTO_UDP ? &nfth_helper_tftp :
				  &nfth_helper_ftp, 1, &pkt, &c);
		nfth_verdict_put(tx, sizeof(tx), &off, &pkt, v);
	}
	free(msg);
	return 0;
}
