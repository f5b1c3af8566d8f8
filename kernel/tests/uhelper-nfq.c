// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * uhelper-nfq - a minimal queue listener for the kernel series' VM tests.
 *
 *   uhelper-nfq [OPTION]... QUEUE[:COUNT]
 *
 * Binds queues QUEUE..QUEUE+COUNT-1 on one socket, asking for conntrack
 * information (NFQA_CFG_F_CONNTRACK), prints "listening" once bound, then one
 * line per queued packet and accepts it:
 *
 *   packet queue=3 sport=40000 dport=2121 orig=40000>2121 ct=yes ctinfo=2 helper=ftp info=00000000
 *
 * sport/dport are the packet's, orig= the conntrack's original-direction
 * ports, info= the helper private data that came with NFQA_CT (CTA_HELP_INFO).
 *
 *   -t SECONDS       exit after SECONDS (default 20)
 *   -n PACKETS       exit after PACKETS packets
 *   --info           write the private data back with the verdict, its first
 *                    byte incremented (CTA_HELP_INFO round trip)
 *   --expect CLASS:PORT:N
 *                    with the verdict of each of the first N packets, send an
 *                    expectation (NFQA_EXP) of class CLASS for a connection
 *                    from the conntrack's original source to its original
 *                    destination, destination port PORT+i (i = 0..N-1)
 *   --expect-helper NAME  name the expected connection's helper
 *                    (CTA_EXPECT_HELP_NAME)
 *   --expect-bad KIND  make those expectations malformed, to see them
 *                    refused: "notuple" (no CTA_EXPECT_TUPLE), "nomask" (no
 *                    CTA_EXPECT_MASK), "srcbits" (a source port the mask
 *                    ignores), "maskproto" (mask for another protocol)
 *   --drop           drop instead of accepting
 *   --hold           send no verdict: packets stay queued until the
 *                    listener exits (or the kernel flushes the queue)
 *
 * Test tooling only.  nft-helperd's queue core (helper-runtime/) is the
 * project's queue-servicing code; this should become a thin client of it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_queue.h>

struct opts {
	unsigned int queue, count, seconds, max_packets;
	bool info, drop, hold;
	const char *exp_helper, *exp_bad;
	unsigned int exp_class, exp_port, exp_n;
};

struct tuple {
	int family;			/* AF_INET / AF_INET6 */
	uint8_t src[16], dst[16];
	uint8_t proto;
	uint16_t sport, dport;		/* host order */
};

struct packet {
	uint16_t queue;
	uint32_t id;
	const uint8_t *payload;
	unsigned int len;
	bool ct, have_ctinfo, have_orig;
	uint32_t ctinfo;
	const char *helper;
	const uint8_t *info;
	unsigned int info_len;
	struct tuple orig;
};

static struct nlmsghdr *put_msg(char *buf, uint16_t type, uint16_t flags,
				int family, uint16_t queue)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;

	nlh->nlmsg_type = (NFNL_SUBSYS_QUEUE << 8) | type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = family;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = htons(queue);
	return nlh;
}

static int send_ack(struct mnl_socket *nl, struct nlmsghdr *nlh)
{
	char buf[8192];
	int ret;

	nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = time(NULL);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	ret = mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (ret < 0)
		return -1;
	return mnl_cb_run(buf, ret, nlh->nlmsg_seq, mnl_socket_get_portid(nl),
			  NULL, NULL) < 0 ? -1 : 0;
}

static int bind_queue(struct mnl_socket *nl, uint16_t queue)
{
	struct nfqnl_msg_config_cmd cmd = { .command = NFQNL_CFG_CMD_BIND };
	struct nfqnl_msg_config_params params = {
		.copy_range = htonl(0xffff),
		.copy_mode = NFQNL_COPY_PACKET,
	};
	char buf[512];
	struct nlmsghdr *nlh;

	nlh = put_msg(buf, NFQNL_MSG_CONFIG, 0, AF_UNSPEC, queue);
	mnl_attr_put(nlh, NFQA_CFG_CMD, sizeof(cmd), &cmd);
	if (send_ack(nl, nlh) < 0)
		return -1;

	nlh = put_msg(buf, NFQNL_MSG_CONFIG, 0, AF_UNSPEC, queue);
	mnl_attr_put(nlh, NFQA_CFG_PARAMS, sizeof(params), &params);
	mnl_attr_put_u32(nlh, NFQA_CFG_FLAGS, htonl(NFQA_CFG_F_CONNTRACK));
	mnl_attr_put_u32(nlh, NFQA_CFG_MASK, htonl(NFQA_CFG_F_CONNTRACK));
	return send_ack(nl, nlh);
}

