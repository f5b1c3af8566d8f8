// SPDX-License-Identifier: GPL-2.0-or-later
/* rule_alloc.c - life cycle of tables, chains, rules, objects and commands. */
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "utils.h"

static void name_spec_free(struct name_spec *n)
{
	free(n->name);
	n->name = NULL;
}

void handle_free(struct handle *h)
{
	name_spec_free(&h->table);
	name_spec_free(&h->chain);
	name_spec_free(&h->obj);
}

static void name_spec_copy(struct name_spec *dst, const struct name_spec *src)
{
	dst->location = src->location;
	dst->name = src->name ? xstrdup(src->name) : NULL;
}

void handle_copy(struct handle *dst, const struct handle *src)
{
	*dst = *src;
	name_spec_copy(&dst->table, &src->table);
	name_spec_copy(&dst->chain, &src->chain);
	name_spec_copy(&dst->obj, &src->obj);
}

struct table *table_alloc(void)
{
	struct table *t = xzalloc(sizeof(*t));

	init_list_head(&t->list);
	init_list_head(&t->chains);
	init_list_head(&t->objs);
	init_list_head(&t->sets);
	return t;
}

void table_free(struct table *t)
{
	struct chain *c, *cn;
	struct obj *o, *on;
	struct set *st, *stn;

	if (!t)
		return;
	list_for_each_entry_safe(st, stn, &t->sets, list) {
		list_del(&st->list);
		set_free(st);
	}
	list_for_each_entry_safe(c, cn, &t->chains, list) {
		list_del(&c->list);
		chain_free(c);
	}
	list_for_each_entry_safe(o, on, &t->objs, list) {
		list_del(&o->list);
		obj_free(o);
	}
	handle_free(&t->handle);
	free(t->comment);
	free(t);
}

struct chain *chain_alloc(void)
{
	struct chain *c = xzalloc(sizeof(*c));

	init_list_head(&c->list);
	init_list_head(&c->rules);
	c->policy = -1;
	return c;
}

void chain_free(struct chain *c)
{
	struct rule *r, *rn;

	if (!c)
		return;
	list_for_each_entry_safe(r, rn, &c->rules, list) {
		list_del(&r->list);
		rule_free(r);
	}
	handle_free(&c->handle);
	name_spec_free(&c->type);
	name_spec_free(&c->hook);
	name_spec_free(&c->dev);
	free(c->priority.name);
	free(c->comment);
	free(c);
}

struct rule *rule_alloc(const struct location *loc)
{
	struct rule *r = xzalloc(sizeof(*r));

	init_list_head(&r->list);
	init_list_head(&r->stmts);
	if (loc)
		r->location = *loc;
	return r;
}

void rule_free(struct rule *r)
{
	struct stmt *s, *sn;

	if (!r)
		return;
	list_for_each_entry_safe(s, sn, &r->stmts, list) {
		list_del(&s->list);
		stmt_free(s);
	}
	handle_free(&r->handle);
	free(r->comment);
	free(r);
}

struct obj *obj_alloc(const struct location *loc, uint32_t type)
{
	struct obj *o = xzalloc(sizeof(*o));

	init_list_head(&o->list);
	o->type = type;
	if (loc)
		o->location = *loc;
	return o;
}

void obj_free(struct obj *o)
{
	unsigned int i;

	if (!o)
		return;
	handle_free(&o->handle);
	free(o->comment);
	if (o->type == NFT_OBJECT_CT_TIMEOUT) {
		for (i = 0; i < o->ct_timeout.num &&
			    i < CT_TIMEOUT_STATES_MAX; i++)
			free(o->ct_timeout.policy[i].state.name);
	}
	if (o->type == NFT_OBJECT_CT_HELPER) {
		free(o->ct_helper.type.name);
		for (i = 0; i < o->ct_helper.policy_count &&
			    i < CT_HELPER_POLICY_PARSE_MAX; i++)
			free(o->ct_helper.policy[i].name.name);
	}
	free(o);
}

struct cmd *cmd_alloc(enum cmd_ops op, enum cmd_obj obj, struct handle *h,
		      const struct location *loc, void *data)
{
	struct cmd *cmd = xzalloc(sizeof(*cmd));

	init_list_head(&cmd->list);
	cmd->op = op;
	cmd->obj = obj;
	if (h)
		cmd->handle = *h;	/* takes ownership of the names */
	if (loc)
		cmd->location = *loc;
	cmd->data = data;
	return cmd;
}

struct set *set_alloc(void)
{
	struct set *s = xzalloc(sizeof(*s));

	init_list_head(&s->list);
	return s;
}

void set_free(struct set *s)
{
	if (!s)
		return;
	handle_free(&s->handle);
	free(s->key_type.name);
	free(s->bad_flag.name);
	free(s->data_type.name);
	expr_free(s->init);
	expr_free(s->typeof_expr);
	free(s->comment);
	free(s);
}

void cmd_free(struct cmd *cmd)
{
	handle_free(&cmd->handle);
	switch (cmd->obj) {
	case CMD_OBJ_TABLE:
		table_free(cmd->table);
		break;
	case CMD_OBJ_CHAIN:
		chain_free(cmd->chain);
		break;
	case CMD_OBJ_RULE:
		rule_free(cmd->rule);
		break;
	case CMD_OBJ_CT_HELPER:
	case CMD_OBJ_CT_EXPECT:
	case CMD_OBJ_CT_TIMEOUT:
		obj_free(cmd->object);
		break;
	case CMD_OBJ_SET:
	case CMD_OBJ_MAP:
		set_free(cmd->set);
		break;
	case CMD_OBJ_ELEMENTS:
		expr_free(cmd->expr);
		break;
	default:
		break;
	}
	free(cmd->arg);
	free(cmd);
}

void cmd_list_free(struct list_head *cmds)
{
	struct cmd *cmd, *next;

	list_for_each_entry_safe(cmd, next, cmds, list) {
		list_del(&cmd->list);
		cmd_free(cmd);
	}
}

const char *family_name(uint32_t family)
{
	switch (family) {
	case NFPROTO_IPV4:	return "ip";
	case NFPROTO_IPV6:	return "ip6";
	case NFPROTO_INET:	return "inet";
	case NFPROTO_ARP:	return "arp";
	case NFPROTO_BRIDGE:	return "bridge";
	case NFPROTO_NETDEV:	return "netdev";
	default:		return "unknown";
	}
}
