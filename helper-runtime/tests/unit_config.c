// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * unit_config.c - what compatible mode makes of ct helper declarations.
 *
 * The declarations come from nft-patch's parser in the daemon; here a test
 * double of nft_ct_helper_decls_parse_file() hands over canned ones (the
 * "path" names the scenario), so that only our mapping is under test.
 */
#include <string.h>

#include <nft/ct_helper_decl.h>

#include "unit.h"
#include "../src/config.h"

static struct nft_ct_helper_decl decls[4];
static unsigned int ndecls;

int nft_ct_helper_decls_parse_file(const char *path, FILE *errfp,
				   nft_ct_helper_decl_cb cb, void *data)
{
	unsigned int i;
	int ret;

	(void)errfp;
	if (!strcmp(path, "syntax-error"))
		return -1;
	for (i = 0; i < ndecls; i++) {
		ret = cb(&decls[i], data);
		if (ret)
			return ret;
	}
	return 0;
}

static struct nft_ct_helper_decl *decl(const char *type, uint8_t l4, uint16_t l3,
				       uint16_t queue)
{
	struct nft_ct_helper_decl *d = &decls[ndecls++];

	memset(d, 0, sizeof(*d));
	d->family = 1;
	snprintf(d->table, sizeof(d->table), "filter");
	snprintf(d->name, sizeof(d->name), "%s-us", type);
	snprintf(d->type, sizeof(d->type), "%s", type);
	d->l4proto = l4;
	d->l3proto = l3;
	d->userspace = true;
	d->queue_num = queue;
	d->queue_count = 1;
	d->bypass = true;
	d->priv_len = 32;	/* nft's default */
	d->policy_count = 1;
	snprintf(d->policy[0].name, sizeof(d->policy[0].name), "%s", type);
	d->policy[0].max = 1;
	d->policy[0].timeout = 300;
	return d;
}

static struct nfth_config cfg;
static char errbuf[4096];

static int load(const char *path)
{
	FILE *fp = fmemopen(errbuf, sizeof(errbuf), "w");
	int ret = nfth_config_load(&cfg, path, fp);

	fclose(fp);
	return ret;
}

static void test_inet_registers_both(struct unit *u)
{
	ndecls = 0;
	decl("ftp", 6, 1, 3);
	UNIT_CHECK_EQ_INT(u, load("f"), 0);
	UNIT_CHECK_EQ_INT(u, cfg.registration_count, 2);
	UNIT_CHECK_EQ_STR(u, cfg.registrations[0].name, "ftp");
	UNIT_CHECK_EQ_INT(u, cfg.registrations[0].l3proto, 2);
	UNIT_CHECK_EQ_INT(u, cfg.registrations[1].l3proto, 10);
	UNIT_CHECK_EQ_INT(u, cfg.registrations[0].queue, 3);
	UNIT_CHECK_EQ_INT(u, cfg.registrations[0].priv_len, 28);
	UNIT_CHECK_EQ_INT(u, cfg.queue_count, 1);
	UNIT_CHECK_EQ_INT(u, cfg.queues[0].num, 3);
	UNIT_CHECK_EQ_INT(u, cfg.queues[0].binding_count, 1);
	UNIT_CHECK_EQ_STR(u, cfg.queues[0].bindings[0].helper->name, "ftp");
}

static void test_policies_and_queues(struct unit *u)
{
	struct nft_ct_helper_decl *d;

	ndecls = 0;
	d = decl("ftp", 6, 2, 0);
	d->policy_count = 2;
	snprintf(d->policy[1].name, sizeof(d->policy[1].name), "spare");
	d->policy[1].max = 7;
	d->policy[1].timeout = 60;
	d->bypass = false;
	decl("tftp", 17, 10, 0);
	decl("tftp", 17, 2, 1);
	UNIT_CHECK_EQ_INT(u, load("f"), 0);
	UNIT_CHECK_EQ_INT(u, cfg.registration_count, 3);
	UNIT_CHECK_EQ_INT(u, cfg.registrations[0].class_count, 2);
	UNIT_CHECK_EQ_STR(u, cfg.registrations[0].classes[1].name, "spare");
	UNIT_CHECK_EQ_INT(u, cfg.registrations[0].classes[1].max, 7);
	UNIT_CHECK_EQ_INT(u, cfg.registrations[0].classes[1].timeout, 60);
	UNIT_CHECK_EQ_INT(u, cfg.registrations[1].priv_len, 0);
	UNIT_CHECK_EQ_INT(u, cfg.with_bypass, 2);
	UNIT_CHECK_EQ_INT(u, cfg.queue_count, 2);
	UNIT_CHECK_EQ_INT(u, cfg.queues[0].binding_count, 2);	/* ftp, tftp */
	/* the ftp helper uses one class: never ask for more than it knows */
	UNIT_CHECK_EQ_INT(u, cfg.queues[0].bindings[0].class_count, 1);
}

