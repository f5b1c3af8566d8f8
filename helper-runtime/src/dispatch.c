// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dispatch.c - the one place where a packet meets a helper.
 */
#include <linux/netfilter.h>

#include "dispatch.h"

uint32_t nfth_dispatch(const struct nfth_helper *h, unsigned int class_count,
		       struct nfth_packet *pkt, struct nfth_counters *c)
{
	enum nfth_verdict v;

	nfth_count(&c->packets);
	pkt->class_count = class_count;
	if (!h || !pkt->has_ct) {
		nfth_count(&c->accepted);
		return NF_ACCEPT;
	}
	/* The kernel's private data must be the size this helper expects;
	 * otherwise someone registered the type with another layout. */
	if (pkt->priv_len != h->priv_len) {
		nfth_count(&c->parse_errors);
		nfth_count(&c->accepted);
		return NF_ACCEPT;
	}

	v = h->inspect(pkt, pkt->priv);
	switch (v) {
	case NFTH_DROP:
		nfth_count(&c->dropped);
		pkt->exp_count = 0;
		return NF_DROP;
	case NFTH_MALFORMED:
		nfth_count(&c->parse_errors);
		pkt->exp_count = 0;	/* junk opens nothing */
		break;
	case NFTH_ACCEPT:
		break;
	default:
		nfth_count(&c->parse_errors);
		pkt->exp_count = 0;
		break;
	}
	if (pkt->exp_count)
		nfth_count(&c->expectations);
	nfth_count(&c->accepted);
	return NF_ACCEPT;
}
