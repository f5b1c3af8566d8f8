/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nft-ct-helper-list - list ct helper objects (a dump, or one object), or
 * follow their creation and deletion (--monitor), one line per object in
 * libnftnl's debug format.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <libnftnl/common.h>
#include <libnftnl-cthelper/ct_helper.h>

#include "common.h"

static void help(void)
{
	printf(
"Usage: %s [OPTIONS] [FAMILY [TABLE [NAME]]]\n"
"List ct helper objects (all families when FAMILY is not given), or one\n"
"object when NAME is given.  Output, one line per object:\n"
"  FAMILY table T name N use U [ ct_helper name TYPE family L3 protocol L4\n"
"    [userspace queue Q [count C] [flags 0xF] [priv_len P]\n"
"     policy NAME max M timeout S ...] ] handle H [comment \"TEXT\"]\n"
"\n"
"  -m, --monitor     follow ct helper objects being created and deleted\n"
"                    (lines start with \"add \" or \"delete \"); FAMILY, TABLE\n"
"                    and NAME filter the events\n"
"  -e, --events N    with --monitor: exit after N events\n"
"  -h, --help        this text\n"
"\n"
"Exit status: 0 ok, 1 the kernel refused (its error is printed, e.g. no\n"
"such table or object), 2 bad command line.\n", prog);
}

static const struct option options[] = {
	{ "monitor",	no_argument,	   NULL, 'm' },
	{ "events",	required_argument, NULL, 'e' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct filter {
	bool		have_family;
	uint32_t	family;
	const char	*table, *name;
	uint64_t	events_left;	/* 0: forever */
	bool		count_events;
	int		err;
};

static bool filter_match(const struct filter *f, const struct nftnl_ct_helper *h)
{
	if (f->have_family &&
	    nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FAMILY) != f->family)
		return false;
	if (f->table && strcmp(nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_TABLE),
			       f->table))
		return false;
	if (f->name && strcmp(nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_NAME),
			      f->name))
		return false;
	return true;
}

static void print_object(const char *prefix, const struct nftnl_ct_helper *h)
{
	const char *comment = nftnl_ct_helper_get_str(h, NFTNL_CT_HELPER_COMMENT);
	char text[2048];

	nftnl_ct_helper_snprintf(text, sizeof(text), h, NFTNL_OUTPUT_DEFAULT, 0);
	printf("%s%s %s handle %" PRIu64, prefix,
	       family_name(nftnl_ct_helper_get_u32(h, NFTNL_CT_HELPER_FAMILY)),
	       text, nftnl_ct_helper_get_u64(h, NFTNL_CT_HELPER_HANDLE));
	if (comment)
		printf(" comment \"%s\"", comment);
	printf("\n");
	fflush(stdout);
}

static int list_cb(const struct nlmsghdr *nlh, void *data)
{
	struct filter *f = data;
	struct nftnl_ct_helper *h;
	int ret = MNL_CB_OK;

	h = nftnl_ct_helper_alloc();
	if (!h)
		return MNL_CB_ERROR;
	if (nftnl_ct_helper_nlmsg_parse(nlh, h) < 0) {
		if (errno != EOPNOTSUPP) {
			fprintf(stderr, "%s: malformed object message from the "
				"kernel (%s)\n", prog, strerror(errno));
			f->err = errno;
		}
	} else if (filter_match(f, h)) {
		print_object("", h);
	}
	nftnl_ct_helper_free(h);
	return ret;
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	uint16_t type = NFNL_MSG_TYPE(nlh->nlmsg_type);
	struct filter *f = data;
	struct nftnl_ct_helper *h;

	if (NFNL_SUBSYS_ID(nlh->nlmsg_type) != NFNL_SUBSYS_NFTABLES ||
	    (type != NFT_MSG_NEWOBJ && type != NFT_MSG_DELOBJ))
		return MNL_CB_OK;
	h = nftnl_ct_helper_alloc();
	if (!h)
		return MNL_CB_ERROR;
	if (nftnl_ct_helper_nlmsg_parse(nlh, h) < 0) {
		if (errno != EOPNOTSUPP)
			fprintf(stderr, "%s: malformed object event skipped (%s)\n",
				prog, strerror(errno));
	} else if (filter_match(f, h)) {
		print_object(type == NFT_MSG_NEWOBJ ? "add " : "delete ", h);
		if (f->count_events && --f->events_left == 0) {
			nftnl_ct_helper_free(h);
			return MNL_CB_STOP;
		}
	}
	nftnl_ct_helper_free(h);
	return MNL_CB_OK;
}

