// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ct_helper_decl.c - the ct helper declaration API (include/nft/ct_helper_decl.h).
 *
 * Runs the same scanner, parser and object checks as nft, then hands every
 * ct helper object to the caller as a flat, canonical struct.  Nothing is
 * handed out unless the whole input is free of errors.
 */
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <stdlib.h>
#include <string.h>

#include "nft/ct_helper_decl.h"

#include "erec.h"
#include "evaluate.h"
#include "parser.h"
#include "rule.h"
#include "utils.h"

static void decl_fill(struct nft_ct_helper_decl *d, const struct handle *th,
		      const struct obj *obj)
{
	const struct ct_helper_spec *h = &obj->ct_helper;
	unsigned int i;

	memset(d, 0, sizeof(*d));
	d->family = th->family;
	xstrlcpy(d->table, th->table.name, sizeof(d->table));
	xstrlcpy(d->name, obj->handle.obj.name, sizeof(d->name));
	xstrlcpy(d->type, h->type.name, sizeof(d->type));
	d->l4proto = h->l4proto;
	d->l3proto = h->l3proto;
	d->userspace = h->userspace;
	if (h->userspace) {
		d->queue_num = (uint16_t)h->queue_first;
		d->queue_count = (uint16_t)(h->queue_last - h->queue_first + 1);
		d->bypass = h->bypass;
		d->queue_empty = h->queue_empty;
		d->priv_len = (uint32_t)h->priv_len;
		d->policy_count = h->policy_count;
		for (i = 0; i < h->policy_count; i++) {
			xstrlcpy(d->policy[i].name, h->policy[i].name.name,
				 sizeof(d->policy[i].name));
			d->policy[i].max = (uint32_t)h->policy[i].size;
			d->policy[i].timeout = (uint32_t)h->policy[i].timeout;
		}
	}
	if (obj->comment)
		xstrlcpy(d->comment, obj->comment, sizeof(d->comment));
}

static int objs_evaluate(struct list_head *msgs, struct list_head *cmds)
{
	struct cmd *cmd;
	struct obj *obj;
	int err = 0;

	list_for_each_entry(cmd, cmds, list) {
		if (cmd->op != CMD_ADD && cmd->op != CMD_CREATE)
			continue;
		if (cmd->obj == CMD_OBJ_CT_HELPER) {
			if (ct_helper_evaluate(msgs, cmd->handle.family,
					       cmd->object) < 0)
				err = -1;
		} else if (cmd->obj == CMD_OBJ_TABLE && cmd->table) {
			list_for_each_entry(obj, &cmd->table->objs, list) {
				if (obj->type == NFT_OBJECT_CT_HELPER &&
				    ct_helper_evaluate(msgs, cmd->handle.family,
						       obj) < 0)
					err = -1;
				if (obj->type == NFT_OBJECT_CT_EXPECT &&
				    ct_expect_evaluate(msgs, cmd->handle.family,
						       obj) < 0)
					err = -1;
				if (obj->type == NFT_OBJECT_CT_TIMEOUT &&
				    ct_timeout_evaluate(msgs, cmd->handle.family,
							obj) < 0)
					err = -1;
			}
		}
	}
	return err;
}

static int decls_emit(struct list_head *cmds, nft_ct_helper_decl_cb cb,
		      void *data)
{
	struct nft_ct_helper_decl *d = xmalloc(sizeof(*d));
	struct cmd *cmd;
	struct obj *obj;
	int ret = 0;

	list_for_each_entry(cmd, cmds, list) {
		if (cmd->op != CMD_ADD && cmd->op != CMD_CREATE)
			continue;
		if (cmd->obj == CMD_OBJ_CT_HELPER) {
			decl_fill(d, &cmd->handle, cmd->object);
			ret = cb(d, data);
		} else if (cmd->obj == CMD_OBJ_TABLE && cmd->table) {
			list_for_each_entry(obj, &cmd->table->objs, list) {
				if (obj->type != NFT_OBJECT_CT_HELPER)
					continue;
				decl_fill(d, &cmd->handle, obj);
				ret = cb(d, data);
				if (ret)
					break;
			}
		}
		if (ret)
			break;
	}
	free(d);
	return ret;
}

static int decls_parse(enum input_descriptor_types type, const char *name,
		       const char *buf, FILE *errfp, nft_ct_helper_decl_cb cb,
		       void *data)
{
	LIST_HEAD_DECL(msgs);
	LIST_HEAD_DECL(cmds);
	struct parser_state state;
	void *scanner;
	int ret;

	parser_init(&state, &msgs, &cmds);
	parser_add_include_path(&state, DEFAULT_INCLUDE_PATH);
	scanner = scanner_init(&state);
	if (!scanner) {
		parser_exit(&state);
		return -1;
	}
	if (type == INDESC_FILE)
		ret = scanner_read_file(scanner, name, &internal_location);
	else
		ret = (scanner_push_buffer(scanner, type, name, buf), 0);
	if (ret == 0)
		ret = parser_run(scanner, &state);
	if (ret != 0 || state.nerrs || !list_empty(&msgs))
		ret = -1;
	if (ret == 0 && objs_evaluate(&msgs, &cmds) < 0)
		ret = -1;

	if (ret < 0) {
		erec_print_list(errfp ? errfp : stderr, &msgs);
	} else {
		erec_free_list(&msgs);
		ret = decls_emit(&cmds, cb, data);
	}
	cmd_list_free(&cmds);
	scanner_destroy(scanner);
	parser_exit(&state);
	return ret;
}

int nft_ct_helper_decls_parse_file(const char *path, FILE *errfp,
				   nft_ct_helper_decl_cb cb, void *data)
{
	return decls_parse(INDESC_FILE, path, NULL, errfp, cb, data);
}

int nft_ct_helper_decls_parse_buffer(const char *buf, const char *name,
				     FILE *errfp, nft_ct_helper_decl_cb cb,
				     void *data)
{
	return decls_parse(INDESC_BUFFER, name ? name : "buffer", buf, errfp,
			   cb, data);
}
