/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nft-ct-helper-add - create a ct helper object (stock or user-space) in one
 * nf_tables batch, like "nft add ct helper" does; every attribute of the
 * object can be given on the command line, so kernel checks can be tested
 * before the nft front-end speaks the syntax.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>

#include <linux/netfilter/nf_tables.h>
#include <libnftnl-cthelper/ct_helper.h>

#include "common.h"

static void help(void)
{
	printf(
"Usage: %s [OPTIONS] FAMILY TABLE NAME\n"
"Create the ct helper object NAME in table TABLE of FAMILY (ip, ip6, inet,\n"
"arp, bridge, netdev) in one nf_tables batch.\n"
"\n"
"Stock (kernel) helper:\n"
"  -t, --type TYPE             helper type, e.g. ftp (required; 1..15 chars)\n"
"  -p, --protocol PROTO        tcp, udp or a number (required)\n"
"  -l, --l3proto L3            ip, ip6, inet or a number (default: not sent,\n"
"                              the kernel uses the table family)\n"
"  -c, --comment TEXT          comment, stored in the user data as nft does\n"
"      --userdata HEX          raw NFTA_OBJ_USERDATA bytes, e.g. 0003686900\n"
"                              (hex digits, spaces and colons ignored;\n"
"                              replaces --comment)\n"
"\n"
"User-space helper (needs the patched kernel; the type then travels in the\n"
"NFTA_CT_HELPER_USERSPACE nest and NFTA_CT_HELPER_NAME is omitted):\n"
"      --userspace-queue N[:COUNT]  serve from queue N (0..65535), spread over\n"
"                              COUNT queues N..N+COUNT-1 (COUNT sent only if\n"
"                              given; the kernel default is 1)\n"
"      --bypass                accept packets when no program listens on the\n"
"                              queue (NFT_CT_HELPER_F_BYPASS; default: drop)\n"
"      --queue-empty           also queue packets without layer 4 payload\n"
"                              (NFT_CT_HELPER_F_QUEUE_EMPTY; default: they\n"
"                              pass unqueued)\n"
"      --flags N               raw NFTA_CT_HELPER_USERSPACE_FLAGS (instead of\n"
"                              --bypass/--queue-empty, to test the kernel's\n"
"                              checks)\n"
"      --priv-len N            bytes of helper private data (0..32,\n"
"                              default 32, as nft)\n"
"      --policy NAME:MAX:TIMEOUT  expectation class: name (1..15 chars), max\n"
"                              expectations (1..255), timeout in seconds;\n"
"                              repeat up to 4 times, order = class number\n"
"                              (default: one class TYPE:1:300, as nft)\n"
"\n"
"Other:\n"
"      --create                fail if the object exists (NLM_F_EXCL)\n"
"  -d, --debug                 print the object and the batch bytes to stderr\n"
"  -h, --help                  this text\n"
"\n"
"Exit status: 0 created, 1 the kernel refused it (its error is printed),\n"
"2 bad command line.\n"
"Example:\n"
"  %s --type ftp --protocol tcp --userspace-queue 3:2 --bypass \\\n"
"      --policy ftp:1:300 inet filter ftp-us\n", prog, prog);
}

enum {
	OPT_USERSPACE_QUEUE = 256,
	OPT_BYPASS,
	OPT_QUEUE_EMPTY,
	OPT_FLAGS,
	OPT_PRIV_LEN,
	OPT_POLICY,
	OPT_USERDATA,
	OPT_CREATE,
};

