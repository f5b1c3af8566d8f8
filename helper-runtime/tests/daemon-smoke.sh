#!/bin/bash
# daemon-smoke.sh - nft-helperd's command line on the host: help, version,
# checking a declaration file (parsed by nft-patch's library), errors with
# a non-zero exit; native mode refusing the stock host kernel (as root).
D=${NFT_HELPERD:?NFT_HELPERD not set}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

ok()   { echo "PASS $1"; pass=$((pass + 1)); }
bad()  { echo "FAIL $1: $2"; fail=$((fail + 1)); }
# expect NAME WANT_RC CMD...: runs CMD, keeps its output in $out
expect() {
	local name=$1 want=$2; shift 2
	out=$("$@" 2>&1); rc=$?
	if [ "$rc" -ne "$want" ]; then bad "$name" "exit $rc, wanted $want: $out"; return 1; fi
	return 0
}

expect help 0 "$D" --help && { grep -q 'Helper types served: ftp tftp' <<<"$out" &&
	grep -q -- '--keep' <<<"$out" && ok help || bad help "$out"; }
expect version 0 "$D" --version && { grep -qx 'nft-helperd [0-9.]*' <<<"$out" &&
	ok version || bad version "$out"; }
# Without -f: native mode.  The host kernel is stock (no user-space ct helper
# objects), so it must refuse in one line naming the kernel series and
# suggesting -f; in a private netns so that nothing else is looked at.
if unshare -n true 2>/dev/null; then
	expect native-stock-kernel 1 unshare -n "$D" &&
		{ grep -q 'does not support user-space ct helper objects.*kernel/.*-f FILE' <<<"$out" &&
		  [ "$(wc -l <<<"$out")" = 1 ] &&
		  ok native-stock-kernel || bad native-stock-kernel "$out"; }
else
	echo "SKIP native-stock-kernel: needs root (unshare -n)"; skip=$((skip + 1))
fi
expect check-needs-file 1 "$D" --check &&
	{ grep -q -- '--check needs -f FILE' <<<"$out" && ok check-needs-file ||
	  bad check-needs-file "$out"; }
expect bad-option 1 "$D" --frobnicate && ok bad-option

cat > "$tmp/good.nft" <<'NFT'
table inet filter {
	ct helper ftp-us {
		type "ftp" protocol tcp
		l3proto inet
		userspace queue 2 bypass
	}
	ct helper tftp-us {
		type "tftp" protocol udp
		l3proto ip
		userspace queue 3 bypass
		expectation "tftp" size 4 timeout 30s
	}
	ct helper kernel-sip {
		type "sip" protocol udp
	}
}
NFT
cat > "$tmp/want" <<'TXT'
helper ftp ip tcp queue 2 priv 28 expectation "ftp" size 1 timeout 300
helper ftp ip6 tcp queue 2 priv 28 expectation "ftp" size 1 timeout 300
helper tftp ip udp queue 3 priv 0 expectation "tftp" size 4 timeout 30
queue 2: ftp
queue 3: tftp
TXT
expect check-plan 0 "$D" -c -f "$tmp/good.nft" &&
	{ grep -v "^nft-helperd: warning" <<<"$out" | diff -u "$tmp/want" - && ok check-plan || bad check-plan "plan differs"; }

printf 'table ip t {\n\tct helper x {\n\t\ttype "ftp" protocol tcp\n\t\tuserspace queue 70000\n\t}\n}\n' > "$tmp/range.nft"
expect syntax-error 1 "$D" -c -f "$tmp/range.nft" &&
	{ grep -q 'range.nft:4:.*Error' <<<"$out" && grep -q '\^\^\^' <<<"$out" &&
	  ok syntax-error || bad syntax-error "$out"; }

printf 'table ip t {\n\tct helper x {\n\t\ttype "gopher" protocol tcp\n\t\tuserspace queue 1 bypass\n\t}\n}\n' > "$tmp/type.nft"
expect unknown-type 1 "$D" -c -f "$tmp/type.nft" &&
	{ grep -q '"gopher" is not one nft-helperd serves' <<<"$out" &&
	  ok unknown-type || bad unknown-type "$out"; }

