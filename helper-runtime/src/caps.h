/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NFTH_CAPS_H
#define NFTH_CAPS_H

/*
 * Keep only CAP_NET_ADMIN (nfnetlink needs it for every verdict and for
 * unregistering helpers at exit), drop it from nothing else; optionally
 * become @user first.  Sets no_new_privs.  Returns 0 or -1 (logged).
 */
int nfth_drop_privileges(const char *user);

#endif
