/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * packet.h - one queued packet with its conntrack, as the helpers see it,
 * and the verdict that goes back.  A queue thread owns one of these and
 * reuses it for every packet: parsing points into the receive buffer and
 * copies only the private data, so nothing is allocated per packet.
 */
#ifndef NFTH_PACKET_H
#define NFTH_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nft-helperd/helper.h>

struct nlmsghdr;

/* The kernel takes one NFQA_EXP per verdict (nfqnl_recv_verdict). */
#define NFTH_EXPECT_PER_PACKET	1
/* Room one verdict may take, expectation and private data included. */
#define NFTH_VERDICT_MAX	512

struct nfth_expectation {
	unsigned int class;
	struct nfth_tuple tuple;
	struct nfth_tuple mask;
	/* helper the expected connection gets (CTA_EXPECT_HELP_NAME); "" for
	 * none, which is what helpers asking through nfth_expect_add() get */
	char helper[NFTH_NAME_MAX];
};

struct nfth_packet {
	uint16_t queue;			/* res_id of the message */
	uint32_t id;			/* packet id, host order */
	const uint8_t *net;		/* network header (NFQA_PAYLOAD) */
	size_t net_len;
	const uint8_t *l4;		/* transport header, NULL if none */
	size_t l4_len;
	uint8_t l4proto;
	const uint8_t *payload;		/* after the transport header */
	size_t payload_len;

	bool has_ct;
	bool has_ct_id;
	uint32_t ct_id;			/* CTA_ID, host order (privcache.h) */
	uint16_t zone;			/* CTA_ZONE, host order; 0 if none */
	uint32_t ctinfo;
	enum nfth_dir dir;
	struct nfth_tuple tuple[2];	/* ORIGINAL, REPLY */
	char helper_name[NFTH_NAME_MAX];	/* CTA_HELP_NAME, "" if none */
	uint8_t priv[NFTH_PRIV_MAX];	/* working copy of CTA_HELP_INFO */
	uint8_t priv_orig[NFTH_PRIV_MAX];
	size_t priv_len;		/* as received */
	bool priv_written;

	unsigned int exp_count;
	struct nfth_expectation exp[NFTH_EXPECT_PER_PACKET];
	unsigned int class_count;	/* of the helper being run */
};

/* Set once at start-up, before any queue thread runs. */
void nfth_set_instance_id(uint32_t id);

/* Why a message could not be used; the packet is then just accepted. */
enum nfth_parse_error {
	NFTH_PARSE_OK = 0,
	NFTH_PARSE_NOT_PACKET,	/* not an NFQNL_MSG_PACKET */
	NFTH_PARSE_NO_HDR,	/* no NFQA_PACKET_HDR: cannot even answer */
	NFTH_PARSE_NO_CT,	/* no conntrack (queue not bound with F_CONNTRACK) */
	NFTH_PARSE_BAD_CT,	/* conntrack attributes malformed */
};

/* Fill @pkt from one NFQNL_MSG_PACKET message.  On NFTH_PARSE_NO_CT and
 * NFTH_PARSE_BAD_CT the id and queue are valid (answer ACCEPT). */
enum nfth_parse_error nfth_packet_parse(const struct nlmsghdr *nlh,
					struct nfth_packet *pkt);

/* Locate the L3/L4 headers and payload in @pkt->net (used by the parser,
 * exposed for tests). */
void nfth_packet_locate_l4(struct nfth_packet *pkt);

/* Does the verdict need more than ACCEPT/DROP (private data, expectation)? */
bool nfth_packet_needs_ct_verdict(const struct nfth_packet *pkt);

/*
 * Append one NFQNL_MSG_VERDICT for @pkt to @buf at *@off (buffer of @size
 * bytes): the verdict, and with an ACCEPT that needs it NFQA_CT carrying
 * CTA_HELP (name and updated CTA_HELP_INFO) and NFQA_EXP with tuple, mask,
 * class and, if named, the expected connection's helper.  Whoever fills
 * pkt->exp[] directly (not through nfth_expect_add) vouches for the class.
 * Returns 0 or -1 when fewer than NFTH_VERDICT_MAX bytes are left.
 */
int nfth_verdict_put(char *buf, size_t size, size_t *off,
		     const struct nfth_packet *pkt, uint32_t verdict);
/* Append a CTA_TUPLE_* / CTA_EXPECT_TUPLE / CTA_EXPECT_MASK nest for @t. */
void nfth_tuple_put(struct nlmsghdr *nlh, uint16_t type,
		    const struct nfth_tuple *t);
/* Append one NFQNL_MSG_VERDICT_BATCH: @verdict for all ids <= @max_id. */
int nfth_verdict_batch_put(char *buf, size_t size, size_t *off,
			   uint16_t queue, uint32_t max_id, uint32_t verdict);

#endif
