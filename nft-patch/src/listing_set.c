// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * listing_set.c - named sets in listings, in stock nft's layout: the
 * declaration (type, policy, size, flags, timeouts, comment) and the
 * elements, wrapped as stock nft wraps them.
 */
#include <libnftnl/set.h>
#include <libnftnl/udata.h>
#include <linux/netfilter/nf_tables.h>
#include <stdlib.h>
#include <string.h>

#include "datatype.h"
#include "expression.h"
#include "listing.h"
#include "netlink.h"
#include "set_typeof.h"
#include "utils.h"

static const struct datatype *const key_dtypes[] = {
	&ipaddr_type, &ip6addr_type, &inet_service_type, &inet_protocol_type,
	&mark_type, &ifname_type,
};

static const struct datatype *key_dtype(uint32_t type)
{
	unsigned int i;

	for (i = 0; i < array_size(key_dtypes); i++)
		if (key_dtypes[i]->type == type)
			return key_dtypes[i];
	return NULL;
}

struct set_udata {
	const struct typeof_key *typeof_key;
	const char *comment;
	bool automerge;
	bool other;		/* typeof, auto-merge...: not shown here yet */
};

static int set_udata_cb(const struct nftnl_udata *attr, void *data)
{
	struct set_udata *u = data;
	const char *s = nftnl_udata_get(attr);
	uint8_t len = nftnl_udata_len(attr);

	switch (nftnl_udata_type(attr)) {
	case NFTNL_UDATA_SET_KEYBYTEORDER:
	case NFTNL_UDATA_SET_DATABYTEORDER:
	case NFTNL_UDATA_SET_DATA_INTERVAL:
		break;
	case NFTNL_UDATA_SET_MERGE_ELEMENTS:
		u->automerge = len == 4 && nftnl_udata_get_u32(attr);
		break;
	case NFTNL_UDATA_SET_KEY_TYPEOF:
		u->typeof_key = typeof_key_by_udata(attr);
		if (!u->typeof_key)
			u->other = true;
		break;
	case NFTNL_UDATA_SET_COMMENT:
		if (len && s[len - 1] == '\0')
			u->comment = s;
		break;
	default:
		u->other = true;
		break;
	}
	return 0;
}

bool set_is_named(const struct nftnl_set *s)
{
	return !(nftnl_set_get_u32(s, NFTNL_SET_FLAGS) & NFT_SET_ANONYMOUS);
}

bool set_is_map(const struct nftnl_set *s)
{
	return nftnl_set_get_u32(s, NFTNL_SET_FLAGS) & NFT_SET_MAP;
}

/* a map to verdicts, the only kind of map shown here */
static bool set_is_vmap(struct nftnl_set *s)
{
	return set_is_map(s) && nftnl_set_is_set(s, NFTNL_SET_DATA_TYPE) &&
	       nftnl_set_get_u32(s, NFTNL_SET_DATA_TYPE) == NFT_DATA_VERDICT;
}

static void set_flags_print(uint32_t flags, uint64_t timeout, FILE *f,
			    const char *pre, const char *end)
{
	static const struct {
		uint32_t flag;
		const char *name;
	} names[] = {
		{ NFT_SET_CONSTANT, "constant" },
		{ NFT_SET_EVAL, "dynamic" },
		{ NFT_SET_INTERVAL, "interval" },
		{ NFT_SET_TIMEOUT, "timeout" },
	};
	const char *sep = "";
	unsigned int i;

	/* a default timeout says "timeout" already: stock nft then shows
	 * the flag only along with others */
	if (!(flags & (NFT_SET_CONSTANT | NFT_SET_EVAL | NFT_SET_INTERVAL)) &&
	    (!(flags & NFT_SET_TIMEOUT) || timeout))
		return;
	fprintf(f, "%sflags ", pre);
	for (i = 0; i < array_size(names); i++) {
		if (!(flags & names[i].flag))
			continue;
		fprintf(f, "%s%s", sep, names[i].name);
		sep = ",";
	}
	fputs(end, f);
}

/*
 * The key of @s as an expression (type, length, byte order) for its
 * elements, or NULL when the set is of a kind not listed here.
 */
struct expr *set_key_expr(const struct nftnl_set *cs)
{
	struct nftnl_set *s = (struct nftnl_set *)cs;
	uint32_t flags = nftnl_set_get_u32(s, NFTNL_SET_FLAGS);
	const struct datatype *dtype = key_dtype(nftnl_set_get_u32(s, NFTNL_SET_KEY_TYPE));
	uint32_t key_len = nftnl_set_get_u32(s, NFTNL_SET_KEY_LEN);
	struct set_udata u = { 0 };
	struct expr *key;