static const struct option options[] = {
	{ "type",		required_argument, NULL, 't' },
	{ "protocol",		required_argument, NULL, 'p' },
	{ "l3proto",		required_argument, NULL, 'l' },
	{ "comment",		required_argument, NULL, 'c' },
	{ "userdata",		required_argument, NULL, OPT_USERDATA },
	{ "userspace-queue",	required_argument, NULL, OPT_USERSPACE_QUEUE },
	{ "bypass",		no_argument,	   NULL, OPT_BYPASS },
	{ "queue-empty",	no_argument,	   NULL, OPT_QUEUE_EMPTY },
	{ "flags",		required_argument, NULL, OPT_FLAGS },
	{ "priv-len",		required_argument, NULL, OPT_PRIV_LEN },
	{ "policy",		required_argument, NULL, OPT_POLICY },
	{ "create",		no_argument,	   NULL, OPT_CREATE },
	{ "debug",		no_argument,	   NULL, 'd' },
	{ "help",		no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct add_opts {
	const char	*type, *comment;
	uint8_t		userdata[NFTNL_CT_HELPER_USERDATA_MAXLEN];
	int		userdata_len;	/* -1: not given */
	bool		have_l4, have_l3, userspace, have_count, have_flags;
	bool		have_priv_len, create, debug;
	uint8_t		l4proto;
	uint16_t	l3proto;
	uint32_t	queue_num, queue_count, flags, priv_len;
	unsigned int	npolicies;
	struct nftnl_ct_helper_policy policy[NFTNL_CT_HELPER_POLICY_MAX];
};

static void parse_queue(struct add_opts *o, const char *arg)
{
	char copy[64], *colon;
	uint64_t num, count = 1;

	if (strlen(arg) >= sizeof(copy))
		usage_error("--userspace-queue '%s': expected N or N:COUNT", arg);
	strcpy(copy, arg);
	colon = strchr(copy, ':');
	if (colon)
		*colon = '\0';
	if (parse_uint(copy, NFTNL_CT_HELPER_QUEUE_MAX, &num) < 0)
		usage_error("--userspace-queue '%s': queue number must be 0..65535",
			    arg);
	if (colon && (parse_uint(colon + 1, NFTNL_CT_HELPER_QUEUE_MAX + 1,
				 &count) < 0 || count < 1 ||
		      num + count - 1 > NFTNL_CT_HELPER_QUEUE_MAX))
		usage_error("--userspace-queue '%s': COUNT must be >= 1 and the "
			    "last queue N+COUNT-1 <= 65535", arg);
	o->userspace = true;
	o->queue_num = (uint32_t)num;
	o->queue_count = (uint32_t)count;
	o->have_count = colon != NULL;
}

static void parse_policy(struct add_opts *o, const char *arg)
{
	struct nftnl_ct_helper_policy *p;
	char copy[128], *max, *timeout;
	uint64_t v;

	if (o->npolicies == NFTNL_CT_HELPER_POLICY_MAX)
		usage_error("--policy '%s': at most %d expectation classes", arg,
			    NFTNL_CT_HELPER_POLICY_MAX);
	if (strlen(arg) >= sizeof(copy))
		usage_error("--policy '%s': too long", arg);
	strcpy(copy, arg);
	max = strchr(copy, ':');
	timeout = max ? strchr(max + 1, ':') : NULL;
	if (!timeout)
		usage_error("--policy '%s': expected NAME:MAX:TIMEOUT", arg);
	*max++ = '\0';
	*timeout++ = '\0';

	p = &o->policy[o->npolicies];
	if (!*copy || strlen(copy) >= sizeof(p->name))
		usage_error("--policy '%s': NAME must be 1..15 characters", arg);
	strcpy(p->name, copy);
	if (parse_uint(max, NFTNL_CT_HELPER_POLICY_EXPECT_MAX, &v) < 0 || !v)
		usage_error("--policy '%s': MAX must be 1..255", arg);
	p->max = (uint32_t)v;
	if (parse_uint(timeout, UINT32_MAX, &v) < 0)
		usage_error("--policy '%s': TIMEOUT must be seconds (0..4294967295)",
			    arg);
	p->timeout = (uint32_t)v;
	o->npolicies++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void parse_userdata(struct add_opts *o, const char *arg)
{
	int hi = -1, v;
	size_t n = 0;
	const char *s;

	for (s = arg; *s; s++) {
		if (*s == ' ' || *s == ':')
			continue;
		v = hexval(*s);
		if (v < 0)
			usage_error("--userdata '%s': '%c' is not a hex digit",
				    arg, *s);
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n == sizeof(o->userdata))
			usage_error("--userdata: more than %zu bytes",
				    sizeof(o->userdata));
		o->userdata[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	if (hi >= 0)
		usage_error("--userdata '%s': odd number of hex digits", arg);
	o->userdata_len = (int)n;
}

static void parse_args(struct add_opts *o, int argc, char **argv)
{
	uint64_t v;
	int c;

	while ((c = getopt_long(argc, argv, "t:p:l:c:dh", options, NULL)) != -1) {
		switch (c) {
		case 't':
			if (!*optarg || strlen(optarg) >= NFTNL_CT_HELPER_TYPE_MAXLEN)
				usage_error("--type '%s': must be 1..15 characters",
					    optarg);
			o->type = optarg;
			break;
		case 'p':
			if (parse_l4proto(optarg, &o->l4proto) < 0)
				usage_error("--protocol '%s': expected tcp, udp or 0..255",
					    optarg);
			o->have_l4 = true;
			break;
		case 'l':
			if (parse_l3proto(optarg, &o->l3proto) < 0)
				usage_error("--l3proto '%s': expected ip, ip6, inet or 0..65535",
					    optarg);
			o->have_l3 = true;
			break;
		case 'c':
			if (strlen(optarg) > 128)
				usage_error("--comment: at most 128 characters");
			o->comment = optarg;
			break;
		case OPT_USERDATA:
			parse_userdata(o, optarg);
			break;
		case OPT_USERSPACE_QUEUE:
			parse_queue(o, optarg);
			break;
		case OPT_BYPASS:
			o->flags |= NFT_CT_HELPER_F_BYPASS;
			o->have_flags = true;
			break;
		case OPT_QUEUE_EMPTY:
			o->flags |= NFT_CT_HELPER_F_QUEUE_EMPTY;
			o->have_flags = true;
			break;
		case OPT_FLAGS:
			if (parse_uint(optarg, UINT32_MAX, &v) < 0)
				usage_error("--flags '%s': expected 0..4294967295",
					    optarg);
			o->flags = (uint32_t)v;
			o->have_flags = true;
			break;
		case OPT_PRIV_LEN:
			if (parse_uint(optarg, NFTNL_CT_HELPER_PRIV_LEN_MAX, &v) < 0)
				usage_error("--priv-len '%s': expected 0..%d", optarg,
					    NFTNL_CT_HELPER_PRIV_LEN_MAX);
			o->priv_len = (uint32_t)v;
			o->have_priv_len = true;
			break;
		case OPT_POLICY:
			parse_policy(o, optarg);
			break;
		case OPT_CREATE:
			o->create = true;
			break;
		case 'd':
			o->debug = true;
			break;
		case 'h':
			help();
			exit(EXIT_SUCCESS);
		default:
			usage_error("unknown option");
		}
	}
	if (argc - optind != 3)
		usage_error("expected FAMILY TABLE NAME");
	if (!o->type)
		usage_error("--type is required");
	if (!o->have_l4)
		usage_error("--protocol is required");
	if (!o->userspace && (o->have_flags || o->have_priv_len || o->npolicies))
		usage_error("--bypass, --queue-empty, --flags, --priv-len and --policy need "
			    "--userspace-queue");
}

static int build_object(struct nftnl_ct_helper *h, const struct add_opts *o,
			uint32_t family, const char *table, const char *name)
{
	unsigned int i;

	if (nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FAMILY, family) < 0 ||
	    nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, table) < 0) {
		usage_error("table '%s': must be 1..255 characters", table);
	}
	if (nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, name) < 0)
		usage_error("name '%s': must be 1..255 characters", name);
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, o->type);
	nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_L4PROTO, o->l4proto);
	if (o->have_l3)
		nftnl_ct_helper_set_u16(h, NFTNL_CT_HELPER_L3PROTO, o->l3proto);
	if (o->userdata_len >= 0)
		nftnl_ct_helper_set_data(h, NFTNL_CT_HELPER_USERDATA, o->userdata,
					 (uint32_t)o->userdata_len);
	else if (o->comment &&
		 nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_COMMENT, o->comment) < 0)
		usage_error("--comment: does not fit the user data");

	if (!o->userspace)
		return 0;
	nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_USERSPACE, 1);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, o->queue_num);
	if (o->have_count)
		nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT,
					o->queue_count);
	if (o->have_flags)
		nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FLAGS, o->flags);
	/* as nft: always a length, 32 unless told (the kernel's default, 0,
	 * leaves a helper no room for state) */
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_PRIV_LEN,
				o->have_priv_len ? o->priv_len :
				NFTNL_CT_HELPER_PRIV_LEN_MAX);
	if (!o->npolicies)
		return nftnl_ct_helper_policy_add(h, o->type, 1, 300);
	for (i = 0; i < o->npolicies; i++)
		if (nftnl_ct_helper_policy_add(h, o->policy[i].name,
					       o->policy[i].max,
					       o->policy[i].timeout) < 0)
			return -1;
	return 0;
}

