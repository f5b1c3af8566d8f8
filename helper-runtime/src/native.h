/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * native.h - native mode: follow the user-space ct helper objects of this
 * network namespace and serve their queues.
 */
#ifndef NFTH_NATIVE_H
#define NFTH_NATIVE_H

/*
 * Check kernel support, dump, drop privileges to CAP_NET_ADMIN (and
 * @user), serve and follow events until SIGTERM/SIGINT.  Returns the exit
 * status.
 */
int nfth_native_run(const char *user, const char *stats);

#endif
