// SPDX-License-Identifier: GPL-2.0-or-later
/* unit_ftp.c - the FTP parser and line-start tracking, against the cases the
 * kernel's nf_conntrack_ftp distinguishes (and where we deliberately differ). */
#include <arpa/inet.h>
#include <string.h>

#include "unit.h"
#include "../src/helpers/ftp_parse.h"

#define V4 2
#define V6 10
#define ORIG NFTH_DIR_ORIGINAL
#define REPL NFTH_DIR_REPLY

static enum ftp_result parse(const char *s, enum nfth_dir dir, uint8_t l3,
			     struct ftp_match *m)
{
	return ftp_parse(s, strlen(s), dir, l3, m);
}

static uint32_t ip4(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a.s_addr;
}

static void test_port(struct unit *u)
{
	struct ftp_match m;
	const char *s = "PORT 192,168,1,2,4,1\r\n";

	UNIT_CHECK_EQ_INT(u, parse(s, ORIG, V4, &m), FTP_FOUND);
	UNIT_CHECK_EQ_INT(u, m.kind, FTP_KIND_PORT);
	UNIT_CHECK(u, m.has_addr);
	UNIT_CHECK(u, m.addr.ip == ip4("192.168.1.2"));
	UNIT_CHECK_EQ_INT(u, m.port, 1025);
	UNIT_CHECK_EQ_INT(u, m.off, 5);
	UNIT_CHECK_EQ_INT(u, m.len, 15);
	/* case-insensitive command, as the kernel */
	UNIT_CHECK_EQ_INT(u, parse("port 10,0,0,1,0,21\r\n", ORIG, V4, &m), FTP_FOUND);
	UNIT_CHECK_EQ_INT(u, m.port, 21);
	/* only from the client */
	UNIT_CHECK_EQ_INT(u, parse(s, REPL, V4, &m), FTP_NONE);
	/* other commands are none of our business */
	UNIT_CHECK_EQ_INT(u, parse("RETR PORT 1,2,3,4,5,6\r\n", ORIG, V4, &m), FTP_NONE);
	UNIT_CHECK_EQ_INT(u, parse("USER anonymous\r\n", ORIG, V4, &m), FTP_NONE);
}

