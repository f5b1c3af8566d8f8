// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * config.c - from "ct helper" declarations to what compatible mode does.
 *
 * The file is parsed by nft_ct_helper_decls_parse_file() (nft-patch), so it
 * takes exactly the language nft takes.  Here we only decide what each
 * user-space declaration means on a stock kernel:
 *  - one nfnetlink_cthelper registration per L3 protocol (l3proto inet
 *    registers the type for both IPv4 and IPv6, as the kernel's own helpers
 *    are), named after the helper *type*: stock "ct helper" objects bind
 *    kernel-side helpers by that name;
 *  - the queue it is serviced on (nfnetlink_cthelper has one queue per
 *    helper: ranges need native mode);
 *  - its private data length: the declaration's "private N" (default 32)
 *    bounds what the helper may keep; the registration carries exactly
 *    what the helper writes (the dispatcher checks that length), so a
 *    declaration smaller than the helper's need is refused;
 *  - kernel helpers (no "userspace" line) are left alone.
 * Registrations are global in the kernel, so a type declared in several
 * tables must be declared the same way everywhere.
 */
#include <netinet/in.h>
#include <stdarg.h>
#include <string.h>

#include <nft/ct_helper_decl.h>

#include "config.h"
#include "registry.h"

#define NFPROTO_INET_	1
#define NFPROTO_IPV4_	2
#define NFPROTO_IPV6_	10

struct load_ctx {
	struct nfth_config *cfg;
	const char *path;
	FILE *errfp;
};

static const char *family_name(uint32_t f)
{
	switch (f) {
	case NFPROTO_INET_: return "inet";
	case NFPROTO_IPV4_: return "ip";
	case NFPROTO_IPV6_: return "ip6";
	case 7: return "bridge";
	case 3: return "arp";
	case 5: return "netdev";
	}
	return "?";
}

