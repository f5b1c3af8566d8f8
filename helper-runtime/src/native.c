// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * native.c - native mode: the objects of the ruleset say what to serve.
 *
 * Start: check that the kernel takes user-space ct helper objects, dump
 * them consistently (nftobj.c), decide (plan.c), bind and start one thread
 * per queue.  Then follow nf_tables events: a transaction that added or
 * deleted a ct helper object or deleted a table (flush ruleset deletes
 * them all) is read again when its NEWGEN arrives, as is everything after
 * lost events (ENOBUFS) or a gap in the generation numbers; the new
 * objects are reconciled with what runs: queues no object uses any more
 * are stopped and unbound, new ones bound and started, the helper types
 * and declarations of running queues swapped under the queue's lock.
 * Reading the objects again, instead of applying each event, makes one
 * path for every case (DELOBJ events without data, DELTABLE, a batch that
 * adds and deletes, lost events) and costs one dump per transaction that
 * touched ct helpers.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "caps.h"
#include "log.h"
#include "native.h"
#include "notify.h"
#include "nftobj.h"
#include "plan.h"
#include "queue.h"
#include "registry.h"

#define QUEUE_SLOTS	128	/* queues ever bound in one run */

struct native {
	struct nfth_nft nft;
	uint32_t gen;			/* of the last dump */
	struct nfth_nft_follow follow;

	unsigned int n, prev_n;
	struct nfth_uobj objs[NFTH_OBJECTS_MAX], prev[NFTH_OBJECTS_MAX];
	enum nfth_uobj_status status[NFTH_OBJECTS_MAX], prev_status[NFTH_OBJECTS_MAX];
	struct nfth_plan plan;
	uint64_t not_served[NFTH_UOBJ_STATUS_COUNT];	/* objects, cumulative */

	unsigned int slot_count;
	struct nfth_queue slots[QUEUE_SLOTS];
};

static struct native nat;	/* large: off the stack */

static const char *family_str(uint32_t f)
{
	switch (f) {
	case 1: return "inet";
	case 2: return "ip";
	case 10: return "ip6";
	case 3: return "arp";
	case 5: return "netdev";
	case 7: return "bridge";
	}
	return "?";
}

static void describe(const struct nfth_uobj *o, char *buf, size_t size)
{
	char q[24];

	if (o->queue_count > 1)
		snprintf(q, sizeof(q), "%u-%u", o->queue_num,
			 o->queue_num + o->queue_count - 1);
	else
		snprintf(q, sizeof(q), "%u", o->queue_num);
	snprintf(buf, size, "%s %s %s (type \"%s\" %s, queue %s%s, private %u, "
		 "%u class%s)", family_str(o->family), o->table, o->name, o->type,
		 o->l4proto == 6 ? "tcp" : o->l4proto == 17 ? "udp" : "l4?", q,
		 o->bypass ? " bypass" : "", o->priv_len, o->class_count,
		 o->class_count == 1 ? "" : "es");
}

/* --- queues --- */

static struct nfth_queue *slot_for(uint16_t num, bool create)
{
	unsigned int i;

	for (i = 0; i < nat.slot_count; i++)
		if (nat.slots[i].num == num)
			return &nat.slots[i];
	if (!create || nat.slot_count == QUEUE_SLOTS)
		return NULL;
	nat.slots[nat.slot_count].num = num;
	return &nat.slots[nat.slot_count++];
}

static struct nfth_binding *binding_for(struct nfth_queue *q,
					const struct nfth_helper *h)
{
	unsigned int i;

	for (i = 0; i < q->binding_count; i++)
		if (q->bindings[i].helper == h)
			return &q->bindings[i];
	if (q->binding_count == NFTH_QUEUE_BINDINGS_MAX)
		return NULL;
	q->bindings[q->binding_count].helper = h;
	q->bindings[q->binding_count].retired = true;
	return &q->bindings[q->binding_count++];
}

