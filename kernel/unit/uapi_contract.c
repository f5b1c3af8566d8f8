// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * uapi_contract - the uapi the series adds has the values user space was
 * promised (docs: kernel/README.md and the team's uapi contract).
 *
 * libnftnl-patch and nft-helperd copy these numbers: a patch that renumbers
 * an attribute must fail here, not in a VM test an hour later.  Built
 * against the patched nf_tables.h (build/uapi) that make stages.
 */
#include <linux/netfilter/nf_tables.h>

#include "unit.h"

static void test_ct_helper_attributes(struct unit *u)
{
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_NAME, 1);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_L3PROTO, 2);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_L4PROTO, 3);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_USERSPACE, 4);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_MAX, 4);
}

static void test_userspace_attributes(struct unit *u)
{
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_USERSPACE_UNSPEC, 0);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_USERSPACE_NAME, 1);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_USERSPACE_QUEUE_NUM, 2);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_USERSPACE_QUEUE_COUNT, 3);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_USERSPACE_FLAGS, 4);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_USERSPACE_PRIV_LEN, 5);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_USERSPACE_POLICIES, 6);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_USERSPACE_MAX, 6);
}

static void test_policy_attributes(struct unit *u)
{
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_POLICY_UNSPEC, 0);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_POLICY_NAME, 1);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_POLICY_EXPECT_MAX, 2);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_POLICY_TIMEOUT, 3);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_HELPER_POLICY_MAX, 3);
}

static void test_flags(struct unit *u)
{
	UNIT_CHECK_EQ_INT(u, NFT_CT_HELPER_F_BYPASS, 1);
	UNIT_CHECK_EQ_INT(u, NFT_CT_HELPER_F_QUEUE_EMPTY, 2);
}

/* The attributes that existed before must keep their numbers. */
static void test_neighbours_unchanged(struct unit *u)
{
	UNIT_CHECK_EQ_INT(u, NFTA_CT_TIMEOUT_L3PROTO, 1);
	UNIT_CHECK_EQ_INT(u, NFTA_CT_EXPECT_SIZE, 5);
	UNIT_CHECK_EQ_INT(u, NFT_OBJECT_CT_HELPER, 3);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_ct_helper_attributes),
	UNIT_CASE(test_userspace_attributes),
	UNIT_CASE(test_policy_attributes),
	UNIT_CASE(test_flags),
	UNIT_CASE(test_neighbours_unchanged),
};

UNIT_MAIN(cases)