static int monitor(struct filter *f)
{
	static char buf[NL_RECV_SIZE];
	struct nl_conn c = { 0 };
	ssize_t n;
	int ret;

	if (nl_conn_open(&c, 1u << (NFNLGRP_NFTABLES - 1)) < 0) {
		fprintf(stderr, "%s: netlink socket: %s\n", prog, strerror(errno));
		return EXIT_FAILURE;
	}
	for (;;) {
		n = mnl_socket_recvfrom(c.nl, buf, sizeof(buf));
		if (n < 0) {
			if (errno == ENOBUFS) {
				fprintf(stderr, "%s: events lost (receive buffer "
					"overrun)\n", prog);
				continue;
			}
			fprintf(stderr, "%s: receiving events: %s\n", prog,
				strerror(errno));
			break;
		}
		ret = mnl_cb_run(buf, (size_t)n, 0, 0, event_cb, f);
		if (ret <= 0)
			break;
	}
	nl_conn_close(&c);
	return n < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	char buf[NFTNL_CT_HELPER_NLMSG_MAXSIZE];
	struct filter f = { 0 };
	struct nftnl_ct_helper *h;
	struct nl_conn c = { 0 };
	struct nlmsghdr *nlh;
	bool do_monitor = false;
	int opt, nargs, err;

	set_prog(argv[0]);
	while ((opt = getopt_long(argc, argv, "me:h", options, NULL)) != -1) {
		switch (opt) {
		case 'm':
			do_monitor = true;
			break;
		case 'e':
			if (parse_uint(optarg, UINT64_MAX, &f.events_left) < 0 ||
			    !f.events_left)
				usage_error("--events '%s': expected a number >= 1",
					    optarg);
			f.count_events = true;
			break;
		case 'h':
			help();
			return EXIT_SUCCESS;
		default:
			usage_error("unknown option");
		}
	}
	nargs = argc - optind;
	if (nargs > 3)
		usage_error("expected at most FAMILY TABLE NAME");
	if (f.count_events && !do_monitor)
		usage_error("--events needs --monitor");
	if (nargs >= 1) {
		if (parse_family(argv[optind], &f.family) < 0)
			usage_error("family '%s': expected ip, ip6, inet, arp, "
				    "bridge or netdev", argv[optind]);
		f.have_family = true;
	}
	if (nargs >= 2)
		f.table = argv[optind + 1];
	if (nargs >= 3)
		f.name = argv[optind + 2];

	if (do_monitor)
		return monitor(&f);

	if (nl_conn_open(&c, 0) < 0) {
		fprintf(stderr, "%s: netlink socket: %s\n", prog, strerror(errno));
		return EXIT_FAILURE;
	}
	if (f.name) {
		h = nftnl_ct_helper_alloc();
		if (!h || nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FAMILY, f.family) < 0 ||
		    nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, f.table) < 0 ||
		    nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, f.name) < 0)
			usage_error("table and name must be 1..255 characters");
		nlh = nftnl_ct_helper_nlmsg_build(buf, NFT_MSG_GETOBJ, NLM_F_ACK,
						  c.seq++, h);
		nftnl_ct_helper_free(h);
	} else {
		nlh = nftnl_ct_helper_nlmsg_build_dump(buf, f.have_family ?
						       (uint16_t)f.family :
						       NFPROTO_UNSPEC,
						       f.table, c.seq++);
	}
	err = nl_request(&c, nlh, list_cb, &f);
	if (!err)
		err = f.err;
	if (err) {
		fprintf(stderr, "%s: list ct helper%s%s%s%s%s%s: %s\n", prog,
			nargs ? " " : "s", nargs ? argv[optind] : "",
			nargs > 1 ? " " : "", nargs > 1 ? argv[optind + 1] : "",
			nargs > 2 ? " " : "", nargs > 2 ? argv[optind + 2] : "",
			strerror(err));
		nl_conn_report(&c, stderr);
		if (err == ENOENT)
			fprintf(stderr, "hint: no such table or object\n");
	}
	nl_conn_close(&c);
	return err ? EXIT_FAILURE : EXIT_SUCCESS;
}
