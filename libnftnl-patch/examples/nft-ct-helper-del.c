/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nft-ct-helper-del - delete a ct helper object by name or handle, in one
 * nf_tables batch.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netfilter/nf_tables.h>
#include <libnftnl-cthelper/ct_helper.h>

#include "common.h"

static void help(void)
{
	printf(
"Usage: %s [OPTIONS] FAMILY TABLE NAME\n"
"       %s [OPTIONS] --handle N FAMILY TABLE\n"
"Delete a ct helper object (stock or user-space) in one nf_tables batch.\n"
"\n"
"  -H, --handle N   delete by handle (as printed by nft-ct-helper-list)\n"
"  -d, --debug      print the batch bytes to stderr\n"
"  -h, --help       this text\n"
"\n"
"Exit status: 0 deleted, 1 the kernel refused (its error is printed),\n"
"2 bad command line.\n", prog, prog);
}

static const struct option options[] = {
	{ "handle",	required_argument, NULL, 'H' },
	{ "debug",	no_argument,	   NULL, 'd' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int main(int argc, char **argv)
{
	struct nftnl_ct_helper *h;
	struct nl_conn c = { 0 };
	struct nftnl_batch *b;
	bool have_handle = false;
	int debug = 0, err, c_opt, nargs;
	uint64_t handle = 0;
	uint32_t family;

	set_prog(argv[0]);
	while ((c_opt = getopt_long(argc, argv, "H:dh", options, NULL)) != -1) {
		switch (c_opt) {
		case 'H':
			if (parse_uint(optarg, UINT64_MAX, &handle) < 0)
				usage_error("--handle '%s': expected a number", optarg);
			have_handle = true;
			break;
		case 'd':
			debug = 1;
			break;
		case 'h':
			help();
			return EXIT_SUCCESS;
		default:
			usage_error("unknown option");
		}
	}
	nargs = argc - optind;
	if (nargs != (have_handle ? 2 : 3))
		usage_error(have_handle ? "expected FAMILY TABLE with --handle"
					: "expected FAMILY TABLE NAME");
	if (parse_family(argv[optind], &family) < 0)
		usage_error("family '%s': expected ip, ip6, inet, arp, bridge or netdev",
			    argv[optind]);

	h = nftnl_ct_helper_alloc();
	if (!h) {
		perror(prog);
		return EXIT_FAILURE;
	}
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FAMILY, family);
	if (nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, argv[optind + 1]) < 0)
		usage_error("table '%s': must be 1..255 characters", argv[optind + 1]);
	if (have_handle)
		nftnl_ct_helper_set_u64(h, NFTNL_CT_HELPER_HANDLE, handle);
	else if (nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME,
					 argv[optind + 2]) < 0)
		usage_error("name '%s': must be 1..255 characters", argv[optind + 2]);

	if (nl_conn_open(&c, 0) < 0) {
		fprintf(stderr, "%s: netlink socket: %s\n", prog, strerror(errno));
		nftnl_ct_helper_free(h);
		return EXIT_FAILURE;
	}
	b = batch_start(&c);
	if (!b || nftnl_ct_helper_batch_add(b, NFT_MSG_DELOBJ, NLM_F_ACK,
					    c.seq++, h) < 0)
		err = errno ? errno : ENOMEM;
	else
		err = batch_commit(&c, b, debug);
	if (err) {
		if (have_handle)
			fprintf(stderr, "%s: delete ct helper %s %s handle %llu: %s\n",
				prog, argv[optind], argv[optind + 1],
				(unsigned long long)handle, strerror(err));
		else
			fprintf(stderr, "%s: delete ct helper %s %s %s: %s\n", prog,
				argv[optind], argv[optind + 1], argv[optind + 2],
				strerror(err));
		nl_conn_report(&c, stderr);
		if (err == ENOENT)
			fprintf(stderr, "hint: no such table or object\n");
		else if (err == EBUSY)
			fprintf(stderr, "hint: a rule still refers to the object\n");
	}
	if (b)
		nftnl_batch_free(b);
	nl_conn_close(&c);
	nftnl_ct_helper_free(h);
	return err ? EXIT_FAILURE : EXIT_SUCCESS;
}