printf 'table ip t {\n\tct helper x {\n\t\ttype "ftp" protocol tcp\n\t\tuserspace queue 1-4 bypass\n\t}\n}\n' > "$tmp/qr.nft"
expect queue-range 1 "$D" -c -f "$tmp/qr.nft" &&
	{ grep -q 'queue 1-4: a queue range needs native mode' <<<"$out" &&
	  ok queue-range || bad queue-range "$out"; }

expect missing-file 1 "$D" -c -f "$tmp/nope.nft" && ok missing-file

printf 'table ip t {\n\tct helper x {\n\t\ttype "ftp" protocol tcp\n\t\tuserspace queue 1 bypass\n\t}\n}\n' > "$tmp/bypass.nft"
expect bypass-warning 0 "$D" -c -f "$tmp/bypass.nft" &&
	{ grep -q 'with "bypass": compatible mode cannot honour it' <<<"$out" &&
	  ok bypass-warning || bad bypass-warning "$out"; }
printf 'table ip t {\n\tct helper x {\n\t\ttype "ftp" protocol tcp\n\t\tuserspace queue 1\n\t}\n}\n' > "$tmp/nobypass.nft"
expect no-bypass-quiet 0 "$D" -c -f "$tmp/nobypass.nft" &&
	{ ! grep -q 'bypass' <<<"$out" && ok no-bypass-quiet || bad no-bypass-quiet "$out"; }

# the example plug-in: loaded, listed, usable in a declaration
P=${NFT_HELPERD_PLUGIN:-}
if [ -n "$P" ]; then
	expect plugin-help 0 "$D" --plugin "$P" --help &&
		{ grep -q 'Helper types served: ftp tftp lineecho' <<<"$out" &&
		  ok plugin-help || bad plugin-help "$out"; }
	printf 'table ip t {\n\tct helper x {\n\t\ttype "lineecho" protocol tcp\n\t\tuserspace queue 7\n\t}\n}\n' > "$tmp/le.nft"
	expect plugin-check 0 "$D" -p "$P" -c -f "$tmp/le.nft" &&
		{ grep -q '^helper lineecho ip tcp queue 7 priv 0' <<<"$out" &&
		  ok plugin-check || bad plugin-check "$out"; }
	expect plugin-missing 1 "$D" -p "$tmp/nope.so" --help &&
		{ grep -q 'plug-in .*nope.so' <<<"$out" && ok plugin-missing ||
		  bad plugin-missing "$out"; }
	expect plugin-twice 1 "$D" -p "$P" -p "$P" --help &&
		{ grep -q 'already known' <<<"$out" && ok plugin-twice || bad plugin-twice "$out"; }
fi

# --user is checked before anything is bound or registered, -c included
expect check-bad-user 1 "$D" -c -u no-such-user-here -f "$tmp/good.nft" &&
	{ grep -q -- '--user no-such-user-here: no such user' <<<"$out" &&
	  ok check-bad-user || bad check-bad-user "$out"; }
# Privileges, checked before the kernel is touched (and in a private netns,
# so that nothing outside could be): without CAP_NET_ADMIN the start says
# what it needs; holding only CAP_NET_ADMIN it cannot switch users.
chmod 755 "$tmp"	# the file is readable: what fails is the privilege
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && unshare -n true 2>/dev/null; then
	expect nonroot-no-cap 1 unshare -n setpriv --reuid=65534 --regid=65534 \
		--clear-groups --inh-caps=-all "$D" -f "$tmp/good.nft" &&
		{ grep -q 'needs CAP_NET_ADMIN.*AmbientCapabilities=CAP_NET_ADMIN' <<<"$out" &&
		  ok nonroot-no-cap || bad nonroot-no-cap "$out"; }
	expect nonroot-switch-user 1 unshare -n setpriv --reuid=65534 --regid=65534 \
		--clear-groups --inh-caps=+net_admin --ambient-caps=+net_admin \
		"$D" -u root -f "$tmp/good.nft" &&
		{ grep -q -- '--user root: switching users needs root' <<<"$out" &&
		  ok nonroot-switch-user || bad nonroot-switch-user "$out"; }
else
	echo "SKIP nonroot-no-cap: needs root, setpriv and unshare -n"; skip=$((skip + 1))
	echo "SKIP nonroot-switch-user: needs root, setpriv and unshare -n"; skip=$((skip + 1))
fi

echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
