// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * unit_queue.c - the queue thread's receive/verdict path (queue.c's
 * nfth_queue_service) against a fake socket level that plays the kernel:
 * it queues packets of one FTP connection with a copy of the connection's
 * private data taken at queueing time, hands them out in the receive
 * batches a test asks for, and applies the private data and expectations
 * of the verdicts it is sent, in order, as nfnetlink_queue does.
 *
 * The cases are the lost updates of issue 13: two packets of a connection
 * queued before the first verdict reached the kernel carry the same copy,
 * and the second verdict must not undo the first.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "unit.h"
#include "../src/helpers/ftp_parse.h"
#include "../src/kqstats.h"
#include "../src/log.h"
#include "../src/queue.h"

extern const struct nfth_helper nfth_helper_ftp;

#define CLIENT	"10.0.1.2"
#define SERVER	"10.0.2.2"
#define CT_ID	0x1234abcdu
#define MSG_MAX	4096
#define PENDING_MAX 128

/* --- the fake kernel: one conntrack, one queue --- */
static struct {
	uint8_t priv[NFTH_PRIV_MAX];	/* the conntrack's private data */
	char pending[PENDING_MAX][MSG_MAX];
	size_t pending_len[PENDING_MAX];
	unsigned int head, tail;
	uint32_t next_id;
	unsigned int expectations;	/* NFQA_EXP received */
	unsigned int verdicts;		/* packets answered */
	int recv_error;			/* next receive fails with this */
	int refuse_expectations;	/* attach fails (class or table full) */
	char order[256];		/* verdicts as sent: "v2 b3 " */
	unsigned int exp_lookups;
	int send_fail;			/* the next sends fail (-ENOBUFS) */
	uint32_t refuse_verdict;	/* answer this packet's verdict with
					 * an error instead of applying it */
	uint32_t destroyed[8];		/* conntrack destroy events, unread */
	unsigned int destroyed_count;
	int events_lost;		/* the event socket overran */
	uint16_t client_port;		/* of the connection (40000) */
	uint16_t zone;			/* its conntrack zone */
	uint16_t exp_zone;		/* of the last expectation lookup */
	int master_gone;		/* lookups find no master (ENOENT) */
} k;

int nfth_nfq_open(struct nfth_nfq *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->rx = malloc((size_t)NFTH_RX_BATCH * MSG_MAX);
	s->msgs = calloc(NFTH_RX_BATCH, sizeof(*s->msgs));
	s->iov = calloc(NFTH_RX_BATCH, sizeof(*s->iov));
	s->tx_size = (NFTH_RX_BATCH + 2) * NFTH_VERDICT_MAX;
	s->tx = malloc(s->tx_size);
	if (!s->rx || !s->msgs || !s->iov || !s->tx)
		return -ENOMEM;
	for (i = 0; i < NFTH_RX_BATCH; i++) {
		s->iov[i].iov_base = s->rx + (size_t)i * MSG_MAX;
		s->iov[i].iov_len = MSG_MAX;
	}
	return 0;
}

void nfth_nfq_close(struct nfth_nfq *s)
{
	free(s->rx);
	free(s->msgs);
	free(s->iov);
	free(s->tx);
	memset(s, 0, sizeof(*s));
}

int nfth_nfq_bind_cfg(struct nfth_nfq *s, uint16_t num, uint32_t maxlen,
		      bool fail_open)
{
	(void)s;
	(void)num;
	(void)maxlen;
	(void)fail_open;
	return 0;
}

int nfth_nfq_unbind(struct nfth_nfq *s, uint16_t num)
{
	(void)s;
	(void)num;
	return 0;
}

/* How many messages the next receive takes at most (the rest stay queued,
 * as in a socket holding more than one batch). */
static unsigned int recv_limit = NFTH_RX_BATCH;

int nfth_nfq_recv(struct nfth_nfq *s)
{
	unsigned int n = 0;

	if (k.recv_error) {
		int e = k.recv_error;

		k.recv_error = 0;
		return -e;
	}
	while (k.head != k.tail && n < recv_limit && n < NFTH_RX_BATCH) {
		memcpy(s->iov[n].iov_base, k.pending[k.head], k.pending_len[k.head]);
		s->msgs[n].msg_len = (unsigned int)k.pending_len[k.head];
		k.head++;
		n++;
	}
	return n ? (int)n : -EAGAIN;
}

