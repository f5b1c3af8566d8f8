#!/usr/bin/env python3
# notify-listener.py SOCKET LOG [QUEUE...] - plays systemd's side of the
# sd_notify protocol for tests: binds an AF_UNIX datagram socket at SOCKET
# (writable by anyone, so a daemon that dropped root can send), appends
# every datagram to LOG, and when one says READY=1 records, in the same
# line, whether each QUEUE is bound in this network namespace at that
# moment (/proc/net/netfilter/nfnetlink_queue): what a unit ordered after
# the daemon may rely on.  Exits after STOPPING=1, or after 120 s.
import os
import socket
import sys
import time

path, log, queues = sys.argv[1], sys.argv[2], sys.argv[3:]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o777)
s.settimeout(120)


def bound_queues():
    try:
        with open("/proc/net/netfilter/nfnetlink_queue") as f:
            return {line.split()[0] for line in f if line.strip()}
    except OSError:
        return set()


with open(log, "a", buffering=1) as out:
    out.write("listening\n")
    while True:
        try:
            msg = s.recv(4096).decode(errors="replace")
        except socket.timeout:
            out.write("timeout\n")
            break
        line = msg.replace("\n", ";")
        if "READY=1" in msg.split("\n"):
            have = bound_queues()
            line += " queues-bound-at-ready=" + ",".join(
                q + (":yes" if q in have else ":no") for q in queues)
        out.write("%.3f %s\n" % (time.time(), line))
        if "STOPPING=1" in msg.split("\n"):
            break
