// SPDX-License-Identifier: GPL-2.0-or-later
/* unit_plan.c - native mode without a kernel: objects -> queues, bindings and
 * reasons (plan.c), and nf_tables messages -> objects and events (nftobj.c),
 * the messages built by libnftnl-patch's codec as the kernel sends them. */
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <libnftnl/common.h>
#include <libnftnl-cthelper/ct_helper.h>

#include "unit.h"
#include "../src/nftobj.h"
#include "../src/plan.h"
#include "../src/registry.h"

static enum nfth_verdict noop(struct nfth_packet *pkt, void *priv)
{
	(void)pkt;
	(void)priv;
	return NFTH_ACCEPT;
}

/* a helper that uses two classes, to test the class count rule */
static const struct nfth_helper two = {
	.api_version = NFTH_HELPER_API_VERSION, .name = "two",
	.l4protos = { 6 }, .priv_len = 4, .class_count = 2,
	.classes = { { "a", 1, 10 }, { "b", 1, 10 } }, .inspect = noop,
};

static const struct nfth_helper *find(const char *type)
{
	if (!strcmp(type, "two"))
		return &two;
	return nfth_registry_find(type);
}

static struct nfth_uobj obj(const char *name, const char *type, uint8_t l4,
			    uint16_t q, uint32_t count, uint32_t priv)
{
	struct nfth_uobj o;

	memset(&o, 0, sizeof(o));
	o.family = NFPROTO_INET;
	strcpy(o.table, "fw");
	strcpy(o.name, name);
	strcpy(o.type, type);
	o.l4proto = l4;
	o.queue_num = q;
	o.queue_count = count;
	o.priv_len = priv;
	o.class_count = 1;
	strcpy(o.classes[0].name, type);
	o.classes[0].max = 1;
	o.classes[0].timeout = 300;
	return o;
}

static struct nfth_plan plan;	/* large */

static void test_one_object(struct unit *u)
{
	struct nfth_uobj o[1] = { obj("ftp-us", "ftp", 6, 0, 1, 32) };
	enum nfth_uobj_status st[1];

	nfth_plan_build(o, 1, find, &plan, st);
	UNIT_CHECK_EQ_INT(u, st[0], NFTH_UOBJ_SERVED);
	UNIT_CHECK_EQ_INT(u, plan.queue_count, 1);
	UNIT_CHECK_EQ_INT(u, plan.queues[0].num, 0);
	UNIT_CHECK_EQ_INT(u, plan.queues[0].type_count, 1);
	UNIT_CHECK_EQ_STR(u, plan.queues[0].types[0].helper->name, "ftp");
	/* the object's declaration, not the helper's 28 bytes */
	UNIT_CHECK_EQ_INT(u, plan.queues[0].types[0].priv_len, 32);
	UNIT_CHECK_EQ_INT(u, plan.queues[0].types[0].class_count, 1);
	/* nothing left: no queue */
	nfth_plan_build(o, 0, find, &plan, st);
	UNIT_CHECK_EQ_INT(u, plan.queue_count, 0);
}

static void test_queue_range(struct unit *u)
{
	struct nfth_uobj o[2] = { obj("b", "ftp", 6, 6, 2, 28),
				  obj("a", "ftp", 6, 4, 4, 28) };
	enum nfth_uobj_status st[2];
	unsigned int i;

	nfth_plan_build(o, 2, find, &plan, st);
	UNIT_CHECK_EQ_INT(u, st[0], NFTH_UOBJ_SERVED);
	UNIT_CHECK_EQ_INT(u, st[1], NFTH_UOBJ_SERVED);
	UNIT_CHECK_EQ_INT(u, plan.queue_count, 4);
	for (i = 0; i < 4 && i < plan.queue_count; i++) {
		UNIT_CHECK_EQ_INT(u, plan.queues[i].num, 4 + i);	/* sorted */
		UNIT_CHECK_EQ_INT(u, plan.queues[i].type_count, 1);
		UNIT_CHECK_EQ_INT(u, plan.queues[i].types[0].objects, i >= 2 ? 2 : 1);
	}
	UNIT_CHECK(u, nfth_plan_find(&plan, 7) && !nfth_plan_find(&plan, 8));
}