const char *nfth_nfq_msg(const struct nfth_nfq *s, unsigned int i, size_t *len)
{
	*len = s->msgs[i].msg_len;
	return s->iov[i].iov_base;
}

/* ctnetlink's IPCTNL_MSG_EXP_GET, after the verdicts were sent */
int nfth_nfq_expect_exists(struct nfth_nfq *s, const struct nfth_expectation *e,
			   const struct nfth_tuple *master, uint16_t zone)
{
	(void)s;
	(void)e;
	(void)master;
	k.exp_lookups++;
	k.exp_zone = zone;
	if (k.master_gone)
		return -ENOENT;
	return k.expectations > 0 && !k.refuse_expectations;
}

static int cb_all(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

/* ctnetlink's destroy events, as the event socket holds them: the kernel
 * sends one when a conntrack leaves the table, before its memory (and so
 * its id) can be reused. */
int nfth_nfq_drain_destroyed(struct nfth_nfq *s,
			     void (*gone)(void *arg, uint32_t ct_id), void *arg)
{
	unsigned int i;

	(void)s;
	if (k.events_lost) {
		k.events_lost = 0;
		k.destroyed_count = 0;
		return -ENOBUFS;
	}
	for (i = 0; i < k.destroyed_count; i++)
		gone(arg, k.destroyed[i]);
	k.destroyed_count = 0;
	return 0;
}

int nfth_nfq_watch_destroyed(struct nfth_nfq *s)
{
	(void)s;
	return 0;
}

static void ct_destroyed(uint32_t ct_id)
{
	k.destroyed[k.destroyed_count++] = ct_id;
}

static void queue_error_for(int error, uint32_t seq);

/* What nfnetlink_queue does with our verdicts, in order. */
int nfth_nfq_send(struct nfth_nfq *s, size_t len)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)s->tx;
	int left = (int)len;

	if (k.send_fail) {
		k.send_fail--;
		return -ENOBUFS;
	}

	for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		const struct nlattr *tb[NFQA_MAX + 1] = { NULL };
		const struct nlattr *ct[CTA_MAX + 1] = { NULL };
		const struct nlattr *help[CTA_HELP_MAX + 1] = { NULL };

		const struct nfqnl_msg_verdict_hdr *vh;
		size_t o = strlen(k.order);

		mnl_attr_parse(nlh, sizeof(struct nfgenmsg), cb_all, tb);
		vh = tb[NFQA_VERDICT_HDR] ? mnl_attr_get_payload(tb[NFQA_VERDICT_HDR]) : NULL;
		snprintf(k.order + o, sizeof(k.order) - o, "%c%u%s ",
			 NFNL_MSG_TYPE(nlh->nlmsg_type) == NFQNL_MSG_VERDICT_BATCH ?
			 'b' : 'v', vh ? ntohl(vh->id) : 0,
			 vh && ntohl(vh->verdict) == NF_DROP ? "drop" : "");
		if (NFNL_MSG_TYPE(nlh->nlmsg_type) == NFQNL_MSG_VERDICT_BATCH) {
			k.verdicts++;
			continue;
		}
		k.verdicts++;
		if (vh && ntohl(vh->id) == k.refuse_verdict) {
			/* gone (timed out): refused, nothing applied */
			queue_error_for(-ENOENT, nlh->nlmsg_seq);
			continue;
		}
		if (tb[NFQA_CT]) {
			mnl_attr_parse_nested(tb[NFQA_CT], cb_all, ct);
			if (ct[CTA_HELP])
				mnl_attr_parse_nested(ct[CTA_HELP], cb_all, help);
			if (help[CTA_HELP_INFO])
				memcpy(k.priv, mnl_attr_get_payload(help[CTA_HELP_INFO]),
				       mnl_attr_get_payload_len(help[CTA_HELP_INFO]));
		}
		if (tb[NFQA_EXP] && !k.refuse_expectations)
			k.expectations++;
	}
	return 0;
}

