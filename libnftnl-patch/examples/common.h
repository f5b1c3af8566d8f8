/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * common.h - what the ct helper example tools share: argument parsing of
 * families and protocols, and one netlink conversation (send one batch and
 * collect the kernel's verdict, or run a dump).
 */
#ifndef NFT_CT_HELPER_EXAMPLES_COMMON_H
#define NFT_CT_HELPER_EXAMPLES_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <libmnl/libmnl.h>
#include <libnftnl/batch.h>

#include "extack.h"

/*
 * Receive buffer: the kernel sizes dump parts after the reader's buffer, so
 * a fixed large one is never too small (MNL_SOCKET_BUFFER_SIZE is a page).
 */
#define NL_RECV_SIZE	32768

#define EXIT_USAGE	2	/* bad command line; 1 is a runtime error */

extern const char *prog;	/* for messages: set from argv[0] */

void set_prog(const char *argv0);
void __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...);

int parse_family(const char *s, uint32_t *family);
const char *family_name(uint32_t family);
int parse_l3proto(const char *s, uint16_t *l3proto);
int parse_l4proto(const char *s, uint8_t *l4proto);
/* Whole string, decimal (or 0x hex), 0..max. */
int parse_uint(const char *s, uint64_t max, uint64_t *val);

struct nl_conn {
	struct mnl_socket	*nl;
	uint32_t		portid;
	uint32_t		seq;
	struct extack_info	err;		/* the kernel's last error */
	const void		*sent;		/* the last batch, for err */
	size_t			sent_len;
};

int nl_conn_open(struct nl_conn *c, unsigned int groups);
void nl_conn_close(struct nl_conn *c);

/* Begins a batch: BATCH_BEGIN already in. */
struct nftnl_batch *batch_start(struct nl_conn *c);
/*
 * Ends the batch, sends it and reads until the kernel has answered every
 * message that asked for an ACK.  Returns 0, or the kernel's errno.
 */
int batch_commit(struct nl_conn *c, struct nftnl_batch *b, int debug);
/* The same without BATCH_END: the kernel validates, then aborts. */
int batch_check(struct nl_conn *c, struct nftnl_batch *b, int debug);

/* Sends one request (a dump or a get) and runs cb for every reply. */
int nl_request(struct nl_conn *c, struct nlmsghdr *nlh, mnl_cb_t cb,
	       void *data);

/* After an error: the kernel's message and offending attribute, if given. */
void nl_conn_report(const struct nl_conn *c, FILE *fp);

/* Hex dump of a netlink message stream for --debug. */
void dump_bytes(const void *buf, size_t len);

#endif
