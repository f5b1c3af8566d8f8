// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ftp-load - FTP workload generator for the helper benchmark.
 *
 *   ftp-load sessions ADDR SESSIONS TRANSFERS PARALLEL FILE
 *       SESSIONS FTP sessions (login, TRANSFERS passive downloads of FILE,
 *       QUIT), spread over PARALLEL processes.  Passive mode is PASV for
 *       IPv4 and EPSV for IPv6, as ftp clients do.  Every data connection
 *       crosses the router only if a helper opened an expectation for it.
 *   ftp-load saturate ADDR SECONDS PARALLEL
 *       PARALLEL logged-in control connections, each sending NOOP and
 *       waiting for its "200" as fast as the server answers, for SECONDS.
 *       Every command and every reply is a segment the helper inspects.
 *
 * Prints one line of counters, e.g.
 *   sessions=200 ok=200 failed=0 transfers=1000 bytes=2048000 seconds=12.345
 *   commands=51234 failed=0 seconds=10.001
 * and exits 1 if any session failed.  Each socket wait is bounded (5 s), so
 * a missing expectation is a failed session, never a hang.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct counters {
	unsigned long sessions, ok, failed, transfers, bytes, commands;
};

struct ctl {
	int fd;
	char buf[4096];
	size_t len;
};

static struct sockaddr_storage server;
static socklen_t server_len;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int connect_to(const struct sockaddr_storage *ss, socklen_t len)
{
	struct timeval tv = { .tv_sec = 5 };
	int one = 1, fd;

	fd = socket(ss->ss_family, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (const struct sockaddr *)ss, len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads one complete reply (multi-line replies end with "NNN "); returns
 * its code, or -1.  The reply text is left in c->buf up to its end. */
static int read_reply(struct ctl *c, char *text, size_t textlen)
{
	for (;;) {
		char *line = c->buf, *nl;

		while ((nl = memchr(line, '\n', c->len - (size_t)(line - c->buf)))) {
			size_t l = (size_t)(nl - line) + 1;

			if (l >= 4 && line[0] >= '1' && line[0] <= '5' && line[3] == ' ') {
				int code = atoi(line);

				if (text) {
					size_t n = l < textlen ? l : textlen - 1;

					memcpy(text, line, n);
					text[n] = '\0';
				}
				c->len -= (size_t)(nl + 1 - c->buf);
				memmove(c->buf, nl + 1, c->len);
				return code;
			}
			line = nl + 1;
		}
		if (c->len == sizeof(c->buf))
			return -1;
		ssize_t n = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);

		if (n <= 0)
			return -1;
		c->len += (size_t)n;
	}
}

static int command(struct ctl *c, const char *cmd, char *text, size_t textlen)
{
	size_t len = strlen(cmd);

	if (write(c->fd, cmd, len) != (ssize_t)len)
		return -1;
	return read_reply(c, text, textlen);
}

static int login(struct ctl *c)
{
	int code;

	if (read_reply(c, NULL, 0) != 220)
		return -1;
	code = command(c, "USER anonymous\r\n", NULL, 0);
	if (code == 230)	/* a server that asks no password */
		return 0;
	if (code != 331)
		return -1;
	return command(c, "PASS bench@\r\n", NULL, 0) == 230 ? 0 : -1;
}

/* Opens the data connection the server announced (227 or 229). */
static int open_passive(struct ctl *c)
{
	struct sockaddr_storage data = server;
	char text[512];
	unsigned int port;
	char *p;

	if (server.ss_family == AF_INET) {
		unsigned int h[4], pp[2];

		if (command(c, "PASV\r\n", text, sizeof(text)) != 227)
			return -1;
		p = strchr(text, '(');
		if (!p || sscanf(p, "(%u,%u,%u,%u,%u,%u)", &h[0], &h[1], &h[2],
				 &h[3], &pp[0], &pp[1]) != 6)
			return -1;
		port = pp[0] << 8 | pp[1];
		((struct sockaddr_in *)&data)->sin_port = htons((uint16_t)port);
	} else {
		if (command(c, "EPSV\r\n", text, sizeof(text)) != 229)
			return -1;
		p = strstr(text, "(|||");
		if (!p || sscanf(p, "(|||%u|)", &port) != 1)
			return -1;
		((struct sockaddr_in6 *)&data)->sin6_port = htons((uint16_t)port);
	}
	return connect_to(&data, server_len);
}

static int transfer(struct ctl *c, const char *file, struct counters *k)
{
	char cmd[300], buf[65536];
	int fd, code;
	ssize_t n;

	if (command(c, "TYPE I\r\n", NULL, 0) != 200)
		return -1;
	fd = open_passive(c);
	if (fd < 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "RETR %s\r\n", file);
	code = command(c, cmd, NULL, 0);
	if (code != 150 && code != 125) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		k->bytes += (unsigned long)n;
	close(fd);
	if (n < 0 || read_reply(c, NULL, 0) != 226)
		return -1;
	k->transfers++;
	return 0;
}

static int session(const char *file, unsigned long transfers, struct counters *k)
{
	struct ctl c = { .len = 0 };
	unsigned long i;
	int ret = -1;

	c.fd = connect_to(&server, server_len);
	if (c.fd < 0)
		return -1;
	if (login(&c) == 0) {
		for (i = 0; i < transfers; i++)
			if (transfer(&c, file, k) < 0)
				break;
		if (i == transfers && command(&c, "QUIT\r\n", NULL, 0) == 221)
			ret = 0;
	}
	close(c.fd);
	return ret;
}

static void saturate(double seconds, struct counters *k)
{
	struct ctl c = { .len = 0 };
	double end = now() + seconds;

	c.fd = connect_to(&server, server_len);
	if (c.fd < 0 || login(&c) < 0) {
		k->failed++;
		return;
	}
	while (now() < end) {
		if (command(&c, "NOOP\r\n", NULL, 0) != 200) {
			k->failed++;
			break;
		}
		k->commands++;
	}
	command(&c, "QUIT\r\n", NULL, 0);
	close(c.fd);
}

/* Runs fn in PARALLEL children and sums their counters through a pipe. */
static void run_parallel(unsigned long parallel, struct counters *total,
			 void (*fn)(unsigned long worker, struct counters *k, void *arg),
			 void *arg)
{
	int fd[2];
	unsigned long w;
	struct counters k;

	if (pipe(fd) < 0) {
		perror("ftp-load: pipe");
		exit(2);
	}
	for (w = 0; w < parallel; w++) {
		if (fork() == 0) {
			memset(&k, 0, sizeof(k));
			close(fd[0]);
			fn(w, &k, arg);
			if (write(fd[1], &k, sizeof(k)) != sizeof(k))
				_exit(2);
			_exit(0);
		}
	}
	close(fd[1]);
	while (read(fd[0], &k, sizeof(k)) == sizeof(k)) {
		total->sessions += k.sessions;
		total->ok += k.ok;
		total->failed += k.failed;
		total->transfers += k.transfers;
		total->bytes += k.bytes;
		total->commands += k.commands;
	}
	close(fd[0]);
	while (wait(NULL) > 0)
		;
}

struct sessions_arg {
	unsigned long sessions, transfers, parallel;
	const char *file;
};

static void sessions_worker(unsigned long w, struct counters *k, void *arg)
{
	const struct sessions_arg *a = arg;
	unsigned long i;

	for (i = w; i < a->sessions; i += a->parallel) {
		k->sessions++;
		if (session(a->file, a->transfers, k) == 0)
			k->ok++;
		else
			k->failed++;
	}
}

static void saturate_worker(unsigned long w, struct counters *k, void *arg)
{
	(void)w;
	saturate(*(double *)arg, k);
}

static unsigned long number(const char *s, const char *what)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end || v == 0) {
		fprintf(stderr, "ftp-load: bad %s '%s'\n", what, s);
		exit(2);
	}
	return v;
}

