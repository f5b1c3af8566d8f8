// SPDX-License-Identifier: GPL-2.0-or-later
/* print.c - expressions and statements in stock nft 1.0.6's listing syntax. */
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <string.h>

#include "datatype.h"
#include "expression.h"
#include "keys.h"
#include "netlink.h"
#include "proto.h"
#include "utils.h"

bool print_stateless;

static const char *const op_names[] = {
	[OP_EQ]		= "==",
	[OP_NEQ]	= "!=",
	[OP_LT]		= "<",
	[OP_GT]		= ">",
	[OP_LTE]	= "<=",
	[OP_GTE]	= ">=",
};

static void value_print(const struct expr *e, FILE *f)
{
	datatype_print(e->dtype, e->value.data, (e->len + 7) / 8, f);
}

/* host-order flags as stock nft shows a decomposed value: "a | b" */
static void bits_print(const struct expr *r, uint64_t v, bool names, FILE *f)
{
	const char *name;
	bool first = true;
	unsigned int i;

	for (i = 0; i < 64; i++) {
		if (!(v & (1ULL << i)))
			continue;
		name = names && !datatype_numeric ?
		       datatype_symbol(r->dtype, 1ULL << i) : NULL;
		fputs(first ? "" : " | ", f);
		if (name)
			fputs(name, f);
		else
			fprintf(f, "0x%llx", 1ULL << i);
		first = false;
	}
	if (first)
		fputs("0x0", f);
}

/*
 * A compare of flags against a value lists as stock nft 1.0.6 lists it:
 * a value with a name is that name ("== syn"); host-order flags decompose
 * into their bits ("established | related", ordered: "0x2 | 0x4", where
 * "==" is not printed); network-order ones print as one hex number.
 */
static void bitmask_relational_print(const struct expr *e, FILE *f)
{
	const struct expr *r = e->binary.right;
	uint64_t v = value_get(r->value.data, (r->len + 7) / 8, r->byteorder);
	bool host = r->byteorder == BYTEORDER_HOST_ENDIAN;
	bool ordering = e->op >= OP_LT && e->op <= OP_GTE;
	const char *name = datatype_symbol(r->dtype, v);

	if (ordering && host) {
		fprintf(f, "%s ", op_names[e->op]);
		bits_print(r, v, false, f);
	} else if (name && datatype_numeric) {
		/* -n: the form of a named value, as a number */
		fprintf(f, "%s 0x%llx", op_names[e->op], (unsigned long long)v);
	} else if (name) {
		fprintf(f, "%s %s", op_names[e->op], name);
	} else if (host) {
		if (e->op == OP_NEQ)
			fputs("!= ", f);
		bits_print(r, v, true, f);
	} else {
		fprintf(f, "%s 0x%llx", op_names[e->op], (unsigned long long)v);
	}
}

/*
 * A compared name that ends in a literal star prints that star escaped,
 * so that it reads back the same ("dummy\*"); stock nft does not escape
 * it in sets.  Returns whether it printed @r.
 */
static bool name_with_star_print(const struct expr *r, FILE *f)
{
	const char *s = (const char *)r->value.data;
	int n;

	if (r->etype != EXPR_VALUE || !r->dtype ||
	    !(r->dtype->flags & DTYPE_F_STRING) || (r->flags & EXPR_F_WILDCARD))
		return false;
	n = (int)strnlen(s, (r->len + 7) / 8);
	if (!n || s[n - 1] != '*')
		return false;
	fprintf(f, "\"%.*s\\*\"", n - 1, s);
	return true;
}

static bool is_single_bit(uint64_t v)
{
	return v && !(v & (v - 1));
}

/*
 * A masked compare, in stock nft 1.0.6's words: for flags, "syn / syn,ack"
 * (value / mask; "!= " before it for inequality), "! syn" (none of these)
 * or, for one flag compared with itself, "& syn == syn"; for marks always
 * "& 0x000000ff == 0x00000001".
 */
