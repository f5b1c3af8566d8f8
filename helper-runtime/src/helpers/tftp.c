// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tftp.c - the built-in "tftp" helper: a read or write request opens the
 * reply flow, as the kernel's nf_conntrack_tftp does: the server may answer
 * from any port to the client's address and port.
 */
#include <string.h>

#include <nft-helperd/helper.h>

#include "tftp_parse.h"

#define IPPROTO_UDP_	17

static enum nfth_verdict tftp_inspect(struct nfth_packet *pkt, void *priv)
{
	const struct nfth_tuple *reply = nfth_ct_tuple(pkt, NFTH_DIR_REPLY);
	struct nfth_tuple t, m;
	unsigned int opcode = 0;
	const uint8_t *data;
	size_t len;

	(void)priv;
	data = nfth_l4_payload(pkt, &len);
	switch (tftp_parse(data, len, &opcode)) {
	case TFTP_OTHER:
		return NFTH_ACCEPT;
	case TFTP_BAD:
		return NFTH_MALFORMED;
	case TFTP_REQUEST:
		break;
	}
	memset(&t, 0, sizeof(t));
	memset(&m, 0, sizeof(m));
	t = *reply;
	t.l4proto = IPPROTO_UDP_;
	t.sport = 0;
	memset(&m.src, 0xff, reply->l3proto == 2 ? 4 : 16);
	memset(&m.dst, 0xff, reply->l3proto == 2 ? 4 : 16);
	m.dport = 0xffff;
	nfth_expect_add(pkt, 0, &t, &m);
	return NFTH_ACCEPT;
}

const struct nfth_helper nfth_helper_tftp = {
	.api_version	= NFTH_HELPER_API_VERSION,
	.name		= "tftp",
	.l4protos	= { IPPROTO_UDP_ },
	.priv_len	= 0,
	.class_count	= 1,
	.classes	= { { .name = "tftp", .max = 1, .timeout = 300 } },
	.inspect	= tftp_inspect,
};