/* --- queued packets as the kernel lays them out --- */
static void put_tuple(struct nlmsghdr *nlh, uint16_t type, int reply)
{
	struct nlattr *t = mnl_attr_nest_start(nlh, type), *n;
	uint8_t a[4], b[4];

	inet_pton(AF_INET, reply ? SERVER : CLIENT, a);
	inet_pton(AF_INET, reply ? CLIENT : SERVER, b);
	n = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	mnl_attr_put(nlh, CTA_IP_V4_SRC, 4, a);
	mnl_attr_put(nlh, CTA_IP_V4_DST, 4, b);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, 6);
	mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(reply ? 21 : k.client_port));
	mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(reply ? k.client_port : 21));
	mnl_attr_nest_end(nlh, n);
	mnl_attr_nest_end(nlh, t);
}

/* Queue a TCP segment of the connection, carrying @text, with the private
 * data the conntrack has now. */
static void queue_segment_of(uint32_t ct_id, int reply, uint32_t seq,
			     const char *text)
{
	struct nfqnl_msg_packet_hdr ph = { .packet_id = htonl(++k.next_id) };
	size_t dlen = strlen(text), tot = 40 + dlen;
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(k.pending[k.tail]);
	struct nlattr *ct, *help;
	struct nfgenmsg *nfg;
	uint8_t p[1500] = { 0 };

	p[0] = 0x45;
	p[2] = (uint8_t)(tot >> 8);
	p[3] = (uint8_t)tot;
	p[9] = 6;
	inet_pton(AF_INET, reply ? SERVER : CLIENT, p + 12);
	inet_pton(AF_INET, reply ? CLIENT : SERVER, p + 16);
	p[24] = (uint8_t)(seq >> 24);
	p[25] = (uint8_t)(seq >> 16);
	p[26] = (uint8_t)(seq >> 8);
	p[27] = (uint8_t)seq;
	p[32] = 5 << 4;
	memcpy(p + 40, text, dlen);

	nlh->nlmsg_type = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_UNSPEC;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = htons(0);
	mnl_attr_put(nlh, NFQA_PACKET_HDR, sizeof(ph), &ph);
	ct = mnl_attr_nest_start(nlh, NFQA_CT);
	put_tuple(nlh, CTA_TUPLE_ORIG, 0);
	put_tuple(nlh, CTA_TUPLE_REPLY, 1);
	mnl_attr_put_u32(nlh, CTA_ID, htonl(ct_id));
	mnl_attr_put_u32(nlh, CTA_STATUS, htonl(8));
	if (k.zone)
		mnl_attr_put_u16(nlh, CTA_ZONE, htons(k.zone));
	help = mnl_attr_nest_start(nlh, CTA_HELP);
	mnl_attr_put_strz(nlh, CTA_HELP_NAME, "ftp");
	mnl_attr_put(nlh, CTA_HELP_INFO, sizeof(struct ftp_priv), k.priv);
	mnl_attr_nest_end(nlh, help);
	mnl_attr_nest_end(nlh, ct);
	/* IP_CT_ESTABLISHED, IP_CT_ESTABLISHED_REPLY */
	mnl_attr_put_u32(nlh, NFQA_CT_INFO, htonl(reply ? 3 : 0));
	mnl_attr_put(nlh, NFQA_PAYLOAD, tot, p);
	k.pending_len[k.tail] = nlh->nlmsg_len;
	k.tail++;
}

static void queue_segment(int reply, uint32_t seq, const char *text)
{
	queue_segment_of(CT_ID, reply, seq, text);
}

static struct nfth_queue q;

static void setup(struct unit *u)
{
	memset(&k, 0, sizeof(k));
	k.client_port = 40000;
	nfth_set_instance_id(7);
	nfth_log_verbosity = NFTH_LOG_WARN;
	recv_limit = NFTH_RX_BATCH;
	memset(&q, 0, sizeof(q));
	q.num = 0;
	q.binding_count = 1;
	q.bindings[0].helper = &nfth_helper_ftp;
	q.bindings[0].class_count = 1;
	UNIT_CHECK_EQ_INT(u, nfth_queue_open(&q), 0);
}

static void teardown(void)
{
	nfth_queue_close(&q);
}

/* Serve what is queued, in receive batches of at most @limit messages. */
static void serve(struct unit *u, unsigned int limit)
{
	recv_limit = limit;
	while (k.head != k.tail)
		UNIT_CHECK_EQ_INT(u, nfth_queue_service(&q), 0);
}

#define C_USER	"USER anonymous\r\n"	/* client: seq 1000 .. 1016 */
#define C_TYPE	"TYPE I\r\n"		/* 1016 .. 1024 */
#define C_PORT	"PORT 10,0,1,2,156,64\r\n"	/* from 1024 */
#define S_331	"331 Please specify the password.\r\n"

