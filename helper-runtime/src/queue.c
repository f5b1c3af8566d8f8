// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * queue.c - the queue-servicing core of nft-helperd: one thread per queue
 * runs the helpers over what the socket level (nfq.c) receives.
 *
 * Receive: one recvmmsg() fetches up to NFTH_RX_BATCH queued packets (one
 * netlink message each) from a socket with a large receive buffer.
 * Answer: packets whose verdict is a plain ACCEPT are answered together by
 * one NFQNL_MSG_VERDICT_BATCH for the highest such id; packets that carry
 * private data, an expectation or a DROP get their own NFQNL_MSG_VERDICT,
 * placed before the batch verdict in the same buffer, so that one sendto()
 * answers the whole batch and the kernel handles them in order.  Ids grow
 * in queue order, so the batch verdict covers exactly the packets read.
 *
 * Buffers are allocated once when the queue is opened; nothing is
 * allocated per packet.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <signal.h>
#include <sys/utsname.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>

#include "kqstats.h"
#include "log.h"
#include "queue.h"

static atomic_bool stop_requested;
static struct nfth_kqstats kernel_stats(const struct nfth_queue *q);
static uint32_t queue_maxlen = NFTH_QUEUE_MAXLEN_DEFAULT;
static bool queue_fail_open;
static atomic_int failed_errno;		/* first queue that could not go on */
static atomic_int failed_queue;

static void wake(int sig)
{
	(void)sig;	/* only here to make recvmmsg() return EINTR */
}

void nfth_queue_set_limits(uint32_t maxlen, bool fail_open)
{
	queue_maxlen = maxlen;
	queue_fail_open = fail_open;
}

/* Is @module in this kernel?  Loaded modules have @sysdir/<module>; a
 * built-in one often has not (only those with parameters do), but is
 * named in @builtin (modules.builtin: one ".../<module>.ko" a line). */
int nfth_module_present(const char *sysdir, const char *builtin,
			const char *module)
{
	char path[256], line[512], want[96];
	size_t wl, ll;
	FILE *fp;
	int found = 0;

	snprintf(path, sizeof(path), "%s/%s", sysdir, module);
	if (access(path, F_OK) == 0)
		return 1;
	fp = fopen(builtin, "re");
	if (!fp)
		return 0;
	wl = (size_t)snprintf(want, sizeof(want), "/%s.ko", module);
	while (!found && fgets(line, sizeof(line), fp)) {
		ll = strcspn(line, "\n");
		found = ll >= wl && !memcmp(line + ll - wl, want, wl);
	}
	fclose(fp);
	return found;
}

const char *nfth_kernel_hint(int err, const char *module, const char *config)
{
	static __thread char hint[256];
	char builtin[128];
	struct utsname u;

	if (err == EPERM)
		/* a seccomp filter refusing the call (SystemCallFilter= with
		 * SystemCallErrorNumber=EPERM) looks the same */
		return " (the process lacks CAP_NET_ADMIN, or a system call "
		       "filter refused the call)";
	/* nfnetlink answers EINVAL for a subsystem it does not know (after
	 * trying to load its module): name the module if it is not there */
	if (err == EINVAL || err == EOPNOTSUPP || err == EPROTONOSUPPORT) {
		if (uname(&u) < 0)
			u.release[0] = '\0';
		snprintf(builtin, sizeof(builtin),
			 "/lib/modules/%s/modules.builtin", u.release);
		if (nfth_module_present("/sys/module", builtin, module))
			return "";
		snprintf(hint, sizeof(hint), " (this kernel has no %s: "
			 "modprobe %s, or build it with %s)", module, module,
			 config);
		return hint;
	}
	return "";
}

/* The kernel sends no conntrack events at all with this sysctl at 0. */
static bool conntrack_events_off(void)
{
	FILE *fp = fopen("/proc/sys/net/netfilter/nf_conntrack_events", "re");
	int c = fp ? fgetc(fp) : EOF;

	if (fp)
		fclose(fp);
	return c == '0';
}