static void set_server(const char *addr)
{
	struct sockaddr_in *in = (struct sockaddr_in *)&server;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&server;

	memset(&server, 0, sizeof(server));
	if (inet_pton(AF_INET, addr, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons(21);
		server_len = sizeof(*in);
	} else if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(21);
		server_len = sizeof(*in6);
	} else {
		fprintf(stderr, "ftp-load: bad address '%s'\n", addr);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	struct counters total = { 0 };
	double start;

	if (argc == 7 && !strcmp(argv[1], "sessions")) {
		struct sessions_arg a = {
			.sessions = number(argv[3], "session count"),
			.transfers = number(argv[4], "transfer count"),
			.parallel = number(argv[5], "parallelism"),
			.file = argv[6],
		};

		set_server(argv[2]);
		start = now();
		run_parallel(a.parallel, &total, sessions_worker, &a);
		printf("sessions=%lu ok=%lu failed=%lu transfers=%lu bytes=%lu seconds=%.3f\n",
		       total.sessions, total.ok, total.failed, total.transfers,
		       total.bytes, now() - start);
		return total.failed || total.ok != a.sessions ? 1 : 0;
	}
	if (argc == 5 && !strcmp(argv[1], "saturate")) {
		double seconds = (double)number(argv[3], "duration");

		set_server(argv[2]);
		start = now();
		run_parallel(number(argv[4], "parallelism"), &total,
			     saturate_worker, &seconds);
		printf("commands=%lu failed=%lu seconds=%.3f\n", total.commands,
		       total.failed, now() - start);
		return total.failed ? 1 : 0;
	}
	fprintf(stderr,
		"usage: ftp-load sessions ADDR SESSIONS TRANSFERS PARALLEL FILE\n"
		"       ftp-load saturate ADDR SECONDS PARALLEL\n");
	return 2;
}
