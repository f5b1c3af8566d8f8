# Unit tests of libnftnl-patch (included by ../Makefile).
#
# Every test program is built three times: against the static library, against
# the shared one (-shared: every function it uses must be exported), and with
# the library sources compiled in under ASan+UBSan (-asan).  The
# parser's libFuzzer target runs for FUZZ_SECS when clang has libFuzzer.

UNIT_TOPDIR	:= $(TOPDIR)/tests/unit
UNITS		:= test_object test_build test_parse test_malformed
UNIT_DEPS	:= $(UNIT_TOPDIR)/unit.h tests/msg_util.h
FUZZ_SECS	?= 15

SAN_FLAGS	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
# Sanitizer builds with gcc need its libasan/libubsan; clang's come with
# libclang-rt-dev.  Whichever compiler runs the build is used.
HAVE_LIBFUZZER	:= $(shell command -v clang >/dev/null 2>&1 && echo 'int LLVMFuzzerTestOneInput(const char *d, long n){(void)d;(void)n;return 0;}' | \
		     clang -x c -fsanitize=fuzzer - -o /dev/null 2>/dev/null && echo y)

$(B)/tests/%: tests/%.c $(STATIC) $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -I$(UNIT_TOPDIR) -Itests -o $@ $< $(STATIC) $(PKG_LIBS)

$(B)/tests/%-shared: tests/%.c $(SHARED) $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -I$(UNIT_TOPDIR) -Itests -o $@ $< -L$(B) \
		-Wl,-rpath,$(CURDIR)/$(B) -lnftnl-cthelper $(PKG_LIBS)

$(B)/tests/%-asan: tests/%.c $(LIB_SRCS) $(LIB_HDRS) $(UNIT_DEPS)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN_FLAGS) $(CPPFLAGS_ALL) -I$(UNIT_TOPDIR) -Itests \
		-o $@ $< $(LIB_SRCS) $(PKG_LIBS)

$(B)/fuzz/fuzz_parse: tests/fuzz_parse.c $(LIB_SRCS) $(LIB_HDRS)
	@mkdir -p $(@D)
	clang $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $(CPPFLAGS_ALL) -o $@ $< $(LIB_SRCS) $(PKG_LIBS)

$(B)/fuzz/fuzz_parse.corpus/.seeded: $(B)/tests/fuzz_seeds
	@mkdir -p $(@D)
	$(B)/tests/fuzz_seeds $(@D)
	@touch $@

# The uapi check as test cases (a wrapper, since the runner passes no args).
$(B)/tests/test-uapi: tests/test-uapi.sh scripts/check-uapi.sh
	@mkdir -p $(@D)
	printf '#!/bin/sh\nexec %s %s %s\n' "$(CURDIR)/tests/test-uapi.sh" \
		"$(CURDIR)/include/libnftnl-cthelper/nf_tables_ct_helper.h" \
		"$(TOPDIR)/kernel/patches" > $@
	chmod +x $@

UNIT_BINS := $(B)/tests/test-uapi \
	     $(foreach t,$(UNITS),$(B)/tests/$(t) $(B)/tests/$(t)-shared \
		$(B)/tests/$(t)-asan)
ifeq ($(HAVE_LIBFUZZER),y)
FUZZ_BINS := $(B)/fuzz/fuzz_parse $(B)/fuzz/fuzz_parse.corpus/.seeded
FUZZ_SPEC := fuzz_parse:$(B)/fuzz/fuzz_parse:$(FUZZ_SECS)
else
FUZZ_BINS :=
FUZZ_SPEC := "fuzz_parse:-clang with libFuzzer (-fsanitize=fuzzer) is not available"
endif

check: all $(UNIT_BINS) $(FUZZ_BINS)
	@tests/run-unit.sh $(UNIT_BINS) -- $(FUZZ_SPEC)