int nfth_queue_open(struct nfth_queue *q)
{
	int ret;

	if (!q->lock_ready) {
		pthread_mutex_init(&q->lock, NULL);
		q->lock_ready = true;
	}
	if (nfth_priv_cache_init(&q->privs) < 0) {
		nfth_err("queue %u: out of memory", q->num);
		return -1;
	}
	ret = nfth_nfq_open(&q->sock);
	if (ret == -ENOMEM) {
		nfth_err("queue %u: out of memory", q->num);
		return -1;
	}
	if (ret < 0) {
		nfth_err("queue %u: cannot open a netfilter netlink socket: %s",
			 q->num, strerror(-ret));
		return -1;
	}
	ret = nfth_nfq_bind_cfg(&q->sock, q->num, queue_maxlen, queue_fail_open);
	if (ret == -EBUSY) {
		nfth_err("queue %u is already bound by another program "
			 "(conntrackd, another nft-helperd?)", q->num);
		return -1;
	}
	if (ret == -EOPNOTSUPP) {
		nfth_err("queue %u: this kernel cannot queue packets with their "
			 "conntrack (needs CONFIG_NETFILTER_NETLINK_GLUE_CT)", q->num);
		return -1;
	}
	if (ret < 0) {
		nfth_err("queue %u: cannot bind: %s%s", q->num, strerror(-ret),
			 nfth_kernel_hint(-ret, "nfnetlink_queue",
					  "CONFIG_NETFILTER_NETLINK_QUEUE"));
		return -1;
	}
	q->bound = true;
	ret = nfth_nfq_watch_destroyed(&q->sock);
	if (ret == 0 && conntrack_events_off())
		ret = -ENOMSG;
	if (ret < 0)
		nfth_warn("queue %u: cannot receive conntrack destroy events: "
			  "%s; a conntrack id the kernel reuses within %llu ms "
			  "of the old connection's last verdict, under the same "
			  "tuples, may start from the old connection's private "
			  "data", q->num, ret == -ENOMSG ?
			  "net.netfilter.nf_conntrack_events is 0" : strerror(-ret),
			  (unsigned long long)(q->privs.grace_ns / 1000000));
	return 0;
}

static struct nfth_binding *find_binding(struct nfth_queue *q, const char *name)
{
	unsigned int i;

	for (i = 0; i < q->binding_count; i++)
		if (!q->bindings[i].retired &&
		    !strcmp(q->bindings[i].helper->name, name))
			return &q->bindings[i];
	/* one helper type on this queue and the kernel named none: take it */
	return q->binding_count == 1 && !name[0] && !q->bindings[0].retired ?
	       &q->bindings[0] : NULL;
}

static void log_expectation(struct nfth_queue *q,
			    const struct nfth_binding *b,
			    const struct nfth_packet *pkt)
{
	const struct nfth_expectation *e = &pkt->exp[0];
	int af = e->tuple.l3proto == NFPROTO_IPV4 ? AF_INET : AF_INET6;
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];
	unsigned long long missed;
	int ok;

	if (nfth_log_verbosity < NFTH_LOG_INFO)
		return;
	if (!q->exp_log.burst)
		q->exp_log.burst = NFTH_EXPECT_LOG_BURST;
	ok = nfth_ratelimit_now(&q->exp_log, &missed);
	if (missed)
		nfth_info("queue %u: %llu expectation line(s) not logged in one "
			  "second (at most %u a second; the counters count them all)",
			  q->num, missed, q->exp_log.burst);
	if (!ok)
		return;
	inet_ntop(af, e->tuple.src.all, s, sizeof(s));
	inet_ntop(af, e->tuple.dst.all, d, sizeof(d));
	nfth_info("queue %u %s: expectation %s %s%s%s -> %s%s%s:%u class %s",
		  q->num, b->helper->name,
		  e->tuple.l4proto == 6 ? "tcp" : e->tuple.l4proto == 17 ? "udp" : "l4",
		  af == AF_INET6 ? "[" : "", s, af == AF_INET6 ? "]" : "",
		  af == AF_INET6 ? "[" : "", d, af == AF_INET6 ? "]" : "",
		  e->tuple.dport, b->class_names[e->class][0] ?
		  b->class_names[e->class] : b->helper->classes[e->class].name);
}

