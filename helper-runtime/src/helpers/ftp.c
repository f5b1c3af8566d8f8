// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ftp.c - the built-in "ftp" helper: opens the data connection announced by
 * PORT/EPRT (active) or a 227/229 reply (passive), IPv4 and IPv6.
 *
 * Which segments are looked at, and the expectation it creates, are those of
 * the kernel's nf_conntrack_ftp: only once both directions have been seen
 * (ESTABLISHED), only segments starting a line, only when the address named
 * is the sender's own; the peer of the sender may then connect from any port
 * to the sender's address and the named port.
 */
#include <string.h>

#include <nft-helperd/helper.h>

#include "ftp_parse.h"

#define IP_CT_ESTABLISHED		0
#define IP_CT_ESTABLISHED_REPLY		3
#define IPPROTO_TCP_			6

static int addr_equal(uint8_t l3proto, const union nfth_addr *a,
		      const union nfth_addr *b)
{
	return !memcmp(a->all, b->all, l3proto == 2 ? 4 : 16);
}

static enum nfth_verdict ftp_inspect(struct nfth_packet *pkt, void *privp)
{
	enum nfth_dir dir = nfth_pkt_dir(pkt);
	uint32_t ctinfo = nfth_pkt_ctinfo(pkt);
	const struct nfth_tuple *own, *peer;
	enum nfth_verdict v = NFTH_ACCEPT;
	struct ftp_match m;
	struct ftp_priv st;
	const char *data;
	size_t len;
	uint32_t seq;
	int ends_in_nl;

	if (ctinfo != IP_CT_ESTABLISHED && ctinfo != IP_CT_ESTABLISHED_REPLY)
		return NFTH_ACCEPT;
	data = (const char *)nfth_l4_payload(pkt, &len);
	if (!data || !nfth_tcp_seq(pkt, &seq))
		return NFTH_ACCEPT;

	memcpy(&st, privp, sizeof(st));
	ends_in_nl = data[len - 1] == '\n';
	/* Another daemon instance wrote this (or none yet): lines may have
	 * passed unseen meanwhile, so trust the next segment in each
	 * direction to start a line, as the kernel does after a fail-over. */
	if (st.instance != nfth_instance_id()) {
		st.instance = nfth_instance_id();
		st.flags[0] |= FTP_F_SEQ_PICKUP;
		st.flags[1] |= FTP_F_SEQ_PICKUP;
	}

	if (ftp_seq_at_line_start(&st, dir, seq)) {
		own = nfth_ct_tuple(pkt, dir);
		peer = nfth_ct_tuple(pkt, !dir);
		switch (ftp_parse(data, len, dir, own->l3proto, &m)) {
		case FTP_NONE:
			break;
		case FTP_PARTIAL:
			/* as the kernel: drop, the resend brings the rest */
			return NFTH_DROP;
		case FTP_BAD:
			v = NFTH_MALFORMED;
			break;
		case FTP_FOUND:
			if (!m.has_addr) {
				m.l3proto = own->l3proto;
				m.addr = own->src;
			}
			/* an address other than the sender's own would let
			 * one host open holes towards another: refuse */
			if (m.l3proto == own->l3proto &&
			    addr_equal(m.l3proto, &m.addr, &own->src))
				nfth_expect_from_peer(pkt, 0, IPPROTO_TCP_,
						      &peer->dst, m.port);
			break;
		}
	}
	if (ends_in_nl)
		ftp_seq_line_end(&st, dir, seq + (uint32_t)len);
	if (memcmp(&st, privp, sizeof(st))) {
		memcpy(privp, &st, sizeof(st));
		nfth_priv_write(pkt, privp, sizeof(st));
	}
	return v;
}

const struct nfth_helper nfth_helper_ftp = {
	.api_version	= NFTH_HELPER_API_VERSION,
	.name		= "ftp",
	.l4protos	= { IPPROTO_TCP_ },
	.priv_len	= sizeof(struct ftp_priv),
	.class_count	= 1,
	.classes	= { { .name = "ftp", .max = 1, .timeout = 300 } },
	.inspect	= ftp_inspect,
};
