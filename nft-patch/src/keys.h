/* SPDX-License-Identifier: GPL-2.0-or-later */
/* keys.h - meta and ct keys: names and value types (meta.c, ct.c). */
#ifndef NFTP_KEYS_H
#define NFTP_KEYS_H

#include <stdbool.h>

#include "datatype.h"

struct key_template {
	const char *token;
	const struct datatype *dtype;
	unsigned int len;		/* bits */
	bool unqualified;		/* meta: listed without "meta " */
};

/* NULL for a key this nft does not support */
const struct key_template *meta_key_template(unsigned int key);
const struct key_template *ct_key_template(unsigned int key);

#endif /* NFTP_KEYS_H */