static void log_packet(const struct nfth_queue *q, const struct nfth_packet *pkt,
		       enum nfth_parse_error pe)
{
	const struct nfth_tuple *t = &pkt->tuple[pkt->dir];
	int af = t->l3proto == NFPROTO_IPV6 ? AF_INET6 : AF_INET;
	char s[INET6_ADDRSTRLEN] = "?", d[INET6_ADDRSTRLEN] = "?";

	if (pe != NFTH_PARSE_OK) {
		nfth_debug("queue %u: packet %u without usable conntrack (%s)", q->num,
			   pkt->id, pe == NFTH_PARSE_NO_CT ? "none" : "malformed");
		return;
	}
	inet_ntop(af, t->src.all, s, sizeof(s));
	inet_ntop(af, t->dst.all, d, sizeof(d));
	nfth_debug("queue %u: packet %u %s %s:%u -> %s:%u proto %u ctinfo %u "
		   "helper %s payload %zu", q->num, pkt->id,
		   pkt->dir == NFTH_DIR_REPLY ? "reply" : "original", s, t->sport,
		   d, t->dport, t->l4proto, pkt->ctinfo,
		   pkt->helper_name[0] ? pkt->helper_name : "-", pkt->payload_len);
}

/* Log the first of a kind and then at powers of two: a fault repeated per
 * packet must not flood the log, but it must not go unsaid either. */
static bool worth_logging(uint64_t count)
{
	return (count & (count - 1)) == 0;
}

/* Verdicts are sent without NLM_F_ACK, so the kernel answers only those it
 * refused (an id it no longer has, a malformed attribute). */
static void verdict_error(struct nfth_queue *q, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	uint64_t n;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)) || !e->error)
		return;		/* an acknowledgement, not an error */
	/* the refused verdict's header comes back: its sequence number is
	 * the packet id (nfth_verdict_put), so what it wrote is forgotten */
	if (NFNL_MSG_TYPE(e->msg.nlmsg_type) == NFQNL_MSG_VERDICT &&
	    e->msg.nlmsg_seq)
		nfth_priv_cache_refused(&q->privs, e->msg.nlmsg_seq);
	nfth_count(&q->verdict_errors);
	n = nfth_counter(&q->verdict_errors);
	if (worth_logging(n))
		nfth_warn("queue %u: the kernel refused a verdict: %s "
			  "(%llu so far; the packet was dropped or timed out)",
			  q->num, strerror(-e->error), (unsigned long long)n);
}

void nfth_queue_handle(struct nfth_queue *q, const char *buf, size_t len,
		       size_t *tx_off, bool *have_plain, uint32_t *max_plain)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	int left = (int)len;

	for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		struct nfth_packet *pkt = &q->pkt;
		struct nfth_binding *b;
		enum nfth_parse_error pe;
		uint32_t v;

		if (nlh->nlmsg_type == NLMSG_ERROR) {
			verdict_error(q, nlh);
			continue;
		}
		pe = nfth_packet_parse(nlh, pkt);
		if (pe == NFTH_PARSE_NOT_PACKET || pe == NFTH_PARSE_NO_HDR)
			continue;
		b = pe == NFTH_PARSE_OK ? find_binding(q, pkt->helper_name) : NULL;
		if (nfth_log_verbosity >= NFTH_LOG_DEBUG)
			log_packet(q, pkt, pe);
		if (!b) {
			nfth_dispatch(NULL, 0, pkt, &q->unmatched);
			if (pe == NFTH_PARSE_BAD_CT)
				nfth_count(&q->unmatched.parse_errors);
			v = NF_ACCEPT;
		} else {
			/* newer private data than the packet's copy may be
			 * on its way to the kernel: start from that */
			nfth_priv_cache_apply(&q->privs, pkt, q->rx_ns);
			v = nfth_dispatch_decl(b->helper, b->class_count,
					       b->priv_len ? b->priv_len :
					       b->helper->priv_len,
					       pkt, &b->counters);
		}
		if (v == NF_ACCEPT && !nfth_packet_needs_ct_verdict(pkt)) {
			*have_plain = true;
			*max_plain = pkt->id;
			continue;
		}
		if (pkt->exp_count)
			log_expectation(q, b, pkt);
		if (nfth_verdict_put(q->sock.tx, q->sock.tx_size, tx_off, pkt, v) < 0) {
			/* cannot happen with the sizes above; fail open */
			*have_plain = true;
			*max_plain = pkt->id;
		} else if (v == NF_ACCEPT) {
			nfth_priv_cache_note(&q->privs, pkt, q->rx_ns);
			if (pkt->exp_count && b && q->exp_pending < NFTH_RX_BATCH) {
				q->exp_sent[q->exp_pending].exp = pkt->exp[0];
				q->exp_sent[q->exp_pending].master =
					pkt->tuple[NFTH_DIR_ORIGINAL];
				q->exp_sent[q->exp_pending].zone = pkt->zone;
				q->exp_sent[q->exp_pending].binding = b;
				q->exp_pending++;
			}
		}
	}
}

