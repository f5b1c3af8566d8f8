#!/usr/bin/python3
# uhelper-traffic.py - keep a user-space helper busy with expected
# connections that carry data, for the kernel series' teardown tests.
#
#   uhelper-traffic.py ADDR MASTER_PORT BASE COUNT SECONDS
#
# Serves BASE..BASE+COUNT-1 itself (echo).  Every 50 ms one connection to
# MASTER_PORT ("hello", read the answer: a helped master), and all along one
# client connection per port BASE+i, sending a byte every few milliseconds
# and reopened after two bytes or whenever it fails or ends.  The listener (uhelper-nfq
# --expect CLASS:BASE:N --expect-cycle COUNT --expect-helper NAME) opens an
# expectation for one of these ports with each verdict, so connections keep
# being created from fresh expectations (copying the helper) and every
# packet of theirs runs the helper.  Prints "connects N bytes M masters K".
import selectors
import socket
import sys
import time

addr, master, base, count, seconds = (sys.argv[1], int(sys.argv[2]),
                                      int(sys.argv[3]), int(sys.argv[4]),
                                      float(sys.argv[5]))
sel = selectors.DefaultSelector()
for p in range(base, base + count):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, p))
    ls.listen(64)
    ls.setblocking(False)
    sel.register(ls, selectors.EVENT_READ, "listen")

clients = {}
sent = {}
connects = nbytes = masters = 0
end = time.monotonic() + seconds
next_master = 0.0


def reopen(p):
    global connects
    old = clients.get(p)
    if old is not None:
        try:
            sel.unregister(old)
        except (KeyError, ValueError):
            pass
        old.close()
    s = socket.socket()
    s.setblocking(False)
    s.connect_ex((addr, p))
    clients[p] = s
    sent[p] = 0
    sel.register(s, selectors.EVENT_READ, "client")
    connects += 1


for p in range(base, base + count):
    reopen(p)

while time.monotonic() < end:
    now = time.monotonic()
    if now >= next_master:
        next_master = now + 0.05
        try:
            with socket.create_connection((addr, master), timeout=1) as m:
                m.sendall(b"hello\n")
                m.recv(64)
            masters += 1
        except OSError:
            pass
    for p, s in list(clients.items()):
        if sent[p] >= 2:
            reopen(p)
            continue
        try:
            s.send(b"x")
            nbytes += 1
            sent[p] += 1
        except BlockingIOError:
            pass
        except OSError:
            reopen(p)
    for key, _ in sel.select(timeout=0.005):
        s = key.fileobj
        if key.data == "listen":
            try:
                c, _ = s.accept()
                c.setblocking(False)
                sel.register(c, selectors.EVENT_READ, "server")
            except OSError:
                pass
            continue
        try:
            data = s.recv(4096)
        except BlockingIOError:
            continue
        except OSError:
            data = b""
        if not data:
            sel.unregister(s)
            s.close()
            if key.data == "client":
                for p, c in clients.items():
                    if c is s:
                        del clients[p]
                        reopen(p)
                        break
            continue
        if key.data == "server":
            try:
                s.sendall(data)
            except OSError:
                pass
print("connects", connects, "bytes", nbytes, "masters", masters)
