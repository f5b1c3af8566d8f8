// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nfq-listen - a small test listener for one nfnetlink_queue queue.
 *
 *   nfq-listen [--enable NAME/FAMILY/PROTO]... QUEUE SECONDS
 *
 * --enable points the user-space helper NAME (registered before, e.g. with
 * "nfct add helper ftp inet tcp", which leaves it disabled on queue 0) at
 * QUEUE and enables it, as a runtime does at start-up; FAMILY is inet or
 * inet6 (nfct's words), PROTO tcp or udp.  Then it binds QUEUE asking for conntrack information (NFQA_CFG_F_CONNTRACK),
 * prints one line per queued packet and accepts it, and exits after SECONDS.
 * Each line says what a test needs to see: the transport ports and whether
 * the packet came with its conntrack (NFQA_CT, NFQA_CT_INFO and, when the
 * conntrack has one, its helper's name):
 *
 *   queued id=1 proto=6 sport=40000 dport=2121 ct=yes ctinfo=2 helper=ftp
 *
 * It is test tooling, not the runtime: nft-helperd's queue core
 * (helper-runtime/) is the project's one queue-servicing code path.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_cthelper.h>
#include <libnetfilter_cthelper/libnetfilter_cthelper.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

static struct mnl_socket *nl;
static unsigned int queue_num;

static int send_msg(struct nlmsghdr *nlh)
{
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		perror("nfq-listen: mnl_socket_sendto");
		return -1;
	}
	return 0;
}

static int bind_queue(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nlh = nfq_nlmsg_put(buf, NFQNL_MSG_CONFIG, queue_num);
	nfq_nlmsg_cfg_put_cmd(nlh, AF_UNSPEC, NFQNL_CFG_CMD_BIND);
	if (send_msg(nlh) < 0)
		return -1;

	nlh = nfq_nlmsg_put(buf, NFQNL_MSG_CONFIG, queue_num);
	nfq_nlmsg_cfg_put_params(nlh, NFQNL_COPY_PACKET, 0xffff);
	mnl_attr_put_u32(nlh, NFQA_CFG_FLAGS, htonl(NFQA_CFG_F_CONNTRACK));
	mnl_attr_put_u32(nlh, NFQA_CFG_MASK, htonl(NFQA_CFG_F_CONNTRACK));
	return send_msg(nlh);
}

/* Update the registered helper NAME/FAMILY/PROTO: queue and status. */
static int enable_helper(const char *spec)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], name[32], family[8], proto[8];
	struct nfct_helper *h;
	struct nlmsghdr *nlh;
	uint32_t seq = (uint32_t)time(NULL);
	ssize_t n;
	int ret;

	if (sscanf(spec, "%31[^/]/%7[^/]/%7s", name, family, proto) != 3 ||
	    (strcmp(family, "inet") && strcmp(family, "inet6")) ||
	    (strcmp(proto, "tcp") && strcmp(proto, "udp"))) {
		fprintf(stderr, "nfq-listen: bad --enable '%s' (want NAME/inet|inet6/tcp|udp)\n",
			spec);
		return -1;
	}
	h = nfct_helper_alloc();
	if (!h)
		return -1;
	nfct_helper_attr_set_str(h, NFCTH_ATTR_NAME, name);
	nfct_helper_attr_set_u16(h, NFCTH_ATTR_PROTO_L3NUM,
				 strcmp(family, "inet") ? AF_INET6 : AF_INET);
	nfct_helper_attr_set_u8(h, NFCTH_ATTR_PROTO_L4NUM,
				strcmp(proto, "tcp") ? IPPROTO_UDP : IPPROTO_TCP);
	nfct_helper_attr_set_u32(h, NFCTH_ATTR_QUEUE_NUM, queue_num);
	nfct_helper_attr_set_u32(h, NFCTH_ATTR_STATUS, NFCT_HELPER_STATUS_ENABLED);
	nlh = nfct_helper_nlmsg_build_hdr(buf, NFNL_MSG_CTHELPER_NEW,
					  NLM_F_CREATE | NLM_F_ACK, seq);
	nfct_helper_nlmsg_build_payload(nlh, h);
	nfct_helper_free(h);

	if (send_msg(nlh) < 0)
		return -1;
	n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
	ret = n < 0 ? -1 : mnl_cb_run(buf, (size_t)n, seq,
				      mnl_socket_get_portid(nl), NULL, NULL);
	if (ret < 0) {
		fprintf(stderr, "nfq-listen: cannot enable helper %s: %s\n",
			spec, strerror(errno));
		return -1;
	}
	printf("helper %s enabled on queue %u\n", spec, queue_num);
	return 0;
}