/* The kernel applied the verdicts in sendto() and ignores a failed
 * expectation; look each one up (one round trip per expectation, which is
 * one per data connection, not per packet; a verdict carries one, exp[0]).
 * Not found is counted as failed, which also counts an expectation a data
 * connection already used up within the round trip. */
static void confirm_expectations(struct nfth_queue *q)
{
	unsigned int i;
	uint64_t n;
	int r;

	for (i = 0; i < q->exp_pending; i++) {
		struct nfth_binding *b = q->exp_sent[i].binding;

		r = nfth_nfq_expect_exists(&q->sock, &q->exp_sent[i].exp,
					   &q->exp_sent[i].master,
					   q->exp_sent[i].zone);
		if (r == 1)
			continue;
		if (r == -ENOENT) {
			/* the master ended (a reset) before the lookup: its
			 * expectations went with it, made or not */
			nfth_count(&q->exp_unchecked);
			continue;
		}
		if (r < 0) {
			nfth_count(&q->exp_unchecked);
			if (worth_logging(nfth_counter(&q->exp_unchecked)))
				nfth_warn("queue %u: cannot check that the kernel "
					  "created an expectation: %s", q->num,
					  strerror(-r));
			continue;
		}
		nfth_count(&b->counters.expectations_failed);
		n = nfth_counter(&b->counters.expectations_failed);
		if (worth_logging(n))
			nfth_warn("queue %u %s: the kernel did not create an "
				  "expectation a verdict asked for (%llu so far: "
				  "its class or the expectation table full, or a "
				  "clash with another connection's)", q->num,
				  b->helper->name, (unsigned long long)n);
	}
}

static void flush(struct nfth_queue *q, size_t *tx_off, bool *have_plain,
		  uint32_t max_plain)
{
	int ret, tries;

	if (*have_plain)
		nfth_verdict_batch_put(q->sock.tx, q->sock.tx_size, tx_off, q->num,
				       max_plain, NF_ACCEPT);
	/* a failed send would lose these verdicts' private data and
	 * expectations (the next batch verdict accepts the packets without
	 * them): try again when the cause may pass */
	for (tries = 0; tries < 3; tries++) {
		ret = nfth_nfq_send(&q->sock, *tx_off);
		if (ret != -ENOBUFS && ret != -ENOMEM && ret != -EINTR &&
		    ret != -EAGAIN)
			break;
	}
	if (ret < 0) {
		nfth_count(&q->send_errors);
		if (worth_logging(nfth_counter(&q->send_errors)))
			nfth_warn("queue %u: sending verdicts failed: %s (%llu "
				  "times so far; those packets wait in the "
				  "kernel until the next batch verdict)", q->num,
				  strerror(-ret),
				  (unsigned long long)nfth_counter(&q->send_errors));
	}
	*tx_off = 0;
	*have_plain = false;
	nfth_priv_cache_sent(&q->privs, ret == 0);
	if (ret == 0)
		confirm_expectations(q);
	q->exp_pending = 0;
}

static void conntrack_gone(void *arg, uint32_t ct_id)
{
	nfth_priv_cache_gone(arg, ct_id);
}

