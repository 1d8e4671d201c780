# memgen-book — the two commands are `make book` and `make test`.
# Every target installs what it needs (Debian packages) before building.

SWIFT        ?= swift
JOBS         ?= 2
DEBIAN_PKGS  := pkg-config libcmark-dev libpng-dev libopenblas-dev zlib1g-dev \
                libfreetype-dev fonts-dejavu-core dataset-fashion-mnist \
                libjs-katex fonts-katex libbtparse-dev libjs-lunr libdnnl-dev
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release book test bench bench-onednn clean help browser check-site fuzz verify pdf slurm-deps test-slurm

help:
	@echo "make book   install deps, release build, build the report into Output/"
	@echo "make test   install deps, run every test"
	@echo "make verify retrain every committed run from scratch and compare it with Output/data (VERIFY_ARGS=\"--sample 20\" for a share)"
	@echo "make bench  training throughput benchmark (release build; BENCH_ARGS=\"--blas PATH\" compares another BLAS)"
	@echo "make bench-onednn  oneDNN's convolution-only step of the small CNN at 1 and 2 threads (installs libdnnl-dev, g++)"
	@echo "make check-site  build the book, open every page in headless Chromium, check it, take screenshots"
	@echo "make pdf    the built report as one printable page (print.html) and a PDF (book.pdf), via Chromium"
	@echo "make fuzz   libFuzzer over the directive parser and spec validation for FUZZ_SECONDS (default 60)"
	@echo "make test-slurm  a one-node Slurm cluster here (root): a tiny book through a job array, one task killed, rebuilt, compared"

## $(call install_missing,TARGET,PACKAGES): installs the Debian packages that are missing, does
## nothing when all are present.
define install_missing
missing=""; for p in $(2); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
  echo "make $(1): installing$$missing"; \
  $(SUDO) apt-get update -qq && \
  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
else echo "make $(1): all of $(2) present"; fi
endef

## Install the Debian packages that are missing; do nothing when all are present.
deps:
	@$(call install_missing,deps,$(DEBIAN_PKGS))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product memgen-book

book: release
	$$($(SWIFT) build -c release --show-bin-path)/memgen-book build --jobs $(JOBS)

## Retrains the committed runs from scratch and compares them bit for bit with Output/data.
VERIFY_ARGS ?= --all
verify: release
	$$($(SWIFT) build -c release --show-bin-path)/memgen-book verify --jobs $(JOBS) $(VERIFY_ARGS)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build -c release --product memgen-bench
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $$($(SWIFT) build -c release --show-bin-path)/memgen-bench $(BENCH_ARGS)

## oneDNN's side of the convolution comparison (README, "Convolutions"); not a dependency of the tool.
ONEDNN_BENCH := .build/onednn-reference
bench-onednn:
	@$(call install_missing,bench-onednn,libdnnl-dev g++)
	mkdir -p .build && g++ -O2 -std=c++17 Sources/memgen-bench/onednn_reference.cpp -ldnnl -o $(ONEDNN_BENCH)
	for t in 1 2; do echo "threads $$t:"; OMP_NUM_THREADS=$$t $(ONEDNN_BENCH) any; OMP_NUM_THREADS=$$t $(ONEDNN_BENCH) nchw; done

## Debian chromium for `make check-site` and `make pdf` only, with poppler-utils to look at the PDF's pages
## (`pdftoppm -png -r 60 Output/book.pdf page`); `make test` needs neither, so they are not in DEBIAN_PKGS.
BROWSER_PKGS := chromium poppler-utils
browser:
	@$(call install_missing,browser,$(BROWSER_PKGS))

## The report in a real browser: every page of $(SITE_OUTPUT) opened from disk, offline, in headless Chromium
## (console errors, failed and outgoing requests, images, links and anchors, KaTeX); screenshots at a
## desktop and a phone viewport go to $(SITE_SCREENSHOTS). Exits non-zero when any check fails.
SITE_OUTPUT      ?= Output
SITE_SCREENSHOTS ?= .build/check-site/screenshots
check-site: browser book
	$$($(SWIFT) build -c release --show-bin-path)/memgen-book check-site --output $(SITE_OUTPUT) --screenshots $(SITE_SCREENSHOTS)

## The built report as one printable page and an A4 PDF (headless Chromium's print-to-PDF).
pdf: browser release
	$$($(SWIFT) build -c release --show-bin-path)/memgen-book pdf --output $(SITE_OUTPUT)

## libFuzzer (swiftc -sanitize=fuzzer,address) over chapter parsing, directive validation, indexing,
## planning and rendering (`memgen-book check` in-process), seeded with Chapters/*.md; a separate
## scratch folder keeps the instrumented build away from `make test`'s. Fails on a crash, a hang
## (one input > FUZZ_TIMEOUT s) or memory over FUZZ_RSS_MB; findings go to .build/fuzz-artifacts/.
FUZZ_SECONDS ?= 60
FUZZ_TIMEOUT ?= 20
FUZZ_RSS_MB  ?= 4096
fuzz: deps
	$(SWIFT) build --scratch-path .build/fuzz --product memgen-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	@mkdir -p .build/fuzz-corpus .build/fuzz-artifacts && cp Chapters/*.md .build/fuzz-corpus/
	ASAN_OPTIONS=detect_leaks=0 .build/fuzz/debug/memgen-fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) \
	  -rss_limit_mb=$(FUZZ_RSS_MB) -max_len=8192 -detect_leaks=0 -print_final_stats=1 \
	  -artifact_prefix=.build/fuzz-artifacts/ .build/fuzz-corpus

## Debian's Slurm and munge for `make test-slurm` only (`make test` needs no cluster, so they are not in DEBIAN_PKGS).
SLURM_PKGS := munge slurmctld slurmd slurm-client python3
slurm-deps:
	@$(call install_missing,slurm-deps,$(SLURM_PKGS))

## A one-node Slurm cluster started by Tests/Slurm/run.sh (state in a temporary folder, stopped at exit):
## a tiny book built through a job array, one task killed mid-training, rebuilt, compared with a local build.
test-slurm: deps slurm-deps
	$(SWIFT) build --product memgen-book
	MEMGEN_BOOK=$$($(SWIFT) build --show-bin-path)/memgen-book Tests/Slurm/run.sh

clean:
	rm -rf .build
