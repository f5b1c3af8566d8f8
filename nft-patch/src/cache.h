/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cache.h - what the kernel holds, dumped for listing and name lookups. */
#ifndef NFTP_CACHE_H
#define NFTP_CACHE_H

#include <stdint.h>

#include "nft.h"

struct nftnl_table;
struct nftnl_chain;
struct nftnl_rule;
struct nftnl_obj;
struct nftnl_ct_helper;

struct cache_obj {
	uint32_t family;
	const char *table;
	const char *name;
	uint32_t type;
	struct nftnl_ct_helper *helper;	/* NFT_OBJECT_CT_HELPER */
	struct nftnl_obj *obj;		/* other types */
};

struct nftnl_set;

struct cache {
	struct nftnl_set **sets;	/* anonymous and named sets, with elements */
	unsigned int num_sets;
	struct nftnl_table **tables;
	unsigned int num_tables;
	struct nftnl_chain **chains;
	unsigned int num_chains;
	struct nftnl_rule **rules;
	unsigned int num_rules;
	struct cache_obj *objs;
	unsigned int num_objs;
};

#define CACHE_TABLES	(1 << 0)
#define CACHE_CHAINS	(1 << 1)
#define CACHE_RULES	(1 << 2)
#define CACHE_OBJS	(1 << 3)
#define CACHE_SETS	(1 << 4)
#define CACHE_ALL	(CACHE_TABLES | CACHE_CHAINS | CACHE_RULES | CACHE_OBJS | \
			 CACHE_SETS)

/* Dump what @flags asks for, of @family (0: all) and @table (NULL: all). */
int cache_fetch(struct nft_ctx *ctx, struct cache *c, unsigned int flags,
		uint32_t family, const char *table);
void cache_free(struct cache *c);
/* The set a rule of @family/@table looks up by @name; NULL if unknown. */
struct nftnl_set *cache_find_set(const struct cache *c, uint32_t family,
				 const char *table, const char *name);

#endif /* NFTP_CACHE_H */
