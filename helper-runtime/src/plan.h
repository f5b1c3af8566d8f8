/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plan.h - native mode's decision, without any socket: from the user-space
 * ct helper objects of the network namespace (as dumped) to which queues
 * are bound and which helper types each serves with which declaration,
 * and why an object is not served.  Unit-tested on its own
 * (tests/unit_plan.c).
 */
#ifndef NFTH_PLAN_H
#define NFTH_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include <nft-helperd/helper.h>

#define NFTH_OBJECTS_MAX	256	/* user-space objects followed */
#define NFTH_PLAN_QUEUES_MAX	64	/* queues bound at once */
#define NFTH_PLAN_TYPES_MAX	8	/* helper types on one queue */
#define NFTH_OBJ_NAME_MAX	256	/* table and object names, with NUL */

/* One user-space ct helper object, as the kernel holds it. */
struct nfth_uobj {
	uint32_t family;		/* table family, NFPROTO_* */
	char table[NFTH_OBJ_NAME_MAX];
	char name[NFTH_OBJ_NAME_MAX];
	uint64_t handle;
	char type[NFTH_NAME_MAX];	/* helper type, e.g. "ftp" */
	uint8_t l4proto;
	uint16_t queue_num;
	uint32_t queue_count;		/* >= 1 */
	bool bypass;
	uint32_t priv_len;
	unsigned int class_count;	/* 1..4 */
	struct nfth_expect_class classes[NFTH_CLASS_MAX];
};

/* What became of one object. */
enum nfth_uobj_status {
	NFTH_UOBJ_SERVED = 0,
	NFTH_UOBJ_NO_HELPER,	/* no built-in or plug-in helper of its type */
	NFTH_UOBJ_WRONG_L4,	/* the helper does not serve its protocol */
	NFTH_UOBJ_PRIV_SMALL,	/* private data shorter than the helper needs */
	NFTH_UOBJ_FEW_CLASSES,	/* fewer expectation classes than it uses */
	NFTH_UOBJ_CONFLICT,	/* same type on a shared queue, other declaration */
	NFTH_UOBJ_LIMIT,	/* too many queues or types on a queue */
	NFTH_UOBJ_STATUS_COUNT
};

const char *nfth_uobj_status_str(enum nfth_uobj_status s);

/* A helper type served on one queue, with the declaration it follows. */
struct nfth_plan_type {
	const struct nfth_helper *helper;
	uint32_t priv_len;
	unsigned int class_count;
	struct nfth_expect_class classes[NFTH_CLASS_MAX];
	unsigned int objects;		/* objects that use it */
};

struct nfth_plan_queue {
	uint16_t num;
	unsigned int type_count;
	struct nfth_plan_type types[NFTH_PLAN_TYPES_MAX];
};

struct nfth_plan {
	unsigned int queue_count;
	struct nfth_plan_queue queues[NFTH_PLAN_QUEUES_MAX];
};

/*
 * Decide, in the order given (dump order: the earlier object wins a
 * conflict): @status[i] gets what became of @objs[i]; @plan (cleared
 * first) the queues to bind, sorted by number.  Helpers are looked up with
 * @find (the registry in the daemon, a table in the tests).
 */
void nfth_plan_build(const struct nfth_uobj *objs, unsigned int n,
		     const struct nfth_helper *(*find)(const char *type),
		     struct nfth_plan *plan, enum nfth_uobj_status *status);

/* The queue @num in @plan, or NULL. */
const struct nfth_plan_queue *nfth_plan_find(const struct nfth_plan *plan,
					     uint16_t num);

/* Same object (family, table, name and declaration)? */
bool nfth_uobj_same(const struct nfth_uobj *a, const struct nfth_uobj *b);

#endif