/*
 * Does this kernel know user-space ct helper objects at all?  Validates (no
 * commit) the simplest valid one in the same table: 0 yes, else its errno.
 */
static int probe_userspace(struct nl_conn *c, uint32_t family,
			   const char *table)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	struct nftnl_batch *b;
	int err;

	if (!h)
		return ENOMEM;
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FAMILY, family);
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, table);
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, "nft-ct-helper-probe");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "probe");
	nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_L4PROTO, IPPROTO_TCP);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 0);
	nftnl_ct_helper_policy_add(h, "probe", 1, 300);
	b = batch_start(c);
	if (!b || nftnl_ct_helper_batch_add(b, NFT_MSG_NEWOBJ,
					    NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK,
					    c->seq++, h) < 0)
		err = ENOMEM;
	else
		err = batch_check(c, b, 0);
	if (b)
		nftnl_batch_free(b);
	nftnl_ct_helper_free(h);
	return err;
}

static void explain(int err, const struct add_opts *o,
		    const struct extack_info *ext, int probe)
{
	switch (err) {
	case ENOENT:
		/* the kernel points at the table; a helper lookup it does not */
		if (ext->has_offset)
			fprintf(stderr, "hint: no such table\n");
		else if (!o->userspace)
			fprintf(stderr, "hint: this kernel has no ct helper of type "
				"\"%s\" for this protocol (nf_conntrack_%s)\n",
				o->type, o->type);
		break;
	case EEXIST:
		fprintf(stderr, "hint: an object of this name exists (--create was "
			"given)\n");
		break;
	case EINVAL:
	case EOPNOTSUPP:
		if (!o->userspace)
			break;
		if (probe == 0)
			fprintf(stderr, "hint: this kernel has user-space ct helper "
				"objects, so one of the values was refused (queue "
				"range, flags, private length, expectation classes, "
				"l3proto for this table)\n");
		else if (probe == EINVAL || probe == EOPNOTSUPP)
			fprintf(stderr, "hint: this kernel has no user-space ct helper "
				"objects (stock nft_ct); they need the patched "
				"nft_ct (kernel/)\n");
		break;
	case EPERM:
		fprintf(stderr, "hint: needs CAP_NET_ADMIN\n");
		break;
	}
}

