/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ftp_parse.h - the FTP helper's pure parts: command/reply recognition and
 * the "are we at the start of a line" sequence tracking, with no packet or
 * netlink in sight, so that unit tests and fuzzers drive them directly.
 *
 * Semantics follow the kernel's nf_conntrack_ftp (Linux 6.1): only segments
 * that begin right after a line end seen earlier are parsed; PORT and EPRT
 * are looked for from the client, "227 " (PASV) and "229 " (EPSV) from the
 * server; a segment that ends inside a recognised command is dropped so that
 * TCP resends it whole.  Where the kernel also drops a *complete* line with
 * bogus numbers, or a "partial" command longer than any real one (either
 * would stall the control connection for good), we accept it unchanged and
 * report it as malformed instead.
 */
#ifndef NFTH_FTP_PARSE_H
#define NFTH_FTP_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include <nft-helperd/helper.h>

enum ftp_kind {
	FTP_KIND_PORT,		/* PORT h1,h2,h3,h4,p1,p2 (client) */
	FTP_KIND_EPRT,		/* EPRT |1|a.b.c.d|port| or |2|v6|port| (client) */
	FTP_KIND_PASV,		/* 227 ... h1,h2,h3,h4,p1,p2 (server) */
	FTP_KIND_EPSV,		/* 229 ... (|||port|) (server) */
};

enum ftp_result {
	FTP_NONE,		/* nothing for us in this segment */
	FTP_FOUND,		/* a complete, well-formed command/reply */
	FTP_PARTIAL,		/* a command starts but the segment ends first */
	FTP_BAD,		/* a complete line with bogus arguments */
};

struct ftp_match {
	enum ftp_kind kind;
	uint8_t l3proto;		/* family of the address named */
	int has_addr;			/* PORT/EPRT/227 name one; 229 does not */
	union nfth_addr addr;
	uint16_t port;			/* host order, never 0 */
	size_t off;			/* where the numbers start in the segment */
	size_t len;			/* and how long they are */
};

/*
 * Look at one segment that starts at a line beginning.  @dir says who sent
 * it (client = ORIGINAL), @l3proto the connection's family.
 */
/* A segment this long that still has not completed a command is junk. */
#define FTP_PARTIAL_MAX		256

enum ftp_result ftp_parse(const char *data, size_t len, enum nfth_dir dir,
			  uint8_t l3proto, struct ftp_match *m);

/*
 * Per-connection state kept in the kernel as the helper's private data
 * (28 bytes of the 32 allowed): first the fields of the kernel helper's
 * nf_ct_ftp_master, with the same meaning (the sequence numbers right after
 * the last line ends seen in each direction), then the instance id of the
 * daemon that last wrote it: a new daemon picks tracking up again.
 */
#define FTP_SEQ_REMEMBER	2
struct ftp_priv {
	uint32_t seq_aft_nl[2][FTP_SEQ_REMEMBER];
	uint16_t seq_aft_nl_num[2];
	uint16_t flags[2];		/* FTP_F_SEQ_PICKUP */
	uint32_t instance;		/* nfth_instance_id() of the writer */
};
#define FTP_F_SEQ_PICKUP	(1 << 0)

/* May a segment of direction @dir starting at @seq be parsed?  May clear
 * the pickup flag (which lets exactly one segment through). */
int ftp_seq_at_line_start(struct ftp_priv *p, enum nfth_dir dir, uint32_t seq);
/* Remember that a line ended right before @seq in direction @dir. */
void ftp_seq_line_end(struct ftp_priv *p, enum nfth_dir dir, uint32_t seq);

#endif
