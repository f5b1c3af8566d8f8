// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dispatch.c - the one place where a packet meets a helper.
 */
#include <linux/netfilter.h>

#include "dispatch.h"

uint32_t nfth_dispatch(const struct nfth_helper *h, unsigned int class_count,
		       struct nfth_packet *pkt, struct nfth_counters *c)
{
	return nfth_dispatch_decl(h, class_count, h ? h->priv_len : 0, pkt, c);
}

uint32_t nfth_dispatch_decl(const struct nfth_helper *h, unsigned int class_count,
			    uint32_t priv_len, struct nfth_packet *pkt,
			    struct nfth_counters *c)
{
	enum nfth_verdict v;

	nfth_count(&c->packets);
	pkt->class_count = class_count;
	if (!h || !pkt->has_ct) {
		nfth_count(&c->accepted);
		return NF_ACCEPT;
	}
	/* The kernel's private data must be the size declared for the
	 * binding (compatible mode: the helper's own; native mode: the
	 * object's, at least the helper's); otherwise the connection belongs
	 * to another declaration of the type and is passed unhelped. */
	if (pkt->priv_len != priv_len || priv_len < h->priv_len) {
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