static uint64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Conntrack destroy events sent before this receive's packets were queued
 * are in the event socket now: a reused id must not find the old
 * connection's entry. */
static void read_destroyed(struct nfth_queue *q)
{
	int ret = nfth_nfq_drain_destroyed(&q->sock, conntrack_gone, &q->privs);

	if (ret == -ENOBUFS) {
		/* which ones were lost is unknown: forget them all */
		nfth_priv_cache_flush(&q->privs);
	} else if (ret < 0 && ret != -ENOTCONN) {
		nfth_priv_cache_flush(&q->privs);
		if (worth_logging(atomic_load_explicit(&q->privs.flushed,
						       memory_order_relaxed)))
			nfth_warn("queue %u: reading conntrack destroy events "
				  "failed: %s", q->num, strerror(-ret));
	}
}

int nfth_queue_service(struct nfth_queue *q)
{
	size_t tx_off = 0;
	bool have_plain = false;
	uint32_t max_plain = 0;
	int n, i;

	n = nfth_nfq_recv(&q->sock);
	if (n < 0) {
		if (n == -EINTR || n == -EAGAIN || n == -EWOULDBLOCK ||
		    n == -ENOBUFS)
			return 0;
		return n;
	}
	pthread_mutex_lock(&q->lock);
	read_destroyed(q);
	q->rx_ns = monotonic_ns();
	for (i = 0; i < n; i++) {
		size_t len;
		const char *msg = nfth_nfq_msg(&q->sock, (unsigned int)i, &len);

		nfth_queue_handle(q, msg, len, &tx_off, &have_plain, &max_plain);
		/* keep room for the batch verdict */
		if (q->sock.tx_size - tx_off < 2 * NFTH_VERDICT_MAX)
			flush(q, &tx_off, &have_plain, max_plain);
	}
	flush(q, &tx_off, &have_plain, max_plain);
	pthread_mutex_unlock(&q->lock);
	return 0;
}

static void *queue_thread(void *arg)
{
	struct nfth_queue *q = arg;
	sigset_t wakeset;

	sigemptyset(&wakeset);
	sigaddset(&wakeset, SIGUSR2);
	pthread_sigmask(SIG_UNBLOCK, &wakeset, NULL);

	while (!atomic_load(&stop_requested) && !atomic_load(&q->stop)) {
		int ret = nfth_queue_service(q);

		if (ret < 0) {
			int none = 0;

			nfth_err("queue %u: receive failed: %s; nothing answers "
				 "this queue any more, so nft-helperd stops with "
				 "exit status 1 to be restarted (connections keep "
				 "their state in the kernel)", q->num, strerror(-ret));
			if (atomic_compare_exchange_strong(&failed_errno, &none, -ret))
				atomic_store(&failed_queue, q->num);
			/* process-directed: whichever thread waits for it */
			kill(getpid(), SIGTERM);
			break;
		}
	}
	return NULL;
}

int nfth_queue_start(struct nfth_queue *q)
{
	struct sigaction sa;
	int err;

	/* SIGUSR2 interrupts the thread's recvmmsg() at stop (no SA_RESTART).
	 * No receive timeout: it would arm a timer on every wait. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = wake;
	sigaction(SIGUSR2, &sa, NULL);

	atomic_store(&q->stop, false);
	err = pthread_create(&q->thread, NULL, queue_thread, q);
	if (err) {
		nfth_err("queue %u: cannot start its thread: %s", q->num, strerror(err));
		return -1;
	}
	q->thread_started = true;
	return 0;
}

int nfth_queue_failure(uint16_t *num)
{
	int err = atomic_load(&failed_errno);

	if (err && num)
		*num = (uint16_t)atomic_load(&failed_queue);
	return err;
}

void nfth_queue_request_stop(void)
{
	atomic_store(&stop_requested, true);
}

void nfth_queue_stop(struct nfth_queue *q)
{
	struct timespec until;

	atomic_store(&q->stop, true);
	if (!q->thread_started)
		return;
	/* A signal that lands just before the thread enters recvmmsg() is
	 * lost: repeat it until the thread is gone. */
	do {
		pthread_kill(q->thread, SIGUSR2);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 50 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
	} while (pthread_timedjoin_np(q->thread, NULL, &until) == ETIMEDOUT);
	q->thread_started = false;
}

