/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_parse.c - libFuzzer target for nftnl_ct_helper_nlmsg_parse().
 *
 * The input is one netlink message (its length field is forced to the input
 * size, the type to NEWOBJ half of the time so the fuzzer reaches the
 * attributes quickly).  Whatever parses must print, build and parse back to
 * an equal object (USE aside: only kernels send it); anything else is a
 * bug and aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netfilter/nfnetlink.h>
#include <libmnl/libmnl.h>
#include <libnftnl-cthelper/ct_helper.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char out[NFTNL_CT_HELPER_NLMSG_MAXSIZE];
	struct nftnl_ct_helper *h, *back;
	struct nlmsghdr *nlh, *again;
	char text[2048];

	if (size < sizeof(struct nlmsghdr) || size > 65535)
		return 0;
	nlh = malloc(size);		/* exactly size: ASan sees overreads */
	memcpy(nlh, data, size);
	nlh->nlmsg_len = (uint32_t)size;
	if (nlh->nlmsg_flags & 1)
		nlh->nlmsg_type = NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_NEWOBJ;

	h = nftnl_ct_helper_alloc();
	back = nftnl_ct_helper_alloc();
	if (nftnl_ct_helper_nlmsg_parse(nlh, h) == 0) {
		nftnl_ct_helper_snprintf(text, sizeof(text), h, 0, 0);
		nftnl_ct_helper_unset(h, NFTNL_CT_HELPER_USE);
		again = nftnl_ct_helper_nlmsg_build(out, NFT_MSG_NEWOBJ, 0, 1, h);
		if (!again || nftnl_ct_helper_nlmsg_parse(again, back) != 0 ||
		    !nftnl_ct_helper_cmp(h, back))
			abort();
	}
	nftnl_ct_helper_free(h);
	nftnl_ct_helper_free(back);
	free(nlh);
	return 0;
}