static void test_not_served(struct unit *u)
{
	struct nfth_uobj o[5] = {
		obj("sip-us", "sip", 17, 1, 1, 32),	/* no such helper */
		obj("ftp-udp", "ftp", 17, 2, 1, 32),	/* ftp is tcp only */
		obj("ftp-0", "ftp", 6, 3, 1, 0),	/* nft without private */
		obj("two-1", "two", 6, 5, 1, 4),	/* declares 1 class of 2 */
		obj("tftp-0", "tftp", 17, 6, 1, 0),	/* tftp needs none */
	};
	enum nfth_uobj_status st[5];

	nfth_plan_build(o, 5, find, &plan, st);
	UNIT_CHECK_EQ_INT(u, st[0], NFTH_UOBJ_NO_HELPER);
	UNIT_CHECK_EQ_INT(u, st[1], NFTH_UOBJ_WRONG_L4);
	UNIT_CHECK_EQ_INT(u, st[2], NFTH_UOBJ_PRIV_SMALL);
	UNIT_CHECK_EQ_INT(u, st[3], NFTH_UOBJ_FEW_CLASSES);
	UNIT_CHECK_EQ_INT(u, st[4], NFTH_UOBJ_SERVED);
	/* only the served object's queue is bound */
	UNIT_CHECK_EQ_INT(u, plan.queue_count, 1);
	UNIT_CHECK(u, nfth_plan_find(&plan, 6) != NULL);
	UNIT_CHECK(u, strlen(nfth_uobj_status_str(st[0])) > 0);
}

static void test_shared_queue(struct unit *u)
{
	struct nfth_uobj o[4] = {
		obj("ftp-a", "ftp", 6, 0, 1, 32),
		obj("tftp-a", "tftp", 17, 0, 1, 0),	/* other type: shares */
		obj("ftp-b", "ftp", 6, 0, 1, 32),	/* same declaration */
		obj("ftp-c", "ftp", 6, 0, 2, 28),	/* other private length */
	};
	enum nfth_uobj_status st[4];

	/* class names, sizes, timeouts may differ: the kernel applies them */
	strcpy(o[2].classes[0].name, "other");
	o[2].classes[0].max = 9;
	nfth_plan_build(o, 4, find, &plan, st);
	UNIT_CHECK_EQ_INT(u, st[0], NFTH_UOBJ_SERVED);
	UNIT_CHECK_EQ_INT(u, st[1], NFTH_UOBJ_SERVED);
	UNIT_CHECK_EQ_INT(u, st[2], NFTH_UOBJ_SERVED);
	UNIT_CHECK_EQ_INT(u, st[3], NFTH_UOBJ_CONFLICT);
	/* the refused object adds nothing, not even its queue 1 */
	UNIT_CHECK_EQ_INT(u, plan.queue_count, 1);
	UNIT_CHECK_EQ_INT(u, plan.queues[0].type_count, 2);
	UNIT_CHECK_EQ_INT(u, plan.queues[0].types[0].objects, 2);
	UNIT_CHECK_EQ_STR(u, plan.queues[0].types[0].classes[0].name, "ftp");
	/* another class count conflicts too */
	o[3] = obj("ftp-d", "ftp", 6, 0, 1, 32);
	o[3].class_count = 2;
	nfth_plan_build(o, 4, find, &plan, st);
	UNIT_CHECK_EQ_INT(u, st[3], NFTH_UOBJ_CONFLICT);
	/* order decides: the earlier object wins */
	nfth_plan_build(&o[3], 1, find, &plan, st);
	UNIT_CHECK_EQ_INT(u, st[0], NFTH_UOBJ_SERVED);
}

