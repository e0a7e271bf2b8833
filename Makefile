# qualpipe: `make` builds bin/, `make check` tests (plain and under
# ASan+UBSan), `make demo` runs the example analysis, `make bench` measures.
# `make fuzz` builds the libFuzzer harnesses of tests/fuzz/ (clang, in
# build/fuzz/) and runs each for FUZZ_S seconds (default 60) on a copy of
# its seed corpus; it fails if any target crashes.  `make fuzz-smoke` is
# the same for 20 s a target, as CI runs it; `make fuzz-build` only builds.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/qualpipe
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
PKGS = libpcre2-8 libutf8proc zlib libsodium jansson yajl libarchive libxml-2.0
# Debian ships libstemmer, liblinear and libwordnet without a pkg-config file.
NOPC_LIBS = -lstemmer -llinear -lwordnet
VERSION := $(shell cat VERSION)

# Where objects and programs go; the sanitizer build overrides both.
OBJ ?= build/rel
OUT ?= bin

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(NOPC_LIBS)
ALL_CFLAGS = -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L \
	-DQP_VERSION='"$(VERSION)"' -DQP_DATADIR='"$(DATADIR)"' -Ilib $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

FILTERS := $(basename $(notdir $(wildcard filters/*.c)))
LIBOBJ := $(patsubst lib/%.c,$(OBJ)/lib/%.o,$(wildcard lib/*.c))
UNITS := $(basename $(notdir $(wildcard tests/unit/test_*.c)))
# Test drivers: small programs the bats tests run (tests/tools/*.c).
TOOLS := $(basename $(notdir $(wildcard tests/tools/*.c)))
PROGS := $(FILTERS:%=$(OUT)/%)
UNITPROGS := $(UNITS:%=$(OBJ)/tests/%) $(TOOLS:%=$(OBJ)/tests/tools/%)

.PHONY: all deps progs asan check check-fast demo bench install clean lint \
	fuzz fuzz-build fuzz-smoke
all: deps
	@$(MAKE) --no-print-directory progs

deps:
	@.ci/deps build

progs: $(PROGS) $(UNITPROGS)

$(OBJ)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(OBJ)/filters/%.o: filters/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(OBJ)/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(OBJ)/tests/tools/%.o: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(OBJ)/libqp.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(OUT)/%: $(OBJ)/filters/%.o $(OBJ)/libqp.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(OBJ)/libqp.a $(PKG_LIBS) -lm

$(OBJ)/tests/%: $(OBJ)/tests/%.o $(OBJ)/libqp.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(OBJ)/libqp.a $(PKG_LIBS) -lm

$(OBJ)/tests/tools/%: $(OBJ)/tests/tools/%.o $(OBJ)/libqp.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(OBJ)/libqp.a $(PKG_LIBS) -lm

asan:
	@$(MAKE) --no-print-directory progs OBJ=build/asan OUT=build/asan/bin \
		CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)"

# The README's test command: every test against the plain build, then
# again against the ASan+UBSan build; one summary line at the end.
check: all
	@.ci/deps check
	@$(MAKE) --no-print-directory asan
	@tests/run bin:build/rel build/asan/bin:build/asan

# Only the plain build (quicker while working).
check-fast: all
	@.ci/deps check
	@tests/run bin:build/rel

# Fuzzing: lib/ and the filters are built again with -DQP_FUZZ (see
# lib/xalloc.h) and the sanitizers, into build/fuzz/ only.
FUZZ_CC ?= clang
FUZZ_S ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -DQP_FUZZ \
	-DQP_VERSION='"$(VERSION)"' -DQP_DATADIR='"$(DATADIR)"' -Ilib -Itests/fuzz \
	$(PKG_CFLAGS) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP
FUZZ_TARGETS := $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_LIBOBJ := $(patsubst lib/%.c,build/fuzz/lib/%.o,$(wildcard lib/*.c))

build/fuzz/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/obj/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/libqp.a: $(FUZZ_LIBOBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_LIBOBJ)

build/fuzz/fuzz_%: build/fuzz/obj/fuzz_%.o build/fuzz/obj/track.o build/fuzz/libqp.a
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -Wl,--wrap=free -o $@ $< \
		build/fuzz/obj/track.o build/fuzz/libqp.a $(PKG_LIBS) -lm

fuzz-build: $(FUZZ_TARGETS:%=build/fuzz/%)

fuzz:
	@.ci/deps fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@tests/fuzz/run $(FUZZ_S) $(FUZZ_TARGETS:fuzz_%=%)

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_S=20

demo: all
	@pipelines/demo.sh
	@echo
	@echo "== the study as one HTML page (report): $(CURDIR)/demo-out/report.html"

bench: all build/rel/bench/gencorpus
	@.ci/deps bench
	@bench/run

build/rel/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -O2 -o $@ $<

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7
	for p in $(FILTERS); do install -m 755 bin/$$p $(DESTDIR)$(BINDIR)/$$p; done
	for m in man/*.1; do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in man/*.5; do [ -e "$$m" ] && install -m 644 $$m $(DESTDIR)$(MANDIR)/man5/ || true; done
	for m in man/*.7; do [ -e "$$m" ] && install -m 644 $$m $(DESTDIR)$(MANDIR)/man7/ || true; done
	mkdir -p $(DESTDIR)$(DATADIR)/names
	install -m 644 data/names/* $(DESTDIR)$(DATADIR)/names/
	mkdir -p $(DESTDIR)$(DATADIR)/places
	install -m 644 data/places/*.txt data/places/LICENSE data/places/SOURCE \
		data/places/CC-BY-4.0 data/places/SCOWL-Copyright $(DESTDIR)$(DATADIR)/places/

lint:
	mandoc -Tlint -W warning man/*

clean:
	rm -rf build bin demo-out

-include $(wildcard build/*/lib/*.d build/*/filters/*.d build/*/tests/*.d build/*/tests/tools/*.d build/fuzz/obj/*.d)
