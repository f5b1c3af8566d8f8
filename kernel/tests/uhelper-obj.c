// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * uhelper-obj - create, dump and delete user-space ct helper objects with
 * raw netlink, bad ones included, to test the kernel series.
 *
 *   uhelper-obj add FAMILY TABLE NAME [OPTION]...
 *   uhelper-obj get FAMILY TABLE NAME
 *   uhelper-obj del FAMILY TABLE NAME
 *
 * "add" sends one batch: [NEWTABLE] NEWOBJ [a message that fails].  Values
 * are sent exactly as given (no range checks here: the kernel must refuse).
 *
 *   --table             create TABLE in the same batch
 *   --type NAME         NFTA_CT_HELPER_USERSPACE_NAME (omit: not sent)
 *   --kernel-name NAME  also send NFTA_CT_HELPER_NAME
 *   --l3proto N         NFTA_CT_HELPER_L3PROTO (default: not sent)
 *   --l4proto N         NFTA_CT_HELPER_L4PROTO (default 6)
 *   --queue N           QUEUE_NUM (default 0; --no-queue: not sent)
 *   --count N           QUEUE_COUNT (not sent by default)
 *   --flags N           FLAGS (not sent by default)
 *   --priv-len N        PRIV_LEN (not sent by default)
 *   --policy N:MAX:T    one expectation class (repeatable, any number)
 *   --no-policies       send no POLICIES nest at all
 *   --unknown-attr      add an unknown attribute (7) in the USERSPACE nest
 *   --unknown-policy-attr  add an unknown attribute (4) in the first class
 *   --fail-after        end the batch with a NEWOBJ that must fail (EEXIST)
 *   --many N            add (or del) N objects NAME0..NAME<N-1> in one batch
 *                       (one transaction) instead of NAME
 *
 * "get" prints the object on one line, every attribute the kernel dumped:
 *   l3proto 1 l4proto 6 type ftp queue 3 count 2 flags 0x1 priv_len 8 policy ftp:1:300
 * Exit status: 0 ok; 1 refused (prints "error: MESSAGE (errno N)"); 2 usage.
 *
 * Test tooling only: the project's object codec is libnftnl-patch.
 */
#include <arpa/inet.h>
#include <errno.h>
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
#include <linux/netfilter/nf_tables.h>

#define MAX_POLICIES 8

struct policy_arg {
	const char *name;
	uint32_t max, timeout;
};

struct obj_args {
	bool table, no_queue, no_policies, unknown_attr, unknown_policy_attr;
	bool fail_after;
	unsigned int many;	/* 0: just NAME */
	const char *type, *kernel_name;
	long l3proto;		/* -1: not sent */
	uint8_t l4proto;
	uint32_t queue;
	long long count, flags, priv_len;	/* -1: not sent */
	unsigned int npolicies;
	struct policy_arg policy[MAX_POLICIES];
};

static int family_of(const char *s)
{
	if (!strcmp(s, "ip"))
		return NFPROTO_IPV4;
	if (!strcmp(s, "ip6"))
		return NFPROTO_IPV6;
	if (!strcmp(s, "inet"))
		return NFPROTO_INET;
	return -1;
}

static struct nlmsghdr *put_msg(char *buf, uint16_t type, uint16_t flags,
				uint32_t seq, int family, uint16_t res_id)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = family;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = htons(res_id);
	return nlh;
}

static void put_object(struct nlmsghdr *nlh, const char *table,
		       const char *name, const struct obj_args *a)
{
	struct nlattr *data, *us, *list, *elem;
	unsigned int i;

	mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, table);
	mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, name);
	mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_CT_HELPER));
	data = mnl_attr_nest_start(nlh, NFTA_OBJ_DATA);
	if (a->kernel_name)
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_NAME, a->kernel_name);
	if (a->l3proto >= 0)
		mnl_attr_put_u16(nlh, NFTA_CT_HELPER_L3PROTO, htons(a->l3proto));
	mnl_attr_put_u8(nlh, NFTA_CT_HELPER_L4PROTO, a->l4proto);

	us = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE);
	if (a->type)
		mnl_attr_put_strz(nlh, NFTA_CT_HELPER_USERSPACE_NAME, a->type);
	if (!a->no_queue)
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_NUM, htonl(a->queue));
	if (a->count >= 0)
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT, htonl(a->count));
	if (a->flags >= 0)
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_FLAGS, htonl(a->flags));
	if (a->priv_len >= 0)
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_PRIV_LEN, htonl(a->priv_len));
	if (!a->no_policies) {
		list = mnl_attr_nest_start(nlh, NFTA_CT_HELPER_USERSPACE_POLICIES);
		for (i = 0; i < a->npolicies; i++) {
			elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
			mnl_attr_put_strz(nlh, NFTA_CT_HELPER_POLICY_NAME, a->policy[i].name);
			mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_EXPECT_MAX,
					 htonl(a->policy[i].max));
			mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_TIMEOUT,
					 htonl(a->policy[i].timeout));
			if (i == 0 && a->unknown_policy_attr)
				mnl_attr_put_u32(nlh, NFTA_CT_HELPER_POLICY_MAX + 1, 0);
			mnl_attr_nest_end(nlh, elem);
		}
		mnl_attr_nest_end(nlh, list);
	}
	if (a->unknown_attr)
		mnl_attr_put_u32(nlh, NFTA_CT_HELPER_USERSPACE_MAX + 1, 0);
	mnl_attr_nest_end(nlh, us);
	mnl_attr_nest_end(nlh, data);
}