static void test_limits(struct unit *u)
{
	struct nfth_uobj o[2] = { obj("wide", "ftp", 6, 0, NFTH_PLAN_QUEUES_MAX + 1, 32),
				  obj("ok", "ftp", 6, 100, NFTH_PLAN_QUEUES_MAX, 32) };
	enum nfth_uobj_status st[2];

	nfth_plan_build(o, 2, find, &plan, st);
	UNIT_CHECK_EQ_INT(u, st[0], NFTH_UOBJ_LIMIT);
	UNIT_CHECK_EQ_INT(u, st[1], NFTH_UOBJ_SERVED);
	UNIT_CHECK_EQ_INT(u, plan.queue_count, NFTH_PLAN_QUEUES_MAX);
	o[0] = obj("one-more", "tftp", 17, 0, 1, 0);
	nfth_plan_build(o, 2, find, &plan, st);
	UNIT_CHECK_EQ_INT(u, st[1], NFTH_UOBJ_LIMIT);
}

static void test_same(struct unit *u)
{
	struct nfth_uobj a = obj("x", "ftp", 6, 0, 1, 32), b = a;

	UNIT_CHECK(u, nfth_uobj_same(&a, &b));
	b.bypass = true;
	UNIT_CHECK(u, !nfth_uobj_same(&a, &b));
	b = a;
	b.classes[0].timeout = 1;
	UNIT_CHECK(u, !nfth_uobj_same(&a, &b));
	b = a;
	b.handle = 7;	/* deleted and created again */
	UNIT_CHECK(u, !nfth_uobj_same(&a, &b));
}

/* --- nf_tables messages --- */

static char buf[NFTNL_CT_HELPER_NLMSG_MAXSIZE];

static struct nftnl_ct_helper *userspace_obj(void)
{
	struct nftnl_ct_helper *h = nftnl_ct_helper_alloc();

	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FAMILY, NFPROTO_INET);
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TABLE, "fw");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_NAME, "ftp-us");
	nftnl_ct_helper_set_str(h, NFTNL_CT_HELPER_TYPE, "ftp");
	nftnl_ct_helper_set_u8(h, NFTNL_CT_HELPER_L4PROTO, 6);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_NUM, 4);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_QUEUE_COUNT, 4);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_FLAGS, NFT_CT_HELPER_F_BYPASS);
	nftnl_ct_helper_set_u32(h, NFTNL_CT_HELPER_PRIV_LEN, 32);
	nftnl_ct_helper_set_u64(h, NFTNL_CT_HELPER_HANDLE, 9);
	nftnl_ct_helper_policy_add(h, "ftp", 8, 60);
	nftnl_ct_helper_policy_add(h, "data", 2, 5);
	return h;
}

static void test_object_from_message(struct unit *u)
{
	struct nftnl_ct_helper *h = userspace_obj(), *p = nftnl_ct_helper_alloc();
	struct nlmsghdr *nlh;
	struct nfth_uobj o;

	nlh = nftnl_ct_helper_nlmsg_build(buf, NFT_MSG_NEWOBJ, 0, 1, h);
	UNIT_CHECK(u, nlh && nftnl_ct_helper_nlmsg_parse(nlh, p) == 0);
	UNIT_CHECK(u, nfth_uobj_from_nftnl(p, &o));
	UNIT_CHECK_EQ_INT(u, o.family, NFPROTO_INET);
	UNIT_CHECK_EQ_STR(u, o.table, "fw");
	UNIT_CHECK_EQ_STR(u, o.name, "ftp-us");
	UNIT_CHECK_EQ_STR(u, o.type, "ftp");
	UNIT_CHECK_EQ_INT(u, o.queue_num, 4);
	UNIT_CHECK_EQ_INT(u, o.queue_count, 4);
	UNIT_CHECK(u, o.bypass);
	UNIT_CHECK_EQ_INT(u, o.priv_len, 32);
	UNIT_CHECK_EQ_INT(u, o.class_count, 2);
	UNIT_CHECK_EQ_STR(u, o.classes[1].name, "data");
	UNIT_CHECK_EQ_INT(u, o.classes[1].max, 2);
	UNIT_CHECK_EQ_INT(u, o.classes[1].timeout, 5);
	UNIT_CHECK_EQ_INT(u, (int)o.handle, 9);
	/* a kernel helper object is not ours */
	nftnl_ct_helper_unset(h, NFTNL_CT_HELPER_USERSPACE);
	nlh = nftnl_ct_helper_nlmsg_build(buf, NFT_MSG_NEWOBJ, 0, 1, h);
	UNIT_CHECK(u, nftnl_ct_helper_nlmsg_parse(nlh, p) == 0);
	UNIT_CHECK(u, !nfth_uobj_from_nftnl(p, &o));
	nftnl_ct_helper_free(h);
	nftnl_ct_helper_free(p);
}

