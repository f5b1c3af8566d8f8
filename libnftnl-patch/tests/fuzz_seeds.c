/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_seeds.c - writes a few valid ct helper messages (stock, user-space
 * with 1 and 4 classes, a DELOBJ event) into DIR as the fuzzer's seeds, so
 * that a short run starts inside the nests instead of at random bytes.
 */
#include <stdio.h>
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <libnftnl-cthelper/ct_helper.h>

static int write_seed(const char *dir, const char *name,
		      const struct nftnl_ct_helper *h, uint16_t cmd)
{
	static char buf[NFTNL_CT_HELPER_NLMSG_MAXSIZE];
	const struct nlmsghdr *nlh;
	char path[512];
	FILE *f;

	nlh = nftnl_ct_helper_nlmsg_build(buf, cmd == NFT_MSG_DELOBJ ?
					  NFT_MSG_NEWOBJ : cmd, 0, 1, h);
	if (!nlh)
		return -1;
	/* a DELOBJ event carries the whole object, like NEWOBJ */
	if (cmd == NFT_MSG_DELOBJ)
		((struct nlmsghdr *)buf)->nlmsg_type =
			NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_DELOBJ;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	fwrite(nlh, 1, nlh->nlmsg_len, f);
	return fclose(f);
}

int main(int argc, char **argv)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();
	int ret = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FAMILY, NFPROTO_INET);
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, "filter");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, "ftp-21");
	nftnl_ct_helper_set_u64(h, NFTNL_CT_HELPER_HANDLE, 4);
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_COMMENT, "seed");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "ftp");
	nftnl_ct_helper_set_u16(h, NFTNL_CT_HELPER_L3PROTO, NFPROTO_IPV4);
	nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_L4PROTO, IPPROTO_TCP);
	ret |= write_seed(argv[1], "stock", h, NFT_MSG_NEWOBJ);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 3);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT, 2);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FLAGS, NFT_CT_HELPER_F_BYPASS);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_PRIV_LEN, 8);
	nftnl_ct_helper_policy_add(h, "ftp", 1, 300);
	ret |= write_seed(argv[1], "userspace-1", h, NFT_MSG_NEWOBJ);
	nftnl_ct_helper_policy_add(h, "b", 2, 60);
	nftnl_ct_helper_policy_add(h, "c", 3, 5);
	nftnl_ct_helper_policy_add(h, "d", 255, 0);
	ret |= write_seed(argv[1], "userspace-4", h, NFT_MSG_NEWOBJ);
	ret |= write_seed(argv[1], "delobj-event", h, NFT_MSG_DELOBJ);
	nftnl_ct_helper_free(h);
	return ret ? 1 : 0;
}
