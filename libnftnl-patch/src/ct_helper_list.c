/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ct_helper_list.c - a list of ct helper objects, filled from a dump.
 *
 * The objects keep their fixed layout, so the list holds them through small
 * link nodes of its own.
 */
#include <errno.h>
#include <stdlib.h>

#include <libmnl/libmnl.h>

#include "internal.h"

struct ct_helper_node {
	struct ct_helper_node	*prev, *next;
	struct nftnl_ct_helper	*h;
};

struct nftnl_ct_helper_list {
	struct ct_helper_node	head;	/* circular, head.h unused */
	uint32_t		num;
};

struct nftnl_ct_helper_list_iter {
	const struct nftnl_ct_helper_list	*list;
	const struct ct_helper_node		*cur;
};

EXPORT_SYMBOL struct nftnl_ct_helper_list *nftnl_ct_helper_list_alloc(void)
{
	struct nftnl_ct_helper_list *list = calloc(1, sizeof(*list));

	if (list)
		list->head.prev = list->head.next = &list->head;
	return list;
}

EXPORT_SYMBOL void nftnl_ct_helper_list_free(struct nftnl_ct_helper_list *list)
{
	struct ct_helper_node *n, *next;

	for (n = list->head.next; n != &list->head; n = next) {
		next = n->next;
		nftnl_ct_helper_free(n->h);
		free(n);
	}
	free(list);
}

EXPORT_SYMBOL bool nftnl_ct_helper_list_is_empty(const struct nftnl_ct_helper_list *list)
{
	return list->head.next == &list->head;
}

EXPORT_SYMBOL uint32_t nftnl_ct_helper_list_num(const struct nftnl_ct_helper_list *list)
{
	return list->num;
}

static int ct_helper_list_link(struct nftnl_ct_helper_list *list,
			       struct nftnl_ct_helper *h,
			       struct ct_helper_node *prev)
{
	struct ct_helper_node *n = malloc(sizeof(*n));

	if (!n)
		return -1;
	n->h = h;
	n->prev = prev;
	n->next = prev->next;
	prev->next->prev = n;
	prev->next = n;
	list->num++;
	return 0;
}

/*
 * libnftnl's list_add cannot fail; ours allocates a node, so on ENOMEM the
 * object is freed rather than leaked (the list owns it either way).
 */
EXPORT_SYMBOL void nftnl_ct_helper_list_add(struct nftnl_ct_helper *h,
					    struct nftnl_ct_helper_list *list)
{
	if (ct_helper_list_link(list, h, &list->head) < 0)
		nftnl_ct_helper_free(h);
}

EXPORT_SYMBOL void nftnl_ct_helper_list_add_tail(struct nftnl_ct_helper *h,
						 struct nftnl_ct_helper_list *list)
{
	if (ct_helper_list_link(list, h, list->head.prev) < 0)
		nftnl_ct_helper_free(h);
}

EXPORT_SYMBOL void nftnl_ct_helper_list_del(struct nftnl_ct_helper *h,
					    struct nftnl_ct_helper_list *list)
{
	struct ct_helper_node *n;

	for (n = list->head.next; n != &list->head; n = n->next) {
		if (n->h != h)
			continue;
		n->prev->next = n->next;
		n->next->prev = n->prev;
		free(n);
		list->num--;
		return;
	}
}

EXPORT_SYMBOL int nftnl_ct_helper_list_foreach(struct nftnl_ct_helper_list *list,
					       int (*cb)(struct nftnl_ct_helper *h,
							 void *data),
					       void *data)
{
	struct ct_helper_node *n, *next;
	int ret;

	/* next is read first so that cb may delete its own object */
	for (n = list->head.next; n != &list->head; n = next) {
		next = n->next;
		ret = cb(n->h, data);
		if (ret < 0)
			return ret;
	}
	return 0;
}

EXPORT_SYMBOL int nftnl_ct_helper_list_parse_cb(const struct nlmsghdr *nlh,
						void *data)
{
	struct nftnl_ct_helper_list *list = data;
	struct nftnl_ct_helper *h;
	uint32_t before;

	h = nftnl_ct_helper_alloc();
	if (!h)
		return MNL_CB_ERROR;
	if (nftnl_ct_helper_nlmsg_parse(nlh, h) < 0) {
		nftnl_ct_helper_free(h);
		return errno == EOPNOTSUPP ? MNL_CB_OK : MNL_CB_ERROR;
	}
	before = list->num;
	nftnl_ct_helper_list_add_tail(h, list);
	if (list->num == before) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

EXPORT_SYMBOL struct nftnl_ct_helper_list_iter *
nftnl_ct_helper_list_iter_create(const struct nftnl_ct_helper_list *list)
{
	struct nftnl_ct_helper_list_iter *iter = malloc(sizeof(*iter));

	if (iter) {
		iter->list = list;
		iter->cur = list->head.next;
	}
	return iter;
}

EXPORT_SYMBOL struct nftnl_ct_helper *
nftnl_ct_helper_list_iter_next(struct nftnl_ct_helper_list_iter *iter)
{
	const struct ct_helper_node *n = iter->cur;

	if (n == &iter->list->head)
		return NULL;
	iter->cur = n->next;
	return n->h;
}

EXPORT_SYMBOL void
nftnl_ct_helper_list_iter_destroy(const struct nftnl_ct_helper_list_iter *iter)
{
	free((void *)iter);
}
