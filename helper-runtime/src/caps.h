/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NFTH_CAPS_H
#define NFTH_CAPS_H

#include <stdbool.h>

/*
 * Before anything is bound or registered: can the daemon run as asked?
 * @user (if any) must exist; unless @check_only, the process must hold
 * CAP_NET_ADMIN, and switching to @user needs root (CAP_SETUID and
 * CAP_SETGID) unless it is that user already.  Returns 0 or -1 (logged),
 * so that a start that cannot succeed fails before it changes anything.
 */
int nfth_privileges_check(const char *user, bool check_only);

/*
 * Keep only CAP_NET_ADMIN (nfnetlink needs it for every verdict and for
 * unregistering helpers at exit) in the effective and permitted sets,
 * clear the inheritable and ambient sets, drop the rest of the bounding
 * set when the process may (CAP_SETPCAP; a non-root start with
 * CAP_NET_ADMIN alone may not, and no_new_privs makes the bounding set
 * moot), optionally become @user first.  Sets no_new_privs and logs what
 * it kept.  Returns 0 or -1 (logged).
 */
int nfth_drop_privileges(const char *user);

#endif
