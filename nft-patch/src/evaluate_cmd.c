// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * evaluate_cmd.c - checks of commands, tables and chains (hooks,
 * priorities, policies, devices); rules go to rule_evaluate (evaluate.c).
 */
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter_arp.h>
#include <stdlib.h>
#include <string.h>

#include "datatype.h"
#include "evaluate.h"
#include "expression.h"
#include "utils.h"

struct prio_name {
	const char *name;
	int value;
};

static const struct prio_name prio_names[] = {
	{ "raw", -300 },
	{ "mangle", -150 },
	{ "dstnat", -100 },
	{ "filter", 0 },
	{ "security", 50 },
	{ "srcnat", 100 },
};


int chain_prio_from_name(const char *name, int *value)
{
	unsigned int i;

	for (i = 0; i < array_size(prio_names); i++) {
		if (!strcmp(prio_names[i].name, name)) {
			*value = prio_names[i].value;
			return 0;
		}
	}
	return -1;
}

static int bridge_prio_from_name(const char *name, int *value)
{
	static const struct prio_name bridge[] = {
		{ "dstnat", -300 },
		{ "filter", -200 },
		{ "out", 100 },
		{ "srcnat", 300 },
	};
	unsigned int i;

	for (i = 0; i < array_size(bridge); i++) {
		if (!strcmp(bridge[i].name, name)) {
			*value = bridge[i].value;
			return 0;
		}
	}
	return -1;
}

static int chain_evaluate(struct list_head *msgs, uint32_t family,
			  struct chain *chain)
{
	struct rule *rule;
	unsigned int i;
	int err = 0, base, hook;

	if (name_evaluate(msgs, &chain->handle.chain, "chain") < 0)
		return -1;
	if (chain->base) {
		if (strcmp(chain->type.name, "filter") &&
		    strcmp(chain->type.name, "nat") &&
		    strcmp(chain->type.name, "route"))
			return erec_queue_error(msgs, &chain->type.location,
						"unknown chain type");
		hook = inet_hook_lookup(chain->hook.name);
		if (hook < 0)
			return erec_queue_error(msgs, &chain->hook.location,
						"unknown chain hook");
		i = hook;
		if (family == NFPROTO_NETDEV) {
			if (i != NF_INET_INGRESS)
				return erec_queue_error(msgs, &chain->hook.location,
							"unknown chain hook");
			i = NF_NETDEV_INGRESS;
			if (!chain->dev.name)
				return erec_queue_error(msgs, &chain->hook.location,
							"Missing `device' in this chain definition");
		} else if (family == NFPROTO_ARP) {
			if (i == NF_INET_LOCAL_IN)
				i = NF_ARP_IN;
			else if (i == NF_INET_LOCAL_OUT)
				i = NF_ARP_OUT;
			else if (i == NF_INET_FORWARD)
				i = NF_ARP_FORWARD;
			else
				return erec_queue_error(msgs, &chain->hook.location,
							"unknown chain hook");
		} else if (i == NF_INET_INGRESS && family != NFPROTO_INET) {
			return erec_queue_error(msgs, &chain->hook.location,
						"unknown chain hook");
		}
		chain->hooknum = i;
		if (chain->priority.name) {
			if (family == NFPROTO_BRIDGE ?
			    bridge_prio_from_name(chain->priority.name, &base) < 0 :
			    chain_prio_from_name(chain->priority.name, &base) < 0)
				return erec_queue_error(msgs, &chain->priority.location,
							"'%s' is invalid priority in this context.",
							chain->priority.name);
			chain->priority_value = base + (int)chain->priority.num;
		} else {
			chain->priority_value = (int)chain->priority.num;
		}
		if (chain->dev.name && family != NFPROTO_NETDEV &&
		    !(family == NFPROTO_INET && chain->hooknum == NF_INET_INGRESS))
			return erec_queue_error(msgs, &chain->dev.location,
						"This chain type cannot be bound to a device");
	} else if (chain->policy >= 0) {
		return erec_queue_error(msgs, &chain->policy_loc,
					"policy is only valid on base chains");
	}
	list_for_each_entry(rule, &chain->rules, list)
		if (rule_evaluate(msgs, family, rule) < 0)
			err = -1;
	return err;
}

static int table_evaluate(struct list_head *msgs, struct table *table)
{
	uint32_t family = table->handle.family;
	struct chain *chain;
	struct obj *obj;
	struct set *set;
	int err = 0;

	if (name_evaluate(msgs, &table->handle.table, "table") < 0)
		return -1;
	list_for_each_entry(obj, &table->objs, list) {
		if (obj->type == NFT_OBJECT_CT_HELPER &&
		    ct_helper_evaluate(msgs, family, obj) < 0)
			err = -1;
		if (obj->type == NFT_OBJECT_CT_EXPECT &&
		    ct_expect_evaluate(msgs, family, obj) < 0)
			err = -1;
		if (obj->type == NFT_OBJECT_CT_TIMEOUT &&
		    ct_timeout_evaluate(msgs, family, obj) < 0)
			err = -1;
	}
	list_for_each_entry(set, &table->sets, list)
		if (set_decl_evaluate(msgs, family, set) < 0)
			err = -1;
	list_for_each_entry(chain, &table->chains, list)
		if (chain_evaluate(msgs, family, chain) < 0)
			err = -1;
	return err;
}

int cmd_evaluate(struct list_head *msgs, struct cmd *cmd)
{
	uint32_t family = cmd->handle.family;

	if (cmd->handle.table.name &&
	    name_evaluate(msgs, &cmd->handle.table, "table") < 0)
		return -1;
	switch (cmd->op) {
	case CMD_ADD:
	case CMD_CREATE:
	case CMD_INSERT:
	case CMD_REPLACE:
		switch (cmd->obj) {
		case CMD_OBJ_TABLE:
			return cmd->table ? table_evaluate(msgs, cmd->table) : 0;
		case CMD_OBJ_CHAIN:
			return chain_evaluate(msgs, family, cmd->chain);
		case CMD_OBJ_RULE:
			return rule_evaluate(msgs, family, cmd->rule);
		case CMD_OBJ_CT_HELPER:
			return ct_helper_evaluate(msgs, family, cmd->object);
		case CMD_OBJ_CT_EXPECT:
			return ct_expect_evaluate(msgs, family, cmd->object);
		case CMD_OBJ_CT_TIMEOUT:
			return ct_timeout_evaluate(msgs, family, cmd->object);
		case CMD_OBJ_SET:
		case CMD_OBJ_MAP:
			return cmd->set ? set_decl_evaluate(msgs, family, cmd->set) : 0;
		default:
			break;
		}
		break;
	case CMD_DELETE:
	case CMD_FLUSH:
	case CMD_LIST:
		if (cmd->handle.obj.name &&
		    (cmd->obj == CMD_OBJ_SET || cmd->obj == CMD_OBJ_MAP ||
		     cmd->obj == CMD_OBJ_ELEMENTS))
			return name_evaluate(msgs, &cmd->handle.obj, "set");
		break;
	case CMD_RENAME:
		if (strlen(cmd->arg) >= NFT_NAME_MAXLEN)
			return erec_queue_error(msgs, &cmd->location,
						"chain name too long");
		break;
	default:
		break;
	}
	return 0;
}
