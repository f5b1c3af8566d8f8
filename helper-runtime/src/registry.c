// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * registry.c - the table of helper types.  The daemon core finds helpers
 * here by the name the kernel reports for a connection (CTA_HELP_NAME) or
 * the type a declaration names; it never knows a protocol itself.
 */
#include <string.h>

#include "registry.h"

extern const struct nfth_helper nfth_helper_ftp;
extern const struct nfth_helper nfth_helper_tftp;

#define REGISTRY_MAX	32

static const struct nfth_helper *helpers[REGISTRY_MAX] = {
	&nfth_helper_ftp,
	&nfth_helper_tftp,
};
static unsigned int helper_count = 2;

const char *nfth_registry_check(const struct nfth_helper *h)
{
	unsigned int i;

	if (h->api_version != NFTH_HELPER_API_VERSION)
		return "built for another plug-in API version";
	if (!h->name || !h->name[0] || strlen(h->name) >= NFTH_NAME_MAX)
		return "name missing or longer than 15 characters";
	if (!h->l4protos[0])
		return "no L4 protocol";
	if (h->priv_len > NFTH_PRIV_MAX)
		return "private data larger than 32 bytes";
	if (h->class_count < 1 || h->class_count > NFTH_CLASS_MAX)
		return "needs 1 to 4 expectation classes";
	for (i = 0; i < h->class_count; i++)
		if (!h->classes[i].name[0] || !h->classes[i].max ||
		    h->classes[i].max > 255)
			return "expectation class without name or with a size outside 1..255";
	if (!h->inspect)
		return "no inspect callback";
	return NULL;
}

const struct nfth_helper *nfth_registry_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < helper_count; i++)
		if (!strcmp(helpers[i]->name, name))
			return helpers[i];
	return NULL;
}

int nfth_registry_add(const struct nfth_helper *h, const char **why)
{
	*why = nfth_registry_check(h);
	if (*why)
		return -1;
	if (nfth_registry_find(h->name)) {
		*why = "a helper of that name is already known";
		return -1;
	}
	if (helper_count == REGISTRY_MAX) {
		*why = "too many helpers";
		return -1;
	}
	helpers[helper_count++] = h;
	return 0;
}

const struct nfth_helper *nfth_registry_get(unsigned int i)
{
	return i < helper_count ? helpers[i] : NULL;
}

bool nfth_helper_serves_l4(const struct nfth_helper *h, uint8_t l4)
{
	unsigned int i;

	for (i = 0; i < NFTH_L4PROTO_MAX && h->l4protos[i]; i++)
		if (h->l4protos[i] == l4)
			return true;
	return false;
}
