/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cthelper.h - compatible mode's registration of user-space helpers with
 * the kernel through nfnetlink_cthelper (what "nfct add helper" does).
 */
#ifndef NFTH_CTHELPER_H
#define NFTH_CTHELPER_H

#include <stddef.h>
#include <stdint.h>

#include <nft-helperd/helper.h>

struct mnl_socket;

/* Room for one request or answer on a control socket. */
#define NFTH_NL_BUF	8192

/* One kernel helper: a name for one L3/L4 protocol pair. */
struct nfth_registration {
	char name[NFTH_NAME_MAX];	/* helper type, as the kernel knows it */
	uint16_t l3proto;		/* NFPROTO_IPV4 or NFPROTO_IPV6 */
	uint8_t l4proto;
	uint16_t queue;
	uint32_t priv_len;
	unsigned int class_count;
	struct nfth_expect_class classes[NFTH_CLASS_MAX];
};

/* Build NFNL_MSG_CTHELPER_NEW (create, or update if it exists) or _DEL
 * for @r into @buf; returns the message length. */
size_t nfth_cthelper_build_new(char *buf, size_t size, uint32_t seq,
			       const struct nfth_registration *r);
size_t nfth_cthelper_build_del(char *buf, size_t size, uint32_t seq,
			       const struct nfth_registration *r);

/* Build NFNL_MSG_CTHELPER_NEW that only points the existing helper
 * @r->name/l3proto/l4proto at @r->queue and enables it: no private data
 * length and no policies, so the kernel keeps those of whoever registered
 * it (e.g. "nfct add helper", which leaves it disabled on queue 0). */
size_t nfth_cthelper_build_enable(char *buf, size_t size, uint32_t seq,
				  const struct nfth_registration *r);

/* Send and wait for the kernel's answer: 0 or -errno. */
int nfth_cthelper_register(struct mnl_socket *nl,
			   const struct nfth_registration *r);
int nfth_cthelper_unregister(struct mnl_socket *nl,
			     const struct nfth_registration *r);
int nfth_cthelper_enable(struct mnl_socket *nl,
			 const struct nfth_registration *r);

/* Send one request with NLM_F_ACK and wait for its answer: 0 or -errno. */
int nfth_nl_talk(struct mnl_socket *nl, char *buf, size_t len);

#endif
