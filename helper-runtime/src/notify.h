/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * notify.h - tell the service manager how the daemon is doing (systemd's
 * sd_notify protocol: one datagram of "KEY=value" lines to the AF_UNIX
 * socket named by $NOTIFY_SOCKET).  Ten lines of our own instead of a
 * libsystemd dependency.
 */
#ifndef NFTH_NOTIFY_H
#define NFTH_NOTIFY_H

/* Send @state ("READY=1\nSTATUS=..."); 0 when sent or when no manager
 * asked ($NOTIFY_SOCKET unset), else -errno. */
int nfth_notify(const char *state);

#endif