/* The client's first line: the connection's private data is now ours. */
static void login(struct unit *u)
{
	queue_segment(0, 1000, C_USER);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 0);
}

/* "TYPE I" then "PORT" queued before either verdict, read in one batch:
 * PORT starts right after TYPE I's line end, which only TYPE I's verdict
 * knows. */
static void test_same_batch(struct unit *u)
{
	setup(u);
	login(u);
	queue_segment(0, 1016, C_TYPE);
	queue_segment(0, 1024, C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	UNIT_CHECK_EQ_INT(u, k.verdicts, 3);	/* each wrote private data */
	teardown();
}

/* The same, with PORT queued before TYPE I's verdict was sent but read by
 * the next receive (the first one took only TYPE I). */
static void test_next_batch(struct unit *u)
{
	setup(u);
	login(u);
	queue_segment(0, 1016, C_TYPE);
	queue_segment(0, 1024, C_PORT);
	serve(u, 1);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	teardown();
}

/* Client and server lines crossing in one batch: the server's verdict
 * must keep the client's line end, so the client's next command (queued
 * after both verdicts) is parsed. */
static void test_crossed_directions(struct unit *u)
{
	setup(u);
	login(u);
	queue_segment(0, 1016, C_TYPE);
	queue_segment(1, 5000, S_331);
	serve(u, NFTH_RX_BATCH);
	queue_segment(0, 1024, C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	teardown();
}

/* The kernel builds a queued message (and copies the private data into
 * it) before it takes the queue's lock and hands it to the socket: PORT's
 * copy is taken before TYPE's verdict is applied, but PORT reaches the
 * socket only after a receive that found the socket empty.  The entry
 * TYPE's verdict left must still be there. */
static void test_stale_after_drain(struct unit *u)
{
	char held[MSG_MAX];
	size_t hl;

	setup(u);
	login(u);
	queue_segment(0, 1016, C_TYPE);
	queue_segment(0, 1024, C_PORT);		/* copy: before TYPE's */
	k.tail--;				/* ... still on its way */
	hl = k.pending_len[k.tail];
	memcpy(held, k.pending[k.tail], hl);
	serve(u, NFTH_RX_BATCH);		/* TYPE's verdict applied */
	queue_segment_of(CT_ID + 1, 0, 1, "");	/* a drained receive */
	serve(u, NFTH_RX_BATCH);
	memcpy(k.pending[k.tail], held, hl);
	k.pending_len[k.tail] = hl;
	k.tail++;
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	teardown();
}

/* The kernel reuses a conntrack id for a new connection (same tuples,
 * same memory) right after the old one's last verdict: the destroy event
 * of the old one comes first, and the new connection's first line is
 * parsed as a new connection's (fresh private data: all zero). */
static void test_reuse_idle(struct unit *u)
{
	setup(u);
	login(u);				/* the old one's last verdict */
	ct_destroyed(CT_ID);
	memset(k.priv, 0, sizeof(k.priv));	/* new connection, same id */
	queue_segment(0, 77000, C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	teardown();
}

/* The same under a queue whose every receive is full (no receive ever
 * finds the socket empty). */
static void test_reuse_no_drain(struct unit *u)
{
	int i;

	setup(u);
	queue_segment(0, 1000, C_USER);
	for (i = 0; i < NFTH_RX_BATCH - 2; i++)
		queue_segment_of(CT_ID + 100 + (uint32_t)i, 0, 1, "");
	serve(u, NFTH_RX_BATCH);
	ct_destroyed(CT_ID);
	memset(k.priv, 0, sizeof(k.priv));
	queue_segment(0, 77000, C_PORT);
	for (i = 0; i < NFTH_RX_BATCH - 1; i++)
		queue_segment_of(CT_ID + 200 + (uint32_t)i, 0, 1, "");
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	teardown();
}

/* Destroy events lost (the event socket overran): every entry may belong
 * to a connection that is gone, so none is used. */
static void test_reuse_events_lost(struct unit *u)
{
	setup(u);
	login(u);
	k.events_lost = 1;
	memset(k.priv, 0, sizeof(k.priv));
	queue_segment(0, 77000, C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	teardown();
}

/* A reused id under other tuples (another client port) is another
 * connection even before its destroy event is read. */
static void test_reuse_other_tuple(struct unit *u)
{
	setup(u);
	login(u);
	k.client_port = 40001;
	memset(k.priv, 0, sizeof(k.priv));
	queue_segment(0, 77000, C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	teardown();
}

/* An entry is kept for a grace period after its last verdict, not for
 * ever: past it, the packet's own copy is used. */
static void test_entry_expires(struct unit *u)
{
	struct timespec ms5 = { .tv_nsec = 5 * 1000 * 1000 };

	setup(u);
	q.privs.grace_ns = 1000 * 1000;		/* 1 ms */
	login(u);
	memset(k.priv, 0, sizeof(k.priv));	/* no event: only time */
	nanosleep(&ms5, NULL);
	queue_segment(0, 77000, C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	teardown();
}

/* Does the cache agree with the kernel about the connection's private
 * data (or know nothing of it)? */
static int cache_agrees(void)
{
	uint32_t len = 0;
	const uint8_t *d = nfth_priv_cache_peek(&q.privs, CT_ID, &len);

	return !d || (len == sizeof(struct ftp_priv) && !memcmp(d, k.priv, len));
}

/* A send that fails once is tried again: TYPE's private data reaches the
 * kernel, and PORT, queued after the cache entry expired, still finds
 * its line start. */
static void test_send_failure_retried(struct unit *u)
{
	struct timespec ms5 = { .tv_nsec = 5 * 1000 * 1000 };

	setup(u);
	q.privs.grace_ns = 1000 * 1000;
	login(u);
	queue_segment(0, 1016, C_TYPE);
	k.send_fail = 1;
	serve(u, NFTH_RX_BATCH);
	nanosleep(&ms5, NULL);
	queue_segment(0, 1024, C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.expectations, 1);
	teardown();
}

/* A send that keeps failing: what its verdicts wrote never reached the
 * kernel, so the cache must not hold it as if it had. */
static void test_send_failure_forgotten(struct unit *u)
{
	setup(u);
	login(u);
	queue_segment(0, 1016, C_TYPE);
	k.send_fail = 100;
	serve(u, NFTH_RX_BATCH);
	k.send_fail = 0;
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.send_errors), 1);
	UNIT_CHECK(u, cache_agrees());
	teardown();
}

/* A verdict the kernel refuses (its packet gone) wrote nothing there: the
 * error answer, which names the packet, drops what it wrote. */
static void test_verdict_refused_forgotten(struct unit *u)
{
	setup(u);
	login(u);				/* packet 1 */
	k.refuse_verdict = 2;
	queue_segment(0, 1016, C_TYPE);		/* packet 2 */
	serve(u, NFTH_RX_BATCH);		/* ... and the error answer */
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.verdict_errors), 1);
	UNIT_CHECK(u, cache_agrees());
	teardown();
}

/* The kernel refusing a verdict answers with NLMSG_ERROR in the receive
 * stream: counted (and logged), an acknowledgement (error 0) is not. */
static void queue_error_for(int error, uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(k.pending[k.tail]);
	struct nlmsgerr *e;

	nlh->nlmsg_type = NLMSG_ERROR;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = error;
	e->msg.nlmsg_type = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_VERDICT;
	e->msg.nlmsg_seq = seq;
	k.pending_len[k.tail] = nlh->nlmsg_len;
	k.tail++;
}

static void queue_error(int error)
{
	queue_error_for(error, 0);
}

static void test_verdict_errors_counted(struct unit *u)
{
	setup(u);
	queue_error(-ENOENT);
	queue_error(0);
	queue_error(-EINVAL);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.verdict_errors), 2);
	teardown();
}

