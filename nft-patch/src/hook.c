// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hook.c - the names of the inet family's hooks, one table for evaluation
 * (a base chain's "hook NAME") and for listing.
 */
#include <linux/netfilter.h>
#include <string.h>

#include "rule.h"
#include "utils.h"

static const char *const hook_names[] = {
	[NF_INET_PRE_ROUTING]	= "prerouting",
	[NF_INET_LOCAL_IN]	= "input",
	[NF_INET_FORWARD]	= "forward",
	[NF_INET_LOCAL_OUT]	= "output",
	[NF_INET_POST_ROUTING]	= "postrouting",
	[NF_INET_INGRESS]	= "ingress",
};

int inet_hook_lookup(const char *name)
{
	unsigned int i;

	for (i = 0; i < array_size(hook_names); i++)
		if (hook_names[i] && !strcmp(hook_names[i], name))
			return i;
	return -1;
}

const char *inet_hook_name(uint32_t hook)
{
	return hook < array_size(hook_names) ? hook_names[hook] : "unknown";
}
