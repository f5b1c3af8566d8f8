# Top-level Makefile: ties the components together.
#
#   make demo    the main job end to end, in the test VM: FTP and TFTP through
#                nft-helperd serving the ruleset's own user-space ct helper
#                objects (native mode, the kernel/ series' modules)
#   make demo-compat  the same on Debian's stock kernel modules (compatible
#                mode: nft-helperd registers through nfnetlink_cthelper)
#   make demo-basic  stock tools only: a user-space helper's packets reach its queue
#   make check   every test suite; closing line "N passed, N failed, N skipped"
#   make deps    install the Debian packages every component needs (as root)
#   make all     build every component (outputs under build/ and */build/)
#   make bench-nft   our nft vs stock nft loading 10,000 rules + 1,000 ct helpers
#   make bench-helperd   FTP through a router: kernel helper, conntrackd, nft-helperd
#                    (BENCH_ARGS="--rounds 1 --sessions 20" for a short run)
#   make clean
#
# Each component (kernel, libnftnl-patch, nft-patch, helper-runtime, and
# tests/ for the foundation's own programs) has a Makefile with all, check
# and clean, and a deps.txt; a component not there yet is passed over.
COMPONENTS := tests kernel libnftnl-patch nft-patch helper-runtime
PRESENT    := $(foreach c,$(COMPONENTS),$(if $(wildcard $(c)/Makefile),$(c)))

all: deps
	@set -e; for c in $(PRESENT); do $(MAKE) --no-print-directory -C $$c all; done

deps:
	@scripts/deps.sh

check: deps
	@scripts/check.sh

# The end-to-end job: in the test VM, a router with forward policy drop whose
# ruleset (loaded with our nft -f) declares user-space ftp and tftp helpers
# as ct helper objects; nft-helperd, started without configuration, finds
# and serves them; real vsftpd/ftp and tftpd/tftp transfers, passive and
# active, IPv4 and IPv6; prints the ruleset, the log, the expectations,
# PASS or FAIL.
demo: deps
	@$(MAKE) --no-print-directory -C tests all
	@$(MAKE) --no-print-directory -C kernel all
	@$(MAKE) --no-print-directory -C nft-patch all
	@$(MAKE) --no-print-directory -C helper-runtime all
	@helper-runtime/demo.sh native

# The same job in compatible mode (stock kernel modules, nfnetlink_cthelper).
demo-compat: deps
	@$(MAKE) --no-print-directory -C tests all
	@$(MAKE) --no-print-directory -C nft-patch all
	@$(MAKE) --no-print-directory -C helper-runtime all
	@helper-runtime/demo.sh compat

# The stock "basic operation" of user-space helpers (nfct registers, an nft
# ct helper object assigns, packets reach the queue with their conntrack).
demo-basic: deps
	@$(MAKE) --no-print-directory -C tests all
	@tests/shell/run-tests.sh -v --vm tests/shell/testcases/foundation/userspace_helper_queue_0

bench-nft: deps
	@$(MAKE) --no-print-directory -C nft-patch all
	@tests/bench/nft-load.sh

bench-helperd: deps
	@$(MAKE) --no-print-directory -C tests all
	@$(MAKE) --no-print-directory -C helper-runtime all
	@tests/bench/helperd-bench.sh $(BENCH_ARGS)

clean:
	@for c in $(PRESENT); do $(MAKE) --no-print-directory -C $$c clean; done
	rm -rf build

.PHONY: all deps check demo demo-compat demo-basic bench-nft bench-helperd clean