/* Send BUF (LEN bytes) and read answers until the message with sequence
 * number LAST_SEQ was acknowledged, a dump ended, or an error came back
 * (errno set, -1).  CB sees the data messages of a dump.
 */
static int talk(struct mnl_socket *nl, const void *buf, size_t len,
		uint32_t last_seq, mnl_cb_t cb, void *data)
{
	static char rbuf[65536];
	const struct nlmsgerr *err;
	const struct nlmsghdr *nlh;
	int ret;

	if (mnl_socket_sendto(nl, buf, len) < 0) {
		perror("sendto");
		return -1;
	}
	for (;;) {
		ret = mnl_socket_recvfrom(nl, rbuf, sizeof(rbuf));
		if (ret < 0) {
			perror("recvfrom");
			return -1;
		}
		for (nlh = (const struct nlmsghdr *)rbuf; mnl_nlmsg_ok(nlh, ret);
		     nlh = mnl_nlmsg_next(nlh, &ret)) {
			switch (nlh->nlmsg_type) {
			case NLMSG_ERROR:
				err = mnl_nlmsg_get_payload(nlh);
				if (err->error) {
					errno = -err->error;
					return -1;
				}
				if (nlh->nlmsg_seq == last_seq)
					return 0;
				break;
			case NLMSG_DONE:
				return 0;
			default:
				if (cb && cb(nlh, data) < 0)
					return -1;
			}
		}
	}
}

/* The object names of one batch: NAME, or NAME0..NAME<many-1>. */
static const char *obj_name(const char *name, const struct obj_args *a,
			    unsigned int i)
{
	static char buf[NFT_OBJ_MAXNAMELEN];

	if (!a->many)
		return name;
	snprintf(buf, sizeof(buf), "%s%u", name, i);
	return buf;
}

static unsigned int obj_count(const struct obj_args *a)
{
	return a->many ? a->many : 1;
}

static char *batch_buf(const struct obj_args *a, size_t *size)
{
	char *buf;

	*size = 4096 + (size_t)obj_count(a) * 2048;
	buf = malloc(*size);
	if (!buf) {
		perror("malloc");
		exit(1);
	}
	return buf;
}

static int cmd_add(struct mnl_socket *nl, int family, const char *table,
		   const char *name, const struct obj_args *a)
{
	size_t size;
	char *buf = batch_buf(a, &size);
	struct mnl_nlmsg_batch *b = mnl_nlmsg_batch_start(buf, size);
	uint32_t seq = time(NULL);
	struct nlmsghdr *nlh;
	unsigned int i;
	int ret;

	put_msg(mnl_nlmsg_batch_current(b), NFNL_MSG_BATCH_BEGIN, 0, seq++,
		AF_UNSPEC, NFNL_SUBSYS_NFTABLES);
	mnl_nlmsg_batch_next(b);
	if (a->table) {
		nlh = put_msg(mnl_nlmsg_batch_current(b), (NFNL_SUBSYS_NFTABLES << 8) |
			      NFT_MSG_NEWTABLE, NLM_F_CREATE | NLM_F_ACK, seq++, family, 0);
		mnl_attr_put_strz(nlh, NFTA_TABLE_NAME, table);
		mnl_nlmsg_batch_next(b);
	}
	for (i = 0; i < obj_count(a); i++) {
		nlh = put_msg(mnl_nlmsg_batch_current(b), (NFNL_SUBSYS_NFTABLES << 8) |
			      NFT_MSG_NEWOBJ, NLM_F_CREATE | NLM_F_ACK, seq++, family, 0);
		put_object(nlh, table, obj_name(name, a, i), a);
		mnl_nlmsg_batch_next(b);
	}
	if (a->fail_after) {
		/* the same object again, exclusively: EEXIST inside the batch */
		nlh = put_msg(mnl_nlmsg_batch_current(b), (NFNL_SUBSYS_NFTABLES << 8) |
			      NFT_MSG_NEWOBJ, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK,
			      seq++, family, 0);
		put_object(nlh, table, obj_name(name, a, 0), a);
		mnl_nlmsg_batch_next(b);
	}
	put_msg(mnl_nlmsg_batch_current(b), NFNL_MSG_BATCH_END, 0, seq,
		AF_UNSPEC, NFNL_SUBSYS_NFTABLES);
	mnl_nlmsg_batch_next(b);

	ret = talk(nl, mnl_nlmsg_batch_head(b), mnl_nlmsg_batch_size(b), seq - 1,
		   NULL, NULL);
	free(buf);
	return ret;
}

