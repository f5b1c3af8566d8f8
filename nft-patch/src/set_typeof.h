/* SPDX-License-Identifier: GPL-2.0-or-later */
/* set_typeof.h - "typeof EXPR" set keys and their user data. */
#ifndef NFTP_SET_TYPEOF_H
#define NFTP_SET_TYPEOF_H

#include <stdint.h>

struct datatype;
struct nftnl_udata;
struct nftnl_udata_buf;

struct typeof_key {
	const char *text;		/* as listed: "ip saddr", "iifname" */
	uint32_t kind;			/* stock's expression kind */
	uint32_t a, b;			/* its data (see set_typeof.c) */
	const struct datatype *dtype;	/* the key type it gives */
	unsigned int len;		/* bits */
	uint32_t byteorder;		/* recorded key byte order */
	bool anon_only;			/* keys of anonymous sets only */
};

/* the key an expression, printed as listed, stands for; NULL: not here */
const struct typeof_key *typeof_key_by_text(const char *text);
/* the key a set's NFTNL_UDATA_SET_KEY_TYPEOF attribute names, or NULL */
const struct typeof_key *typeof_key_by_udata(const struct nftnl_udata *attr);
/* write NFTNL_UDATA_SET_KEY_TYPEOF for @k, as stock nft does */
void typeof_key_udata(struct nftnl_udata_buf *ud, const struct typeof_key *k);

#endif /* NFTP_SET_TYPEOF_H */