static void test_kernel_helpers_skipped(struct unit *u)
{
	ndecls = 0;
	decl("sip", 17, 2, 0)->userspace = false;
	decl("ftp", 6, 2, 0);
	UNIT_CHECK_EQ_INT(u, load("f"), 0);
	UNIT_CHECK_EQ_INT(u, cfg.skipped, 1);
	UNIT_CHECK_EQ_INT(u, cfg.registration_count, 1);
	/* only kernel helpers: nothing to do is an error */
	ndecls = 0;
	decl("ftp", 6, 2, 0)->userspace = false;
	UNIT_CHECK_EQ_INT(u, load("f"), -1);
	UNIT_CHECK(u, strstr(errbuf, "no user-space ct helper") != NULL);
}

static void test_errors(struct unit *u)
{
	ndecls = 0;
	decl("nosuch", 6, 2, 0);
	UNIT_CHECK_EQ_INT(u, load("f"), -1);
	UNIT_CHECK(u, strstr(errbuf, "\"nosuch\" is not one nft-helperd serves") != NULL);
	UNIT_CHECK(u, strstr(errbuf, "ct helper \"nosuch-us\" in table inet filter") != NULL);

	ndecls = 0;
	decl("ftp", 17, 2, 0);
	UNIT_CHECK_EQ_INT(u, load("f"), -1);
	UNIT_CHECK(u, strstr(errbuf, "does not follow this protocol") != NULL);

	ndecls = 0;
	decl("ftp", 6, 2, 3)->queue_count = 4;
	UNIT_CHECK_EQ_INT(u, load("f"), -1);
	UNIT_CHECK(u, strstr(errbuf, "queue 3-6: a queue range needs native mode") != NULL);

	/* the same type twice, differently: kernel helpers are global */
	ndecls = 0;
	decl("ftp", 6, 2, 0);
	decl("ftp", 6, 2, 1);
	UNIT_CHECK_EQ_INT(u, load("f"), -1);
	UNIT_CHECK(u, strstr(errbuf, "declare it the same way everywhere") != NULL);
	/* ... identically is fine */
	ndecls = 0;
	decl("ftp", 6, 2, 0);
	decl("ftp", 6, 1, 0);
	UNIT_CHECK_EQ_INT(u, load("f"), 0);
	UNIT_CHECK_EQ_INT(u, cfg.registration_count, 2);

	UNIT_CHECK_EQ_INT(u, load("syntax-error"), -1);
}

/* "private N" bounds the helper's private data: at least what the helper
 * keeps is accepted, and the registration carries the helper's own length
 * (what its verdicts write); less is refused, naming both figures. */
static void test_private(struct unit *u)
{
	ndecls = 0;
	decl("ftp", 6, 2, 0)->priv_len = 28;
	decl("tftp", 17, 2, 0)->priv_len = 0;
	UNIT_CHECK_EQ_INT(u, load("f"), 0);
	UNIT_CHECK_EQ_INT(u, cfg.registration_count, 2);
	UNIT_CHECK_EQ_INT(u, cfg.registrations[0].priv_len, 28);
	UNIT_CHECK_EQ_INT(u, cfg.registrations[1].priv_len, 0);

	ndecls = 0;
	decl("ftp", 6, 2, 0)->priv_len = 27;
	UNIT_CHECK_EQ_INT(u, load("f"), -1);
	UNIT_CHECK(u, strstr(errbuf, "ct helper \"ftp-us\" in table inet filter: "
			     "private 27 is too small: helper \"ftp\" keeps 28 bytes") != NULL);
	UNIT_CHECK_EQ_INT(u, cfg.registration_count, 0);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_inet_registers_both),
	UNIT_CASE(test_policies_and_queues),
	UNIT_CASE(test_kernel_helpers_skipped),
	UNIT_CASE(test_errors),
	UNIT_CASE(test_private),
};

UNIT_MAIN(cases)
