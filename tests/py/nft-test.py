#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""nft-test.py - rule-level tests in the nftables tests/py format.

    tests/py/nft-test.py [-v] [--update] [FILE.t...]

Each FILE.t holds:
    :CHAIN;type filter hook input priority 0    a base chain to create
    *FAMILY;TABLE;CHAIN[,CHAIN...][;EXTRA,...]   test the rules below there
                                                 (EXTRA: chains created, not tested)
    %NAME type ct helper|expectation|timeout { BODY };ok   an object the rules may use
    !NAME { BODY };ok|fail                       a named set ("add set")
    !NAME map { BODY };ok|fail                   a named map ("add map")
    ?NAME { ELEMENTS };ok|fail                   elements added to it
    RULE;ok                                      must load; lists back as RULE
    RULE;ok;CANONICAL                            must load; lists as CANONICAL
    RULE;fail                                    must be refused
    # comment

For every rule and every (family, table, chain) it applies to, the runner
adds the rule with "NFT --debug=netlink", compares the printed bytecode with
FILE.t.payload (recorded from stock nft 1.0.6 with --update), lists the
chain and compares the rule's line with the expected text, then deletes it.

NFT (environment) chooses the nft binary (default: our nft-patch/build/nft,
else /usr/sbin/nft).  Every file runs in a fresh network namespace: the
runner re-executes itself under "unshare -n" when needed.  --update
rewrites the .t.payload files (only with stock nft: the oracle).
An nft run killed by a signal or printing a sanitizer report (an nft built
with ASan/UBSan) is a failure of its own, also where a refusal was expected.
The last line is "N passed, N failed, N skipped"; exit 1 on any failure.
"""
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
STOCK_NFT = "/usr/sbin/nft"


def default_nft():
    ours = os.path.join(TOP, "nft-patch", "build", "nft")
    return ours if os.access(ours, os.X_OK) else STOCK_NFT


class Result:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0


# nft runs that crashed or made a sanitizer report: each is a failure, even
# where the line expected nft to refuse the rule (exit status alone would
# hide it there).
CRASHES = []
CRASH_MARKS = ("Sanitizer", "runtime error:")


def run(nft, args, stdin=None):
    p = subprocess.run([nft] + args, input=stdin, capture_output=True,
                       text=True)
    if p.returncode < 0 or any(m in p.stderr for m in CRASH_MARKS):
        CRASHES.append("nft %s (exit %d): %s" % (" ".join(args), p.returncode,
                                                 p.stderr.strip()[-2000:]))
    return p.returncode, p.stdout, p.stderr


def parse_t(path):
    """Returns (chains, contexts) where contexts is a list of
    (family, table, [chains], [objects], [rules])."""
    chains = {}
    contexts = []
    group = []		# consecutive *family lines share the rules below
    in_rules = False
    with open(path) as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith(":"):
                name, spec = line[1:].split(";", 1)
                chains[name.strip()] = spec.strip()
            elif line.startswith("*"):
                fields = line[1:].split(";")
                fam, table, chs = fields[:3]
                extra = fields[3].split(",") if len(fields) > 3 else []
                cur = (fam.strip(), table.strip(),
                       [c.strip() for c in chs.split(",")], [], [],
                       [c.strip() for c in extra if c.strip()])
                if in_rules:
                    group = []
                    in_rules = False
                group.append(cur)
                contexts.append(cur)
            elif line[0] in "!?":
                body, status = line[1:].rsplit(";", 1)
                name, spec = body.split(" ", 1)
                kind = "set" if line[0] == "!" else "element"
                if line[0] == "!" and spec.startswith("map "):
                    kind, spec = "map", spec[4:]
                if not group or not spec.strip().startswith("{"):
                    raise SystemExit("%s:%d: bad set line" % (path, lineno))
                for ctx in group:
                    ctx[3].append((lineno, name, kind, spec.strip(),
                                   status.strip()))
                in_rules = True
            elif line.startswith("%"):
                body, status = line[1:].rsplit(";", 1)
                name, spec = body.split(" ", 1)
                m = re.match(r"type\s+(ct helper|ct expectation|ct timeout)\s+(\{.*\})",
                             spec.strip())
                if not m or not group:
                    raise SystemExit("%s:%d: bad object line" % (path, lineno))
                for ctx in group:
                    ctx[3].append((lineno, name, m.group(1), m.group(2),
                                   status.strip()))
                in_rules = True
            else:
                if not group:
                    raise SystemExit("%s:%d: rule before any *family line"
                                     % (path, lineno))
                parts = line.split(";")
                rule = parts[0].strip()
                status = parts[1].strip() if len(parts) > 1 else "ok"
                canon = parts[2].strip() if len(parts) > 2 else None
                for ctx in group:
                    ctx[4].append((lineno, rule, status, canon))
                in_rules = True
    return chains, contexts


FAMILIES = ("ip", "ip6", "inet", "arp", "bridge", "netdev")
RULE_HEADER = re.compile(r"^(%s) (\S+) (\S+)$" % "|".join(FAMILIES), re.M)


def payload_family(block):
    """The family of a payload: from its rule header line (anonymous
    sets print before it)."""
    m = RULE_HEADER.search(block)
    return m.group(1) if m else None


def parse_payload(path):
    """payload file: '# RULE' then 'FAMILY TABLE CHAIN' then '  [ ... ]'
    lines, entries separated by blank lines."""
    entries = {}
    if not os.path.exists(path):
        return entries
    rule = None
    block = []
    with open(path) as f:
        for raw in f.read().split("\n"):
            if raw.startswith("# "):
                rule = raw[2:]
                block = []
            elif raw == "":
                if rule is not None and block:
                    text = "\n".join(block)
                    entries[(payload_family(text), rule)] = text
                rule, block = None, []
            else:
                block.append(raw)
    if rule is not None and block:
        text = "\n".join(block)
        entries[(payload_family(text), rule)] = text
    return entries


def rule_lines(listing):
    """Rule lines of a 'list chain' output (after the hook line)."""
    out = []
    for ln in listing.split("\n"):
        s = ln.strip()
        if not ln.startswith("\t\t") or s.startswith("type ") or \
           s.startswith("comment "):
            continue
        out.append(s)
    return out


def setup(nft, chains, ctx):
    fam, table, chs, objs, _, extra = ctx
    cmds = ["flush ruleset", "add table %s %s" % (fam, table)]
    for c in chs + extra:
        spec = chains.get(c)
        if spec is None:
            cmds.append("add chain %s %s %s" % (fam, table, c))
        else:
            cmds.append("add chain %s %s %s { %s; }" % (fam, table, c, spec))
    rc, _, err = run(nft, ["-f", "-"], "\n".join(cmds) + "\n")
    return rc, err


def test_file(nft, path, update, verbose, res):
    chains, contexts = parse_t(path)
    payload_path = path + ".payload"
    payloads = parse_payload(payload_path)
    recorded = []
    name = os.path.relpath(path, HERE)

    def report(ok, what, why=""):
        if ok is None:
            res.skipped += 1
            print("SKIP %s: %s" % (what, why))
        elif ok:
            res.passed += 1
            if verbose:
                print("PASS %s" % what)
        else:
            res.failed += 1
            print("FAIL %s: %s" % (what, why))

    for ctx in contexts:
        fam, table, chs, objs, rules, _ = ctx
        rc, err = setup(nft, chains, ctx)
        if rc != 0:
            for lineno, rule, status, canon in rules:
                report(False, "%s:%d %s" % (name, lineno, fam),
                       "setup failed: " + err.strip())
            continue
        for lineno, oname, otype, body, status in objs:
            what = "%s:%d %s %s %s" % (name, lineno, fam, otype, oname)
            rc, _, err = run(nft, ["add %s %s %s %s %s" %
                                   (otype, fam, table, oname, body)])
            report((rc == 0) == (status == "ok"), what,
                   err.strip() or "unexpected success")
        for lineno, rule, status, canon in rules:
            for chain in chs:
                what = "%s:%d %s %s: %s" % (name, lineno, fam, chain, rule)
                rc, out, err = run(nft, ["--debug=netlink", "add rule %s %s %s %s"
                                         % (fam, table, chain, rule)])
                if status == "fail":
                    report(rc != 0, what, "loaded but should fail")
                    if rc == 0:
                        run(nft, ["flush chain %s %s %s" % (fam, table, chain)])
                    continue
                if rc != 0:
                    report(False, what, err.strip())
                    continue
                got_payload = out.rstrip("\n")
                if update:
                    if chain == chs[0]:
                        recorded.append((rule, got_payload))
                else:
                    want = payloads.get((fam, rule))
                    if want is None:
                        report(False, what, "no payload recorded in %s" %
                               os.path.relpath(payload_path, HERE))
                        run(nft, ["flush chain %s %s %s" % (fam, table, chain)])
                        continue
                    want = RULE_HEADER.sub(r"\1 \2 " + chain, want)
                    if got_payload != want:
                        report(False, what, "bytecode differs:\n--- want\n%s\n"
                               "--- got\n%s" % (want, got_payload))
                        run(nft, ["flush chain %s %s %s" % (fam, table, chain)])
                        continue
                rc, out, err = run(nft, ["list chain %s %s %s" %
                                         (fam, table, chain)])
                lines = rule_lines(out)
                expect = canon if canon else rule
                if rc != 0 or lines != [expect]:
                    report(False, what, "listed as %r, want %r" %
                           (lines, expect))
                else:
                    report(True, what)
                run(nft, ["flush chain %s %s %s" % (fam, table, chain)])
    run(nft, ["flush ruleset"])

    if update:
        with open(payload_path, "w") as f:
            seen = set()
            for rule, payload in recorded:
                fam = payload_family(payload)
                if (fam, rule) in seen:
                    continue
                seen.add((fam, rule))
                f.write("# %s\n%s\n\n" % (rule, payload))


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    update = "--update" in args
    files = [a for a in args if not a.startswith("-")]
    nft = os.environ.get("NFT") or default_nft()

    if os.environ.get("NFT_PY_IN_NETNS") != "1":
        if os.geteuid() != 0:
            print("SKIP tests/py: needs root for network namespaces")
            print("0 passed, 0 failed, 1 skipped")
            return 0
        env = dict(os.environ, NFT_PY_IN_NETNS="1", NFT=nft)
        return subprocess.call(["unshare", "-n", sys.executable,
                                os.path.abspath(__file__)] + args, env=env)

    if update and os.path.realpath(nft) != os.path.realpath(STOCK_NFT):
        print("--update records the oracle: run it with NFT=%s" % STOCK_NFT)
        return 2
    if not files:
        files = sorted(glob.glob(os.path.join(HERE, "*", "*.t")))
    print("tests/py with NFT=%s" % nft)
    res = Result()
    subprocess.run(["ip", "link", "set", "lo", "up"], capture_output=True)
    for path in files:
        test_file(nft, os.path.abspath(path), update, verbose, res)
    for crash in CRASHES:
        res.failed += 1
        print("FAIL crashed or sanitizer report: %s" % crash)
    print("%d passed, %d failed, %d skipped" %
          (res.passed, res.failed, res.skipped))
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
