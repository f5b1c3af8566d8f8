#!/bin/sh
# guest-run.sh - PID 1 of the test VM once it stands in the host root.
#
# run-in-vm.sh puts this file, env.sh (the variables to pass), cwd and cmd.sh
# into the run folder, which is shared writable with the host; the command's
# exit status goes back to the host as the file "status" in that folder.
rundir=$(dirname "$0")
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb
hostname nfth-vm
ip link set lo up
. "$rundir/env.sh"
cd "$(cat "$rundir/cwd")" || cd /
status=0
if [ -f "$rundir/interactive" ]; then
	/bin/bash "$rundir/cmd.sh" < /dev/console || status=$?
else
	/bin/bash "$rundir/cmd.sh" < /dev/null || status=$?
fi
echo "$status" > "$rundir/status"
sync
# busybox's poweroff -f returns only if it failed; sysrq is the fallback
/bin/busybox poweroff -f
echo o > /proc/sysrq-trigger
while :; do :; done
