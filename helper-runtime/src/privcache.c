// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * privcache.c - see privcache.h.
 */
#include <stdlib.h>
#include <string.h>

#include "privcache.h"

int nfth_priv_cache_init(struct nfth_priv_cache *c)
{
	memset(c, 0, sizeof(*c));
	c->slots = calloc(NFTH_PRIV_CACHE_SLOTS, sizeof(*c->slots));
	return c->slots ? 0 : -1;
}

void nfth_priv_cache_free(struct nfth_priv_cache *c)
{
	free(c->slots);
	memset(c, 0, sizeof(*c));
}

static struct nfth_priv_slot *slot_of(struct nfth_priv_cache *c, uint32_t id)
{
	/* ids are a keyed hash in the kernel already: the low bits spread */
	return &c->slots[(id ^ (id >> 16)) & (NFTH_PRIV_CACHE_SLOTS - 1)];
}

static int live(const struct nfth_priv_cache *c, const struct nfth_priv_slot *s)
{
	return s->len && s->epoch > c->settled;
}

void nfth_priv_cache_apply(struct nfth_priv_cache *c, struct nfth_packet *pkt)
{
	struct nfth_priv_slot *s;

	if (!c->slots || !pkt->has_ct_id || !pkt->priv_len)
		return;
	s = slot_of(c, pkt->ct_id);
	if (!live(c, s) || s->ct_id != pkt->ct_id || s->len != pkt->priv_len)
		return;
	if (!memcmp(pkt->priv, s->data, s->len))
		return;		/* the kernel has our newest already */
	/* The copy is older than a verdict already placed before this
	 * packet's: work on the newest.  That verdict reaches the kernel
	 * first, so the newest is also what this verdict starts from there:
	 * it carries private data only if the helper changes it. */
	memcpy(pkt->priv, s->data, s->len);
	memcpy(pkt->priv_orig, s->data, s->len);
}

void nfth_priv_cache_note(struct nfth_priv_cache *c, const struct nfth_packet *pkt)
{
	struct nfth_priv_slot *s;

	if (!c->slots || !pkt->has_ct_id || !pkt->priv_len ||
	    !nfth_packet_needs_ct_verdict(pkt) || !pkt->priv_written)
		return;
	s = slot_of(c, pkt->ct_id);
	if (live(c, s) && s->ct_id != pkt->ct_id)
		c->evicted++;
	s->ct_id = pkt->ct_id;
	s->len = (uint32_t)pkt->priv_len;
	s->epoch = c->epoch + 1;	/* the batch being built */
	memcpy(s->data, pkt->priv, pkt->priv_len);
}

void nfth_priv_cache_sent(struct nfth_priv_cache *c)
{
	c->epoch++;
}

void nfth_priv_cache_settle(struct nfth_priv_cache *c, uint64_t upto)
{
	if (upto > c->settled)
		c->settled = upto;
}
