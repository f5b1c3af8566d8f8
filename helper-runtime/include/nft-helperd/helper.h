/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nft-helperd/helper.h - the plug-in interface of nft-helperd.
 *
 * A helper follows one application protocol on connections that the ruleset
 * hands to it ("ct helper set ...").  For every packet of such a connection
 * the kernel queues the packet to nft-helperd with its conntrack, and the
 * daemon calls the helper's inspect callback.  The callback looks at the
 * payload, may read and write the connection's private data (kept by the
 * kernel, so a daemon restart loses nothing) and may ask for expectations:
 * "let a connection matching this tuple/mask in as RELATED".
 *
 * The built-in helpers (ftp, tftp) use exactly this header; the daemon core
 * never knows a protocol.  Everything here is valid only during the callback;
 * nothing in it allocates.
 */
#ifndef NFT_HELPERD_HELPER_H
#define NFT_HELPERD_HELPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NFTH_HELPER_API_VERSION		1
#define NFTH_NAME_MAX			16	/* with the NUL, as the kernel */
#define NFTH_PRIV_MAX			32	/* sizeof(nf_conn_help.data) */
#define NFTH_CLASS_MAX			4	/* NF_CT_MAX_EXPECT_CLASSES */
#define NFTH_L4PROTO_MAX		2

/* Connection direction, numbered like the kernel's IP_CT_DIR_*. */
enum nfth_dir {
	NFTH_DIR_ORIGINAL	= 0,
	NFTH_DIR_REPLY		= 1,
};

/* What the helper wants done with the packet. */
enum nfth_verdict {
	NFTH_ACCEPT	= 0,	/* pass it on (with any expectation/private data) */
	NFTH_DROP	= 1,	/* drop it, e.g. a partial command: TCP resends */
	NFTH_MALFORMED	= 2,	/* cannot parse: pass unchanged, count an error */
};

union nfth_addr {
	uint32_t ip;		/* network byte order */
	uint32_t ip6[4];	/* network byte order */
	uint8_t  all[16];
};

/* One direction of a connection, or an expectation (tuple or mask). */
struct nfth_tuple {
	uint8_t l3proto;	/* NFPROTO_IPV4 (2) or NFPROTO_IPV6 (10) */
	uint8_t l4proto;	/* IPPROTO_TCP, IPPROTO_UDP, ... */
	union nfth_addr src;
	union nfth_addr dst;
	uint16_t sport;		/* host byte order */
	uint16_t dport;		/* host byte order */
};

struct nfth_expect_class {
	char name[NFTH_NAME_MAX];
	uint32_t max;		/* at most this many pending expectations */
	uint32_t timeout;	/* seconds */
};

struct nfth_packet;		/* opaque: one queued packet and its conntrack */

struct nfth_helper {
	unsigned int api_version;	/* NFTH_HELPER_API_VERSION */
	const char *name;		/* helper type, e.g. "ftp" */
	uint8_t l4protos[NFTH_L4PROTO_MAX];	/* 0 ends the list */
	uint32_t priv_len;		/* bytes of private data, <= NFTH_PRIV_MAX */
	unsigned int class_count;	/* default expectation classes, >= 1 */
	struct nfth_expect_class classes[NFTH_CLASS_MAX];
	/*
	 * Called for every queued packet.  @priv points to priv_len bytes:
	 * the connection's private data as the kernel holds it (zeroes on a
	 * new connection).  Changes are sent back with the verdict.
	 */
	enum nfth_verdict (*inspect)(struct nfth_packet *pkt, void *priv);
};

/* --- What a helper may ask about the packet (all O(1), no allocation) --- */

/* Direction of this packet within its connection. */
enum nfth_dir nfth_pkt_dir(const struct nfth_packet *pkt);
/* The kernel's ctinfo (IP_CT_ESTABLISHED, IP_CT_NEW, ...+IP_CT_IS_REPLY). */
uint32_t nfth_pkt_ctinfo(const struct nfth_packet *pkt);
/* Tuple of the connection in direction @dir. */
const struct nfth_tuple *nfth_ct_tuple(const struct nfth_packet *pkt,
				       enum nfth_dir dir);
/*
 * The transport payload (after the TCP/UDP header), its length in *len.
 * NULL when the packet has none or its headers are truncated.
 */
const uint8_t *nfth_l4_payload(const struct nfth_packet *pkt, size_t *len);
/* TCP sequence number of this segment (host order); false if not TCP. */
bool nfth_tcp_seq(const struct nfth_packet *pkt, uint32_t *seq);

/* --- Private data --- */
/* Read-only view of the private data as received; *len set to its size. */
const void *nfth_priv_read(const struct nfth_packet *pkt, size_t *len);
/* Replace the first len bytes of the private data (len at most the
 * connection's private data length, which is at least the helper's
 * priv_len; bytes after len are kept). */
int nfth_priv_write(struct nfth_packet *pkt, const void *data, size_t len);

/*
 * A number that changes every time nft-helperd starts (never 0).  Private
 * data outlives the daemon; a helper that stores this number there can tell
 * that packets may have passed unseen while no daemon ran (and, like the
 * kernel FTP helper after a fail-over, pick its tracking up again).
 */
uint32_t nfth_instance_id(void);

/* --- Expectations --- */
/*
 * Ask the kernel to expect a connection matching @tuple under @mask (both
 * given as the ORIGINAL direction of the expected connection; a mask field
 * of all ones must match, zero is a wildcard), counted against expectation
 * class @class of this helper.  Sent with this packet's verdict.
 * Returns 0, or -1 when the packet already carries the maximum number of
 * expectations or the class is out of range.
 */
int nfth_expect_add(struct nfth_packet *pkt, unsigned int class,
		    const struct nfth_tuple *tuple,
		    const struct nfth_tuple *mask);
/*
 * The common case: expect a @l4proto connection from the peer of the
 * packet's sender to @addr:@port (the address the sender named), any source
 * port, as the kernel's FTP helper does.
 */
int nfth_expect_from_peer(struct nfth_packet *pkt, unsigned int class,
			  uint8_t l4proto, const union nfth_addr *addr,
			  uint16_t port);

#endif /* NFT_HELPERD_HELPER_H */
