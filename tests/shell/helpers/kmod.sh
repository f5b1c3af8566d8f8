# kmod.sh - swap the test VM's stock modules for the kernel series' patched
# ones (kernel/build/TREE/modules, TREE the booted kernel: NFT_TEST_KERNEL)
# and back.  Source it from a test, then:
#
#   kmod_use_patched   unload stock nft_ct and nf_conntrack_netlink (and what
#                      holds them), insmod the patched builds; exits 77 when
#                      not in the VM or the modules are not built
#   kmod_use_stock     unload whatever nft_ct / nf_conntrack_netlink are
#                      loaded and modprobe the stock ones
#   kmod_restore       unload the patched modules again; the stock ones then
#                      autoload when something needs them (call it on exit,
#                      after flushing every ruleset that used nft_ct)
#   kmod_is_patched M  true if the loaded module M is our build
#
# Tests that use it must also clean their rulesets first: a ct helper object
# or "ct" expression holds a reference on nft_ct, and rmmod then fails.

# NFT_TEST_KMOD_DIR overrides where the patched modules come from (e.g. to
# check that the tests catch a broken build).
KMOD_DIR=${NFT_TEST_KMOD_DIR:-${NFT_TEST_TOPDIR:?}/kernel/build/${NFT_TEST_KERNEL:-6.1}/modules}
# load order; unload in reverse
KMOD_PATCHED="nf_conntrack_netlink nft_ct"

kmod_unload() {	# MODULE: remove it and, first, every module holding it
	local m=$1 h i
	[ -d "/sys/module/$m" ] || return 0
	for h in /sys/module/"$m"/holders/*; do
		[ -e "$h" ] || continue
		kmod_unload "$(basename "$h")" || return 1
	done
	# namespaces of earlier tests are torn down asynchronously and may
	# still hold a reference for a moment
	for i in $(seq 50); do
		rmmod "$m" 2>/dev/null && return 0
		sleep 0.1
	done
	rmmod "$m"
}

# Debian's modules carry no srcversion; ours are the only out-of-tree ("O")
# builds of these names, which the kernel records in their taint flags.
kmod_is_patched() {
	local m=$1
	[ -f "/sys/module/$m/taint" ] && grep -q O "/sys/module/$m/taint"
}

kmod_use_patched() {
	local m
	if [ "${NFT_TEST_IN_VM:-}" != y ]; then
		echo "SKIP: the patched modules are only loaded inside the test VM"
		exit 77
	fi
	for m in $KMOD_PATCHED; do
		if [ ! -f "$KMOD_DIR/$m.ko" ]; then
			echo "SKIP: $KMOD_DIR/$m.ko is not built (make -C kernel)"
			exit 77
		fi
	done
	for m in nf_tables nf_conntrack nfnetlink_queue nft_queue; do
		modprobe "$m" || { echo "kmod: cannot load stock $m"; return 1; }
	done
	for m in nft_ct nf_conntrack_netlink; do
		kmod_is_patched "$m" && continue
		kmod_unload "$m" || { echo "kmod: cannot unload stock $m"; return 1; }
	done
	for m in $KMOD_PATCHED; do
		kmod_is_patched "$m" && continue
		insmod "$KMOD_DIR/$m.ko" || { echo "kmod: cannot insmod $KMOD_DIR/$m.ko"; return 1; }
	done
	for m in $KMOD_PATCHED; do
		if ! kmod_is_patched "$m"; then
			echo "kmod: $m is loaded but is not the patched build"
			return 1
		fi
	done
	# nft_objref is what "ct helper set" needs; it does not hold nft_ct.
	# 6.12 has it inside nf_tables (no module of that name).
	if modinfo nft_objref > /dev/null 2>&1; then
		modprobe nft_objref || { echo "kmod: cannot load stock nft_objref"; return 1; }
	fi
	echo "kmod: patched $KMOD_PATCHED loaded from $KMOD_DIR"
}

kmod_use_stock() {
	local m
	for m in nft_ct nf_conntrack_netlink; do
		kmod_is_patched "$m" || continue
		kmod_unload "$m" || { echo "kmod: cannot unload patched $m"; return 1; }
	done
	for m in nf_tables nf_conntrack nf_conntrack_netlink nft_ct nft_objref; do
		# 6.12 has nft_objref inside nf_tables
		[ "$m" != nft_objref ] || modinfo "$m" > /dev/null 2>&1 || continue
		modprobe "$m" || { echo "kmod: cannot load stock $m"; return 1; }
	done
	for m in nft_ct nf_conntrack_netlink; do
		if kmod_is_patched "$m"; then
			echo "kmod: $m is still the patched build"
			return 1
		fi
	done
	echo "kmod: stock nft_ct and nf_conntrack_netlink loaded"
}

kmod_restore() {
	local m rc=0
	for m in nft_ct nf_conntrack_netlink; do
		kmod_is_patched "$m" || continue
		if ! kmod_unload "$m"; then
			echo "kmod: cannot unload patched $m (a leaked reference?)"
			rc=1
		fi
	done
	return $rc
}