/* A receive that fails for good ends the process: the queue thread says
 * which queue and why, and sends the process SIGTERM, so the main thread
 * leaves with a non-zero status instead of living on with a queue nobody
 * answers. */
static void test_failed_receive_stops_process(struct unit *u)
{
	struct timespec wait = { .tv_sec = 5 };
	sigset_t term;
	uint16_t num = 0;
	int sig;

	setup(u);
	q.num = 3;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &term, NULL);	/* the thread inherits it */
	k.recv_error = EBADF;
	UNIT_CHECK_EQ_INT(u, nfth_queue_start(&q), 0);
	sig = sigtimedwait(&term, NULL, &wait);
	UNIT_CHECK_EQ_INT(u, sig, SIGTERM);
	UNIT_CHECK_EQ_INT(u, nfth_queue_failure(&num), EBADF);
	UNIT_CHECK_EQ_INT(u, num, 3);
	nfth_queue_stop(&q);
	teardown();
}

/* The kernel's own drop counters, as /proc/net/netfilter/nfnetlink_queue
 * shows them (a copy with two queues). */
static void test_kernel_drops_read(struct unit *u)
{
	char path[] = "/tmp/unit_queue_procXXXXXX";
	struct nfth_kqstats st = { 0 };
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

	UNIT_CHECK(u, fp != NULL);
	if (!fp)
		return;
	fprintf(fp, "    0 3014131563     0 2 65535     0     0       12  1\n"
		    "    4  2711424612     1 2 65535    17     5      903  1\n");
	fclose(fp);
	UNIT_CHECK_EQ_INT(u, nfth_kqstats_read(path, 4, &st), 0);
	UNIT_CHECK_EQ_INT(u, st.waiting, 1);
	UNIT_CHECK_EQ_INT(u, st.queue_dropped, 17);
	UNIT_CHECK_EQ_INT(u, st.user_dropped, 5);
	UNIT_CHECK_EQ_INT(u, nfth_kqstats_read(path, 1, &st), -ENOENT);
	unlink(path);
}

