// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plan.c - which queues native mode binds, for which helper types, under
 * which declaration; and why an object is not served.
 *
 * The kernel names only the helper *type* in a queued packet's conntrack
 * (CTA_HELP_NAME), not the object, so on one queue the daemon can tell
 * types apart but not two objects of the same type.  Two objects may
 * therefore share a queue when their types differ, or when their types are
 * equal and their declarations agree on what the daemon uses: the private
 * data length and the number of expectation classes (class names, sizes and
 * timeouts may differ: the kernel applies each object's own to its
 * connections).  Otherwise the object met later in the dump is refused.
 */
#include <string.h>

#include "plan.h"
#include "registry.h"

const char *nfth_uobj_status_str(enum nfth_uobj_status s)
{
	switch (s) {
	case NFTH_UOBJ_SERVED:
		return "served";
	case NFTH_UOBJ_NO_HELPER:
		return "no helper of this type in this daemon";
	case NFTH_UOBJ_WRONG_L4:
		return "the helper does not serve this layer 4 protocol";
	case NFTH_UOBJ_PRIV_SMALL:
		return "private data shorter than the helper needs";
	case NFTH_UOBJ_FEW_CLASSES:
		return "fewer expectation classes than the helper uses";
	case NFTH_UOBJ_CONFLICT:
		return "another object of this type on the same queue declares "
		       "another private data length or class count";
	case NFTH_UOBJ_LIMIT:
		return "too many queues, or helper types on one queue";
	case NFTH_UOBJ_STATUS_COUNT:
		break;
	}
	return "?";
}

const struct nfth_plan_queue *nfth_plan_find(const struct nfth_plan *plan,
					     uint16_t num)
{
	unsigned int i;

	for (i = 0; i < plan->queue_count; i++)
		if (plan->queues[i].num == num)
			return &plan->queues[i];
	return NULL;
}

static struct nfth_plan_type *find_type(struct nfth_plan_queue *q,
					const struct nfth_helper *h)
{
	unsigned int i;

	for (i = 0; i < q->type_count; i++)
		if (q->types[i].helper == h)
			return &q->types[i];
	return NULL;
}

/* Can @o be added to every queue of its range?  Counts new queues. */
static enum nfth_uobj_status check_queues(struct nfth_plan *plan,
					  const struct nfth_uobj *o,
					  const struct nfth_helper *h)
{
	unsigned int new_queues = 0;
	uint32_t i;

	if (o->queue_count > NFTH_PLAN_QUEUES_MAX)
		return NFTH_UOBJ_LIMIT;
	for (i = 0; i < o->queue_count; i++) {
		struct nfth_plan_queue *q;
		struct nfth_plan_type *t;

		q = (struct nfth_plan_queue *)nfth_plan_find(plan,
				(uint16_t)(o->queue_num + i));
		if (!q) {
			new_queues++;
			continue;
		}
		t = find_type(q, h);
		if (!t) {
			if (q->type_count == NFTH_PLAN_TYPES_MAX)
				return NFTH_UOBJ_LIMIT;
			continue;
		}
		if (t->priv_len != o->priv_len || t->class_count != o->class_count)
			return NFTH_UOBJ_CONFLICT;
	}
	if (plan->queue_count + new_queues > NFTH_PLAN_QUEUES_MAX)
		return NFTH_UOBJ_LIMIT;
	return NFTH_UOBJ_SERVED;
}

static struct nfth_plan_queue *add_queue(struct nfth_plan *plan, uint16_t num)
{
	unsigned int at = 0;

	while (at < plan->queue_count && plan->queues[at].num < num)
		at++;
	memmove(&plan->queues[at + 1], &plan->queues[at],
		(plan->queue_count - at) * sizeof(plan->queues[0]));
	plan->queue_count++;
	memset(&plan->queues[at], 0, sizeof(plan->queues[at]));
	plan->queues[at].num = num;
	return &plan->queues[at];
}

static void add_object(struct nfth_plan *plan, const struct nfth_uobj *o,
		       const struct nfth_helper *h)
{
	uint32_t i;

	for (i = 0; i < o->queue_count; i++) {
		uint16_t num = (uint16_t)(o->queue_num + i);
		struct nfth_plan_queue *q;
		struct nfth_plan_type *t;

		q = (struct nfth_plan_queue *)nfth_plan_find(plan, num);
		if (!q)
			q = add_queue(plan, num);
		t = find_type(q, h);
		if (!t) {
			t = &q->types[q->type_count++];
			t->helper = h;
			t->priv_len = o->priv_len;
			t->class_count = o->class_count;
			memcpy(t->classes, o->classes, sizeof(t->classes));
		}
		t->objects++;
	}
}

static enum nfth_uobj_status decide(struct nfth_plan *plan,
				    const struct nfth_uobj *o,
				    const struct nfth_helper *h)
{
	if (!h)
		return NFTH_UOBJ_NO_HELPER;
	if (!nfth_helper_serves_l4(h, o->l4proto))
		return NFTH_UOBJ_WRONG_L4;
	if (o->priv_len < h->priv_len)
		return NFTH_UOBJ_PRIV_SMALL;
	if (o->class_count < h->class_count)
		return NFTH_UOBJ_FEW_CLASSES;
	return check_queues(plan, o, h);
}

void nfth_plan_build(const struct nfth_uobj *objs, unsigned int n,
		     const struct nfth_helper *(*find)(const char *type),
		     struct nfth_plan *plan, enum nfth_uobj_status *status)
{
	unsigned int i;

	memset(plan, 0, sizeof(*plan));
	for (i = 0; i < n; i++) {
		const struct nfth_helper *h = find(objs[i].type);

		status[i] = decide(plan, &objs[i], h);
		if (status[i] == NFTH_UOBJ_SERVED)
			add_object(plan, &objs[i], h);
	}
}

bool nfth_uobj_same(const struct nfth_uobj *a, const struct nfth_uobj *b)
{
	unsigned int i;

	if (a->family != b->family || strcmp(a->table, b->table) ||
	    strcmp(a->name, b->name) || a->handle != b->handle ||
	    strcmp(a->type, b->type) || a->l4proto != b->l4proto ||
	    a->queue_num != b->queue_num || a->queue_count != b->queue_count ||
	    a->bypass != b->bypass || a->priv_len != b->priv_len ||
	    a->class_count != b->class_count)
		return false;
	for (i = 0; i < a->class_count; i++)
		if (strcmp(a->classes[i].name, b->classes[i].name) ||
		    a->classes[i].max != b->classes[i].max ||
		    a->classes[i].timeout != b->classes[i].timeout)
			return false;
	return true;
}