void nfth_queue_lock(struct nfth_queue *q)
{
	if (q->lock_ready)
		pthread_mutex_lock(&q->lock);
}

void nfth_queue_unlock(struct nfth_queue *q)
{
	if (q->lock_ready)
		pthread_mutex_unlock(&q->lock);
}

void nfth_queue_close(struct nfth_queue *q)
{
	int ret;

	if (q->bound) {
		q->kstats_last = kernel_stats(q);
		ret = nfth_nfq_unbind(&q->sock, q->num);
		if (ret < 0)
			nfth_warn("queue %u: unbind failed: %s", q->num, strerror(-ret));
		q->bound = false;
	}
	nfth_nfq_close(&q->sock);
	nfth_priv_cache_free(&q->privs);
}

static void print_counter_line(const char *what, unsigned int q,
			       struct nfth_counters *c)
{
	fprintf(stderr, "nft-helperd: counters: queue %u %s: packets %llu "
		"accepted %llu dropped %llu expectations %llu parse-errors %llu "
		"expectations-failed %llu\n",
		q, what,
		(unsigned long long)nfth_counter(&c->packets),
		(unsigned long long)nfth_counter(&c->accepted),
		(unsigned long long)nfth_counter(&c->dropped),
		(unsigned long long)nfth_counter(&c->expectations),
		(unsigned long long)nfth_counter(&c->parse_errors),
		(unsigned long long)nfth_counter(&c->expectations_failed));
}

/* What the kernel dropped on @q's account (zeros when it cannot be read:
 * the queue is not bound, or /proc is not mounted). */
static struct nfth_kqstats kernel_stats(const struct nfth_queue *q)
{
	struct nfth_kqstats st = { 0 };

	if (!q->bound)
		return q->kstats_last;
	if (nfth_kqstats_read(NFTH_KQSTATS_PROC, q->num, &st) < 0)
		memset(&st, 0, sizeof(st));
	return st;
}

void nfth_queue_print_counters(struct nfth_queue *q)
{
	struct nfth_kqstats st = kernel_stats(q);
	unsigned int j;

	for (j = 0; j < q->binding_count; j++)
		print_counter_line(q->bindings[j].helper->name, q->num,
				   &q->bindings[j].counters);
	if (nfth_counter(&q->unmatched.packets))
		print_counter_line("(no helper served here)", q->num,
				   &q->unmatched);
	fprintf(stderr, "nft-helperd: counters: queue %u: verdict-errors %llu "
		"send-errors %llu kernel-queue-full-drops %llu "
		"kernel-user-drops %llu waiting %u expectations-unchecked %llu "
		"privs-evicted %llu privs-flushed %llu\n", q->num,
		(unsigned long long)nfth_counter(&q->verdict_errors),
		(unsigned long long)nfth_counter(&q->send_errors),
		(unsigned long long)st.queue_dropped,
		(unsigned long long)st.user_dropped, st.waiting,
		(unsigned long long)nfth_counter(&q->exp_unchecked),
		(unsigned long long)nfth_counter(&q->privs.evicted),
		(unsigned long long)nfth_counter(&q->privs.flushed));
}

static void json_counters(FILE *fp, struct nfth_counters *c)
{
	fprintf(fp, "\"packets\":%llu,\"accepted\":%llu,\"dropped\":%llu,"
		"\"expectations\":%llu,\"parse_errors\":%llu,"
		"\"expectations_failed\":%llu",
		(unsigned long long)nfth_counter(&c->packets),
		(unsigned long long)nfth_counter(&c->accepted),
		(unsigned long long)nfth_counter(&c->dropped),
		(unsigned long long)nfth_counter(&c->expectations),
		(unsigned long long)nfth_counter(&c->parse_errors),
		(unsigned long long)nfth_counter(&c->expectations_failed));
}