/* --stats: the counters as one JSON document, replaced whole. */
static void test_stats_json(struct unit *u)
{
	char dir[] = "/tmp/unit_queue_statsXXXXXX", path[64], buf[2048];
	size_t n = 0;
	FILE *fp;

	setup(u);
	login(u);
	queue_segment(0, 1016, C_PORT);
	queue_error(-ENOENT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK(u, mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/stats.json", dir);
	UNIT_CHECK_EQ_INT(u, nfth_queue_write_stats(path, &q, 1), 0);
	fp = fopen(path, "r");
	UNIT_CHECK(u, fp != NULL);
	if (fp) {
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	UNIT_CHECK(u, strstr(buf, "\"queues\":[{\"queue\":0,\"verdict_errors\":1,") != NULL);
	UNIT_CHECK(u, strstr(buf, ",\"expectations_unchecked\":0,\"privs_evicted\":0,"
			     "\"privs_flushed\":0,\"unmatched\":{") != NULL);
	UNIT_CHECK(u, strstr(buf, "{\"helper\":\"ftp\",\"retired\":false,"
			     "\"packets\":2,\"accepted\":2,\"dropped\":0,"
			     "\"expectations\":1,\"parse_errors\":0,"
			     "\"expectations_failed\":0}") != NULL);
	UNIT_CHECK(u, n > 0 && buf[n - 1] == '\n' && buf[n - 2] == '}');
	unlink(path);
	rmdir(dir);
	teardown();
}

/* --stats: a helper name that is not ASCII (a plug-in's is any C
 * string) is written as \u00XX, so the document stays valid JSON; and a
 * symbolic link planted where the temporary file used to be (FILE.tmp)
 * is not followed. */
static void test_stats_name_and_link(struct unit *u)
{
	char dir[] = "/tmp/unit_queue_statsXXXXXX", path[64], link[80],
	     target[80], buf[2048];
	struct nfth_helper odd = nfth_helper_ftp;
	size_t n = 0;
	FILE *fp;

	setup(u);
	odd.name = "f\xe9p\x7f";
	q.bindings[0].helper = &odd;
	UNIT_CHECK(u, mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/stats.json", dir);
	snprintf(link, sizeof(link), "%s.tmp", path);
	snprintf(target, sizeof(target), "%s/elsewhere", dir);
	UNIT_CHECK_EQ_INT(u, symlink(target, link), 0);
	UNIT_CHECK_EQ_INT(u, nfth_queue_write_stats(path, &q, 1), 0);
	UNIT_CHECK(u, access(target, F_OK) < 0);	/* not written through */
	fp = fopen(path, "r");
	UNIT_CHECK(u, fp != NULL);
	if (fp) {
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	UNIT_CHECK(u, strstr(buf, "{\"helper\":\"f\\u00e9p\\u007f\",") != NULL);
	unlink(path);
	unlink(link);
	unlink(target);
	rmdir(dir);
	teardown();
}

/* The hint for a missing module: a loaded one has /sys/module/NAME, a
 * built-in one may have none but is listed in modules.builtin. */
static void test_module_present(struct unit *u)
{
	char dir[] = "/tmp/unit_queue_modXXXXXX", sys[64], mod[96], list[96];
	FILE *fp;

	UNIT_CHECK(u, mkdtemp(dir) != NULL);
	snprintf(sys, sizeof(sys), "%s/sys", dir);
	snprintf(mod, sizeof(mod), "%s/nfnetlink_queue", sys);
	snprintf(list, sizeof(list), "%s/modules.builtin", dir);
	UNIT_CHECK_EQ_INT(u, mkdir(sys, 0755), 0);
	fp = fopen(list, "w");
	UNIT_CHECK(u, fp != NULL);
	if (fp) {
		fputs("kernel/net/netfilter/nfnetlink.ko\n"
		      "kernel/net/netfilter/nfnetlink_cthelper.ko\n", fp);
		fclose(fp);
	}
	UNIT_CHECK_EQ_INT(u, nfth_module_present(sys, list, "nfnetlink_cthelper"), 1);
	UNIT_CHECK_EQ_INT(u, nfth_module_present(sys, list, "nfnetlink_queue"), 0);
	UNIT_CHECK_EQ_INT(u, nfth_module_present(sys, list, "cthelper"), 0);
	UNIT_CHECK_EQ_INT(u, mkdir(mod, 0755), 0);
	UNIT_CHECK_EQ_INT(u, nfth_module_present(sys, list, "nfnetlink_queue"), 1);
	UNIT_CHECK_EQ_INT(u, nfth_module_present(sys, "/nonexistent", "nfnetlink"), 0);
	rmdir(mod);
	rmdir(sys);
	unlink(list);
	rmdir(dir);
}

/* The per-expectation log line: a window of one second, a burst in it. */
static void test_ratelimit(struct unit *u)
{
	struct nfth_ratelimit rl = { .burst = 3 };
	unsigned long long missed;
	int i, ok = 0;

	for (i = 0; i < 5; i++)
		ok += nfth_ratelimit_ok(&rl, 100, &missed);
	UNIT_CHECK_EQ_INT(u, ok, 3);
	UNIT_CHECK_EQ_INT(u, nfth_ratelimit_ok(&rl, 101, &missed), 1);
	UNIT_CHECK_EQ_INT(u, missed, 2);	/* said once, in the next second */
	UNIT_CHECK_EQ_INT(u, nfth_ratelimit_ok(&rl, 101, &missed), 1);
	UNIT_CHECK_EQ_INT(u, missed, 0);
	UNIT_CHECK_EQ_INT(u, rl.suppressed_total, 2);
}

/* A client sending PORT in a loop: every expectation is made and counted,
 * at most NFTH_EXPECT_LOG_BURST lines a second are logged (two windows at
 * most while this runs). */
static void test_expectation_log_limited(struct unit *u)
{
	char path[] = "/tmp/unit_queue_logXXXXXX", line[512];
	int fd = mkstemp(path), saved = dup(2), lines = 0, i;
	uint32_t seq = 1016;
	FILE *fp;

	setup(u);
	login(u);
	for (i = 0; i < 30; i++) {
		queue_segment(0, seq, C_PORT);
		seq += (uint32_t)strlen(C_PORT);
	}
	nfth_log_verbosity = NFTH_LOG_INFO;
	fflush(stderr);
	dup2(fd, 2);
	serve(u, NFTH_RX_BATCH);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	UNIT_CHECK_EQ_INT(u, k.expectations, 30);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.bindings[0].counters.expectations), 30);
	fp = fdopen(fd, "r");
	rewind(fp);
	while (fgets(line, sizeof(line), fp))
		lines += strstr(line, ": expectation tcp ") != NULL;
	fclose(fp);
	unlink(path);
	UNIT_CHECK(u, lines >= NFTH_EXPECT_LOG_BURST);
	UNIT_CHECK(u, lines <= 2 * NFTH_EXPECT_LOG_BURST);
	teardown();
}

/* The kernel ignores an expectation it could not attach: the daemon asks
 * ctnetlink after the verdicts went out, once per expectation, and counts
 * those missing. */
static void test_expectation_refused(struct unit *u)
{
	setup(u);
	login(u);
	queue_segment(0, 1016, C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.exp_lookups, 1);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.bindings[0].counters.expectations_failed), 0);
	k.refuse_expectations = 1;
	queue_segment(0, 1016 + (uint32_t)strlen(C_PORT), C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.exp_lookups, 2);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.bindings[0].counters.expectations), 2);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.bindings[0].counters.expectations_failed), 1);
	teardown();
}