static void test_port_bogus(struct unit *u)
{
	struct ftp_match m;

	/* complete lines with bad numbers: malformed, never an expectation */
	UNIT_CHECK_EQ_INT(u, parse("PORT 1,2,3,4,5\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("PORT 1,2,3,4,5,6,7\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("PORT 256,2,3,4,5,6\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("PORT 1,2,3,4,0,0\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("PORT a,b,c,d,e,f\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("PORT 1,,3,4,5,6\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("PORT 99999999999999999999,1,1,1,1,1\r\n",
				   ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("PORT\r\n", ORIG, V4, &m), FTP_BAD);
}

static void test_partial(struct unit *u)
{
	struct ftp_match m;

	/* the segment ends inside the command: the kernel drops it */
	UNIT_CHECK_EQ_INT(u, parse("PO", ORIG, V4, &m), FTP_PARTIAL);
	UNIT_CHECK_EQ_INT(u, parse("PORT", ORIG, V4, &m), FTP_PARTIAL);
	UNIT_CHECK_EQ_INT(u, parse("PORT 10,0,0", ORIG, V4, &m), FTP_PARTIAL);
	UNIT_CHECK_EQ_INT(u, parse("PORT 10,0,0,1,4,1", ORIG, V4, &m), FTP_PARTIAL);
	UNIT_CHECK_EQ_INT(u, parse("227 Entering Passive Mode (", REPL, V4, &m),
			  FTP_PARTIAL);
	UNIT_CHECK_EQ_INT(u, parse("229 Entering Extended Passive Mode (|||",
				   REPL, V4, &m), FTP_PARTIAL);
	UNIT_CHECK_EQ_INT(u, parse("EPRT |2|fd00::", ORIG, V6, &m), FTP_PARTIAL);
	/* an over-long "line" is junk, not a command to wait for */
	{
		static char longline[1500];

		memcpy(longline, "PORT ", 5);
		memset(longline + 5, '1', sizeof(longline) - 5);
		UNIT_CHECK_EQ_INT(u, ftp_parse(longline, FTP_PARTIAL_MAX, ORIG, V4, &m),
				  FTP_BAD);	/* the number got too long */
		memset(longline + 5, ' ', sizeof(longline) - 5);
		UNIT_CHECK_EQ_INT(u, ftp_parse("227 ", 4, REPL, V4, &m), FTP_PARTIAL);
		memcpy(longline, "227 ", 4);
		UNIT_CHECK_EQ_INT(u, ftp_parse(longline, FTP_PARTIAL_MAX, REPL, V4, &m),
				  FTP_PARTIAL);
		UNIT_CHECK_EQ_INT(u, ftp_parse(longline, sizeof(longline), REPL, V4, &m),
				  FTP_BAD);
	}
	/* not a prefix of anything we look for */
	UNIT_CHECK_EQ_INT(u, parse("PA", ORIG, V4, &m), FTP_NONE);
}

static void test_pasv(struct unit *u)
{
	struct ftp_match m;
	const char *s = "227 Entering Passive Mode (10,0,2,2,156,64).\r\n";

	UNIT_CHECK_EQ_INT(u, parse(s, REPL, V4, &m), FTP_FOUND);
	UNIT_CHECK_EQ_INT(u, m.kind, FTP_KIND_PASV);
	UNIT_CHECK(u, m.addr.ip == ip4("10.0.2.2"));
	UNIT_CHECK_EQ_INT(u, m.port, 156 * 256 + 64);
	UNIT_CHECK_EQ_INT(u, m.off, 27);
	/* RFC 1123: no parentheses */
	UNIT_CHECK_EQ_INT(u, parse("227 =10,0,2,2,0,20\r\n", REPL, V4, &m), FTP_FOUND);
	UNIT_CHECK_EQ_INT(u, m.port, 20);
	/* from the client it means nothing */
	UNIT_CHECK_EQ_INT(u, parse(s, ORIG, V4, &m), FTP_NONE);
	UNIT_CHECK_EQ_INT(u, parse("227 no numbers here\r\n", REPL, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("226 Transfer complete\r\n", REPL, V4, &m), FTP_NONE);
}

static void test_epsv(struct unit *u)
{
	struct ftp_match m;

	UNIT_CHECK_EQ_INT(u, parse("229 Entering Extended Passive Mode (|||40001|)\r\n",
				   REPL, V6, &m), FTP_FOUND);
	UNIT_CHECK_EQ_INT(u, m.kind, FTP_KIND_EPSV);
	UNIT_CHECK(u, !m.has_addr);
	UNIT_CHECK_EQ_INT(u, m.port, 40001);
	UNIT_CHECK_EQ_INT(u, parse("229 x (!!!7!)\r\n", REPL, V4, &m), FTP_FOUND);
	UNIT_CHECK_EQ_INT(u, m.port, 7);
	UNIT_CHECK_EQ_INT(u, parse("229 x (|||0|)\r\n", REPL, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("229 x (|||70000|)\r\n", REPL, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("229 x (||1|)\r\n", REPL, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("229 x (1111)\r\n", REPL, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("229 no parenthesis\r\n", REPL, V4, &m), FTP_BAD);
}

static void test_eprt(struct unit *u)
{
	struct ftp_match m;
	uint8_t want[16];

	UNIT_CHECK_EQ_INT(u, parse("EPRT |1|132.235.1.2|6275|\r\n", ORIG, V4, &m),
			  FTP_FOUND);
	UNIT_CHECK_EQ_INT(u, m.kind, FTP_KIND_EPRT);
	UNIT_CHECK(u, m.addr.ip == ip4("132.235.1.2"));
	UNIT_CHECK_EQ_INT(u, m.port, 6275);
	UNIT_CHECK_EQ_INT(u, m.len, 20);

	UNIT_CHECK_EQ_INT(u, parse("EPRT |2|fd00:0:0:1::2|5282|\r\n", ORIG, V6, &m),
			  FTP_FOUND);
	inet_pton(AF_INET6, "fd00:0:0:1::2", want);
	UNIT_CHECK_EQ_MEM(u, m.addr.all, want, 16);
	UNIT_CHECK_EQ_INT(u, m.port, 5282);
	UNIT_CHECK_EQ_INT(u, m.l3proto, V6);

	/* family must be the connection's */
	UNIT_CHECK_EQ_INT(u, parse("EPRT |2|fd00::2|5282|\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("EPRT |1|1.2.3.4|5282|\r\n", ORIG, V6, &m), FTP_BAD);
	/* bogus arguments */
	UNIT_CHECK_EQ_INT(u, parse("EPRT |3|1.2.3.4|5282|\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("EPRT 1|1|1.2.3.4|5282|\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("EPRT |1|1.2.3|5282|\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("EPRT |1|1.2.3.4|0|\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("EPRT |1|1.2.3.4|x|\r\n", ORIG, V4, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("EPRT |2|fd00::zz|1|\r\n", ORIG, V6, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("EPRT |2|fd00:0000:0000:0000:0000:0000:0000:0000:1|1|\r\n",
				   ORIG, V6, &m), FTP_BAD);
	UNIT_CHECK_EQ_INT(u, parse("EPRT ||\r\n", ORIG, V4, &m), FTP_BAD);
}

static void test_not_nul_terminated(struct unit *u)
{
	/* the parser must never read past len: put the data at a page end
	 * would need mmap; instead check a slice of a longer string */
	struct ftp_match m;
	const char *s = "PORT 10,0,0,1,4,1\r\nXXXX";

	UNIT_CHECK_EQ_INT(u, ftp_parse(s, 17, ORIG, V4, &m), FTP_PARTIAL);
	UNIT_CHECK_EQ_INT(u, ftp_parse(s, 18, ORIG, V4, &m), FTP_FOUND);
	UNIT_CHECK_EQ_INT(u, ftp_parse(s, 0, ORIG, V4, &m), FTP_NONE);
}

static void test_seq_tracking(struct unit *u)
{
	struct ftp_priv p;

	memset(&p, 0, sizeof(p));
	/* nothing known yet: the first segment is not looked at */
	UNIT_CHECK(u, !ftp_seq_at_line_start(&p, ORIG, 1000));
	ftp_seq_line_end(&p, ORIG, 1010);
	UNIT_CHECK(u, ftp_seq_at_line_start(&p, ORIG, 1010));
	UNIT_CHECK(u, !ftp_seq_at_line_start(&p, ORIG, 1005));
	/* directions are separate */
	UNIT_CHECK(u, !ftp_seq_at_line_start(&p, REPL, 1010));
	ftp_seq_line_end(&p, ORIG, 1020);
	ftp_seq_line_end(&p, ORIG, 1030);	/* replaces the oldest (1010) */
	UNIT_CHECK(u, !ftp_seq_at_line_start(&p, ORIG, 1010));
	UNIT_CHECK(u, ftp_seq_at_line_start(&p, ORIG, 1020));
	UNIT_CHECK(u, ftp_seq_at_line_start(&p, ORIG, 1030));
	/* an older one (retransmission) does not push out a newer */
	ftp_seq_line_end(&p, ORIG, 1015);
	UNIT_CHECK(u, ftp_seq_at_line_start(&p, ORIG, 1020));
	UNIT_CHECK(u, ftp_seq_at_line_start(&p, ORIG, 1030));
	/* wrap-around of the sequence space */
	ftp_seq_line_end(&p, REPL, 0xfffffff0u);
	ftp_seq_line_end(&p, REPL, 0xfffffffau);
	ftp_seq_line_end(&p, REPL, 0x10);
	UNIT_CHECK(u, !ftp_seq_at_line_start(&p, REPL, 0xfffffff0u));
	UNIT_CHECK(u, ftp_seq_at_line_start(&p, REPL, 0x10));
	/* pickup lets exactly one segment through */
	p.flags[REPL] = FTP_F_SEQ_PICKUP;
	UNIT_CHECK(u, ftp_seq_at_line_start(&p, REPL, 12345));
	UNIT_CHECK(u, !ftp_seq_at_line_start(&p, REPL, 12345));
	/* garbage private data cannot make us read out of bounds */
	p.seq_aft_nl_num[ORIG] = 60000;
	UNIT_CHECK(u, !ftp_seq_at_line_start(&p, ORIG, 1));
	ftp_seq_line_end(&p, ORIG, 7);
	UNIT_CHECK(u, ftp_seq_at_line_start(&p, ORIG, 7));
	UNIT_CHECK(u, sizeof(struct ftp_priv) <= NFTH_PRIV_MAX);
}

static const struct unit_case cases[] = {
	UNIT_CASE(test_port),
	UNIT_CASE(test_port_bogus),
	UNIT_CASE(test_partial),
	UNIT_CASE(test_pasv),
	UNIT_CASE(test_epsv),
	UNIT_CASE(test_eprt),
	UNIT_CASE(test_not_nul_terminated),
	UNIT_CASE(test_seq_tracking),
};

UNIT_MAIN(cases)