static void mask_relational_print(const struct expr *e, FILE *f)
{
	const struct expr *m = e->binary.left, *r = e->binary.right;
	const struct expr *inner = m->binary.left, *mask = m->binary.right;
	unsigned int n = (r->len + 7) / 8;
	uint64_t mv = value_get(mask->value.data, n, mask->byteorder);
	uint64_t v = value_get(r->value.data, n, r->byteorder);

	expr_print(inner, f);
	if (!(inner->dtype->flags & DTYPE_F_BITMASK) ||
	    (e->op != OP_EQ && e->op != OP_NEQ) ||
	    (is_single_bit(mv) && v == mv)) {
		fputs(" & ", f);
		expr_print(mask, f);
		fprintf(f, " %s ", op_names[e->op]);
		expr_print(r, f);
		return;
	}
	if (v == 0 && e->op == OP_EQ) {
		fputs(" ! ", f);
		expr_print(mask, f);
		return;
	}
	fputs(e->op == OP_NEQ ? " != " : " ", f);
	expr_print(r, f);
	fputs(" / ", f);
	expr_print(mask, f);
}

static void relational_print(const struct expr *e, FILE *f)
{
	const struct expr *r = e->binary.right;

	if (e->binary.left->etype == EXPR_MASK) {
		mask_relational_print(e, f);
		return;
	}

	expr_print(e->binary.left, f);
	fputc(' ', f);
	if (e->op == OP_VMAP) {
		fputs("vmap ", f);
		expr_print(r, f);
		return;
	}
	if (e->op != OP_IMPLICIT && r->etype == EXPR_VALUE && r->dtype &&
	    (r->dtype->flags & DTYPE_F_BITMASK)) {
		bitmask_relational_print(e, f);
		return;
	}
	if (e->op != OP_IMPLICIT && e->op != OP_EQ)
		fprintf(f, "%s ", op_names[e->op]);
	if (!name_with_star_print(r, f))
		expr_print(r, f);
}

void expr_print(const struct expr *e, FILE *f)
{
	const struct key_template *k;

	switch (e->etype) {
	case EXPR_VALUE:
		if (!e->dtype && e->len <= 64)
			/* raw data: one hex number */
			fprintf(f, "0x%llx", (unsigned long long)
				value_get(e->value.data, (e->len + 7) / 8,
					  BYTEORDER_BIG_ENDIAN));
		else if (e->flags & EXPR_F_WILDCARD)
			fprintf(f, "\"%.*s*\"", (int)strnlen((const char *)e->value.data,
							     e->len / 8),
				(const char *)e->value.data);
		else
			value_print(e, f);
		break;
	case EXPR_SYMBOL:
		if (e->sym.symtype == SYMBOL_QUOTED)
			fprintf(f, "\"%s\"", e->sym.identifier);
		else
			fputs(e->sym.identifier, f);
		break;
	case EXPR_SET: {
		const struct expr *sub;
		bool first = true;

		fputs("{ ", f);
		list_for_each_entry(sub, &e->compound.exprs, list) {
			if (!first)
				fputs(", ", f);
			expr_print(sub, f);
			first = false;
		}
		fputs(" }", f);
		break;
	}
	case EXPR_SET_REF:
		fprintf(f, "@%s", e->sym.identifier);
		break;
	case EXPR_MAPPING:
		expr_print(e->binary.left, f);
		fputs(" : ", f);
		expr_print(e->binary.right, f);
		break;
	case EXPR_PREFIX:
		expr_print(e->prefix.expr, f);
		fprintf(f, "/%u", e->prefix.prefix_len);
		break;
	case EXPR_RANGE: {
		/* stock nft prints both ends as numbers (60s-3600s, 0-8) */
		bool numeric = datatype_numeric;

		datatype_numeric = true;
		expr_print(e->binary.left, f);
		fputc('-', f);
		expr_print(e->binary.right, f);
		datatype_numeric = numeric;
		break;
	}
	case EXPR_PAYLOAD:
		if (!e->payload.desc) {
			/* a raw load, as stock nft writes it */
			fprintf(f, "@%s,%u,%u",
				e->payload.base == NFT_PAYLOAD_NETWORK_HEADER ? "nh" :
				e->payload.base == NFT_PAYLOAD_TRANSPORT_HEADER ? "th" : "ll",
				e->payload.offset, e->len);
			break;
		}
		fprintf(f, "%s %s", e->payload.desc->name,
			e->payload.tmpl->token);
		break;
	case EXPR_META:
		k = meta_key_template(e->meta.key);
		fprintf(f, "%s%s", k->unqualified ? "" : "meta ", k->token);
		break;
	case EXPR_CT:
		k = ct_key_template(e->ct.key);
		if (e->ct.direction >= 0 &&
		    (e->ct.key == NFT_CT_SRC || e->ct.key == NFT_CT_DST ||
		     e->ct.key == NFT_CT_SRC_IP || e->ct.key == NFT_CT_DST_IP ||
		     e->ct.key == NFT_CT_SRC_IP6 || e->ct.key == NFT_CT_DST_IP6))
			fprintf(f, "ct %s %s %s", e->ct.direction ? "reply" : "original",
				e->dtype == &ip6addr_type ? "ip6" : "ip", k->token);
		else if (e->ct.direction >= 0)
			fprintf(f, "ct %s %s", e->ct.direction ? "reply" : "original",
				k->token);
		else
			fprintf(f, "ct %s", k->token);
		break;
	case EXPR_RELATIONAL:
		relational_print(e, f);
		break;
	case EXPR_MASK:
		expr_print(e->binary.left, f);
		fputs(" & ", f);
		expr_print(e->binary.right, f);
		break;
	case EXPR_VERDICT:
		switch (e->verdict.verdict) {
		case NF_ACCEPT:		fputs("accept", f); break;
		case NF_DROP:		fputs("drop", f); break;
		case NFT_CONTINUE:	fputs("continue", f); break;
		case NFT_RETURN:	fputs("return", f); break;
		case NFT_JUMP:		fprintf(f, "jump %s", e->verdict.chain); break;
		case NFT_GOTO:		fprintf(f, "goto %s", e->verdict.chain); break;
		default:		fprintf(f, "verdict %d", e->verdict.verdict); break;
		}
		break;
	default:
		fputs("<unsupported>", f);
		break;
	}
}