/* The lookup is made in the master's zone; a master gone before it
 * (a reset) leaves the expectation unchecked, not failed. */
static void test_expectation_zone_and_master_gone(struct unit *u)
{
	setup(u);
	k.zone = 5;
	login(u);
	queue_segment(0, 1016, C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, k.exp_lookups, 1);
	UNIT_CHECK_EQ_INT(u, k.exp_zone, 5);
	k.master_gone = 1;
	queue_segment(0, 1016 + (uint32_t)strlen(C_PORT), C_PORT);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.bindings[0].counters.expectations_failed), 0);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.exp_unchecked), 1);
	teardown();
}

/* Two connections whose ids share a cache slot: the second evicts the
 * first's live entry, and the counters say so. */
static void test_eviction_counted(struct unit *u)
{
	char path[] = "/tmp/unit_queue_logXXXXXX", line[512];
	int fd = mkstemp(path), saved = dup(2), seen = 0;
	FILE *fp;

	setup(u);
	login(u);
	memset(k.priv, 0, sizeof(k.priv));	/* the other's: fresh */
	queue_segment_of(CT_ID + NFTH_PRIV_CACHE_SLOTS, 0, 1000, C_USER);
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_INT(u, nfth_counter(&q.privs.evicted), 1);
	fflush(stderr);
	dup2(fd, 2);
	nfth_queue_print_counters(&q);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fp = fdopen(fd, "r");
	rewind(fp);
	while (fgets(line, sizeof(line), fp))
		seen += strstr(line, " expectations-unchecked 0 privs-evicted 1 "
			       "privs-flushed 0\n") != NULL;
	fclose(fp);
	unlink(path);
	UNIT_CHECK_EQ_INT(u, seen, 1);
	teardown();
}

