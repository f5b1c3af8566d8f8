// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ct-event-stall - a conntrack event listener that asks for reliable
 * delivery and never reads, so that destroy events stop being delivered.
 *
 *   ct-event-stall SECONDS
 *
 * Subscribes a ctnetlink socket to destroy events (NFNLGRP_CONNTRACK_DESTROY)
 * with NETLINK_BROADCAST_ERROR and NETLINK_NO_ENOBUFS and the smallest
 * receive buffer, prints "listening" and sleeps.  Once the buffer is full,
 * a conntrack whose destroy event cannot be delivered waits on the
 * namespace's event dying list ("conntrack -L dying") until the event can
 * be sent, as conntrackd's reliable mode relies on.  Needs CAP_NET_ADMIN in
 * the network namespace only (an unprivileged user in a user namespace
 * will do).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/netfilter/nfnetlink.h>

int main(int argc, char *argv[])
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd, one = 1, group = NFNLGRP_CONNTRACK_DESTROY, small = 1;
	char *end;
	long seconds;

	if (argc != 2 || (seconds = strtol(argv[1], &end, 10)) <= 0 || *end) {
		fprintf(stderr, "usage: ct-event-stall SECONDS\n");
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small)) < 0 ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_BROADCAST_ERROR, &one, sizeof(one)) < 0 ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof(one)) < 0 ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)) < 0) {
		fprintf(stderr, "ct-event-stall: %s\n", strerror(errno));
		return 1;
	}
	printf("listening\n");
	fflush(stdout);
	sleep(seconds);
	close(fd);
	return 0;
}