	if (nftnl_set_is_set(s, NFTNL_SET_USERDATA)) {
		uint32_t len;
		const void *ud = nftnl_set_get_data(s, NFTNL_SET_USERDATA, &len);

		nftnl_udata_parse(ud, len, set_udata_cb, &u);
	}
	if (u.typeof_key && (u.typeof_key->dtype != dtype ||
			     u.typeof_key->anon_only))
		return NULL;
	if (!dtype || key_len * 8 != dtype->size || u.other ||
	    (flags & (NFT_SET_OBJECT | NFT_SET_CONCAT)) ||
	    ((flags & NFT_SET_MAP) &&
	     (!set_is_vmap(s) || (flags & NFT_SET_INTERVAL))))
		return NULL;
	key = expr_alloc(NULL, EXPR_VALUE);
	key->dtype = dtype;
	key->len = key_len * 8;
	key->byteorder = dtype->byteorder;
	return key;
}

/*
 * The declaration after "set NAME {": each property as @pre PROPERTY @sep
 * (the listing one per line, the echo of "nft -e" all on one line).
 */
void set_decl_body_print(const struct nftnl_set *cs, FILE *f,
			 const char *pre, const char *sep)
{
	struct nftnl_set *s = (struct nftnl_set *)cs;
	uint32_t flags = nftnl_set_get_u32(s, NFTNL_SET_FLAGS);
	const struct datatype *dtype = key_dtype(nftnl_set_get_u32(s, NFTNL_SET_KEY_TYPE));
	struct set_udata u = { 0 };
	uint64_t timeout = 0;

	if (nftnl_set_is_set(s, NFTNL_SET_USERDATA)) {
		uint32_t len;
		const void *ud = nftnl_set_get_data(s, NFTNL_SET_USERDATA, &len);

		nftnl_udata_parse(ud, len, set_udata_cb, &u);
	}
	if (u.typeof_key)
		fprintf(f, "%stypeof %s%s", pre, u.typeof_key->text, sep);
	else
		fprintf(f, "%stype %s%s%s", pre, dtype->name,
			set_is_map(s) ? " : verdict" : "", sep);
	if (nftnl_set_is_set(s, NFTNL_SET_POLICY) &&
	    nftnl_set_get_u32(s, NFTNL_SET_POLICY) == NFT_SET_POL_MEMORY)
		fprintf(f, "%spolicy memory%s", pre, sep);
	/* a constant set's size is its element count: not shown */
	if (nftnl_set_is_set(s, NFTNL_SET_DESC_SIZE) &&
	    !(flags & NFT_SET_CONSTANT))
		fprintf(f, "%ssize %u%s", pre,
			nftnl_set_get_u32(s, NFTNL_SET_DESC_SIZE), sep);
	if (nftnl_set_is_set(s, NFTNL_SET_TIMEOUT))
		timeout = nftnl_set_get_u64(s, NFTNL_SET_TIMEOUT);
	set_flags_print(flags, timeout, f, pre, sep);
	if (u.automerge)
		fprintf(f, "%sauto-merge%s", pre, sep);
	if (timeout) {
		fprintf(f, "%stimeout ", pre);
		time_print_ms(timeout, f);
		fputs(sep, f);
	}
	if (nftnl_set_is_set(s, NFTNL_SET_GC_INTERVAL)) {
		fprintf(f, "%sgc-interval ", pre);
		time_print_ms(nftnl_set_get_u32(s, NFTNL_SET_GC_INTERVAL), f);
		fputs(sep, f);
	}
	if (u.comment)
		fprintf(f, "%scomment \"%s\"%s", pre, u.comment, sep);
}

void set_decl_print(struct nft_ctx *ctx, const struct nftnl_set *cs, FILE *f)
{
	struct nftnl_set *s = (struct nftnl_set *)cs;
	struct expr *key = set_key_expr(s), *elems = NULL;

	fprintf(f, "\t%s %s {", set_is_map(s) ? "map" : "set",
		nftnl_set_get_str(s, NFTNL_SET_NAME));
	if (ctx->handles)
		fprintf(f, " # handle %llu", (unsigned long long)
			nftnl_set_get_u64(s, NFTNL_SET_HANDLE));
	fputc('\n', f);
	if (key)
		elems = set_elems_expr(key, s, false);
	expr_free(key);
	if (!elems) {
		/* never guess: say what we cannot show */
		fputs("\t\t# set not supported by this nft\n\t}\n", f);
		return;
	}
	set_decl_body_print(s, f, "\t\t", "\n");
	if (elems->compound.size && !ctx->terse) {
		fputs("\t\telements = ", f);
		set_elems_print(elems, f);
		fputc('\n', f);
	}
	expr_free(elems);
	fputs("\t}\n", f);
}