static void parse_tuple(const struct nlattr *nest, struct tuple *t)
{
	const struct nlattr *a, *b;

	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == CTA_TUPLE_IP) {
			mnl_attr_for_each_nested(b, a) {
				switch (mnl_attr_get_type(b)) {
				case CTA_IP_V4_SRC:
					t->family = AF_INET;
					memcpy(t->src, mnl_attr_get_payload(b), 4);
					break;
				case CTA_IP_V4_DST:
					memcpy(t->dst, mnl_attr_get_payload(b), 4);
					break;
				case CTA_IP_V6_SRC:
					t->family = AF_INET6;
					memcpy(t->src, mnl_attr_get_payload(b), 16);
					break;
				case CTA_IP_V6_DST:
					memcpy(t->dst, mnl_attr_get_payload(b), 16);
					break;
				}
			}
		} else if (mnl_attr_get_type(a) == CTA_TUPLE_PROTO) {
			mnl_attr_for_each_nested(b, a) {
				switch (mnl_attr_get_type(b)) {
				case CTA_PROTO_NUM:
					t->proto = mnl_attr_get_u8(b);
					break;
				case CTA_PROTO_SRC_PORT:
					t->sport = ntohs(mnl_attr_get_u16(b));
					break;
				case CTA_PROTO_DST_PORT:
					t->dport = ntohs(mnl_attr_get_u16(b));
					break;
				}
			}
		}
	}
}

static void parse_ct(const struct nlattr *nest, struct packet *p)
{
	const struct nlattr *a, *b;

	p->ct = true;
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case CTA_TUPLE_ORIG:
			parse_tuple(a, &p->orig);
			p->have_orig = true;
			break;
		case CTA_HELP:
			mnl_attr_for_each_nested(b, a) {
				if (mnl_attr_get_type(b) == CTA_HELP_NAME) {
					p->helper = mnl_attr_get_str(b);
				} else if (mnl_attr_get_type(b) == CTA_HELP_INFO) {
					p->info = mnl_attr_get_payload(b);
					p->info_len = mnl_attr_get_payload_len(b);
				}
			}
			break;
		}
	}
}

static int packet_attr_cb(const struct nlattr *attr, void *data)
{
	struct packet *p = data;

	switch (mnl_attr_get_type(attr)) {
	case NFQA_PACKET_HDR: {
		const struct nfqnl_msg_packet_hdr *ph = mnl_attr_get_payload(attr);

		p->id = ntohl(ph->packet_id);
		break;
	}
	case NFQA_PAYLOAD:
		p->payload = mnl_attr_get_payload(attr);
		p->len = mnl_attr_get_payload_len(attr);
		break;
	case NFQA_CT:
		parse_ct(attr, p);
		break;
	case NFQA_CT_INFO:
		p->have_ctinfo = true;
		p->ctinfo = ntohl(mnl_attr_get_u32(attr));
		break;
	}
	return MNL_CB_OK;
}

/* Transport ports of the queued IP packet, for the per-packet line. */
static void packet_ports(const struct packet *p, unsigned int *sport,
			 unsigned int *dport)
{
	unsigned int off;

	*sport = *dport = 0;
	if (p->len < 20)
		return;
	if ((p->payload[0] >> 4) == 4)
		off = (p->payload[0] & 0xf) * 4;
	else
		off = 40;	/* no extension headers in our tests */
	if (p->len < off + 4)
		return;
	*sport = (p->payload[off] << 8) | p->payload[off + 1];
	*dport = (p->payload[off + 2] << 8) | p->payload[off + 3];
}

