#!/bin/bash
# mutants.sh - show that the VM tests catch broken kernel builds.
#
#   kernel/scripts/mutants.sh      (after make -C kernel and make -C tests; boots the VM once)
#
# On one kernel tree: NFT_TEST_KERNEL (6.1, the default, or 6.12).
# Builds nft_ct.ko and nf_conntrack_netlink.ko from the patched sources with
# seven deliberate bugs, runs the VM tests that must catch them against those
# modules (NFT_TEST_KMOD_DIR), and passes only if every one of those tests
# fails:
#   queue hash over the packet's direction, not the original tuple -> uhelper_queue_0
#   bypass no longer confirms the conntrack                      -> uhelper_bypass_0
#   ctnetlink refuses the private helper's data update again      -> uhelper_expect_0
#   destroy leaves the helper's expectations behind               -> uhelper_teardown_0
#   destroy skips the event dying list                            -> uhelper_dying_list_0
#   destroy tears down never-assigned objects (drops the queue)   -> uhelper_abort_keeps_queue_0
#   packets without payload are queued again (0005 undone)        -> uhelper_payload_0
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
top=$(cd "$here/.." && pwd)
tree=${NFT_TEST_KERNEL:-6.1}
build=$here/build/$tree
abi=$(cat "$build/modules/abi")
mut=$build/mutants-src
out=$build/mutants

rm -rf "$mut" "$out"
mkdir -p "$mut" "$out"
cp -r "$build/kbuild/include" "$build/kbuild/Kbuild" "$build/kbuild"/*.c "$build/kbuild"/*.h "$mut/"

python3 - "$mut" <<'PY'
import sys
d = sys.argv[1]
def mutate(name, pairs):
    p = d + '/' + name
    s = open(p).read()
    for old, new in pairs:
        assert old in s, (name, old)
        s = s.replace(old, new)
    open(p, 'w').write(s)
mutate('nft_ct.c', [
    ("t = &ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;",
     "t = &ct->tuplehash[CTINFO2DIR(ctinfo)].tuple;"),
    ("static u32 nft_ct_uhelper_hash(const struct nf_conn *ct)",
     "static u32 nft_ct_uhelper_hash(const struct nf_conn *ct, enum ip_conntrack_info ctinfo)"),
    ("reciprocal_scale(nft_ct_uhelper_hash(ct),",
     "reciprocal_scale(nft_ct_uhelper_hash(ct, ctinfo),"),
    ("if (!nf_ct_is_confirmed(ct) && nf_conntrack_confirm(skb) != NF_ACCEPT)",
     "if (0)"),
    ("nf_ct_expect_iterate_net(uh->net,",
     "if (0) nf_ct_expect_iterate_net(uh->net,"),
    ("nft_ct_uhelper_unhelp_dying(uh->net);",
     "if (0) nft_ct_uhelper_unhelp_dying(uh->net);"),
    ("if (!READ_ONCE(uh->assigned)) {",
     "if (0) {"),
    ("if (!(flags & NFT_CT_HELPER_F_QUEUE_EMPTY) &&",
     "if (0 && !(flags & NFT_CT_HELPER_F_QUEUE_EMPTY) &&"),
])
mutate('nf_conntrack_netlink.c', [
    ("if (helper && ctnetlink_helper_is_private(helper)) {\n\t\t\terr = ctnetlink_change_private_helper",
     "if (0) {\n\t\t\terr = ctnetlink_change_private_helper"),
])
PY

env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CC -u CFLAGS \
	make -C "/usr/src/linux-headers-$abi" M="$mut" -j2 modules > "$mut/build.log" 2>&1 ||
	{ cat "$mut/build.log"; exit 1; }
cp "$mut"/*.ko "$out/"

tests="uhelper_queue_0 uhelper_bypass_0 uhelper_expect_0 uhelper_teardown_0
       uhelper_dying_list_0 uhelper_abort_keeps_queue_0 uhelper_payload_0"
paths=()
for t in $tests; do
	paths+=("$top/tests/shell/testcases/kernel/$t")
done
log=$build/mutants.log
# Without slab poisoning: a mutant that keeps a freed helper reachable
# must make its test fail, not oops the VM (with poisoning, the dump that
# reads the freed helper hits a kernel BUG and the VM wedges until the time
# limit); uhelper_teardown_race_0 and uhelper_dying_list_0 show that the
# poisoned boot catches those use-after-free reads.
NFT_TEST_KERNEL=$tree NFT_TEST_VM_APPEND= NFT_TEST_VM_TIMEOUT=1500 NFT_TEST_KMOD_DIR=$out \
	"$top/tests/shell/run-tests.sh" --vm "${paths[@]}" > "$log" 2>&1 || true
grep -E '^\[|FAIL' "$log" || true

caught=0 missed=0
for t in $tests; do
	if grep -q "^\[FAILED\]  \[$tree\] tests/shell/testcases/kernel/$t" "$log"; then
		caught=$((caught + 1))
	else
		echo "MISSED: $t passed against the broken modules"
		missed=$((missed + 1))
	fi
done
echo "$caught passed, $missed failed, 0 skipped"
[ $missed -eq 0 ]
