/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nf_tables_ct_helper.h - user-space copy of the uapi added by the kernel
 * series (kernel/patches/0001-*.patch) for user-space ct helper objects.
 *
 * Why a copy: the installed <linux/netfilter/nf_tables.h> is the stock one
 * and knows only NFTA_CT_HELPER_{NAME,L3PROTO,L4PROTO}.  The kernel patch is
 * the single source of truth; scripts/check-uapi.sh (run by "make all")
 * compares the block between the two markers below with the enum lines that
 * patch adds, so the numbers cannot drift.  Edit the patch first, then this.
 *
 * The stock enum nft_ct_helper_attributes cannot be re-declared here, so the
 * one new member of it is a #define; check-uapi.sh verifies that the patch
 * inserts it right after NFTA_CT_HELPER_L4PROTO.
 */
#ifndef _LIBNFTNL_CTHELPER_NF_TABLES_CT_HELPER_H_
#define _LIBNFTNL_CTHELPER_NF_TABLES_CT_HELPER_H_

#include <linux/netfilter/nf_tables.h>

/* A future installed uapi header that has these already wins. */
#ifndef NFTA_CT_HELPER_USERSPACE_MAX

#define NFTA_CT_HELPER_USERSPACE	(NFTA_CT_HELPER_L4PROTO + 1)	/* NLA_NESTED */

/* BEGIN uapi copy (checked against kernel/patches/0001-*.patch) */
enum nft_ct_helper_userspace_attributes {
	NFTA_CT_HELPER_USERSPACE_UNSPEC,
	NFTA_CT_HELPER_USERSPACE_NAME,
	NFTA_CT_HELPER_USERSPACE_QUEUE_NUM,
	NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT,
	NFTA_CT_HELPER_USERSPACE_FLAGS,
	NFTA_CT_HELPER_USERSPACE_PRIV_LEN,
	NFTA_CT_HELPER_USERSPACE_POLICIES,
	__NFTA_CT_HELPER_USERSPACE_MAX,
};
#define NFTA_CT_HELPER_USERSPACE_MAX (__NFTA_CT_HELPER_USERSPACE_MAX - 1)

enum nft_ct_helper_policy_attributes {
	NFTA_CT_HELPER_POLICY_UNSPEC,
	NFTA_CT_HELPER_POLICY_NAME,
	NFTA_CT_HELPER_POLICY_EXPECT_MAX,
	NFTA_CT_HELPER_POLICY_TIMEOUT,
	__NFTA_CT_HELPER_POLICY_MAX,
};
#define NFTA_CT_HELPER_POLICY_MAX (__NFTA_CT_HELPER_POLICY_MAX - 1)

enum nft_ct_helper_flags {
	NFT_CT_HELPER_F_BYPASS = (1 << 0),
	NFT_CT_HELPER_F_QUEUE_EMPTY = (1 << 1),
};
/* END uapi copy */

#endif /* NFTA_CT_HELPER_USERSPACE_MAX */

#endif /* _LIBNFTNL_CTHELPER_NF_TABLES_CT_HELPER_H_ */
