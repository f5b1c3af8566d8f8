/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * listing.h - printing what the kernel holds in stock nft's layout; the
 * "list" commands and the printers the -e echo shares.
 */
#ifndef NFTP_LISTING_H
#define NFTP_LISTING_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cache.h"
#include "nft.h"
#include "rule.h"

struct nftnl_rule;
struct nftnl_obj;
struct nftnl_set;
struct nftnl_ct_helper;
struct nlmsghdr;

/* -n of the current run: priorities as numbers */
extern bool listing_numeric;

/* --debug=netlink: libnftnl's own rendering, as stock nft prints it */
void debug_rule_print(struct nft_ctx *ctx, const struct nftnl_rule *nr);
const char *hook_name(uint32_t family, uint32_t hook);
void prio_print(uint32_t family, uint32_t hook, int prio, FILE *f);
const char *l3proto_name(uint16_t l3);
const char *l4proto_name(uint8_t l4);
/*
 * A ct helper object's declaration after its comment, each line as
 * @pre LINE @sep (the listing one per line, the echo all on one).
 */
void ct_helper_decl_print(const struct nftnl_ct_helper *h, FILE *f,
			  const char *pre, const char *sep);
void ct_timeout_policy_print(struct nftnl_obj *o, FILE *f);
/* netlink_delinearize_rule()'s set lookup in a struct cache */
struct nftnl_set *cache_set_resolver(void *data, uint32_t family,
				     const char *table, const char *name);
/* listing_set.c: a named set's declaration and elements */
bool set_is_named(const struct nftnl_set *s);
bool set_is_map(const struct nftnl_set *s);
void set_decl_print(struct nft_ctx *ctx, const struct nftnl_set *s, FILE *f);
/* its properties, each as @pre PROPERTY @sep (listing and echo) */
void set_decl_body_print(const struct nftnl_set *s, FILE *f, const char *pre,
			 const char *sep);
/* the key of @s for its elements; NULL: a set not listed here yet */
struct expr *set_key_expr(const struct nftnl_set *s);
/* One "list" command; 0 or -1 (errors queued). */
int list_cmd(struct nft_ctx *ctx, struct cmd *cmd);

/* nft -e: one message of the kernel's echo (ctx->echo_data: struct echo_state) */
struct echo_state {
	struct cache sets;		/* sets echoed before rules, elements */
	struct cache kernel;		/* sets whose elements a run adds */
	bool printed;
};
void echo_cb(struct nft_ctx *ctx, const struct nlmsghdr *nlh);

#endif /* NFTP_LISTING_H */
