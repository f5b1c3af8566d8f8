#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# test-uapi.sh COPY PATCHDIR - the uapi copy check as unit-test cases:
#   uapi_copy_matches_patch   scripts/check-uapi.sh accepts our copy
#   uapi_check_catches_drift  ...and refuses copies with a renamed member,
#                             a reordered enum or a wrong NFTA_CT_HELPER_USERSPACE
# Both skip, with the reason, when the kernel patch is not there.
copy=$1
patchdir=$2
check=$(dirname "$0")/../scripts/check-uapi.sh
passed=0 failed=0 skipped=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! ls "$patchdir"/0001-*.patch >/dev/null 2>&1; then
	for c in uapi_copy_matches_patch uapi_check_catches_drift; do
		echo "SKIP $c: no $patchdir/0001-*.patch"
	done
	echo "0 passed, 0 failed, 2 skipped"
	exit 0
fi

if "$check" "$copy" "$patchdir" > "$tmp/log" 2>&1; then
	echo "PASS uapi_copy_matches_patch"
	passed=$((passed + 1))
else
	cat "$tmp/log"
	echo "FAIL uapi_copy_matches_patch"
	failed=$((failed + 1))
fi

bad=0
sed 's/NFTA_CT_HELPER_USERSPACE_FLAGS,/NFTA_CT_HELPER_USERSPACE_FLAGZ,/' "$copy" > "$tmp/renamed.h"
awk '/NFTA_CT_HELPER_POLICY_EXPECT_MAX,/ { held = $0; next }
     /NFTA_CT_HELPER_POLICY_TIMEOUT,/ { print; print held; next } { print }' \
	"$copy" > "$tmp/reordered.h"
sed 's/(NFTA_CT_HELPER_L4PROTO + 1)/(NFTA_CT_HELPER_L4PROTO + 2)/' "$copy" > "$tmp/value.h"
for v in renamed reordered value; do
	if cmp -s "$copy" "$tmp/$v.h"; then
		echo "  the '$v' mutation did not change the copy"
		bad=1
	elif "$check" "$tmp/$v.h" "$patchdir" > /dev/null 2>&1; then
		echo "  check-uapi.sh accepted the '$v' copy"
		bad=1
	fi
done
if [ $bad = 0 ]; then
	echo "PASS uapi_check_catches_drift"
	passed=$((passed + 1))
else
	echo "FAIL uapi_check_catches_drift"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
