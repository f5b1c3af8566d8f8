#!/bin/bash
# run-in-vm.sh - run one command inside the test VM and return its exit status.
#
#   tests/vm/run-in-vm.sh [--timeout SECONDS] [--mem MB] [--cpus N] [--append ARGS] [-i] -- COMMAND [ARGS...]
#
# Boots one of Debian bookworm's kernels under qemu TCG: NFT_TEST_KERNEL
# names the tree, 6.1 (the default) or 6.12 (tests/vm/kabi.sh), with the
# host root shared read-only over 9p and a tmpfs overlay on top, so every
# host binary and the project's tree (same absolute path) work inside and
# nothing leaks back.  COMMAND runs as root with the current directory kept,
# its output streams to ours, and its exit status is ours.  Variables named
# NFT* and those listed in VM_ENV are passed in.  Exit 124 (with a message)
# when the time runs out: the VM is killed, never left behind.  With -i
# (--interactive) our terminal is the command's stdin, e.g. "-i -- bash -i"
# for a shell in the VM (qemu puts the terminal in raw mode meanwhile).
# --append (default: $VM_APPEND) adds kernel command-line arguments, e.g.
# "slub_debug=FZPU" so that freed slab memory is poisoned and checked
# (tests/shell/run-tests.sh --vm boots the kernel tests that way).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tree=${NFT_TEST_KERNEL:-6.1}
VM_DIR=${VM_DIR:-$top/build/vm/$tree}
timeout=${VM_TIMEOUT:-600}
mem=1536
cpus=2
interactive=n
extra_append=${VM_APPEND:-}

usage() {
	sed -n '2,/^set -u/{/^#/s/^# \{0,1\}//p}' "$0"
	exit "$1"
}

while [ $# -gt 0 ]; do
	case "$1" in
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--cpus) cpus=$2; shift 2 ;;
	--append) extra_append=$2; shift 2 ;;
	-i|--interactive) interactive=y; shift ;;
	-h|--help) usage 0 ;;
	--) shift; break ;;
	-*) echo "run-in-vm.sh: unknown option '$1'" >&2; usage 2 >&2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { echo "run-in-vm.sh: no command given" >&2; usage 2 >&2; }
case "$timeout" in
''|*[!0-9]*) echo "run-in-vm.sh: --timeout wants seconds, got '$timeout'" >&2; exit 2 ;;
esac

NFT_TEST_KERNEL=$tree VM_DIR=$VM_DIR "$here/prepare.sh" >&2 || exit 1
abi=$(cat "$VM_DIR/abi")

mkdir -p "$VM_DIR/runs"
rundir=$(mktemp -d "$VM_DIR/runs/run.XXXXXX") || exit 1
trap 'rm -rf "$rundir"' EXIT

cp "$here/guest-run.sh" "$rundir/guest-run.sh"
pwd > "$rundir/cwd"
{
	echo "export NFT_TEST_IN_VM=y NFT_TEST_KVER=$abi NFT_TEST_KERNEL=$tree"
	for v in $(compgen -e); do
		case "$v" in
		NFT*) ;;
		*) case " ${VM_ENV:-} " in *" $v "*) ;; *) continue ;; esac ;;
		esac
		case "$v" in NFT_TEST_IN_VM|NFT_TEST_KVER|NFT_TEST_KERNEL) continue ;; esac
		printf 'export %s=%q\n' "$v" "${!v}"
	done
} > "$rundir/env.sh"
printf '%q ' "$@" > "$rundir/cmd.sh"
echo >> "$rundir/cmd.sh"
[ "$interactive" = n ] || touch "$rundir/interactive"

# console=ttyS0 carries the command's output; loglevel=4 keeps kernel
# errors and worse visible there (tests read dmesg for the rest).
append="console=ttyS0 loglevel=4 panic=-1 nfth.run=$rundir nfth.mods=$VM_DIR/kernel/lib/modules/$abi${extra_append:+ $extra_append}"

qemu() {
	if [ "$interactive" = y ]; then
		timeout --foreground -k 5 "$timeout" qemu-system-x86_64 "$@"
	else
		# line by line (sed -u, grep --line-buffered), so that a long
		# run shows its progress as it goes
		timeout -k 5 "$timeout" qemu-system-x86_64 "$@" < /dev/null 2>&1 | sed -u 's/\r//g' |
			grep --line-buffered -Ev '^\[ *[0-9.]+\] (sysrq: Power Off|reboot: Power down|ACPI: PM: Preparing to enter system sleep state S5)$'
		return "${PIPESTATUS[0]}"
	fi
}

qemu \
	-accel tcg -smp "$cpus" -m "$mem" -nodefaults -no-reboot \
	-display none -serial stdio -monitor none -nic none \
	-kernel "$VM_DIR/kernel/boot/vmlinuz-$abi" \
	-initrd "$VM_DIR/initramfs.cpio.gz" \
	-append "$append" \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	-virtfs "local,path=$rundir,mount_tag=results,security_model=none"
rc=$?

if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	echo "run-in-vm.sh: timed out after ${timeout}s running '$*'; the VM was killed" >&2
	exit 124
fi
if [ ! -f "$rundir/status" ]; then
	echo "run-in-vm.sh: the VM ended (qemu status $rc) without reporting the command's exit status" >&2
	exit 125
fi
exit "$(cat "$rundir/status")"