static void test_events(struct unit *u)
{
	struct nftnl_ct_helper *h = userspace_obj(), *s = nftnl_ct_helper_alloc();
	struct nfth_nft_event ev;
	struct nlmsghdr *nlh;

	nlh = nftnl_ct_helper_nlmsg_build(buf, NFT_MSG_NEWOBJ, 0, 1, h);
	nfth_nft_event_parse(nlh, s, &ev);
	UNIT_CHECK_EQ_INT(u, ev.kind, NFTH_EV_OBJ_ADD);
	UNIT_CHECK(u, ev.userspace);
	UNIT_CHECK_EQ_STR(u, ev.name, "ftp-us");
	/* DELOBJ as newer kernels send it: no data nest */
	nlh = nftnl_nlmsg_build_hdr(buf, NFT_MSG_DELOBJ, NFPROTO_INET, 0, 2);
	mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, "fw");
	mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, "ftp-us");
	mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_CT_HELPER));
	nfth_nft_event_parse(nlh, s, &ev);
	UNIT_CHECK_EQ_INT(u, ev.kind, NFTH_EV_OBJ_DEL);
	UNIT_CHECK_EQ_STR(u, ev.table, "fw");
	/* another object type: not followed */
	nlh = nftnl_nlmsg_build_hdr(buf, NFT_MSG_NEWOBJ, NFPROTO_INET, 0, 3);
	mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, "fw");
	mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, "cnt");
	mnl_attr_put_u32(nlh, NFTA_OBJ_TYPE, htonl(NFT_OBJECT_COUNTER));
	nfth_nft_event_parse(nlh, s, &ev);
	UNIT_CHECK_EQ_INT(u, ev.kind, NFTH_EV_OTHER);
	/* table deleted (flush ruleset sends one per table) */
	nlh = nftnl_nlmsg_build_hdr(buf, NFT_MSG_DELTABLE, NFPROTO_IPV4, 0, 4);
	mnl_attr_put_strz(nlh, NFTA_TABLE_NAME, "nat");
	nfth_nft_event_parse(nlh, s, &ev);
	UNIT_CHECK_EQ_INT(u, ev.kind, NFTH_EV_TABLE_DEL);
	UNIT_CHECK_EQ_STR(u, ev.table, "nat");
	UNIT_CHECK_EQ_INT(u, ev.family, NFPROTO_IPV4);
	/* the end of a transaction */
	nlh = nftnl_nlmsg_build_hdr(buf, NFT_MSG_NEWGEN, AF_UNSPEC, 0, 5);
	mnl_attr_put_u32(nlh, NFTA_GEN_ID, htonl(4711));
	nfth_nft_event_parse(nlh, s, &ev);
	UNIT_CHECK_EQ_INT(u, ev.kind, NFTH_EV_GEN);
	UNIT_CHECK_EQ_INT(u, ev.gen, 4711);
	/* truncated, or another subsystem: ignored */
	nlh->nlmsg_len = NLMSG_HDRLEN;
	nfth_nft_event_parse(nlh, s, &ev);
	UNIT_CHECK_EQ_INT(u, ev.kind, NFTH_EV_OTHER);
	nlh->nlmsg_type = NFNL_SUBSYS_QUEUE << 8;
	nfth_nft_event_parse(nlh, s, &ev);
	UNIT_CHECK_EQ_INT(u, ev.kind, NFTH_EV_OTHER);
	nftnl_ct_helper_free(h);
	nftnl_ct_helper_free(s);
}