/* A plug-in's helper name is any short C string, not necessarily UTF-8:
 * quote it as JSON, every byte outside printable ASCII as \u00XX (a byte
 * >= 0x80 read as Latin-1), so the document is valid whatever the name. */
static void json_string(FILE *fp, const char *str)
{
	const unsigned char *p;

	fputc('"', fp);
	for (p = (const unsigned char *)str; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

static void json_queue(FILE *fp, struct nfth_queue *q)
{
	struct nfth_kqstats st = kernel_stats(q);
	unsigned int j;

	fprintf(fp, "{\"queue\":%u,\"verdict_errors\":%llu,\"send_errors\":%llu,"
		"\"kernel_queue_full_drops\":%llu,\"kernel_user_drops\":%llu,"
		"\"waiting\":%u,\"expectations_unchecked\":%llu,"
		"\"privs_evicted\":%llu,\"privs_flushed\":%llu,\"unmatched\":{",
		q->num,
		(unsigned long long)nfth_counter(&q->verdict_errors),
		(unsigned long long)nfth_counter(&q->send_errors),
		(unsigned long long)st.queue_dropped,
		(unsigned long long)st.user_dropped, st.waiting,
		(unsigned long long)nfth_counter(&q->exp_unchecked),
		(unsigned long long)nfth_counter(&q->privs.evicted),
		(unsigned long long)nfth_counter(&q->privs.flushed));
	json_counters(fp, &q->unmatched);
	fputs("},\"helpers\":[", fp);
	for (j = 0; j < q->binding_count; j++) {
		fprintf(fp, "%s{\"helper\":", j ? "," : "");
		json_string(fp, q->bindings[j].helper->name);
		fprintf(fp, ",\"retired\":%s,",
			q->bindings[j].retired ? "true" : "false");
		json_counters(fp, &q->bindings[j].counters);
		fputc('}', fp);
	}
	fputs("]}", fp);
}

/* A name for the temporary file next to @path that nobody can guess, so
 * that no one with write access to the directory can plant a file or a
 * symbolic link there first (O_EXCL|O_NOFOLLOW refuse those anyway). */
static int open_stats_tmp(const char *path, char *tmp, size_t size)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char rnd[8];
	int tries, fd, i;
	size_t len;

	for (tries = 0; tries < 16; tries++) {
		if (getentropy(rnd, sizeof(rnd)) < 0)
			return -errno;
		if (snprintf(tmp, size, "%s.XXXXXXXXXXXXXXXX.tmp", path) >= (int)size)
			return -ENAMETOOLONG;
		len = strlen(path) + 1;
		for (i = 0; i < 8; i++) {
			tmp[len + 2 * (size_t)i] = digits[rnd[i] >> 4];
			tmp[len + 2 * (size_t)i + 1] = digits[rnd[i] & 15];
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			  0644);
		if (fd >= 0 || errno != EEXIST)
			return fd >= 0 ? fd : -errno;
	}
	return -EEXIST;
}

int nfth_queue_write_stats(const char *path, struct nfth_queue *qs,
			   unsigned int n)
{
	char tmp[4096];
	unsigned int i;
	int fd, err, bad;
	FILE *fp;

	fd = open_stats_tmp(path, tmp, sizeof(tmp));
	if (fd < 0)
		return fd;
	fp = fdopen(fd, "w");
	if (!fp) {
		err = -errno;
		close(fd);
		unlink(tmp);
		return err;
	}
	fprintf(fp, "{\"time\":%lld,\"queues\":[", (long long)time(NULL));
	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', fp);
		json_queue(fp, &qs[i]);
	}
	fputs("]}\n", fp);
	/* errno is only meaningful for the call that failed: take it from
	 * the flush, and say EIO for an earlier write error */
	errno = 0;
	bad = fflush(fp) != 0 || ferror(fp);
	err = errno ? -errno : -EIO;
	if (fclose(fp) != 0 && !bad) {
		bad = 1;
		err = errno ? -errno : -EIO;
	}
	if (bad) {
		unlink(tmp);
		return err;
	}
	if (rename(tmp, path) < 0) {
		err = -errno;
		unlink(tmp);
		return err;
	}
	return 0;
}
