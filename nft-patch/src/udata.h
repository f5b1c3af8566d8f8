/* SPDX-License-Identifier: GPL-2.0-or-later */
/* udata.h - comments in user data, as stock nft stores them. */
#ifndef NFTP_UDATA_H
#define NFTP_UDATA_H

#include <stdint.h>

/* @comment as a TLV of @type; *len set, the result malloc'ed */
void *comment_udata(const char *comment, uint8_t type, uint32_t *len);
/* the comment of @type in user data, NULL if none */
const char *udata_comment(const void *data, uint32_t len, uint8_t type);

#endif /* NFTP_UDATA_H */