static const char *const log_level_names[] = {
	"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
	"audit",
};

struct reject_name {
	int type;
	int family;
	int code;
	const char *text;
};

static const struct reject_name reject_names[] = {
	{ NFT_REJECT_ICMPX_UNREACH, 0, 0, "icmpx no-route" },
	{ NFT_REJECT_ICMPX_UNREACH, 0, 2, "icmpx host-unreachable" },
	{ NFT_REJECT_ICMPX_UNREACH, 0, 3, "icmpx admin-prohibited" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV4, 0, "icmp net-unreachable" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV4, 1, "icmp host-unreachable" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV4, 2, "icmp prot-unreachable" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV4, 3, "icmp port-unreachable" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV4, 9, "icmp net-prohibited" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV4, 10, "icmp host-prohibited" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV4, 13, "icmp admin-prohibited" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV6, 0, "icmpv6 no-route" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV6, 1, "icmpv6 admin-prohibited" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV6, 3, "icmpv6 addr-unreachable" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV6, 4, "icmpv6 port-unreachable" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV6, 5, "icmpv6 policy-fail" },
	{ NFT_REJECT_ICMP_UNREACH, NFPROTO_IPV6, 6, "icmpv6 reject-route" },
};

static void reject_print(const struct stmt *stmt, FILE *f)
{
	int type = stmt->reject.type, code = stmt->reject.icmp_code;
	int family = stmt->reject.icmp_family;
	unsigned int i;

	fputs("reject", f);
	if (type == NFT_REJECT_TCP_RST) {
		fputs(" with tcp reset", f);
		return;
	}
	/* the family's default: port unreachable (inet names its icmp) */
	if ((type == NFT_REJECT_ICMPX_UNREACH && code == 1) ||
	    (!stmt->reject.explicit_code &&
	     ((type == NFT_REJECT_ICMP_UNREACH && family == NFPROTO_IPV4 && code == 3) ||
	      (type == NFT_REJECT_ICMP_UNREACH && family == NFPROTO_IPV6 && code == 4))))
		return;
	if (datatype_numeric) {
		fprintf(f, " with %s %d", type == NFT_REJECT_ICMPX_UNREACH ? "icmpx" :
			family == NFPROTO_IPV6 ? "icmpv6" : "icmp", code);
		return;
	}
	for (i = 0; i < array_size(reject_names); i++) {
		const struct reject_name *r = &reject_names[i];

		if (r->type == type && r->code == code &&
		    (r->family == 0 || r->family == family)) {
			fprintf(f, " with %s", r->text);
			return;
		}
	}
	fprintf(f, " with type %d code %d", type, code);
}

static const char *objref_names[] = {
	[NFT_OBJECT_CT_HELPER] = "ct helper",
	[NFT_OBJECT_CT_TIMEOUT] = "ct timeout",
	[NFT_OBJECT_CT_EXPECT] = "ct expectation",
};