/* The helper name sits in NFQA_CT > CTA_HELP > CTA_HELP_NAME. */
static const char *ct_helper_name(const struct nlattr *ct)
{
	const struct nlattr *a, *h;

	mnl_attr_for_each_nested(a, ct) {
		if (mnl_attr_get_type(a) != CTA_HELP)
			continue;
		mnl_attr_for_each_nested(h, a) {
			if (mnl_attr_get_type(h) == CTA_HELP_NAME &&
			    mnl_attr_validate(h, MNL_TYPE_NUL_STRING) == 0)
				return mnl_attr_get_str(h);
		}
	}
	return "-";
}

static void print_ports(const uint8_t *p, size_t len, unsigned int *proto,
			unsigned int *sport, unsigned int *dport)
{
	size_t l4 = 0;

	*proto = *sport = *dport = 0;
	if (len >= sizeof(struct iphdr) && (p[0] >> 4) == 4) {
		const struct iphdr *ip = (const void *)p;

		*proto = ip->protocol;
		l4 = ip->ihl * 4u;
	} else if (len >= sizeof(struct ip6_hdr) && (p[0] >> 4) == 6) {
		const struct ip6_hdr *ip6 = (const void *)p;

		*proto = ip6->ip6_nxt;	/* extension headers: not needed here */
		l4 = sizeof(*ip6);
	}
	if ((*proto == IPPROTO_TCP || *proto == IPPROTO_UDP) && len >= l4 + 4) {
		*sport = (unsigned int)p[l4] << 8 | p[l4 + 1];
		*dport = (unsigned int)p[l4 + 2] << 8 | p[l4 + 3];
	}
}

static int on_packet(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *attr[NFQA_MAX + 1] = { NULL };
	struct nfqnl_msg_packet_hdr *ph;
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned int proto, sport, dport;
	struct nlmsghdr *v;
	uint32_t id;

	(void)data;
	if (nfq_nlmsg_parse(nlh, attr) < 0 || !attr[NFQA_PACKET_HDR])
		return MNL_CB_OK;
	ph = mnl_attr_get_payload(attr[NFQA_PACKET_HDR]);
	id = ntohl(ph->packet_id);
	if (attr[NFQA_PAYLOAD])
		print_ports(mnl_attr_get_payload(attr[NFQA_PAYLOAD]),
			    mnl_attr_get_payload_len(attr[NFQA_PAYLOAD]),
			    &proto, &sport, &dport);
	else
		proto = sport = dport = 0;

	printf("queued id=%u proto=%u sport=%u dport=%u ct=%s ctinfo=%s helper=%s\n",
	       id, proto, sport, dport, attr[NFQA_CT] ? "yes" : "no",
	       attr[NFQA_CT_INFO] ? "yes" : "no",
	       attr[NFQA_CT] ? ct_helper_name(attr[NFQA_CT]) : "-");
	fflush(stdout);

	v = nfq_nlmsg_put(buf, NFQNL_MSG_VERDICT, queue_num);
	nfq_nlmsg_verdict_put(v, (int)id, NF_ACCEPT);
	send_msg(v);
	return MNL_CB_OK;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct timespec now, end;
	const char *enable[8];
	int nenable = 0, i;
	char *endp;
	long secs;

	for (i = 1; i + 1 < argc && !strcmp(argv[i], "--enable"); i += 2) {
		if (nenable == 8)
			break;
		enable[nenable++] = argv[i + 1];
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: nfq-listen [--enable NAME/FAMILY/PROTO]... QUEUE SECONDS\n");
		return 2;
	}
	queue_num = (unsigned int)strtoul(argv[i], &endp, 10);
	if (*endp || queue_num > 65535) {
		fprintf(stderr, "nfq-listen: bad queue number '%s'\n", argv[i]);
		return 2;
	}
	secs = strtol(argv[i + 1], &endp, 10);
	if (*endp || secs <= 0) {
		fprintf(stderr, "nfq-listen: bad duration '%s'\n", argv[i + 1]);
		return 2;
	}

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("nfq-listen: netlink socket");
		return 1;
	}
	for (i = 0; i < nenable; i++)
		if (enable_helper(enable[i]) < 0)
			return 1;
	if (bind_queue() < 0)
		return 1;
	printf("listening on queue %u for %ld s\n", queue_num, secs);
	fflush(stdout);

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += secs;
	for (;;) {
		struct pollfd pfd = { .fd = mnl_socket_get_fd(nl), .events = POLLIN };
		long left_ms;
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left_ms = (end.tv_sec - now.tv_sec) * 1000 +
			  (end.tv_nsec - now.tv_nsec) / 1000000;
		if (left_ms <= 0)
			break;
		if (poll(&pfd, 1, (int)left_ms) <= 0)
			continue;
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0) {
			if (errno == ENOBUFS)
				continue;
			perror("nfq-listen: recv");
			return 1;
		}
		if (mnl_cb_run(buf, (size_t)n, 0, 0, on_packet, NULL) < 0 &&
		    errno != 0) {
			perror("nfq-listen: netlink error");
			return 1;
		}
	}
	mnl_socket_close(nl);
	return 0;
}
