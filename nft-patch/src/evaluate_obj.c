// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * evaluate_obj.c - checks of stateful objects (ct helper, ct expectation).
 *
 * Each limit is the kernel's (or the user-space helper uapi's), checked here
 * so that the user gets an error pointing at the token instead of EINVAL.
 */
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <string.h>

#include "evaluate.h"
#include "utils.h"

int name_evaluate(struct list_head *msgs, const struct name_spec *name,
		  const char *what)
{
	if (name->name && strlen(name->name) >= NFT_NAME_MAXLEN)
		return erec_queue_error(msgs, &name->location,
					"%s name '%.32s...' too long, max length is %u",
					what, name->name, NFT_NAME_MAXLEN - 1);
	return 0;
}

static int l3proto_evaluate(struct list_head *msgs, const struct location *loc,
			    uint16_t l3proto)
{
	switch (l3proto) {
	case NFPROTO_IPV4:
	case NFPROTO_IPV6:
	case NFPROTO_INET:
		return 0;
	default:
		return erec_queue_error(msgs, loc,
					"l3proto must be ip, ip6 or inet");
	}
}

/*
 * Without "l3proto", stock nft sends no NFTA_CT_HELPER_L3PROTO and the
 * kernel uses the table family (inet: both), which is what it lists.
 */
static uint16_t default_l3proto(uint32_t family)
{
	return (uint16_t)family;
}

static int ct_helper_policy_evaluate(struct list_head *msgs,
				     struct ct_helper_spec *h, unsigned int i)
{
	struct ct_helper_policy_spec *p = &h->policy[i];
	unsigned int j;
	size_t len = strlen(p->name.name);

	if (len == 0)
		return erec_queue_error(msgs, &p->name.location,
					"expectation class name must not be empty");
	if (len > CT_HELPER_NAME_MAXLEN)
		return erec_queue_error(msgs, &p->name.location,
					"invalid name '%s', max length is %u",
					p->name.name, CT_HELPER_NAME_MAXLEN);
	for (j = 0; j < i; j++) {
		if (!strcmp(h->policy[j].name.name, p->name.name)) {
			struct error_record *erec;

			erec = error(&p->name.location,
				     "duplicate expectation class '%s'",
				     p->name.name);
			erec_add_location(erec, &h->policy[j].name.location);
			list_add_tail(&erec->list, msgs);
			return -1;
		}
	}
	if (p->size < 1 || p->size > CT_HELPER_EXPECT_MAX)
		return erec_queue_error(msgs, &p->size_loc,
					"expectation size %llu out of range, must be 1-%u",
					(unsigned long long)p->size,
					CT_HELPER_EXPECT_MAX);
	if (p->timeout == 0)
		return erec_queue_error(msgs, &p->timeout_loc,
					"expectation timeout must not be zero");
	return 0;
}

int ct_helper_evaluate(struct list_head *msgs, uint32_t family,
		       struct obj *obj)
{
	struct ct_helper_spec *h = &obj->ct_helper;
	unsigned int i;
	int err = 0;

	if (name_evaluate(msgs, &obj->handle.obj, "ct helper") < 0)
		return -1;
	if (!h->type.name)
		return erec_queue_error(msgs, &obj->handle.obj.location,
					"ct helper '%s' has no type, add e.g. type \"ftp\" protocol tcp",
					obj->handle.obj.name);
	/* stock nft's wording, including its trailing newline */
	if (strlen(h->type.name) > CT_HELPER_NAME_MAXLEN)
		return erec_queue_error(msgs, &h->type.location,
					"invalid name '%s', max length is %u\n",
					h->type.name, CT_HELPER_NAME_MAXLEN + 1);
	if (h->type.name[0] == '\0')
		return erec_queue_error(msgs, &h->type.location,
					"ct helper type must not be empty");
	if (h->l3proto_set) {
		if (l3proto_evaluate(msgs, &h->l3proto_loc, h->l3proto) < 0)
			return -1;
	} else {
		h->l3proto = default_l3proto(family);
	}

	if (!h->userspace) {
		if (h->policy_count)
			return erec_queue_error(msgs, &h->policy[0].location,
						"expectation classes need \"userspace queue N\": kernel helpers bring their own");
		if (h->priv_len_set)
			return erec_queue_error(msgs, &h->priv_loc,
						"private data needs \"userspace queue N\": kernel helpers bring their own");
		return 0;
	}