static struct nfth_nft_event event(enum nfth_nft_event_kind kind, bool us,
				   uint32_t gen)
{
	struct nfth_nft_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.userspace = us;
	ev.gen = gen;
	return ev;
}

static void test_follow(struct unit *u)
{
	struct nfth_nft_follow f;
	struct nfth_nft_event ev;

	memset(&f, 0, sizeof(f));
	nfth_nft_follow_dumped(&f, 10);
	/* a transaction without ct helper changes: no dump */
	ev = event(NFTH_EV_OTHER, false, 0);
	nfth_nft_follow(&f, &ev);
	ev = event(NFTH_EV_GEN, false, 11);
	nfth_nft_follow(&f, &ev);
	UNIT_CHECK(u, !f.need_dump);
	/* a kernel helper object added: no dump */
	ev = event(NFTH_EV_OBJ_ADD, false, 0);
	nfth_nft_follow(&f, &ev);
	ev = event(NFTH_EV_GEN, false, 12);
	nfth_nft_follow(&f, &ev);
	UNIT_CHECK(u, !f.need_dump);
	/* a user-space object added: dump at the end of its transaction */
	ev = event(NFTH_EV_OBJ_ADD, true, 0);
	nfth_nft_follow(&f, &ev);
	UNIT_CHECK(u, !f.need_dump);
	ev = event(NFTH_EV_GEN, false, 13);
	nfth_nft_follow(&f, &ev);
	UNIT_CHECK(u, f.need_dump && !f.lost);
	nfth_nft_follow_dumped(&f, 14);	/* the dump saw one more commit */
	/* events of that commit arrive after the dump: covered */
	ev = event(NFTH_EV_TABLE_DEL, false, 0);
	nfth_nft_follow(&f, &ev);
	ev = event(NFTH_EV_GEN, false, 14);
	nfth_nft_follow(&f, &ev);
	UNIT_CHECK(u, !f.need_dump);
	/* any DELOBJ (may carry no data), a DELTABLE (flush ruleset) */
	ev = event(NFTH_EV_OBJ_DEL, false, 0);
	nfth_nft_follow(&f, &ev);
	ev = event(NFTH_EV_GEN, false, 15);
	nfth_nft_follow(&f, &ev);
	UNIT_CHECK(u, f.need_dump);
	nfth_nft_follow_dumped(&f, 15);
	ev = event(NFTH_EV_TABLE_DEL, false, 0);
	nfth_nft_follow(&f, &ev);
	ev = event(NFTH_EV_GEN, false, 16);
	nfth_nft_follow(&f, &ev);
	UNIT_CHECK(u, f.need_dump);
	nfth_nft_follow_dumped(&f, 16);
	/* a gap: events were lost */
	ev = event(NFTH_EV_GEN, false, 18);
	nfth_nft_follow(&f, &ev);
	UNIT_CHECK(u, f.need_dump && f.lost);
	nfth_nft_follow_dumped(&f, 18);
	/* the generation wraps around, skipping 0 as the kernel does */
	nfth_nft_follow_dumped(&f, 0xffffffffu);
	ev = event(NFTH_EV_OBJ_DEL, false, 0);
	nfth_nft_follow(&f, &ev);
	ev = event(NFTH_EV_GEN, false, 1);
	nfth_nft_follow(&f, &ev);
	UNIT_CHECK(u, f.need_dump && !f.lost);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_follow),
	UNIT_CASE(test_one_object),
	UNIT_CASE(test_queue_range),
	UNIT_CASE(test_not_served),
	UNIT_CASE(test_shared_queue),
	UNIT_CASE(test_limits),
	UNIT_CASE(test_same),
	UNIT_CASE(test_object_from_message),
	UNIT_CASE(test_events),
};

UNIT_MAIN(cases)
