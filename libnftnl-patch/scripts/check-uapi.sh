#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# check-uapi.sh COPY PATCHDIR
#
# The uapi numbers for user-space ct helper objects exist once: in the kernel
# series (PATCHDIR/0001-*.patch).  libnftnl-patch keeps a copy (COPY) because
# the installed <linux/netfilter/nf_tables.h> is the stock one.  This script
# fails the build when the two disagree:
#
#  1. the enum/#define lines the patch adds to include/uapi/linux/netfilter/
#     nf_tables.h (as changed by later patches of the series that touch
#     those lines), after the first added "enum" line, must equal the block
#     between "BEGIN uapi copy" and "END uapi copy" in COPY;
#  2. the one line added inside the stock enum nft_ct_helper_attributes must
#     be NFTA_CT_HELPER_USERSPACE, right after NFTA_CT_HELPER_L4PROTO, which
#     is the value COPY gives it (NFTA_CT_HELPER_L4PROTO + 1).
#
# Both sides are compared without C comments, blank lines and differences in
# white space: the names, their order and their values are what matters.
# Without the patch the check says it is skipped and succeeds.
set -eu

copy=$1
patchdir=$2

patch=
for p in "$patchdir"/0001-*.patch; do
	[ -f "$p" ] && patch=$p && break
done
if [ -z "$patch" ]; then
	echo "uapi check: SKIPPED: no $patchdir/0001-*.patch yet (copy unchecked)"
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Removes C comments (also across lines), trims, squeezes blanks, drops
# empty lines.
normalise() {
	awk '
	{
		line = $0; out = ""
		while (length(line) > 0) {
			if (incomment) {
				e = index(line, "*/")
				if (!e) { line = ""; break }
				line = substr(line, e + 2); incomment = 0
			} else {
				s = index(line, "/*")
				if (!s) { out = out line; line = ""; break }
				out = out substr(line, 1, s - 1) " "
				line = substr(line, s + 2); incomment = 1
			}
		}
		gsub(/[ \t]+/, " ", out); sub(/^ /, "", out); sub(/ $/, "", out)
		if (out != "") print out
	}'
}

# Added lines of the nf_tables.h diff, and for each the line before it.
awk -v added="$tmp/added" -v pairs="$tmp/pairs" '
	/^diff --git / { infile = 0; next }
	/^\+\+\+ / { infile = ($2 == "b/include/uapi/linux/netfilter/nf_tables.h"); next }
	!infile { next }
	/^@@/ { prev = ""; next }
	/^\+/ { l = substr($0, 2); print l > added; print prev "\t=>\t" l > pairs; prev = l; next }
	/^-/ { next }
	/^ / { prev = substr($0, 2); next }
' "$patch"

if [ ! -s "$tmp/added" ]; then
	echo "uapi check: FAILED: $patch adds nothing to include/uapi/linux/netfilter/nf_tables.h" >&2
	exit 1
fi

# Later patches of the series may change what 0001 added (a new flag): apply
# their nf_tables.h hunks to it, so that the copy is checked against the
# header the whole series gives.
later=
for p in "$patchdir"/0*.patch; do
	[ "$p" = "$patch" ] && continue
	awk '
		/^diff --git / { infile = ($3 == "a/include/uapi/linux/netfilter/nf_tables.h") }
		/^-- $/ { infile = 0 }
		infile { print }
	' "$p" > "$tmp/later.diff"
	[ -s "$tmp/later.diff" ] || continue
	if ! patch -s -F 3 "$tmp/added" < "$tmp/later.diff" > "$tmp/later.out" 2>&1; then
		echo "uapi check: FAILED: $(basename "$p") does not apply to what" \
		     "$(basename "$patch") adds to nf_tables.h:" >&2
		sed 's/^/  /' "$tmp/later.out" >&2
		exit 1
	fi
	later="$later + $(basename "$p")"
done

normalise < "$tmp/added" > "$tmp/added.norm"
# Everything from the first new enum on is copied verbatim.
awk 'f || /^enum /{ f = 1; print }' "$tmp/added.norm" > "$tmp/patch.block"
sed -n '/BEGIN uapi copy/,/END uapi copy/p' "$copy" | normalise \
	> "$tmp/copy.block"

status=0
if ! cmp -s "$tmp/patch.block" "$tmp/copy.block"; then
	echo "uapi check: FAILED: $copy differs from the enums added by $patch:" >&2
	diff -u "$tmp/patch.block" "$tmp/copy.block" | sed 's/^/  /' >&2 || true
	status=1
fi

# The member added to the stock enum: its predecessor gives its value.
member=$(awk '!/^enum /{ print } /^enum /{ exit }' "$tmp/added.norm")
if [ "$member" != "NFTA_CT_HELPER_USERSPACE," ]; then
	echo "uapi check: FAILED: expected the patch to add only NFTA_CT_HELPER_USERSPACE" \
	     "to enum nft_ct_helper_attributes, it adds: $member" >&2
	status=1
else
	prev=$(awk -F '\t=>\t' '$2 ~ /^[ \t]*NFTA_CT_HELPER_USERSPACE,/ { print $1 }' \
		"$tmp/pairs" | normalise)
	if [ "$prev" != "NFTA_CT_HELPER_L4PROTO," ]; then
		echo "uapi check: FAILED: NFTA_CT_HELPER_USERSPACE follows '$prev'" \
		     "in the patch, $copy assumes NFTA_CT_HELPER_L4PROTO + 1" >&2
		status=1
	fi
	if ! grep -q 'define NFTA_CT_HELPER_USERSPACE[[:space:]]*(NFTA_CT_HELPER_L4PROTO + 1)' "$copy"; then
		echo "uapi check: FAILED: $copy must define NFTA_CT_HELPER_USERSPACE" \
		     "as (NFTA_CT_HELPER_L4PROTO + 1)" >&2
		status=1
	fi
fi

[ $status -eq 0 ] && echo "uapi check: OK: $copy matches $(basename "$patch")$later"
exit $status
