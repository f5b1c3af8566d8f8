/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rule_run.h - running parsed and evaluated commands against the kernel. */
#ifndef NFTP_RULE_RUN_H
#define NFTP_RULE_RUN_H

#include <stdint.h>

#include "list.h"
#include "nft.h"
#include "rule.h"

/* All changes in one batch, then the listings.  0 or -1 (errors queued). */
int nft_run_cmds(struct nft_ctx *ctx, struct list_head *cmds);

/* the kernel object type (NFT_OBJECT_*) of an object command */
uint32_t cmd_obj_type(enum cmd_obj obj);

#endif /* NFTP_RULE_RUN_H */
