// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * privcache.c - see privcache.h.
 */
#include <linux/netfilter.h>
#include <stdlib.h>
#include <string.h>

#include "privcache.h"

int nfth_priv_cache_init(struct nfth_priv_cache *c)
{
	memset(c, 0, sizeof(*c));
	c->grace_ns = NFTH_PRIV_GRACE_NS;
	c->slots = calloc(NFTH_PRIV_CACHE_SLOTS, sizeof(*c->slots));
	return c->slots ? 0 : -1;
}

void nfth_priv_cache_free(struct nfth_priv_cache *c)
{
	free(c->slots);
	c->slots = NULL;
}

static struct nfth_priv_slot *slot_of(const struct nfth_priv_cache *c, uint32_t id)
{
	/* ids are a keyed hash in the kernel already: the low bits spread */
	return &c->slots[(id ^ (id >> 16)) & (NFTH_PRIV_CACHE_SLOTS - 1)];
}

/* field by field: the struct has padding */
static bool same_tuple(const struct nfth_tuple *a, const struct nfth_tuple *b)
{
	size_t alen = a->l3proto == NFPROTO_IPV4 ? 4 : sizeof(a->src.all);

	return a->l3proto == b->l3proto && a->l4proto == b->l4proto &&
	       a->sport == b->sport && a->dport == b->dport &&
	       !memcmp(a->src.all, b->src.all, alen) &&
	       !memcmp(a->dst.all, b->dst.all, alen);
}

static bool live(const struct nfth_priv_cache *c, const struct nfth_priv_slot *s,
		 uint64_t now_ns)
{
	return s->cur.len && now_ns - s->cur.when_ns <= c->grace_ns;
}

void nfth_priv_cache_apply(struct nfth_priv_cache *c, struct nfth_packet *pkt,
			   uint64_t now_ns)
{
	struct nfth_priv_slot *s;

	if (!c->slots || !pkt->has_ct_id || !pkt->priv_len)
		return;
	s = slot_of(c, pkt->ct_id);
	if (!live(c, s, now_ns) || s->ct_id != pkt->ct_id ||
	    s->cur.len != pkt->priv_len ||
	    !same_tuple(&s->orig, &pkt->tuple[NFTH_DIR_ORIGINAL]))
		return;
	if (!memcmp(pkt->priv, s->cur.data, s->cur.len))
		return;		/* the kernel has our newest already */
	/* The copy is older than a verdict already placed before this
	 * packet's: work on the newest.  That verdict reaches the kernel
	 * first, so the newest is also what this verdict starts from there:
	 * it carries private data only if the helper changes it. */
	memcpy(pkt->priv, s->cur.data, s->cur.len);
	memcpy(pkt->priv_orig, s->cur.data, s->cur.len);
}

void nfth_priv_cache_note(struct nfth_priv_cache *c, const struct nfth_packet *pkt,
			  uint64_t now_ns)
{
	const struct nfth_tuple *orig = &pkt->tuple[NFTH_DIR_ORIGINAL];
	struct nfth_priv_slot *s;
	bool same;

	if (!c->slots || !pkt->has_ct_id || !pkt->priv_len ||
	    !nfth_packet_needs_ct_verdict(pkt) || !pkt->priv_written)
		return;
	s = slot_of(c, pkt->ct_id);
	same = s->cur.len && s->ct_id == pkt->ct_id && same_tuple(&s->orig, orig);
	if (!same && live(c, s, now_ns))
		atomic_fetch_add_explicit(&c->evicted, 1, memory_order_relaxed);
	if (!same)
		memset(&s->prev, 0, sizeof(s->prev));
	else if (s->epoch != c->epoch + 1)
		s->prev = s->cur;	/* first write of this batch: what to
					 * put back if it is not sent */
	s->ct_id = pkt->ct_id;
	s->orig = *orig;
	s->epoch = c->epoch + 1;	/* the batch being built */
	s->cur.len = (uint32_t)pkt->priv_len;
	s->cur.pkt_id = pkt->id;
	s->cur.when_ns = now_ns;
	memcpy(s->cur.data, pkt->priv, pkt->priv_len);
}

void nfth_priv_cache_sent(struct nfth_priv_cache *c, bool ok)
{
	unsigned int i;

	c->epoch++;
	if (ok || !c->slots)
		return;
	/* rare: one pass over the slots written by the batch not sent */
	for (i = 0; i < NFTH_PRIV_CACHE_SLOTS; i++) {
		struct nfth_priv_slot *s = &c->slots[i];

		if (s->cur.len && s->epoch == c->epoch) {
			s->cur = s->prev;
			memset(&s->prev, 0, sizeof(s->prev));
		}
	}
}

void nfth_priv_cache_refused(struct nfth_priv_cache *c, uint32_t pkt_id)
{
	unsigned int i;

	if (!c->slots)
		return;
	/* rare (a packet gone before its verdict, a malformed verdict):
	 * one pass.  A later verdict of the connection that wrote over the
	 * entry started from this one's data and carries it. */
	for (i = 0; i < NFTH_PRIV_CACHE_SLOTS; i++)
		if (c->slots[i].cur.len && c->slots[i].cur.pkt_id == pkt_id)
			memset(&c->slots[i], 0, sizeof(c->slots[i]));
}

void nfth_priv_cache_gone(struct nfth_priv_cache *c, uint32_t ct_id)
{
	struct nfth_priv_slot *s;

	if (!c->slots)
		return;
	s = slot_of(c, ct_id);
	if (s->ct_id == ct_id)
		memset(s, 0, sizeof(*s));
}

void nfth_priv_cache_flush(struct nfth_priv_cache *c)
{
	if (!c->slots)
		return;
	memset(c->slots, 0, NFTH_PRIV_CACHE_SLOTS * sizeof(*c->slots));
	atomic_fetch_add_explicit(&c->flushed, 1, memory_order_relaxed);
}

const uint8_t *nfth_priv_cache_peek(const struct nfth_priv_cache *c,
				    uint32_t ct_id, uint32_t *len)
{
	const struct nfth_priv_slot *s;

	if (!c->slots)
		return NULL;
	s = slot_of(c, ct_id);
	if (!s->cur.len || s->ct_id != ct_id)
		return NULL;
	*len = s->cur.len;
	return s->cur.data;
}
