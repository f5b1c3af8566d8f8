#!/bin/sh
# prepare.sh - get the test VM's kernel and build its initramfs, once.
#
# The kernel is the tree NFT_TEST_KERNEL names (6.1, the default, or 6.12;
# tests/vm/kabi.sh resolves its ABI).
# Output (all under $VM_DIR, default <repo>/build/vm/<tree>, kept out of git):
#   cache/linux-image-<abi>_*.deb        the Debian kernel package (download cache)
#   kernel/boot/vmlinuz-<abi>            the kernel the VM boots
#   kernel/lib/modules/<abi>/            its modules, depmod'ed, for modprobe in the VM
#   initramfs.cpio.gz                    busybox + the modules needed to reach the host root
#   abi, stamp                           the ABI these files belong to (+ init checksum)
#
# Idempotent: a second run with the same ABI does nothing and prints nothing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tree=${NFT_TEST_KERNEL:-6.1}
VM_DIR=${VM_DIR:-$top/build/vm/$tree}

abi=$("$here/kabi.sh" "$tree")
# The stamp names the ABI and the checksums of the init script and of this
# script: any of them changing rebuilds.
stamp="$abi $(cat "$here/initramfs-init" "$here/prepare.sh" | cksum)"
if [ -f "$VM_DIR/stamp" ] && [ "$(cat "$VM_DIR/stamp")" = "$stamp" ] &&
   [ -f "$VM_DIR/initramfs.cpio.gz" ]; then
	exit 0
fi

echo "prepare VM: kernel $abi"
mkdir -p "$VM_DIR/cache"
deb=$(ls "$VM_DIR/cache"/linux-image-"$abi"_*_amd64.deb 2>/dev/null | tail -n 1 || true)
if [ -z "$deb" ]; then
	# apt's _apt user cannot write into our tree; the download runs as us.
	(cd "$VM_DIR/cache" && apt-get download -q "linux-image-$abi" 2>&1 |
		grep -v 'couldn.t be accessed by user' || true)
	deb=$(ls "$VM_DIR/cache"/linux-image-"$abi"_*_amd64.deb 2>/dev/null | tail -n 1 || true)
	[ -n "$deb" ] || { echo "prepare.sh: could not download linux-image-$abi" >&2; exit 1; }
fi

rm -rf "$VM_DIR/kernel" "$VM_DIR/initramfs"
dpkg-deb -x "$deb" "$VM_DIR/kernel"
depmod -b "$VM_DIR/kernel" "$abi"

# The initramfs only has to reach the host root: busybox, the virtio/9p/overlay
# modules in load order, and our init.  Everything else comes from the host.
ird="$VM_DIR/initramfs"
mkdir -p "$ird/bin" "$ird/modules" "$ird/proc" "$ird/sys" "$ird/dev" \
	 "$ird/lower" "$ird/upper" "$ird/newroot"
cp /bin/busybox "$ird/bin/busybox"
mods="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci netfs fscache 9pnet 9pnet_virtio 9p overlay"
: > "$ird/modules/order"
for m in $mods; do
	# 6.12's modules are xz-compressed; busybox insmod wants them plain
	ko=$(find "$VM_DIR/kernel/lib/modules/$abi" -name "$m.ko" -o -name "$m.ko.xz" | head -n 1)
	if [ -z "$ko" ]; then
		# built into this kernel: nothing to load
		continue
	fi
	case "$ko" in
	*.xz) xz -dc "$ko" > "$ird/modules/$m.ko" ;;
	*) cp "$ko" "$ird/modules/" ;;
	esac
	echo "$m" >> "$ird/modules/order"
done
cp "$here/initramfs-init" "$ird/init"
chmod 755 "$ird/init"
(cd "$ird" && find . | cpio -o -H newc --quiet | gzip -1) > "$VM_DIR/initramfs.cpio.gz.tmp"
mv "$VM_DIR/initramfs.cpio.gz.tmp" "$VM_DIR/initramfs.cpio.gz"
rm -rf "$ird"
echo "$abi" > "$VM_DIR/abi"
echo "$stamp" > "$VM_DIR/stamp"