static int cmd_del(struct mnl_socket *nl, int family, const char *table,
		   const char *name, const struct obj_args *a)
{
	size_t size;
	char *buf = batch_buf(a, &size);
	struct mnl_nlmsg_batch *b = mnl_nlmsg_batch_start(buf, size);
	uint32_t seq = time(NULL);
	struct nlmsghdr *nlh;
	unsigned int i;
	int ret;

	put_msg(mnl_nlmsg_batch_current(b), NFNL_MSG_BATCH_BEGIN, 0, seq++,
		AF_UNSPEC, NFNL_SUBSYS_NFTABLES);
	mnl_nlmsg_batch_next(b);
	for (i = 0; i < obj_count(a); i++) {
		nlh = put_msg(mnl_nlmsg_batch_current(b), (NFNL_SUBSYS_NFTABLES << 8) |
			      NFT_MSG_DELOBJ, NLM_F_ACK, seq++, family, 0);
		mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, table);
		mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, obj_name(name, a, i));
		mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_CT_HELPER));
		mnl_nlmsg_batch_next(b);
	}
	put_msg(mnl_nlmsg_batch_current(b), NFNL_MSG_BATCH_END, 0, seq,
		AF_UNSPEC, NFNL_SUBSYS_NFTABLES);
	mnl_nlmsg_batch_next(b);

	ret = talk(nl, mnl_nlmsg_batch_head(b), mnl_nlmsg_batch_size(b), seq - 1,
		   NULL, NULL);
	free(buf);
	return ret;
}

static void print_policies(const struct nlattr *list)
{
	const struct nlattr *elem, *attr;

	mnl_attr_for_each_nested(elem, list) {
		const char *name = "?";
		uint32_t max = 0, timeout = 0;

		mnl_attr_for_each_nested(attr, elem) {
			switch (mnl_attr_get_type(attr)) {
			case NFTA_CT_HELPER_POLICY_NAME:
				name = mnl_attr_get_str(attr);
				break;
			case NFTA_CT_HELPER_POLICY_EXPECT_MAX:
				max = ntohl(mnl_attr_get_u32(attr));
				break;
			case NFTA_CT_HELPER_POLICY_TIMEOUT:
				timeout = ntohl(mnl_attr_get_u32(attr));
				break;
			default:
				printf(" policy-attr-%u", mnl_attr_get_type(attr));
			}
		}
		printf(" policy %s:%u:%u", name, max, timeout);
	}
}

static void print_userspace(const struct nlattr *nest)
{
	const struct nlattr *attr;

	mnl_attr_for_each_nested(attr, nest) {
		switch (mnl_attr_get_type(attr)) {
		case NFTA_CT_HELPER_USERSPACE_NAME:
			printf(" type %s", mnl_attr_get_str(attr));
			break;
		case NFTA_CT_HELPER_USERSPACE_QUEUE_NUM:
			printf(" queue %u", ntohl(mnl_attr_get_u32(attr)));
			break;
		case NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT:
			printf(" count %u", ntohl(mnl_attr_get_u32(attr)));
			break;
		case NFTA_CT_HELPER_USERSPACE_FLAGS:
			printf(" flags 0x%x", ntohl(mnl_attr_get_u32(attr)));
			break;
		case NFTA_CT_HELPER_USERSPACE_PRIV_LEN:
			printf(" priv_len %u", ntohl(mnl_attr_get_u32(attr)));
			break;
		case NFTA_CT_HELPER_USERSPACE_POLICIES:
			print_policies(attr);
			break;
		default:
			printf(" userspace-attr-%u", mnl_attr_get_type(attr));
		}
	}
}