/* Give running queue @q the types of @pq; the thread sees all or nothing. */
static void set_bindings(struct nfth_queue *q, const struct nfth_plan_queue *pq)
{
	unsigned int i, j;

	nfth_queue_lock(q);
	for (i = 0; i < q->binding_count; i++)
		q->bindings[i].retired = true;
	for (i = 0; pq && i < pq->type_count; i++) {
		const struct nfth_plan_type *t = &pq->types[i];
		struct nfth_binding *b = binding_for(q, t->helper);

		if (!b)
			continue;	/* plan.c keeps within the same limit */
		b->priv_len = t->priv_len;
		b->class_count = t->class_count;
		for (j = 0; j < NFTH_CLASS_MAX; j++)
			memcpy(b->class_names[j], t->classes[j].name,
			       sizeof(b->class_names[j]));
		b->retired = false;
	}
	nfth_queue_unlock(q);
}

static void unbind_queue(struct nfth_queue *q)
{
	nfth_queue_stop(q);
	set_bindings(q, NULL);
	nfth_queue_close(q);
	nfth_info("queue %u unbound: no served object uses it any more", q->num);
}

static void bind_queue(struct nfth_queue *q, const struct nfth_plan_queue *pq)
{
	char types[160] = "";
	unsigned int i;
	size_t off = 0;

	for (i = 0; i < pq->type_count; i++)
		off += (size_t)snprintf(types + off, sizeof(types) - off, "%s%s",
					i ? ", " : "", pq->types[i].helper->name);
	if (!q->bound) {
		if (nfth_queue_open(q) < 0) {
			nfth_queue_close(q);
			nfth_err("queue %u not served (see above): its objects' "
				 "packets are passed or dropped as their bypass "
				 "flag says", q->num);
			return;
		}
		set_bindings(q, pq);
		if (nfth_queue_start(q) < 0) {
			nfth_queue_close(q);
			return;
		}
		nfth_info("queue %u bound: %s", q->num, types);
		return;
	}
	set_bindings(q, pq);
	nfth_debug("queue %u serves: %s", q->num, types);
}

static void apply_plan(void)
{
	unsigned int i;

	for (i = 0; i < nat.slot_count; i++)
		if (nat.slots[i].bound &&
		    !nfth_plan_find(&nat.plan, nat.slots[i].num))
			unbind_queue(&nat.slots[i]);
	for (i = 0; i < nat.plan.queue_count; i++) {
		const struct nfth_plan_queue *pq = &nat.plan.queues[i];
		struct nfth_queue *q = slot_for(pq->num, true);

		if (!q) {
			nfth_err("queue %u not served: more than %d queues bound "
				 "in this run", pq->num, QUEUE_SLOTS);
			continue;
		}
		bind_queue(q, pq);
	}
}

/* --- objects --- */

/* Index of the object the same as @o among @objs[0..n), or -1. */
static int find_obj(const struct nfth_uobj *objs, unsigned int n,
		    const struct nfth_uobj *o)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (nfth_uobj_same(&objs[i], o))
			return (int)i;
	return -1;
}

static void log_objects(void)
{
	char d[700];
	unsigned int i;
	int p;

	for (i = 0; i < nat.prev_n; i++) {
		if (find_obj(nat.objs, nat.n, &nat.prev[i]) >= 0)
			continue;
		describe(&nat.prev[i], d, sizeof(d));
		nfth_info("object %s: gone from the ruleset", d);
	}
	for (i = 0; i < nat.n; i++) {
		p = find_obj(nat.prev, nat.prev_n, &nat.objs[i]);
		if (p >= 0 && nat.prev_status[p] == nat.status[i])
			continue;
		describe(&nat.objs[i], d, sizeof(d));
		if (nat.status[i] == NFTH_UOBJ_SERVED) {
			nfth_info("object %s: served", d);
			continue;
		}
		nat.not_served[nat.status[i]]++;
		nfth_warn("object %s: not served: %s; %s", d,
			  nfth_uobj_status_str(nat.status[i]),
			  nat.status[i] == NFTH_UOBJ_CONFLICT ?
			  "its connections reach the queue's other object's "
			  "binding and are passed unhelped when their private "
			  "data length differs" :
			  nat.objs[i].bypass ?
			  "unless another object binds its queue, the kernel "
			  "passes its packets unhelped (bypass)" :
			  "unless another object binds its queue, the kernel "
			  "drops its packets (no bypass)");
	}
}

/* The objects just dumped into nat.objs (generation nat.gen): decide,
 * log what changed, bind and unbind. */