static void put_tuple(struct nlmsghdr *nlh, uint16_t type, const struct tuple *t,
		      const uint8_t *src, const uint8_t *dst,
		      uint16_t sport, uint16_t dport)
{
	struct nlattr *nest, *ip, *proto;
	bool v4 = t->family == AF_INET;

	nest = mnl_attr_nest_start(nlh, type);
	ip = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	mnl_attr_put(nlh, v4 ? CTA_IP_V4_SRC : CTA_IP_V6_SRC, v4 ? 4 : 16, src);
	mnl_attr_put(nlh, v4 ? CTA_IP_V4_DST : CTA_IP_V6_DST, v4 ? 4 : 16, dst);
	mnl_attr_nest_end(nlh, ip);
	proto = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, t->proto);
	mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(sport));
	mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(dport));
	mnl_attr_nest_end(nlh, proto);
	mnl_attr_nest_end(nlh, nest);
}

static int verdict(struct mnl_socket *nl, const struct opts *o,
		   const struct packet *p, unsigned int seen)
{
	static const uint8_t ones[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	struct nfqnl_msg_verdict_hdr vh = {
		.verdict = htonl(o->drop ? NF_DROP : NF_ACCEPT),
		.id = htonl(p->id),
	};
	char buf[4096];
	struct nlmsghdr *nlh;
	struct nlattr *ct, *help, *exp;
	bool expect = p->have_orig && seen < o->exp_n;
	uint8_t info[64];

	nlh = put_msg(buf, NFQNL_MSG_VERDICT, 0, AF_UNSPEC, p->queue);
	mnl_attr_put(nlh, NFQA_VERDICT_HDR, sizeof(vh), &vh);

	/* NFQA_EXP is only looked at when NFQA_CT comes along. */
	if ((o->info && p->helper) || expect) {
		ct = mnl_attr_nest_start(nlh, NFQA_CT);
		if (o->info && p->helper && p->info &&
		    p->info_len <= sizeof(info)) {
			memcpy(info, p->info, p->info_len);
			if (p->info_len)
				info[0]++;
			help = mnl_attr_nest_start(nlh, CTA_HELP);
			mnl_attr_put_strz(nlh, CTA_HELP_NAME, p->helper);
			mnl_attr_put(nlh, CTA_HELP_INFO, p->info_len, info);
			mnl_attr_nest_end(nlh, help);
		}
		mnl_attr_nest_end(nlh, ct);
	}
	if (expect) {
		const char *bad = o->exp_bad ? o->exp_bad : "";
		struct tuple mask_proto = p->orig;

		if (!strcmp(bad, "maskproto"))
			mask_proto.proto = p->orig.proto == IPPROTO_TCP ?
					   IPPROTO_UDP : IPPROTO_TCP;
		exp = mnl_attr_nest_start(nlh, NFQA_EXP);
		if (strcmp(bad, "notuple"))
			put_tuple(nlh, CTA_EXPECT_TUPLE, &p->orig, p->orig.src,
				  p->orig.dst, strcmp(bad, "srcbits") ? 0 : 1234,
				  o->exp_port + seen);
		if (strcmp(bad, "nomask"))
			put_tuple(nlh, CTA_EXPECT_MASK, &mask_proto, ones, ones, 0, 0xffff);
		mnl_attr_put_u32(nlh, CTA_EXPECT_CLASS, htonl(o->exp_class));
		if (o->exp_helper)
			mnl_attr_put_strz(nlh, CTA_EXPECT_HELP_NAME, o->exp_helper);
		mnl_attr_nest_end(nlh, exp);
		printf("expect class=%u dport=%u\n", o->exp_class, o->exp_port + seen);
	}
	/* Verdict errors come back as an ACK error; the expectation and
	 * private data parts are ignored silently by the kernel on error.
	 */
	return mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0 ? -1 : 0;
}

static int run(struct mnl_socket *nl, const struct opts *o)
{
	static char buf[65536 + 4096];
	time_t end = time(NULL) + o->seconds;
	unsigned int packets = 0;
	struct pollfd pfd = { .fd = mnl_socket_get_fd(nl), .events = POLLIN };

	while (time(NULL) < end && (!o->max_packets || packets < o->max_packets)) {
		const struct nlmsghdr *nlh;
		int ret;

		if (poll(&pfd, 1, 200) <= 0)
			continue;
		ret = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret < 0) {
			if (errno == ENOBUFS)
				continue;
			perror("recvfrom");
			return 1;
		}
		for (nlh = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(nlh, ret);
		     nlh = mnl_nlmsg_next(nlh, &ret)) {
			const struct nfgenmsg *nfg = mnl_nlmsg_get_payload(nlh);
			struct packet p = { 0 };
			unsigned int sport, dport;
			char info[80] = "-";
			unsigned int i;

			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);

				if (err->error)
					printf("verdict error: %s\n", strerror(-err->error));
				continue;
			}
			if (nlh->nlmsg_type != ((NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET))
				continue;
			p.queue = ntohs(nfg->res_id);
			mnl_attr_parse(nlh, sizeof(*nfg), packet_attr_cb, &p);
			packet_ports(&p, &sport, &dport);
			if (p.info) {
				for (i = 0; i < p.info_len && i < 32; i++)
					sprintf(info + 2 * i, "%02x", p.info[i]);
			}
			printf("packet queue=%u sport=%u dport=%u orig=%u>%u ct=%s ctinfo=%s%u helper=%s info=%s\n",
			       p.queue, sport, dport, p.orig.sport, p.orig.dport,
			       p.ct ? "yes" : "no", p.have_ctinfo ? "" : "none-",
			       p.ctinfo, p.helper ? p.helper : "-", info);
			if (!o->hold && verdict(nl, o, &p, packets) < 0) {
				perror("verdict");
				return 1;
			}
			fflush(stdout);
			packets++;
		}
	}
	return 0;
}

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: uhelper-nfq [-t SECONDS] [-n PACKETS] [--info] [--drop] [--hold]\n"
		"       [--expect CLASS:PORT:N] [--expect-helper NAME] [--expect-bad KIND]\n"
		"       QUEUE[:COUNT]\n");
	exit(2);
}

