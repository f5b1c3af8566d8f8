#!/bin/sh
# deps.sh - install the Debian packages the project needs, if any is missing.
#
# Reads scripts/deps.txt and every <component>/deps.txt (one package a line,
# '#' comments).  Quiet when everything is installed; otherwise one
# "apt-get update" and one non-interactive install of what is missing.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
wanted=$(cat "$top"/scripts/deps.txt "$top"/*/deps.txt 2>/dev/null |
	 sed 's/#.*//' | tr -s ' \t' '\n\n' | grep -v '^$' | sort -u)

missing=
for p in $wanted; do
	case "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -n "$missing" ] || exit 0

echo "deps: installing$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: not root; install these packages first:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
echo "deps: done"