static void apply_objects(const char *why, bool overflow)
{
	nfth_nft_follow_dumped(&nat.follow, nat.gen);
	if (overflow)
		nfth_warn("more than %d user-space ct helper objects: the rest "
			  "are ignored", NFTH_OBJECTS_MAX);
	nfth_plan_build(nat.objs, nat.n, nfth_registry_find, &nat.plan, nat.status);
	nfth_debug("ruleset generation %u (%s): %u user-space object(s)",
		   nat.gen, why, nat.n);
	log_objects();
	apply_plan();
}

static int reload(const char *why)
{
	bool overflow = false;
	unsigned int n = 0;
	int ret;

	memcpy(nat.prev, nat.objs, nat.n * sizeof(nat.objs[0]));
	memcpy(nat.prev_status, nat.status, nat.n * sizeof(nat.status[0]));
	nat.prev_n = nat.n;
	ret = nfth_nft_dump(&nat.nft, nat.objs, NFTH_OBJECTS_MAX, &n, &overflow,
			    &nat.gen);
	if (ret < 0) {
		nfth_err("cannot read the ct helper objects: %s", strerror(-ret));
		memcpy(nat.objs, nat.prev, nat.prev_n * sizeof(nat.objs[0]));
		nat.n = nat.prev_n;
		/* keep serving what runs; serve() tries again in a second */
		nat.follow.need_dump = true;
		return -1;
	}
	nat.n = n;
	apply_objects(why, overflow);
	return 0;
}

/* --- events --- */

static void on_event(const struct nfth_nft_event *ev, void *data)
{
	uint32_t last = nat.follow.last_gen;

	(void)data;
	switch (ev->kind) {
	case NFTH_EV_OBJ_ADD:
		if (ev->userspace)
			nfth_info("event: ct helper %s %s %s added",
				  family_str(ev->family), ev->table, ev->name);
		break;
	case NFTH_EV_OBJ_DEL:
		nfth_info("event: ct helper %s %s %s deleted", family_str(ev->family),
			  ev->table, ev->name);
		break;
	case NFTH_EV_TABLE_DEL:
		nfth_info("event: table %s %s deleted (with its objects)",
			  family_str(ev->family), ev->table);
		break;
	case NFTH_EV_GEN:
	case NFTH_EV_OTHER:
		break;
	}
	nfth_nft_follow(&nat.follow, ev);
	if (ev->kind == NFTH_EV_GEN && nat.follow.lost) {
		nfth_warn("ruleset generation %u after %u: events were lost, "
			  "reading the objects again", ev->gen, last);
		nat.follow.lost = false;
	}
}

static const char *stats_path;	/* --stats FILE, or NULL */

static void print_counters(void)
{
	unsigned int i, served = 0;
	char d[700];
	int ret;

	for (i = 0; i < nat.slot_count; i++)
		nfth_queue_print_counters(&nat.slots[i]);
	for (i = 0; i < nat.n; i++)
		served += nat.status[i] == NFTH_UOBJ_SERVED;
	fprintf(stderr, "nft-helperd: counters: objects: %u served, %u not served "
		"now; not served since start: no-helper %llu wrong-l4 %llu "
		"private-too-small %llu few-classes %llu conflict %llu limit %llu\n",
		served, nat.n - served,
		(unsigned long long)nat.not_served[NFTH_UOBJ_NO_HELPER],
		(unsigned long long)nat.not_served[NFTH_UOBJ_WRONG_L4],
		(unsigned long long)nat.not_served[NFTH_UOBJ_PRIV_SMALL],
		(unsigned long long)nat.not_served[NFTH_UOBJ_FEW_CLASSES],
		(unsigned long long)nat.not_served[NFTH_UOBJ_CONFLICT],
		(unsigned long long)nat.not_served[NFTH_UOBJ_LIMIT]);
	for (i = 0; i < nat.n; i++) {
		if (nat.status[i] == NFTH_UOBJ_SERVED)
			continue;
		describe(&nat.objs[i], d, sizeof(d));
		fprintf(stderr, "nft-helperd: counters: object %s: not served: %s\n",
			d, nfth_uobj_status_str(nat.status[i]));
	}
	if (stats_path) {
		ret = nfth_queue_write_stats(stats_path, nat.slots, nat.slot_count);
		if (ret < 0)
			nfth_warn("--stats %s: %s", stats_path, strerror(-ret));
	}
}

