// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * caps.c - after start-up nft-helperd needs exactly one capability:
 * CAP_NET_ADMIN, which nfnetlink checks for every message (verdicts on the
 * queue, NFNL_MSG_CTHELPER_DEL at exit).  Everything else goes from the
 * effective, permitted, inheritable and ambient sets, and from the bounding
 * set when the process holds CAP_SETPCAP (started as root); with --user a
 * root start also stops being root.  A non-root start holding only
 * CAP_NET_ADMIN (ambient or file capability) works the same, minus the
 * bounding set, which no_new_privs makes moot: nothing the process could
 * exec would gain a capability.  Written against the raw capget/capset(2)
 * ABI so that the daemon does not need libcap for forty lines.
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

/* The process's permitted set, 64 bits. */
static int permitted(uint64_t *set)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data) < 0)
		return -1;
	*set = (uint64_t)data[1].permitted << 32 | data[0].permitted;
	return 0;
}

static bool has(uint64_t set, int cap)
{
	return set & (1ull << cap);
}

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

/* Does becoming @pw need a change, and may this process make it? */
static bool is_user(const struct passwd *pw)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;

	return !getresuid(&r, &e, &s) && !getresgid(&rg, &eg, &sg) &&
	       r == pw->pw_uid && e == pw->pw_uid && s == pw->pw_uid &&
	       rg == pw->pw_gid && eg == pw->pw_gid && sg == pw->pw_gid;
}

int nfth_privileges_check(const char *user, bool check_only)
{
	struct passwd *pw = NULL;
	uint64_t prm = 0;

	if (user) {
		errno = 0;
		pw = getpwnam(user);
		if (!pw) {
			nfth_err("--user %s: %s", user,
				 errno ? strerror(errno) : "no such user");
			return -1;
		}
	}
	if (check_only)
		return 0;
	if (permitted(&prm) < 0) {
		nfth_err("cannot read this process's capabilities: %s",
			 strerror(errno));
		return -1;
	}
	if (!has(prm, CAP_NET_ADMIN)) {
		nfth_err("nft-helperd needs CAP_NET_ADMIN: run it as root, or give "
			 "it that capability alone (systemd: "
			 "AmbientCapabilities=CAP_NET_ADMIN; by hand: setpriv "
			 "--inh-caps=+net_admin --ambient-caps=+net_admin, or "
			 "setcap cap_net_admin=ep on the executable)");
		return -1;
	}
	if (pw && !is_user(pw) &&
	    (!has(prm, CAP_SETUID) || !has(prm, CAP_SETGID))) {
		nfth_err("--user %s: switching users needs root (CAP_SETUID and "
			 "CAP_SETGID); start nft-helperd as %s instead, with "
			 "CAP_NET_ADMIN", user, user);
		return -1;
	}
	return 0;
}

int nfth_drop_privileges(const char *user)
{
	struct passwd *pw = NULL;
	bool bounding = false;
	uint64_t prm = 0;
	int cap;

	if (user) {
		pw = getpwnam(user);
		if (!pw) {
			nfth_err("--user %s: no such user", user);
			return -1;
		}
	}
	if (permitted(&prm) < 0) {
		nfth_err("cannot read this process's capabilities: %s",
			 strerror(errno));
		return -1;
	}
	/* bounding set first: needs CAP_SETPCAP, which goes below */
	if (has(prm, CAP_SETPCAP)) {
		for (cap = 0; cap <= 63; cap++) {
			if (cap == CAP_NET_ADMIN)
				continue;
			if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 &&
			    errno != EINVAL) {
				nfth_err("cannot drop capability %d from the "
					 "bounding set: %s", cap, strerror(errno));
				return -1;
			}
		}
		bounding = true;
	}
	if (pw && !is_user(pw)) {
		if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0 ||
		    setgroups(0, NULL) < 0 ||
		    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) < 0 ||
		    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) < 0) {
			nfth_err("cannot become user %s: %s", user, strerror(errno));
			return -1;
		}
	}
	/* nothing to hand to a child; EINVAL: a kernel without ambient caps */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 &&
	    errno != EINVAL) {
		nfth_err("cannot clear the ambient capabilities: %s",
			 strerror(errno));
		return -1;
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
	nfth_info("running with CAP_NET_ADMIN only (uid %u); bounding set: %s",
		  (unsigned int)getuid(), bounding ? "CAP_NET_ADMIN only" :
		  "left as it was (dropping needs CAP_SETPCAP; no_new_privs is "
		  "set, so it grants nothing)");
	return 0;
}
