#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""nft-diff.py - differential check of our nft against stock nft 1.0.6.

    tests/diff/nft-diff.py [-v] [--family F] [--grep TEXT]

Feeds the rule lines of gen_rules.py to both programs and compares, line
by line:
  accepted by both            -> identical bytecode (--debug=netlink),
                                 listing (list ruleset, and with -n
                                 and -s) and echo (-e);
  refused by stock            -> ours must refuse too;
  accepted by stock only      -> fine only if ours says "... is not
                                 supported by this nft" at a location
                                 (counted: the to-do list).
Any other outcome is a failure, printed with both programs' answers.
Lines both refuse with different first error lines are counted (and
listed with -v), not failed: the wording is not yet held to stock's.

Speed: every line gets its own chain in one table per family, and the
whole family goes to each nft as one batch file (-f).  A refused line is
reported with its line number; those lines are dropped and the batch is
run again until it loads.  Runs in a private network namespace (re-executes
itself under "unshare -n"); OURS (default nft-patch/build/nft) and STOCK
(/usr/sbin/nft) choose the binaries.
Last line: "N passed, N failed" (passed: lines compared equal or refused as
they should be).
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen_rules  # noqa: E402

STOCK = os.environ.get("STOCK", "/usr/sbin/nft")
OURS = os.environ.get("OURS", os.path.join(TOP, "nft-patch", "build", "nft"))
UNSUPPORTED = "is not supported by this nft"
CRASH_MARKS = ("Sanitizer", "runtime error:")
ERR_LINE = re.compile(r"^[^:\n]*batch\.nft:(\d+):[-0-9]+: Error: (.*)$", re.M)
NOLOC_ERR = re.compile(r"^Error: (.*)$", re.M)


class Outcome:
    """What one nft did with one rule line."""

    def __init__(self):
        self.error = None	# first error line, None if accepted
        self.located = False
        self.bytecode = ""
        self.listing = ""
        self.numeric = ""	# list ruleset -n
        self.stateless = ""	# list ruleset -s
        self.echo = ""


def run(nft, args):
    p = subprocess.run([nft] + args, capture_output=True, text=True)
    if p.returncode < 0 or any(m in p.stderr for m in CRASH_MARKS):
        raise SystemExit("nft crashed: %s %s\n%s" % (nft, " ".join(args),
                                                      p.stderr[-2000:]))
    return p.returncode, p.stdout, p.stderr


def batch_text(family, lines, idxs):
    """Line 1: the table, then the named sets the lines look up
    (gen_rules.SETS); then per line a chain and its rule."""
    out = ["add table %s t" % family]
    out += ["add set %s t %s" % (family, decl) for decl in gen_rules.SETS]
    out += ["add map %s t %s" % (family, decl) for decl in gen_rules.MAPS]
    where = {}
    for i in idxs:
        out.append("add chain %s t c%d" % (family, i))
        out.append("add rule %s t c%d %s" % (family, i, lines[i]))
        where[len(out)] = i
    return "\n".join(out) + "\n", where


def run_batch(nft, family, lines, idxs, path, extra):
    text, where = batch_text(family, lines, idxs)
    with open(path, "w") as f:
        f.write(text)
    run(nft, ["flush", "ruleset"])
    return run(nft, extra + ["-f", path]) + (where,)


def split_blocks(out, family):
    """--debug=netlink output -> {chain index: bytecode text}.  A block is
    its rule's header line and expression lines, with the anonymous set
    lines printed just before it; it is cut at its header, not at blank
    lines (a log prefix with a '%' can swallow stock's newline)."""
    blocks, pending, cur, last = {}, [], None, None
    head = re.compile(r"^(.*?)(%s t c(\d+))$" % family)
    for ln in out.split("\n"):
        if re.match(r"^\S+ \(null\) \(null\) use", ln):
            continue
        m = head.match(ln)
        if m:
            if m.group(1):
                pending.append(m.group(1))
            if -1 not in blocks:
                # the named sets' declarations, before the first rule
                blocks[-1], pending = pending, []
            cur = last = int(m.group(3))
            blocks[cur] = pending + [m.group(2)]
            pending = []
        elif ln.startswith("  [") and cur is not None:
            blocks[cur].append(ln)
        elif ln.startswith("  userdata") and last is not None:
            # a comment: printed after its rule, sometimes past a blank line
            blocks[last].append(ln)
        elif ln:
            cur = None
            pending.append(ln)
        else:
            cur = None
    return {k: "\n".join(v) for k, v in blocks.items()}


def split_listing(out):
    """list ruleset -> {chain index: rule lines}."""
    res, cur = {}, None
    for ln in out.split("\n"):
        m = re.match(r"^\tchain c(\d+) \{$", ln)
        if m:
            cur = int(m.group(1))
            res[cur] = []
        elif ln == "\t}":
            cur = None
        elif cur is not None:
            res[cur].append(ln.strip())
    return {k: "\n".join(v) for k, v in res.items()}


def split_echo(out, family):
    res = {}
    for ln in out.split("\n"):
        m = re.match(r"^add rule %s t c(\d+) (.*)$" % family, ln)
        if m:
            res[int(m.group(1))] = m.group(2)
    return res


