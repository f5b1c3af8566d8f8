// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ftp_parse.c - FTP command/reply recognition and line-start tracking.
 * See ftp_parse.h for the semantics and how they relate to the kernel's.
 */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include "ftp_parse.h"

#define NFPROTO_IPV4_	2
#define NFPROTO_IPV6_	10

/* Scanning the numbers either succeeds (length), or needs more data, or
 * sees something that cannot be right. */
enum scan { SCAN_OK, SCAN_SHORT, SCAN_BAD };

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Read @count decimal numbers, each <= @limit, separated by @sep.  After the
 * last one comes @term (or, with term 0, any other character).  *used gets
 * the number of characters consumed, terminator excluded.
 */
static enum scan scan_numbers(const char *d, size_t len, uint32_t *v,
			      unsigned int count, uint32_t limit, char sep,
			      char term, size_t *used)
{
	unsigned int i = 0, digits = 0;
	size_t n;

	memset(v, 0, sizeof(*v) * count);
	for (n = 0; n < len; n++) {
		char c = d[n];

		if (is_digit(c)) {
			v[i] = v[i] * 10 + (uint32_t)(c - '0');
			if (v[i] > limit || ++digits > 10)
				return SCAN_BAD;
		} else if (c == sep && i + 1 < count && digits) {
			i++;
			digits = 0;
		} else if ((c == term || !term) && i + 1 == count && digits) {
			*used = n;
			return SCAN_OK;
		} else {
			return SCAN_BAD;
		}
	}
	return SCAN_SHORT;
}

/* Is there a line end anywhere from @from on?  Tells "not yet" from "never". */
static int has_line_end(const char *d, size_t len, size_t from)
{
	return from < len && memchr(d + from, '\n', len - from) != NULL;
}

static enum scan scan_port(const char *d, size_t len, char delim,
			   uint16_t *port, size_t *used)
{
	uint32_t v;

	enum scan s = scan_numbers(d, len, &v, 1, 65535, 0, delim, used);

	if (s != SCAN_OK)
		return s;
	if (v == 0)
		return SCAN_BAD;
	*port = (uint16_t)v;
	return SCAN_OK;
}

/* h1,h2,h3,h4,p1,p2 as in PORT and in 227 replies. */
static enum scan scan_rfc959(const char *d, size_t len, char term,
			     struct ftp_match *m, size_t *used)
{
	uint32_t v[6];
	enum scan s;

	s = scan_numbers(d, len, v, 6, 255, ',', term, used);
	if (s != SCAN_OK)
		return s;
	m->has_addr = 1;
	m->l3proto = NFPROTO_IPV4_;
	memset(&m->addr, 0, sizeof(m->addr));
	m->addr.ip = htonl(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3]);
	m->port = (uint16_t)(v[4] << 8 | v[5]);
	return m->port ? SCAN_OK : SCAN_BAD;
}

/* |1|a.b.c.d|port| or |2|v6addr|port| (RFC 2428), @d at the first delimiter. */
static enum scan scan_eprt(const char *d, size_t len, uint8_t l3proto,
			   struct ftp_match *m, size_t *used)
{
	char delim, buf[INET6_ADDRSTRLEN];
	const char *end;
	size_t alen, plen;
	uint32_t v[4];
	enum scan s;

	if (len < 3)
		return SCAN_SHORT;
	delim = d[0];
	if (is_digit(delim) || delim < 33 || delim > 126 || d[2] != delim)
		return SCAN_BAD;
	if ((d[1] != '1' || l3proto != NFPROTO_IPV4_) &&
	    (d[1] != '2' || l3proto != NFPROTO_IPV6_))
		return SCAN_BAD;

	m->has_addr = 1;
	m->l3proto = l3proto;
	memset(&m->addr, 0, sizeof(m->addr));
	if (d[1] == '1') {
		s = scan_numbers(d + 3, len - 3, v, 4, 255, '.', delim, &alen);
		if (s != SCAN_OK)
			return s;
		m->addr.ip = htonl(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3]);
	} else {
		end = memchr(d + 3, delim, len - 3);
		if (!end)
			return len - 3 < sizeof(buf) &&
			       !memchr(d + 3, '\n', len - 3) ? SCAN_SHORT : SCAN_BAD;
		alen = (size_t)(end - (d + 3));
		if (alen == 0 || alen >= sizeof(buf))
			return SCAN_BAD;
		memcpy(buf, d + 3, alen);
		buf[alen] = '\0';
		if (inet_pton(AF_INET6, buf, m->addr.all) != 1)
			return SCAN_BAD;
	}
	/* after "|1|" + address + "|" comes the port, ended by the delimiter */
	if (3 + alen + 1 > len)
		return SCAN_SHORT;
	s = scan_port(d + 3 + alen + 1, len - (3 + alen + 1), delim, &m->port,
		      &plen);
	if (s != SCAN_OK)
		return s;
	*used = 3 + alen + 1 + plen + 1;
	return SCAN_OK;
}

/* (|||port|): three delimiters, the port, the delimiter again. */
static enum scan scan_epsv(const char *d, size_t len, struct ftp_match *m,
			   size_t *used)
{
	char delim;
	size_t plen;
	enum scan s;

	if (len <= 3)
		return SCAN_SHORT;
	delim = d[0];
	if (is_digit(delim) || delim < 33 || delim > 126 ||
	    d[1] != delim || d[2] != delim)
		return SCAN_BAD;
	m->has_addr = 0;
	s = scan_port(d + 3, len - 3, delim, &m->port, &plen);
	if (s != SCAN_OK)
		return s;
	*used = 3 + plen + 1;
	return SCAN_OK;
}