/* nfth_queue_handle's answer to one batch: packets that need more than a
 * plain ACCEPT (private data, an expectation, a DROP) get their own
 * verdicts, in order, before one batch verdict for the highest plain id,
 * all in one send; the batch verdict does not cover a packet answered on
 * its own, since the kernel has dequeued it by then. */
static void test_batch_and_individual_verdicts(struct unit *u)
{
	setup(u);
	login(u);			/* id 1: its own verdict */
	k.order[0] = '\0';
	queue_segment(0, 1016, "");	/* 2: no payload, plain */
	queue_segment(0, 1016, C_TYPE);	/* 3: line end, private data */
	queue_segment(1, 5000, "");	/* 4: plain */
	queue_segment(0, 1024, "PORT 10,0,1,2");	/* 5: partial: DROP */
	queue_segment(1, 5000, "");	/* 6: plain */
	serve(u, NFTH_RX_BATCH);
	UNIT_CHECK_EQ_STR(u, k.order, "v3 v5drop b6 ");
	teardown();
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_same_batch),
	UNIT_CASE(test_next_batch),
	UNIT_CASE(test_crossed_directions),
	UNIT_CASE(test_stale_after_drain),
	UNIT_CASE(test_reuse_idle),
	UNIT_CASE(test_reuse_no_drain),
	UNIT_CASE(test_reuse_events_lost),
	UNIT_CASE(test_reuse_other_tuple),
	UNIT_CASE(test_entry_expires),
	UNIT_CASE(test_send_failure_retried),
	UNIT_CASE(test_send_failure_forgotten),
	UNIT_CASE(test_verdict_refused_forgotten),
	UNIT_CASE(test_batch_and_individual_verdicts),
	UNIT_CASE(test_verdict_errors_counted),
	UNIT_CASE(test_kernel_drops_read),
	UNIT_CASE(test_stats_json),
	UNIT_CASE(test_stats_name_and_link),
	UNIT_CASE(test_module_present),
	UNIT_CASE(test_ratelimit),
	UNIT_CASE(test_expectation_refused),
	UNIT_CASE(test_expectation_log_limited),
	UNIT_CASE(test_expectation_zone_and_master_gone),
	UNIT_CASE(test_eviction_counted),
	UNIT_CASE(test_failed_receive_stops_process),
};
UNIT_MAIN(cases)