	if (h->queue_first > CT_HELPER_QUEUE_MAX)
		return erec_queue_error(msgs, &h->queue_loc,
					"queue number %llu out of range, max %u",
					(unsigned long long)h->queue_first,
					CT_HELPER_QUEUE_MAX);
	if (h->queue_last > CT_HELPER_QUEUE_MAX)
		return erec_queue_error(msgs, &h->queue_loc,
					"queue number %llu out of range, max %u",
					(unsigned long long)h->queue_last,
					CT_HELPER_QUEUE_MAX);
	if (h->queue_last < h->queue_first)
		return erec_queue_error(msgs, &h->queue_loc,
					"queue range %llu-%llu is reversed",
					(unsigned long long)h->queue_first,
					(unsigned long long)h->queue_last);
	if (!h->priv_len_set)
		h->priv_len = CT_HELPER_PRIV_LEN_MAX;
	else if (h->priv_len > CT_HELPER_PRIV_LEN_MAX)
		return erec_queue_error(msgs, &h->priv_len_loc,
					"private data length %llu out of range, max %u",
					(unsigned long long)h->priv_len,
					CT_HELPER_PRIV_LEN_MAX);
	if (h->policy_count > CT_HELPER_POLICY_MAX) {
		const struct location *loc = &h->policy[CT_HELPER_POLICY_MAX].location;

		return erec_queue_error(msgs, loc,
					"too many expectation classes, max %u",
					CT_HELPER_POLICY_MAX);
	}
	for (i = 0; i < h->policy_count; i++)
		if (ct_helper_policy_evaluate(msgs, h, i) < 0)
			err = -1;
	if (err)
		return err;

	if (h->policy_count == 0) {
		struct ct_helper_policy_spec *p = &h->policy[0];

		p->location = obj->location;
		p->name.name = xstrdup(h->type.name);
		p->name.location = h->type.location;
		p->size = 1;
		p->timeout = CT_HELPER_DEFAULT_TIMEOUT;
		h->policy_count = 1;
	}
	return 0;
}

int ct_expect_evaluate(struct list_head *msgs, uint32_t family,
		       struct obj *obj)
{
	struct ct_expect_spec *e = &obj->ct_expect;

	if (name_evaluate(msgs, &obj->handle.obj, "ct expectation") < 0)
		return -1;
	if (e->dport > 65535)
		return erec_queue_error(msgs, &e->dport_loc,
					"dport %llu out of range, max 65535",
					(unsigned long long)e->dport);
	if (e->size > 255)
		return erec_queue_error(msgs, &e->size_loc,
					"size %llu out of range, max 255",
					(unsigned long long)e->size);
	if (e->timeout_ms > UINT32_MAX)
		return erec_queue_error(msgs, &e->timeout_loc,
					"timeout out of range");
	if (!e->l3proto_set)
		e->l3proto = default_l3proto(family);
	return 0;
}

/* conntrack timeout states, in the kernel's attribute order */
static const char *const tcp_states[] = {
	"syn_sent", "syn_recv", "established", "fin_wait", "close_wait",
	"last_ack", "time_wait", "close", "syn_sent2", "retrans", "unack",
};
static const uint32_t tcp_defaults[] = {
	120, 60, 432000, 120, 60, 30, 120, 10, 120, 300, 300,
};
static const char *const udp_states[] = { "unreplied", "replied" };
static const uint32_t udp_defaults[] = { 30, 120 };

unsigned int ct_timeout_states(uint8_t l4proto, const char *const **names,
			       const uint32_t **defaults)
{
	switch (l4proto) {
	case IPPROTO_TCP:
		*names = tcp_states;
		*defaults = tcp_defaults;
		return array_size(tcp_states);
	case IPPROTO_UDP:
		*names = udp_states;
		*defaults = udp_defaults;
		return array_size(udp_states);
	default:
		return 0;
	}
}

int ct_timeout_evaluate(struct list_head *msgs, uint32_t family,
			struct obj *obj)
{
	struct ct_timeout_spec *t = &obj->ct_timeout;
	const char *const *names = NULL;
	const uint32_t *defaults = NULL;
	unsigned int i, j, n;

	if (name_evaluate(msgs, &obj->handle.obj, "ct timeout") < 0)
		return -1;
	n = ct_timeout_states(t->l4proto, &names, &defaults);
	t->num_states = n;
	for (j = 0; j < n; j++)
		t->timeouts[j] = defaults[j];
	if (t->num > CT_TIMEOUT_STATES_MAX)
		return erec_queue_error(msgs, &obj->handle.obj.location,
					"too many timeout states");
	for (i = 0; i < t->num; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(names[j], t->policy[i].state.name))
				break;
		if (j == n)
			return erec_queue_error(msgs, &t->policy[i].state.location,
						"invalid state for this protocol");
		if (t->policy[i].value > UINT32_MAX)
			return erec_queue_error(msgs, &t->policy[i].value_loc,
						"timeout value out of range");
		t->timeouts[j] = (uint32_t)t->policy[i].value;
	}
	if (!t->l3proto_set)
		t->l3proto = (uint16_t)family;
	return 0;
}
