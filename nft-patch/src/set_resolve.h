/* SPDX-License-Identifier: GPL-2.0-or-later */
/* set_resolve.h - named sets by name: this run's declarations, the kernel's. */
#ifndef NFTP_SET_RESOLVE_H
#define NFTP_SET_RESOLVE_H

#include "list.h"
#include "nft.h"

/*
 * Check every @name lookup and element command of @cmds against the set
 * it names (declared earlier in @cmds or in the kernel): key types, and
 * element values parsed with the set's key.  0 or -1 (errors queued).
 */
int sets_resolve(struct nft_ctx *ctx, struct list_head *cmds);

#endif /* NFTP_SET_RESOLVE_H */