int main(int argc, char *argv[])
{
	struct opts o = { .count = 1, .seconds = 20 };
	struct mnl_socket *nl;
	unsigned int i;
	int n;

	for (n = 1; n < argc - 1; n++) {
		if (!strcmp(argv[n], "-t") && n + 2 < argc)
			o.seconds = atoi(argv[++n]);
		else if (!strcmp(argv[n], "-n") && n + 2 < argc)
			o.max_packets = atoi(argv[++n]);
		else if (!strcmp(argv[n], "--info"))
			o.info = true;
		else if (!strcmp(argv[n], "--drop"))
			o.drop = true;
		else if (!strcmp(argv[n], "--hold"))
			o.hold = true;
		else if (!strcmp(argv[n], "--expect-helper") && n + 2 < argc)
			o.exp_helper = argv[++n];
		else if (!strcmp(argv[n], "--expect-bad") && n + 2 < argc)
			o.exp_bad = argv[++n];
		else if (!strcmp(argv[n], "--expect") && n + 2 < argc) {
			if (sscanf(argv[++n], "%u:%u:%u", &o.exp_class, &o.exp_port,
				   &o.exp_n) != 3)
				usage();
		} else
			usage();
	}
	if (n != argc - 1 || sscanf(argv[n], "%u:%u", &o.queue, &o.count) < 1 ||
	    !o.count || o.queue + o.count > 65536)
		usage();

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("netlink");
		return 1;
	}
	n = 1;
	setsockopt(mnl_socket_get_fd(nl), SOL_NETLINK, NETLINK_NO_ENOBUFS, &n, sizeof(n));
	for (i = 0; i < o.count; i++) {
		if (bind_queue(nl, o.queue + i) < 0) {
			fprintf(stderr, "uhelper-nfq: binding queue %u: %s\n",
				o.queue + i, strerror(errno));
			return 1;
		}
	}
	printf("listening queues=%u-%u\n", o.queue, o.queue + o.count - 1);
	fflush(stdout);

	n = run(nl, &o);
	mnl_socket_close(nl);
	return n;
}
