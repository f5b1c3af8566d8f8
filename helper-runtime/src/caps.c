// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * caps.c - after start-up nft-helperd needs exactly one capability:
 * CAP_NET_ADMIN, which nfnetlink checks for every message (verdicts on the
 * queue, NFNL_MSG_CTHELPER_DEL at exit).  Everything else goes, from the
 * effective, permitted, inheritable and bounding sets; with --user the
 * process also stops being root.  Written against the raw capset(2) ABI
 * so that the daemon does not need libcap for twenty lines.
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "caps.h"
#include "log.h"

static int set_caps(uint32_t keep_bit)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	data[keep_bit / 32].effective = 1u << (keep_bit % 32);
	data[keep_bit / 32].permitted = 1u << (keep_bit % 32);
	return (int)syscall(SYS_capset, &hdr, data);
}

int nfth_drop_privileges(const char *user)
{
	struct passwd *pw = NULL;
	int cap;

	if (user) {
		pw = getpwnam(user);
		if (!pw) {
			nfth_err("--user %s: no such user", user);
			return -1;
		}
	}
	/* bounding set first: needs CAP_SETPCAP, which goes below */
	for (cap = 0; cap <= 63; cap++) {
		if (cap == CAP_NET_ADMIN)
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL) {
			nfth_err("cannot drop capability %d from the bounding set: %s",
				 cap, strerror(errno));
			return -1;
		}
	}
	if (pw) {
		if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0 ||
		    setgroups(0, NULL) < 0 ||
		    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) < 0 ||
		    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) < 0) {
			nfth_err("cannot become user %s: %s", user, strerror(errno));
			return -1;
		}
	}
	if (set_caps(CAP_NET_ADMIN) < 0) {
		nfth_err("cannot reduce capabilities to CAP_NET_ADMIN: %s",
			 strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		nfth_err("cannot set no_new_privs: %s", strerror(errno));
		return -1;
	}
	nfth_info("running with CAP_NET_ADMIN only%s%s", pw ? " as user " : "",
		  pw ? user : "");
	return 0;
}