static int obj_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *attr, *inner;
	int *found = data;

	mnl_attr_for_each(attr, nlh, sizeof(struct nfgenmsg)) {
		if (mnl_attr_get_type(attr) != NFTA_OBJ_DATA)
			continue;
		mnl_attr_for_each_nested(inner, attr) {
			switch (mnl_attr_get_type(inner)) {
			case NFTA_CT_HELPER_NAME:
				printf(" name %s", mnl_attr_get_str(inner));
				break;
			case NFTA_CT_HELPER_L3PROTO:
				printf(" l3proto %u", ntohs(mnl_attr_get_u16(inner)));
				break;
			case NFTA_CT_HELPER_L4PROTO:
				printf(" l4proto %u", mnl_attr_get_u8(inner));
				break;
			case NFTA_CT_HELPER_USERSPACE:
				print_userspace(inner);
				break;
			default:
				printf(" attr-%u", mnl_attr_get_type(inner));
			}
		}
	}
	printf("\n");
	*found = 1;
	return MNL_CB_OK;
}

static int cmd_get(struct mnl_socket *nl, int family, const char *table,
		   const char *name)
{
	char buf[4096];
	struct nlmsghdr *nlh;
	int found = 0;

	nlh = put_msg(buf, (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETOBJ,
		      NLM_F_ACK, time(NULL), family, 0);
	mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, table);
	mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, name);
	mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_CT_HELPER));
	if (talk(nl, nlh, nlh->nlmsg_len, nlh->nlmsg_seq, obj_cb, &found) < 0)
		return -1;
	return found ? 0 : -1;
}

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: uhelper-obj add|get|del FAMILY TABLE NAME [OPTION]...\n"
		"(options: see the comment at the top of kernel/tests/uhelper-obj.c)\n");
	exit(2);
}

static long long number(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 0);
	if (errno || *end || v < 0 || v > UINT32_MAX) {
		fprintf(stderr, "uhelper-obj: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static void parse_policy(struct obj_args *a, char *s)
{
	char *max, *timeout;

	if (a->npolicies == MAX_POLICIES)
		usage();
	max = strchr(s, ':');
	timeout = max ? strchr(max + 1, ':') : NULL;
	if (!timeout)
		usage();
	*max++ = '\0';
	*timeout++ = '\0';
	a->policy[a->npolicies].name = s;
	a->policy[a->npolicies].max = number(max);
	a->policy[a->npolicies].timeout = number(timeout);
	a->npolicies++;
}

int main(int argc, char *argv[])
{
	struct obj_args a = {
		.l3proto = -1, .l4proto = 6, .count = -1, .flags = -1, .priv_len = -1,
	};
	struct mnl_socket *nl;
	int family, i, ret;

	if (argc < 5)
		usage();
	family = family_of(argv[2]);
	if (family < 0)
		usage();

	for (i = 5; i < argc; i++) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

#define FLAG(str, field) if (!strcmp(o, str)) { a.field = true; continue; }
		FLAG("--table", table)
		FLAG("--no-queue", no_queue)
		FLAG("--no-policies", no_policies)
		FLAG("--unknown-attr", unknown_attr)
		FLAG("--unknown-policy-attr", unknown_policy_attr)
		FLAG("--fail-after", fail_after)
#undef FLAG
		if (!v)
			usage();
		i++;
		if (!strcmp(o, "--type"))
			a.type = v;
		else if (!strcmp(o, "--kernel-name"))
			a.kernel_name = v;
		else if (!strcmp(o, "--l3proto"))
			a.l3proto = number(v);
		else if (!strcmp(o, "--l4proto"))
			a.l4proto = number(v);
		else if (!strcmp(o, "--queue"))
			a.queue = number(v);
		else if (!strcmp(o, "--count"))
			a.count = number(v);
		else if (!strcmp(o, "--flags"))
			a.flags = number(v);
		else if (!strcmp(o, "--priv-len"))
			a.priv_len = number(v);
		else if (!strcmp(o, "--policy"))
			parse_policy(&a, argv[i]);
		else if (!strcmp(o, "--many"))
			a.many = number(v);
		else
			usage();
	}

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("netlink");
		return 1;
	}

	if (a.many) {
		/* a batch of many objects, and its acknowledgements, are
		 * larger than the default socket buffers (root only; this is
		 * test tooling)
		 */
		int bufsize = 4096 + a.many * 2048;

		setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_SNDBUFFORCE,
			   &bufsize, sizeof(bufsize));
		setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVBUFFORCE,
			   &bufsize, sizeof(bufsize));
	}

	if (!strcmp(argv[1], "add"))
		ret = cmd_add(nl, family, argv[3], argv[4], &a);
	else if (!strcmp(argv[1], "get"))
		ret = cmd_get(nl, family, argv[3], argv[4]);
	else if (!strcmp(argv[1], "del"))
		ret = cmd_del(nl, family, argv[3], argv[4], &a);
	else
		usage();

	if (ret < 0)
		printf("error: %s (errno %d)\n", strerror(errno), errno);
	mnl_socket_close(nl);
	return ret < 0 ? 1 : 0;
}
