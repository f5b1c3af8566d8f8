/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nftobj.h - native mode's view of nf_tables: the ruleset generation, a
 * consistent dump of the user-space ct helper objects of this network
 * namespace, the nf_tables events that say when to look again, and the
 * check that the kernel supports such objects at all.
 */
#ifndef NFTH_NFTOBJ_H
#define NFTH_NFTOBJ_H

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"

struct mnl_socket;
struct nlmsghdr;
struct nftnl_ct_helper;

#define NFTH_NFT_BUF_SIZE	65536

struct nfth_nft {
	struct mnl_socket *req;		/* requests: GETGEN, dumps, probe */
	struct mnl_socket *ev;		/* NFNLGRP_NFTABLES events */
	uint32_t seq;
	struct nftnl_ct_helper *scratch;	/* parsing, reused */
	char buf[NFTH_NFT_BUF_SIZE];
};

/* Open both sockets and subscribe to nf_tables events.  0 or -errno. */
int nfth_nft_open(struct nfth_nft *n);
void nfth_nft_close(struct nfth_nft *n);
int nfth_nft_event_fd(const struct nfth_nft *n);

/* The ruleset generation id (NFT_MSG_GETGEN).  0 or -errno. */
int nfth_nft_getgen(struct nfth_nft *n, uint32_t *gen);

/*
 * Every user-space ct helper object of every table and family, read so
 * that no transaction commits in between: the generation is read before
 * and after the dump, and the dump is retried when they differ (or the
 * kernel flags it interrupted).  *count objects in @objs (more than @max:
 * *overflow is set, the rest ignored); *gen the generation they belong to.
 * 0 or -errno (-EAGAIN: still changing after many tries).
 */
int nfth_nft_dump(struct nfth_nft *n, struct nfth_uobj *objs, unsigned int max,
		  unsigned int *count, bool *overflow, uint32_t *gen);

/*
 * Does the kernel take user-space ct helper objects?  1 yes, 0 no, -errno
 * when it cannot tell.  Sends one batch that cannot commit and creates no
 * object on either kind of kernel (see nftobj.c), so it disturbs nothing.
 */
int nfth_nft_probe(struct nfth_nft *n);

/* One nf_tables event, as native mode needs it. */
enum nfth_nft_event_kind {
	NFTH_EV_OTHER = 0,	/* nothing native mode follows */
	NFTH_EV_OBJ_ADD,	/* NEWOBJ of a ct helper object */
	NFTH_EV_OBJ_DEL,	/* DELOBJ of a ct helper object */
	NFTH_EV_TABLE_DEL,	/* DELTABLE: its objects are gone with it */
	NFTH_EV_GEN,		/* NEWGEN: the end of a transaction's events */
};

struct nfth_nft_event {
	enum nfth_nft_event_kind kind;
	uint32_t family;
	char table[NFTH_OBJ_NAME_MAX];
	char name[NFTH_OBJ_NAME_MAX];	/* object name, "" for tables */
	bool userspace;		/* the object carries the user-space nest
				 * (unknown for DELOBJ without data: false) */
	uint32_t gen;		/* NFTH_EV_GEN */
};

/* Classify one event message (@scratch: a reusable parse object). */
void nfth_nft_event_parse(const struct nlmsghdr *nlh,
			  struct nftnl_ct_helper *scratch,
			  struct nfth_nft_event *ev);

/*
 * Read what the event socket holds now (non-blocking): calls @cb for each
 * message.  Returns 0 when drained, -ENOBUFS when events were lost (the
 * caller must dump again), other -errno on failure.
 */
int nfth_nft_events_read(struct nfth_nft *n,
			 void (*cb)(const struct nfth_nft_event *ev, void *data),
			 void *data);

/*
 * When to dump again.  Events only mark a transaction that touched what we
 * follow (a user-space ct helper object added, any ct helper object deleted:
 * DELOBJ may carry no data, a table deleted); its NEWGEN asks for a dump.  So
 * does a NEWGEN that does not follow the last one (lost events).  NEWGENs up
 * to the generation of the last dump are already covered.
 */
struct nfth_nft_follow {
	uint32_t gen;		/* of the last dump */
	uint32_t last_gen;	/* last generation seen */
	bool touched;		/* the transaction under way changed objects */
	bool need_dump;
	bool lost;		/* need_dump because of a generation gap */
};

/* A dump at generation @gen was reconciled. */
void nfth_nft_follow_dumped(struct nfth_nft_follow *f, uint32_t gen);
/* Account for one event; sets f->need_dump when a dump is due. */
void nfth_nft_follow(struct nfth_nft_follow *f, const struct nfth_nft_event *ev);

/* Fill @o from a parsed object; false when it is not a user-space one. */
bool nfth_uobj_from_nftnl(const struct nftnl_ct_helper *h, struct nfth_uobj *o);

#endif
