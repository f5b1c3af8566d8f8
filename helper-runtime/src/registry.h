/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * registry.h - the helper types nft-helperd knows: the built-ins and any
 * plug-ins loaded with --plugin.
 */
#ifndef NFTH_REGISTRY_H
#define NFTH_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>

#include <nft-helperd/helper.h>

/* Helper of type @name, or NULL. */
const struct nfth_helper *nfth_registry_find(const char *name);
/* Check a helper description; returns NULL or a reason it is unusable. */
const char *nfth_registry_check(const struct nfth_helper *h);
/* Add @h (checked); returns 0, or -1 with *why set. */
int nfth_registry_add(const struct nfth_helper *h, const char **why);
/* Does @h follow layer 4 protocol @l4 (one of its l4protos)? */
bool nfth_helper_serves_l4(const struct nfth_helper *h, uint8_t l4);
/* Iterate: returns the i-th helper or NULL past the end. */
const struct nfth_helper *nfth_registry_get(unsigned int i);

#endif
