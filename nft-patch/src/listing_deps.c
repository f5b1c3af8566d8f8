// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * listing_deps.c - the mirror of evaluation's protocol dependencies: the
 * matches stock nft takes for another statement's dependency are left out
 * of a listed rule ("meta l4proto tcp" before "tcp dport 22"), with the
 * quirks of stock 1.0.6 kept (see is_dependency_of).
 */
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>

#include "datatype.h"
#include "expression.h"
#include "netlink.h"
#include "proto.h"

static bool family_has_l3(uint32_t family)
{
	return family == NFPROTO_IPV4 || family == NFPROTO_IPV6 ||
	       family == NFPROTO_INET;
}

static bool is_dependency_of(const struct stmt *dep, const struct stmt *user,
			     uint32_t family)
{
	const struct expr *rel, *l, *r, *ul;

	if (dep->type != STMT_EXPRESSION)
		return false;
	rel = dep->expr;
	l = rel->binary.left;
	r = rel->binary.right;
	if (rel->op != OP_IMPLICIT || r->etype != EXPR_VALUE)
		return false;

	/* stock nft keeps this one visible in inet tables */
	if (user->type == STMT_REJECT && user->reject.type == NFT_REJECT_TCP_RST)
		return family != NFPROTO_INET && r->value.data[0] == IPPROTO_TCP &&
		       ((l->etype == EXPR_META && l->meta.key == NFT_META_L4PROTO) ||
			(family == NFPROTO_IPV4 && l->etype == EXPR_PAYLOAD &&
			 l->payload.proto == PROTO_IP &&
			 l->payload.field == IPHDR_PROTOCOL) ||
			(family == NFPROTO_IPV6 && l->etype == EXPR_PAYLOAD &&
			 l->payload.proto == PROTO_IP6 &&
			 l->payload.field == IP6HDR_NEXTHDR));

	/* inet: "meta nfproto ipv4" chose the icmp flavour of a reject */
	if (user->type == STMT_REJECT &&
	    user->reject.type == NFT_REJECT_ICMP_UNREACH)
		return family == NFPROTO_INET && l->etype == EXPR_META &&
		       l->meta.key == NFT_META_NFPROTO &&
		       r->value.data[0] == user->reject.icmp_family;

	if (user->type != STMT_EXPRESSION)
		return false;
	ul = user->expr->binary.left;
	if (ul->etype == EXPR_MASK)	/* "tcp flags & syn == syn" */
		ul = ul->binary.left;
	/* "ct l3proto" right before a header match (not th), "meta l4proto"
	 * or "ct protocol": stock lists it as that match's dependency */
	if (l->etype == EXPR_CT && l->ct.key == NFT_CT_L3PROTOCOL)
		return family_has_l3(family) &&
		       ((ul->etype == EXPR_PAYLOAD && ul->payload.desc &&
			 !ul->payload.desc->no_dependency) ||
			(ul->etype == EXPR_META && ul->meta.key == NFT_META_L4PROTO) ||
			(ul->etype == EXPR_CT && ul->ct.key == NFT_CT_PROTOCOL));
	if (ul->etype != EXPR_PAYLOAD || !ul->payload.desc)
		return false;
	if (ul->payload.desc->base == PROTO_BASE_TRANSPORT_HDR) {
		if (ul->payload.desc->no_dependency)
			return false;
		if (family == NFPROTO_INET && ul->payload.desc->l3protocol &&
		    l->etype == EXPR_META && l->meta.key == NFT_META_NFPROTO)
			return r->value.data[0] == ul->payload.desc->l3protocol;
		/* in inet, "ip protocol" needed its own dependency: it stays */
		if ((l->etype == EXPR_META && l->meta.key == NFT_META_L4PROTO) ||
		    (family != NFPROTO_INET && l->etype == EXPR_CT &&
		     l->ct.key == NFT_CT_PROTOCOL) ||
		    (family == NFPROTO_IPV4 && l->etype == EXPR_PAYLOAD &&
		     l->payload.proto == PROTO_IP &&
		     l->payload.field == IPHDR_PROTOCOL) ||
		    (family == NFPROTO_IPV6 && l->etype == EXPR_PAYLOAD &&
		     l->payload.proto == PROTO_IP6 &&
		     l->payload.field == IP6HDR_NEXTHDR))
			return r->value.data[0] == ul->payload.desc->protocol;
		return false;
	}
	/* stock nft 1.0.6 takes any "meta protocol" right before a network
	 * header match in an ip or ip6 table for its dependency (even a
	 * contradicting one: it is in the bytecode, not in the listing) */
	if ((family == NFPROTO_IPV4 || family == NFPROTO_IPV6) &&
	    l->etype == EXPR_META && l->meta.key == NFT_META_PROTOCOL)
		return true;
	return family == NFPROTO_INET && l->etype == EXPR_META &&
	       l->meta.key == NFT_META_NFPROTO &&
	       r->value.data[0] == ul->payload.desc->protocol;
}

/*
 * A dependency sits right before the statement that needed it; removing
 * one can make the one before it adjacent to its user (inet icmp: nfproto,
 * l4proto, icmp type), so repeat until nothing changes.
 */
void listing_dependencies_remove(struct rule *rule, uint32_t family)
{
	struct stmt *stmt, *next;
	bool changed = true;

	while (changed) {
		changed = false;
		list_for_each_entry_safe(stmt, next, &rule->stmts, list) {
			if (&next->list == &rule->stmts)
				break;
			if (is_dependency_of(stmt, next, family)) {
				list_del(&stmt->list);
				stmt_free(stmt);
				rule->num_stmts--;
				changed = true;
				break;
			}
		}
	}
}