def evaluate(nft, family, lines, tmp):
    """Runs every line of a family through one nft: {index: Outcome}."""
    path = os.path.join(tmp, "batch.nft")
    res = {i: Outcome() for i in range(len(lines))}
    res[-1] = Outcome()		# the named sets: bytecode and listing
    todo = list(range(len(lines)))
    # drop the refused lines until the rest loads
    while todo:
        rc, out, err, where = run_batch(nft, family, lines, todo, path,
                                        ["--debug=netlink"])
        if rc == 0:
            break
        bad = set()
        for m in ERR_LINE.finditer(err):
            i = where.get(int(m.group(1)))
            if i is not None and i not in bad:
                bad.add(i)
                res[i].error = m.group(2)
                res[i].located = True
        if not bad:
            # an error without a usable line: one line at a time
            for i in todo:
                rc1, _, err1, _ = run_batch(nft, family, lines, [i], path, [])
                if rc1 != 0:
                    bad.add(i)
                    m = ERR_LINE.search(err1) or NOLOC_ERR.search(err1)
                    res[i].error = m.group(1 if m.re is NOLOC_ERR else 2) \
                        if m else err1.strip() or "exit %d" % rc1
                    res[i].located = m is not None and m.re is ERR_LINE
        todo = [i for i in todo if i not in bad]
    if not todo:
        return res
    blocks = split_blocks(out, family)
    res[-1].bytecode = blocks.get(-1, "")
    _, res[-1].listing, _ = run(nft, ["list", "sets"])
    _, maps, _ = run(nft, ["list", "maps"])
    res[-1].listing += maps
    _, listing, _ = run(nft, ["list", "ruleset"])
    listed = split_listing(listing)
    _, listing, _ = run(nft, ["-n", "list", "ruleset"])
    numeric = split_listing(listing)
    _, listing, _ = run(nft, ["-s", "list", "ruleset"])
    stateless = split_listing(listing)
    rc, out, err, _ = run_batch(nft, family, lines, todo, path, ["-e"])
    echoed = split_echo(out, family)
    for i in todo:
        res[i].bytecode = blocks.get(i, "")
        res[i].listing = listed.get(i, "")
        res[i].numeric = numeric.get(i, "")
        res[i].stateless = stateless.get(i, "")
        res[i].echo = echoed.get(i, "")
    return res


def compare(family, line, s, o):
    """None if fine, else a description of the difference."""
    if s.error is not None:
        if o.error is None:
            return "accepted by ours, refused by stock (%s)" % s.error
        return None
    if o.error is not None:
        if UNSUPPORTED in o.error and o.located:
            return None
        return "refused by ours (%s), accepted by stock" % o.error
    for what in ("bytecode", "listing", "numeric", "stateless", "echo"):
        a, b = getattr(s, what), getattr(o, what)
        if a != b:
            return "%s differs:\n  stock: %s\n  ours:  %s" % (
                what, a.replace("\n", "\n         "),
                b.replace("\n", "\n         "))
    return None


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    fams = None
    grep = None
    if "--family" in args:
        fams = [args[args.index("--family") + 1]]
    if "--grep" in args:
        grep = args[args.index("--grep") + 1]
    if os.environ.get("NFT_DIFF_NETNS") != "1":
        env = dict(os.environ, NFT_DIFF_NETNS="1")
        return subprocess.call(["unshare", "-n", sys.executable,
                                os.path.abspath(__file__)] + args, env=env)
    for nft in (STOCK, OURS):
        if not os.access(nft, os.X_OK):
            print("%s: not there; nothing to compare" % nft)
            print("0 passed, 0 failed, 1 skipped")
            return 0
    per_fam = {}
    for fam, line in gen_rules.rule_lines():
        if fams and fam not in fams:
            continue
        if grep and grep not in line:
            continue
        per_fam.setdefault(fam, []).append(line)
    passed = failed = todo = msgdiff = 0
    with tempfile.TemporaryDirectory() as tmp:
        for fam, lines in per_fam.items():
            stock = evaluate(STOCK, fam, lines, tmp)
            ours = evaluate(OURS, fam, lines, tmp)
            # the sets every line may look up: declared and listed alike
            diff = compare(fam, "(named sets)", stock[-1], ours[-1])
            if diff:
                failed += 1
                print("FAIL %s: named sets %s %s\n  %s" % (
                    fam, gen_rules.SETS, gen_rules.MAPS, diff))
            for i, line in enumerate(lines):
                diff = compare(fam, line, stock[i], ours[i])
                if diff:
                    failed += 1
                    print("FAIL %s: %s\n  %s" % (fam, line, diff))
                    continue
                passed += 1
                if stock[i].error is not None and \
                        stock[i].error != ours[i].error:
                    # both refuse: the wording is compared, not enforced
                    msgdiff += 1
                    if verbose:
                        print("message %s: %s\n  stock: %s\n  ours:  %s" % (
                            fam, line, stock[i].error, ours[i].error))
                if stock[i].error is None and ours[i].error is not None:
                    todo += 1
                    if verbose:
                        print("todo %s: %s: %s" % (fam, line, ours[i].error))
        run(STOCK, ["flush", "ruleset"])
    print("refused by both, other wording than stock's: %d" % msgdiff)
    print("accepted by stock, not supported by this nft yet: %d" % todo)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