struct ftp_pattern {
	const char *word;	/* compared case-insensitively at line start */
	size_t wlen;
	char skip;		/* the numbers start after this character */
	enum ftp_kind kind;
};

static const struct ftp_pattern patterns[2][2] = {
	[NFTH_DIR_ORIGINAL] = {
		{ "PORT", 4, ' ', FTP_KIND_PORT },
		{ "EPRT", 4, ' ', FTP_KIND_EPRT },
	},
	[NFTH_DIR_REPLY] = {
		{ "227 ", 4, 0, FTP_KIND_PASV },
		{ "229 ", 4, '(', FTP_KIND_EPSV },
	},
};

static enum scan scan_args(const struct ftp_pattern *p, const char *d,
			   size_t len, uint8_t l3proto, struct ftp_match *m,
			   size_t *used)
{
	size_t i;

	switch (p->kind) {
	case FTP_KIND_PORT:
		return scan_rfc959(d, len, '\r', m, used);
	case FTP_KIND_EPRT:
		return scan_eprt(d, len, l3proto, m, used);
	case FTP_KIND_PASV:
		/* RFC 1123: scan for the first digit, parentheses or not */
		for (i = 0; i < len && !is_digit(d[i]); i++)
			if (d[i] == '\n')
				return SCAN_BAD;
		if (i == len)
			return SCAN_SHORT;
		m->off += i;
		return scan_rfc959(d + i, len - i, 0, m, used);
	case FTP_KIND_EPSV:
		return scan_epsv(d, len, m, used);
	}
	return SCAN_BAD;
}

static enum ftp_result try_pattern(const struct ftp_pattern *p,
				   const char *data, size_t len,
				   uint8_t l3proto, struct ftp_match *m)
{
	size_t i = p->wlen, used = 0;
	enum scan s;

	if (len <= p->wlen)
		return strncasecmp(data, p->word, len) ? FTP_NONE : FTP_PARTIAL;
	if (strncasecmp(data, p->word, p->wlen))
		return FTP_NONE;

	if (p->skip) {
		while (i < len && data[i] != p->skip && data[i] != '\n')
			i++;
		if (i == len)
			return FTP_PARTIAL;
		if (data[i] != p->skip)
			return FTP_BAD;
		i++;
	}

	memset(m, 0, sizeof(*m));
	m->kind = p->kind;
	m->off = i;
	s = scan_args(p, data + i, len - i, l3proto, m, &used);
	if (s == SCAN_OK) {
		m->len = used;
		return FTP_FOUND;
	}
	/* Ran out of data before the line ended: wait for all of it (the
	 * kernel drops such a segment; TCP resends it, merged).  A wrong
	 * character makes the line bogus whatever follows. */
	if (s == SCAN_SHORT && !has_line_end(data, len, i))
		return FTP_PARTIAL;
	return FTP_BAD;
}

enum ftp_result ftp_parse(const char *data, size_t len, enum nfth_dir dir,
			  uint8_t l3proto, struct ftp_match *m)
{
	enum ftp_result r = FTP_NONE;
	unsigned int i;

	if (!data || !len || (dir != NFTH_DIR_ORIGINAL && dir != NFTH_DIR_REPLY))
		return FTP_NONE;
	for (i = 0; i < 2; i++) {
		r = try_pattern(&patterns[dir][i], data, len, l3proto, m);
		if (r != FTP_NONE)
			break;
	}
	/* No command or reply we parse is anywhere near this long; waiting
	 * for the rest of such a "line" (the kernel drops the segment) would
	 * only stall the connection for good, resends included. */
	if (r == FTP_PARTIAL && len > FTP_PARTIAL_MAX)
		r = FTP_BAD;
	return r;
}

/* Serial number arithmetic on 32-bit sequence numbers (RFC 1982). */
static int seq_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

int ftp_seq_at_line_start(struct ftp_priv *p, enum nfth_dir dir, uint32_t seq)
{
	unsigned int i, n = p->seq_aft_nl_num[dir];

	if (n > FTP_SEQ_REMEMBER)	/* private data we did not write */
		n = FTP_SEQ_REMEMBER;
	for (i = 0; i < n; i++)
		if (p->seq_aft_nl[dir][i] == seq)
			return 1;
	/* picked up after a fail-over: trust exactly one segment */
	if (p->flags[dir] & FTP_F_SEQ_PICKUP) {
		p->flags[dir] &= (uint16_t)~FTP_F_SEQ_PICKUP;
		return 1;
	}
	return 0;
}

void ftp_seq_line_end(struct ftp_priv *p, enum nfth_dir dir, uint32_t seq)
{
	unsigned int i, oldest;

	if (p->seq_aft_nl_num[dir] > FTP_SEQ_REMEMBER)
		p->seq_aft_nl_num[dir] = 0;
	for (i = 0; i < p->seq_aft_nl_num[dir]; i++)
		if (p->seq_aft_nl[dir][i] == seq)
			return;
	if (p->seq_aft_nl_num[dir] < FTP_SEQ_REMEMBER) {
		p->seq_aft_nl[dir][p->seq_aft_nl_num[dir]++] = seq;
		return;
	}
	/* replace the older of the two, unless @seq is older still
	 * (a retransmission must not push out a newer line start) */
	oldest = seq_before(p->seq_aft_nl[dir][0], p->seq_aft_nl[dir][1]) ? 0 : 1;
	if (seq_before(p->seq_aft_nl[dir][oldest], seq))
		p->seq_aft_nl[dir][oldest] = seq;
}
