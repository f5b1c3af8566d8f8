/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ct_helper_decl.h - the one grammar for ct helper declarations.
 *
 * nft-patch's scanner and parser, exposed as a small library so that every
 * program that reads "ct helper" objects from nft files (nft itself,
 * nft-helperd in compatible mode) accepts exactly the same language and
 * reports errors in exactly the same form as nft does.
 *
 * Link: -I<top>/nft-patch/include <top>/nft-patch/build/libnftparse.a
 */
#ifndef NFT_CT_HELPER_DECL_H
#define NFT_CT_HELPER_DECL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define NFT_CT_HELPER_DECL_POLICY_MAX 4

struct nft_ct_helper_policy_decl {
	char     name[16];	/* expectation class */
	uint32_t max;		/* "size" */
	uint32_t timeout;	/* seconds */
};

struct nft_ct_helper_decl {
	uint32_t family;	/* table family: NFPROTO_IPV4 / IPV6 / INET ... */
	char     table[256];
	char     name[256];	/* object name */
	char     type[16];	/* helper type, e.g. "ftp" */
	uint8_t  l4proto;	/* IPPROTO_TCP / IPPROTO_UDP */
	uint16_t l3proto;	/* NFPROTO_IPV4 / IPV6 / INET (default: the
				 * table family; for inet tables that is
				 * INET, as stock nft 1.0.6 + kernel list it:
				 * both ip and ip6) */
	bool     userspace;	/* "userspace queue ..." present */
	uint16_t queue_num;
	uint16_t queue_count;	/* >= 1 ("queue 3-6" -> num 3, count 4) */
	bool     bypass;
	bool     queue_empty;	/* "empty": packets without layer 4 payload
				 * are queued too (else they pass unqueued) */
	uint32_t priv_len;	/* bytes of helper private data, 0..32
				 * (default 32: "private N" not written) */
	unsigned int policy_count;	/* canonical: >= 1 when userspace
					 * (default: one class named after the
					 * type, size 1, timeout 300) */
	struct nft_ct_helper_policy_decl policy[NFT_CT_HELPER_DECL_POLICY_MAX];
	char     comment[256];
};

typedef int (*nft_ct_helper_decl_cb)(const struct nft_ct_helper_decl *decl,
				     void *data);

/*
 * Parse an nft file (table blocks and "add ct helper" commands; "include"
 * honoured).  All of it is parsed and checked first; only if there is no
 * error is cb called for every ct helper object, in file order.  Errors are
 * printed nft-style (file:line:cols, source line, carets) to errfp.
 * Returns 0, or -1 on error (cb never called), or cb's non-zero.
 */
int nft_ct_helper_decls_parse_file(const char *path, FILE *errfp,
				   nft_ct_helper_decl_cb cb, void *data);

/* Same from a string buffer; name is used in error locations. */
int nft_ct_helper_decls_parse_buffer(const char *buf, const char *name,
				     FILE *errfp, nft_ct_helper_decl_cb cb,
				     void *data);

#endif /* NFT_CT_HELPER_DECL_H */
