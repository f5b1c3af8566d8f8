// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * helper_api.c - the services nft-helperd offers to helpers (see
 * include/nft-helperd/helper.h): views of the packet, private data and
 * expectations, recorded in the packet for the verdict.
 */
#include <string.h>

#include "packet.h"

static uint32_t instance_id = 1;

void nfth_set_instance_id(uint32_t id)
{
	instance_id = id ? id : 1;
}

uint32_t nfth_instance_id(void)
{
	return instance_id;
}

enum nfth_dir nfth_pkt_dir(const struct nfth_packet *pkt)
{
	return pkt->dir;
}

uint32_t nfth_pkt_ctinfo(const struct nfth_packet *pkt)
{
	return pkt->ctinfo;
}

const struct nfth_tuple *nfth_ct_tuple(const struct nfth_packet *pkt,
				       enum nfth_dir dir)
{
	return &pkt->tuple[dir == NFTH_DIR_REPLY];
}

const uint8_t *nfth_l4_payload(const struct nfth_packet *pkt, size_t *len)
{
	*len = pkt->payload_len;
	return pkt->payload;
}

bool nfth_tcp_seq(const struct nfth_packet *pkt, uint32_t *seq)
{
	const uint8_t *t = pkt->l4;

	if (pkt->l4proto != 6 || !t)
		return false;
	*seq = (uint32_t)t[4] << 24 | (uint32_t)t[5] << 16 |
	       (uint32_t)t[6] << 8 | t[7];
	return true;
}

const void *nfth_priv_read(const struct nfth_packet *pkt, size_t *len)
{
	*len = pkt->priv_len;
	return pkt->priv;
}

int nfth_priv_write(struct nfth_packet *pkt, const void *data, size_t len)
{
	/* A declaration may give the connection more private data than the
	 * helper uses: the helper writes its prefix, the rest is kept. */
	if (len > pkt->priv_len || len > sizeof(pkt->priv))
		return -1;
	if (data != pkt->priv)
		memmove(pkt->priv, data, len);
	pkt->priv_written = true;
	return 0;
}

int nfth_expect_add(struct nfth_packet *pkt, unsigned int class,
		    const struct nfth_tuple *tuple,
		    const struct nfth_tuple *mask)
{
	struct nfth_expectation *e;

	if (pkt->exp_count >= NFTH_EXPECT_PER_PACKET ||
	    class >= pkt->class_count || !pkt->has_ct)
		return -1;
	e = &pkt->exp[pkt->exp_count++];
	e->class = class;
	e->tuple = *tuple;
	e->mask = *mask;
	/* the family and protocol of a mask are those of the tuple */
	e->mask.l3proto = tuple->l3proto;
	e->mask.l4proto = tuple->l4proto;
	e->helper[0] = '\0';	/* the expected connection gets no helper */
	return 0;
}

int nfth_expect_from_peer(struct nfth_packet *pkt, unsigned int class,
			  uint8_t l4proto, const union nfth_addr *addr,
			  uint16_t port)
{
	const struct nfth_tuple *other = &pkt->tuple[!(pkt->dir == NFTH_DIR_REPLY)];
	struct nfth_tuple t, m;

	memset(&t, 0, sizeof(t));
	memset(&m, 0, sizeof(m));
	t.l3proto = other->l3proto;
	t.l4proto = l4proto;
	t.src = other->src;		/* the peer of the sender connects */
	t.dst = *addr;			/* to where the sender said */
	t.sport = 0;
	t.dport = port;
	memset(&m.src, 0xff, other->l3proto == 2 ? 4 : 16);
	memset(&m.dst, 0xff, other->l3proto == 2 ? 4 : 16);
	m.sport = 0;			/* from any port */
	m.dport = 0xffff;
	return nfth_expect_add(pkt, class, &t, &m);
}