int main(int argc, char **argv)
{
	struct add_opts o = { .userdata_len = -1 };
	struct nftnl_ct_helper *h;
	struct nftnl_batch *b;
	struct nl_conn c = { 0 };
	struct extack_info ext;
	int probe = -1;
	uint32_t family;
	char text[2048];
	uint16_t flags;
	int err;

	set_prog(argv[0]);
	parse_args(&o, argc, argv);
	if (parse_family(argv[optind], &family) < 0)
		usage_error("family '%s': expected ip, ip6, inet, arp, bridge or netdev",
			    argv[optind]);

	h = nftnl_ct_helper_alloc();
	if (!h) {
		perror(prog);
		return EXIT_FAILURE;
	}
	if (build_object(h, &o, family, argv[optind + 1], argv[optind + 2]) < 0)
		usage_error("invalid expectation class");
	if (o.debug) {
		nftnl_ct_helper_snprintf(text, sizeof(text), h, 0, 0);
		fprintf(stderr, "%s\n", text);
	}

	if (nl_conn_open(&c, 0) < 0) {
		fprintf(stderr, "%s: netlink socket: %s\n", prog, strerror(errno));
		nftnl_ct_helper_free(h);
		return EXIT_FAILURE;
	}
	flags = NLM_F_CREATE | NLM_F_ACK | (o.create ? NLM_F_EXCL : 0);
	b = batch_start(&c);
	if (!b || nftnl_ct_helper_batch_add(b, NFT_MSG_NEWOBJ, flags, c.seq++,
					    h) < 0)
		err = errno ? errno : ENOMEM;
	else
		err = batch_commit(&c, b, o.debug);

	if (err) {
		fprintf(stderr, "%s: add ct helper %s %s %s: %s\n", prog,
			argv[optind], argv[optind + 1], argv[optind + 2],
			strerror(err));
		nl_conn_report(&c, stderr);
		ext = c.err;
		if (o.userspace && (err == EINVAL || err == EOPNOTSUPP))
			probe = probe_userspace(&c, family, argv[optind + 1]);
		explain(err, &o, &ext, probe);
	}
	if (b)
		nftnl_batch_free(b);
	nl_conn_close(&c);
	nftnl_ct_helper_free(h);
	return err ? EXIT_FAILURE : EXIT_SUCCESS;
}
