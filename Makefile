# Folio: a static site generator for technical resources.
#
#   make            build folio and the site (installs missing Debian packages as root)
#   make test       the whole test suite (also under ASan+UBSan and valgrind)
#   make quick      the tests to run before a commit: unit, golden, bad inputs, browser
#                   (tests/README.md: one group, a few, the list)
#   make clean | install | asan | golden-update | deps
#   make fuzz       long fuzzing runs (FUZZ_TIME seconds a target)
#   make lint       cppcheck and clang-tidy

VERSION   = 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
CXX      ?= c++
PKGS      = libcmark-gfm yaml-0.1 libxml-2.0 jansson cairo freetype2 libpng librsvg-2.0 libmicrohttpd harfbuzz-subset libwoff2enc libgvc
# Compiled against, not linked: base/svgdraw.c loads librsvg when it needs it.
LOADED    = librsvg-2.0
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CPPFLAGS += -D_DEFAULT_SOURCE -DFOLIO_VERSION='"$(VERSION)"'

# generator/ holds one folder per stage (doc/architecture.md); main.c sits on top.
STAGES = base content diagram pdf output web build serve scaffold
SRC  = $(foreach s,$(STAGES),$(wildcard generator/$(s)/*.c)) generator/main.c
HDR  = $(foreach s,$(STAGES),$(wildcard generator/$(s)/*.h))
LIB  = $(filter-out generator/main.c,$(SRC))
# One C++ file: the WOFF2 encoder's API is C++ (base/woff2enc.h).
CXXSRC = $(foreach s,$(STAGES),$(wildcard generator/$(s)/*.cc))
BUILD ?= build
OBJ  = $(LIB:generator/%.c=$(BUILD)/%.o) $(CXXSRC:generator/%.cc=$(BUILD)/%.o)

# Debian packages: to build folio, and in addition to run the test suite.
DEB_PACKAGES = build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libxml2-dev libjansson-dev libcairo2-dev libfreetype-dev libpng-dev libhyphen-dev hyphen-en-us libhpdf-dev librsvg2-dev libmicrohttpd-dev libmimalloc-dev libharfbuzz-dev libwoff-dev hyphen-de libgraphviz-dev
TEST_PACKAGES = valgrind strace chromium default-jre-headless libxml2-utils poppler-utils qpdf curl wrk \
                clang libclang-rt-14-dev clang-tidy cppcheck python3-fonttools python3-brotli python3-yaml python3-pikepdf

PHONY_BENCH = bench
.PHONY: all site test quick bench check-deps deps clean install asan golden-update unit fuzz fuzz-build lint

all: site

deps:
	@tests/install-deps.sh $(DEB_PACKAGES)

$(BUILD)/.deps-ok: Makefile
	@mkdir -p $(BUILD)
	@tests/install-deps.sh $(DEB_PACKAGES)
	@touch $@

# Flags come from pkg-config when the recipe runs, after the packages are there.
PKG_CFLAGS = $$(pkg-config --cflags $(PKGS))
PKG_LIBS   = $$(pkg-config --libs $(filter-out $(LOADED),$(PKGS))) $(GV_DOT_LIBS) -lhyphen -lhpdf -lm -pthread -lstdc++
# Graphviz's dot layout is a plugin library in Graphviz's own folder:
# diagram/flowchart.c links it in and hands it to Graphviz, so no other
# plugin (text layout, renderers) is ever loaded.
GV_PLUGINS = $$(pkg-config --variable=libdir libgvc)/graphviz
GV_DOT_LIBS = -L$(GV_PLUGINS) -lgvplugin_dot_layout -Wl,-rpath,$(GV_PLUGINS)

# The folio program allocates through mimalloc (README: Dependencies): it
# replaces malloc for the program and every library in it, so it must be
# linked even though nothing names it.  ALLOCATOR=system keeps glibc's
# (the sanitizer builds do: ASan brings its own).
ALLOCATOR ?= mimalloc
MIMALLOC_LIBS = -Wl,--push-state,--no-as-needed -lmimalloc -Wl,--pop-state
ALLOC_LIBS = $(if $(filter mimalloc,$(ALLOCATOR)),$(MIMALLOC_LIBS))

# -MMD: each object records the headers it includes, so a header edit
# rebuilds only the files that use it.
$(BUILD)/%.o: generator/%.c | $(BUILD)/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) -Igenerator -MMD -MP $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# The C++ file: C++17 for the woff2 header, the same warnings but the
# C-only ones, the same sanitizer and coverage flags (CXXFLAGS follows
# CFLAGS unless given).
CXXFLAGS ?= $(CFLAGS)
CXXWARN = -std=c++17 -Wall -Wextra -Werror -Wshadow -Wformat=2
$(BUILD)/%.o: generator/%.cc | $(BUILD)/.deps-ok
	@mkdir -p $(@D)
	$(CXX) $(CXXWARN) $(CPPFLAGS) -Igenerator -MMD -MP $(CXXFLAGS) $(PKG_CFLAGS) -c -o $@ $<

-include $(OBJ:.o=.d) $(BUILD)/main.d

$(BUILD)/folio: $(OBJ) $(BUILD)/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(ALLOC_LIBS) $(PKG_LIBS)

site: $(BUILD)/folio
	$(BUILD)/folio build

# Unit tests: one binary per tests/unit/test_*.c, linked against every
# generator object except main.o.  BUILD=build-asan gives the ASan variant.
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/%)

unit: $(UNIT_BIN)

$(BUILD)/test_%: tests/unit/test_%.c tests/unit/harness.h $(HDR) $(OBJ)
	$(CC) $(WARN) $(CPPFLAGS) -DTEST_ROOT='"$(CURDIR)"' $(CFLAGS) $(PKG_CFLAGS) -Igenerator $(LDFLAGS) -o $@ $< $(OBJ) $(PKG_LIBS)

# Benchmarks: timing, never part of the test suite (CI machines are noisy).
$(BUILD)/bench_%: tests/bench/bench_%.c $(OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Igenerator $(LDFLAGS) -o $@ $< $(OBJ) $(PKG_LIBS)

# The page benchmark's floor: read, libyaml, cmark, write; nothing else.
$(BUILD)/floor: tests/bench/floor.c | $(BUILD)/.deps-ok
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $$(pkg-config --cflags libcmark-gfm yaml-0.1) $(LDFLAGS) -o $@ $< $$(pkg-config --libs libcmark-gfm yaml-0.1)

bench: $(BUILD)/folio $(BUILD)/floor
	@tests/bench/pages.sh
	@tests/bench/diagrams.sh
	@tests/bench/mermaid.sh
	@tests/bench/pdf.sh
	@tests/bench/serve.sh

test: $(BUILD)/folio
	@tests/install-deps.sh $(TEST_PACKAGES)
	@command -v npm >/dev/null || tests/install-deps.sh nodejs npm
	@# One group at a time unless TEST_JOBS says otherwise: the groups that
	@# time a reload or a kill must not share the two cores with another.
	@tests/run.sh -j $${TEST_JOBS:-1}

# The groups that catch most mistakes, in about two minutes; the browser
# group installs what it needs itself.
quick: $(BUILD)/folio unit
	@tests/run.sh unit golden bad browser

asan:
	$(MAKE) BUILD=build-asan ALLOCATOR=system CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' LDFLAGS='-fsanitize=address,undefined' build-asan/folio unit

# Fuzzing with clang's libFuzzer: one binary per tests/fuzz/fuzz_*.c, in
# build-fuzz/, every object built with ASan+UBSan and coverage.
FUZZ_SRC  = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_SAN  = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_TIME ?= 300

fuzz-build:
	@tests/install-deps.sh clang libclang-rt-14-dev
	$(MAKE) BUILD=build-fuzz CC=clang CXX=clang++ CFLAGS='-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link' \
		LDFLAGS='$(FUZZ_SAN) -fsanitize=fuzzer' $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(OBJ)
	$(CC) $(WARN) $(CPPFLAGS) -DFUZZ_ROOT='"$(CURDIR)"' $(CFLAGS) $(PKG_CFLAGS) -Igenerator $(LDFLAGS) -o $@ $< $(OBJ) $(PKG_LIBS)

fuzz: fuzz-build
	@tests/fuzz.sh --time $(FUZZ_TIME)

# Static analysis: cppcheck and clang-tidy (.clang-tidy).  The test suite
# runs only the cppcheck half; clang-tidy takes over a minute.
lint:
	@tests/install-deps.sh cppcheck clang-tidy
	@tests/lint.sh --tidy

golden-update: $(BUILD)/folio
	@tests/golden.sh --update

install: $(BUILD)/folio
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 \
		$(DESTDIR)$(PREFIX)/share/man/man7
	install -m 0755 $(BUILD)/folio $(DESTDIR)$(PREFIX)/bin/folio
	install -m 0644 man/folio.1 $(DESTDIR)$(PREFIX)/share/man/man1/folio.1
	install -m 0644 man/folio.5 $(DESTDIR)$(PREFIX)/share/man/man5/folio.5
	install -m 0644 man/folio-templates.7 $(DESTDIR)$(PREFIX)/share/man/man7/folio-templates.7
	@# The built-in theme, whole (templates, static files, fonts), where an
	@# installed folio looks for it (build/source.h); a file the new theme
	@# no longer has must not linger.
	rm -rf $(DESTDIR)$(PREFIX)/share/folio/theme
	cd theme && find . -type d -exec install -d '$(DESTDIR)$(PREFIX)/share/folio/theme/{}' ';' && \
		find . -type f -exec install -m 0644 '{}' '$(DESTDIR)$(PREFIX)/share/folio/theme/{}' ';'

clean:
	rm -rf build build-asan build-fuzz public