void stmt_print(const struct stmt *stmt, FILE *f)
{
	switch (stmt->type) {
	case STMT_EXPRESSION:
	case STMT_VERDICT:
		expr_print(stmt->expr, f);
		break;
	case STMT_COUNTER:
		/* -s: the statement without its state */
		if (print_stateless) {
			fputs("counter", f);
			break;
		}
		fprintf(f, "counter packets %llu bytes %llu",
			(unsigned long long)stmt->counter.packets,
			(unsigned long long)stmt->counter.bytes);
		break;
	case STMT_LOG:
		fputs("log", f);
		if (stmt->log.flags & STMT_LOG_PREFIX)
			fprintf(f, " prefix \"%s\"", stmt->log.prefix);
		if ((stmt->log.flags & STMT_LOG_LEVEL) && stmt->log.level != 4 &&
		    stmt->log.level < array_size(log_level_names))
			fprintf(f, " level %s", log_level_names[stmt->log.level]);
		if (stmt->log.flags & STMT_LOG_GROUP)
			fprintf(f, " group %u", stmt->log.group);
		break;
	case STMT_NOTRACK:
		fputs("notrack", f);
		break;
	case STMT_REJECT:
		reject_print(stmt, f);
		break;
	case STMT_OBJREF:
		fprintf(f, "%s set ", stmt->objref.type < array_size(objref_names) &&
			objref_names[stmt->objref.type] ?
			objref_names[stmt->objref.type] : "objref");
		fprintf(f, "\"%s\"", stmt->objref.expr->sym.identifier);
		break;
	case STMT_QUEUE:
		fputs("queue", f);
		if (stmt->queue.flags) {
			fputs(" flags ", f);
			if (stmt->queue.flags & NFT_QUEUE_FLAG_BYPASS)
				fputs("bypass", f);
			if (stmt->queue.flags & NFT_QUEUE_FLAG_CPU_FANOUT)
				fprintf(f, "%sfanout",
					stmt->queue.flags & NFT_QUEUE_FLAG_BYPASS ? "," : "");
		}
		if (stmt->queue.queue) {
			fputs(" to ", f);
			expr_print(stmt->queue.queue, f);
		}
		break;
	case STMT_CT:
		fprintf(f, "ct %s set ", ct_key_template(stmt->setkey.key)->token);
		expr_print(stmt->setkey.expr, f);
		break;
	case STMT_META:
		fprintf(f, "meta %s set ", meta_key_template(stmt->setkey.key)->token);
		expr_print(stmt->setkey.expr, f);
		break;
	default:
		fputs("<unsupported>", f);
		break;
	}
}

void rule_print(const struct rule *rule, FILE *f)
{
	const struct stmt *stmt;
	bool first = true;

	list_for_each_entry(stmt, &rule->stmts, list) {
		if (!first)
			fputc(' ', f);
		stmt_print(stmt, f);
		first = false;
	}
	if (rule->comment)
		fprintf(f, " comment \"%s\"", rule->comment);
}

/*
 * How many elements of a type stock nft puts on one line of a named set's
 * listing: short numbers five, addresses and state names two, the rest
 * (names, IPv6 addresses) one.
 */
static unsigned int elems_per_line(const struct datatype *dtype)
{
	switch (dtype->type) {
	case TYPE_NFPROTO:
	case TYPE_INTEGER:
	case TYPE_INET_PROTOCOL:
	case TYPE_INET_SERVICE:
	case TYPE_TCP_FLAG:
	case TYPE_MARK:
	case TYPE_IFINDEX:
	case TYPE_CT_DIR:
		return 5;
	case TYPE_IPADDR:
	case TYPE_CT_STATE:
	case TYPE_CT_STATUS:
	case TYPE_PKTTYPE:
		return 2;
	default:
		return 1;
	}
}

void set_elems_print(const struct expr *set, FILE *f)
{
	unsigned int per_line = elems_per_line(set->dtype), count = 0;
	const struct expr *sub;

	fputs("{ ", f);
	list_for_each_entry(sub, &set->compound.exprs, list) {
		if (count) {
			if (count % per_line)
				fputs(", ", f);
			else
				fputs(",\n\t\t\t     ", f);
		}
		expr_print(sub, f);
		count++;
	}
	fputs(" }", f);
}