static void decl_error(struct load_ctx *ctx, const struct nft_ct_helper_decl *d,
		       const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void decl_error(struct load_ctx *ctx, const struct nft_ct_helper_decl *d,
		       const char *fmt, ...)
{
	va_list ap;

	fprintf(ctx->errfp, "%s: Error: ct helper \"%s\" in table %s %s: ",
		ctx->path, d->name, family_name(d->family), d->table);
	va_start(ap, fmt);
	vfprintf(ctx->errfp, fmt, ap);
	va_end(ap);
	fputc('\n', ctx->errfp);
	ctx->cfg->errors++;
}

static struct nfth_queue *queue_for(struct nfth_config *cfg, uint16_t num)
{
	unsigned int i;

	for (i = 0; i < cfg->queue_count; i++)
		if (cfg->queues[i].num == num)
			return &cfg->queues[i];
	if (cfg->queue_count == NFTH_QUEUES_MAX)
		return NULL;
	memset(&cfg->queues[cfg->queue_count], 0, sizeof(cfg->queues[0]));
	cfg->queues[cfg->queue_count].num = num;
	return &cfg->queues[cfg->queue_count++];
}

static int same_policies(const struct nfth_registration *a,
			 const struct nfth_registration *b)
{
	unsigned int i;

	if (a->class_count != b->class_count || a->queue != b->queue)
		return 0;
	for (i = 0; i < a->class_count; i++)
		if (strcmp(a->classes[i].name, b->classes[i].name) ||
		    a->classes[i].max != b->classes[i].max ||
		    a->classes[i].timeout != b->classes[i].timeout)
			return 0;
	return 1;
}

/* Add (or find identical) registration; -1 on conflict. */
static int add_registration(struct load_ctx *ctx,
			    const struct nft_ct_helper_decl *d,
			    const struct nfth_registration *r)
{
	struct nfth_config *cfg = ctx->cfg;
	unsigned int i;

	for (i = 0; i < cfg->registration_count; i++) {
		const struct nfth_registration *o = &cfg->registrations[i];

		if (strcmp(o->name, r->name) || o->l3proto != r->l3proto ||
		    o->l4proto != r->l4proto)
			continue;
		if (same_policies(o, r))
			return 0;
		decl_error(ctx, d, "helper type \"%s\" is declared elsewhere in the "
			   "file with another queue or other expectations; kernel "
			   "helpers are global, declare it the same way everywhere",
			   r->name);
		return -1;
	}
	if (cfg->registration_count == NFTH_REGISTRATIONS_MAX) {
		decl_error(ctx, d, "more than %d helper registrations", NFTH_REGISTRATIONS_MAX);
		return -1;
	}
	cfg->registrations[cfg->registration_count++] = *r;
	return 0;
}

static int bind_queue(struct load_ctx *ctx, const struct nft_ct_helper_decl *d,
		      const struct nfth_helper *h, unsigned int class_count)
{
	struct nfth_queue *q = queue_for(ctx->cfg, d->queue_num);
	unsigned int i;

	if (!q) {
		decl_error(ctx, d, "more than %d queues", NFTH_QUEUES_MAX);
		return -1;
	}
	for (i = 0; i < q->binding_count; i++)
		if (q->bindings[i].helper == h)
			return 0;
	if (q->binding_count == NFTH_QUEUE_BINDINGS_MAX) {
		decl_error(ctx, d, "too many helper types on one queue (max %d)",
			   NFTH_QUEUE_BINDINGS_MAX);
		return -1;
	}
	q->bindings[q->binding_count].helper = h;
	q->bindings[q->binding_count].class_count = class_count;
	q->binding_count++;
	return 0;
}

static int on_decl(const struct nft_ct_helper_decl *d, void *data)
{
	struct load_ctx *ctx = data;
	const struct nfth_helper *h;
	struct nfth_registration r;
	uint16_t l3[2];
	unsigned int i, n_l3, nclass;

	if (!d->userspace) {
		ctx->cfg->skipped++;
		return 0;
	}
	h = nfth_registry_find(d->type);
	if (!h) {
		decl_error(ctx, d, "helper type \"%s\" is not one nft-helperd serves "
			   "(see nft-helperd --help for the list)", d->type);
		return 0;
	}
	if (!nfth_helper_serves_l4(h, d->l4proto)) {
		decl_error(ctx, d, "helper type \"%s\" does not follow this protocol",
			   d->type);
		return 0;
	}
	if (d->queue_count != 1) {
		decl_error(ctx, d, "queue %u-%u: a queue range needs native mode; "
			   "nfnetlink_cthelper gives a helper one queue", d->queue_num,
			   d->queue_num + d->queue_count - 1);
		return 0;
	}
	if (d->priv_len < h->priv_len) {
		decl_error(ctx, d, "private %u is too small: helper \"%s\" keeps "
			   "%u bytes of private data per connection",
			   d->priv_len, d->type, h->priv_len);
		return 0;
	}
	nclass = d->policy_count;
	if (nclass < 1 || nclass > NFTH_CLASS_MAX) {
		decl_error(ctx, d, "1 to %d expectation classes needed", NFTH_CLASS_MAX);
		return 0;
	}
	if (d->bypass)
		ctx->cfg->with_bypass++;

	switch (d->l3proto) {
	case NFPROTO_IPV4_:
		l3[0] = NFPROTO_IPV4_;
		n_l3 = 1;
		break;
	case NFPROTO_IPV6_:
		l3[0] = NFPROTO_IPV6_;
		n_l3 = 1;
		break;
	case NFPROTO_INET_:
		l3[0] = NFPROTO_IPV4_;
		l3[1] = NFPROTO_IPV6_;
		n_l3 = 2;
		break;
	default:
		decl_error(ctx, d, "l3proto of family %s cannot be registered",
			   family_name(d->l3proto));
		return 0;
	}

	memset(&r, 0, sizeof(r));
	snprintf(r.name, sizeof(r.name), "%s", d->type);
	r.l4proto = d->l4proto;
	r.queue = d->queue_num;
	r.priv_len = h->priv_len;
	r.class_count = nclass;
	for (i = 0; i < nclass; i++) {
		snprintf(r.classes[i].name, sizeof(r.classes[i].name), "%s",
			 d->policy[i].name);
		r.classes[i].max = d->policy[i].max;
		r.classes[i].timeout = d->policy[i].timeout;
	}
	for (i = 0; i < n_l3; i++) {
		r.l3proto = l3[i];
		if (add_registration(ctx, d, &r) < 0)
			return 0;
	}
	bind_queue(ctx, d, h, nclass < h->class_count ? nclass : h->class_count);
	return 0;
}

int nfth_config_load(struct nfth_config *cfg, const char *path, FILE *errfp)
{
	struct load_ctx ctx = { cfg, path, errfp };
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	ret = nft_ct_helper_decls_parse_file(path, errfp, on_decl, &ctx);
	if (ret != 0 || cfg->errors)
		return -1;
	if (!cfg->registration_count) {
		fprintf(errfp, "%s: Error: no user-space ct helper declared "
			"(\"userspace queue N\" in a ct helper object)\n", path);
		return -1;
	}
	return 0;
}