static int serve(int sfd)
{
	struct pollfd pfd[2] = {
		{ .fd = nfth_nft_event_fd(&nat.nft), .events = POLLIN },
		{ .fd = sfd, .events = POLLIN },
	};
	struct signalfd_siginfo si;
	int ret;

	for (;;) {
		/* A failed reload (a dump that kept being interrupted by
		 * changes, a full receive buffer) is retried every second
		 * rather than waiting for the next nf_tables event. */
		ret = poll(pfd, 2, nat.follow.need_dump ? 1000 : -1);
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			nfth_err("poll: %s", strerror(errno));
			return -1;
		}
		if (ret == 0) {
			reload("retry");
			continue;
		}
		if (pfd[0].revents) {
			ret = nfth_nft_events_read(&nat.nft, on_event, NULL);
			if (ret == -ENOBUFS) {
				nfth_warn("nf_tables events lost (ENOBUFS): "
					  "reading the objects again");
				nat.follow.need_dump = true;
			} else if (ret < 0) {
				nfth_err("reading nf_tables events: %s",
					 strerror(-ret));
				return -1;
			}
			if (nat.follow.need_dump)
				reload("after events");
		}
		if (!pfd[1].revents)
			continue;
		if (read(sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo == SIGUSR1) {
			print_counters();
		} else if (si.ssi_signo == SIGHUP) {
			nfth_info("SIGHUP: reading the objects again");
			reload("SIGHUP");
		} else {
			if (nfth_queue_failure(NULL))
				return -1;	/* a queue thread said why */
			nfth_info("%s: stopping",
				  si.ssi_signo == SIGTERM ? "SIGTERM" : "SIGINT");
			return 0;
		}
	}
}

int nfth_native_run(const char *user, const char *stats)
{
	sigset_t sigs;
	unsigned int i;
	bool overflow = false;
	int ret, sfd, status = 1;

	stats_path = stats;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGUSR2);	/* queue threads unblock it for themselves */
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	sigdelset(&sigs, SIGUSR2);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	if (sfd < 0) {
		nfth_err("signalfd: %s", strerror(errno));
		return 1;
	}

	ret = nfth_nft_open(&nat.nft);
	if (ret < 0) {
		nfth_err("cannot open nf_tables netlink sockets: %s", strerror(-ret));
		goto out;
	}
	/* Events first, so that nothing committed after the dump is missed. */
	ret = nfth_nft_dump(&nat.nft, nat.objs, NFTH_OBJECTS_MAX, &nat.n,
			    &overflow, &nat.gen);
	if (ret < 0) {
		nfth_err("cannot read the ct helper objects: %s", strerror(-ret));
		goto out;
	}
	if (!nat.n) {
		/* Nothing dumped proves support: ask the kernel once. */
		ret = nfth_nft_probe(&nat.nft);
		if (ret == 0) {
			nfth_err("this kernel does not support user-space ct helper "
				 "objects (nft_ct lacks NFTA_CT_HELPER_USERSPACE, "
				 "added by the kernel/ patch series); run in "
				 "compatible mode: nft-helperd -f FILE");
			goto out;
		}
		if (ret < 0) {
			nfth_err("cannot tell whether this kernel supports user-space "
				 "ct helper objects: %s", strerror(-ret));
			goto out;
		}
	}
	if (nfth_drop_privileges(user) < 0)
		goto out;
	/* events since that dump wait in the event socket */
	apply_objects("start", overflow);
	nfth_info("native mode: following the ct helper objects of this network "
		  "namespace (generation %u); SIGUSR1 prints counters", nat.gen);
	/* every queue of the objects found bound, its thread running */
	ret = nfth_notify("READY=1\nSTATUS=native mode: following the ct "
			  "helper objects");
	if (ret < 0)
		nfth_warn("cannot tell the service manager that nft-helperd is "
			  "ready ($NOTIFY_SOCKET): %s", strerror(-ret));
	if (serve(sfd) == 0)
		status = 0;
out:
	nfth_notify("STOPPING=1");
	nfth_queue_request_stop();
	for (i = 0; i < nat.slot_count; i++) {
		nfth_queue_stop(&nat.slots[i]);
		nfth_queue_close(&nat.slots[i]);
	}
	if (status == 0)
		print_counters();
	nfth_nft_close(&nat.nft);
	close(sfd);
	return status;
}
