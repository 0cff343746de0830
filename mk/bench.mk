# Benchmarks (included from the top-level Makefile). See docs/performance.md.
#
#   make bench              measure every layer, then write docs/performance.md and docs/images:
#                           the core in process, roster scaling, rule scaling, peers, the daemon,
#                           the mail filter and MIME parsing, each recorded as JSON in
#                           Benchmarks/results/<UTC time>/ (Benchmarks/results/latest points there).
#                           On this 2-core machine: about 30-40 minutes of measuring, plus 20-40
#                           minutes the first time for the release builds (both packages and
#                           package-benchmark, in $(BENCH_SCRATCH)); the time taken is printed.
#   make bench BENCH_QUICK=1
#                           fewer and shorter runs, without the peers (about 6 minutes once built:
#                           334 s here at load 8-11, 11 minutes with the first MIME suite build); the
#                           figures go to Benchmarks/results/<time>-quick/performance.md and images/,
#                           never into docs/
#   make bench BENCH_LAYERS='core daemon'
#                           only those layers (core roster rules peers daemon mail mime)
#   make bench-report       rewrite docs/performance.md's generated regions and docs/images from
#                           the newest results of each layer, without measuring
#                           (BENCH_QUICK=1: from Benchmarks/results/latest, into that folder)
#   make bench-report-test  the generator's own tests (no build needed)
#   make bench-record-LAYER measure one layer into $(BENCH_RESULTS) (e.g. bench-record-core)
#   make bench-suites       every package-benchmark suite (release build), results printed
#                           (what `make bench` did before it wrote the docs)
#   make bench-plain        the same workloads through the plain safepost-bench executable (medians)
#   make bench-check        gate on allocations: fail if a benchmark's p90 mallocCountTotal is more
#                           than 15 % above its threshold in Benchmarks/Thresholds (times are not gated)
#   make bench-thresholds   re-record Benchmarks/Thresholds after an intended change (then commit them)
#
# Benchmarks/ is a nested Swift package with its own .build; the main build never compiles it.
# BENCH_ARGS is passed to `swift package benchmark` (bench-suites, bench-check, bench-thresholds),
# e.g. BENCH_ARGS='--target Core' or BENCH_ARGS='--filter Scaling'. SAFEPOST_RULES=/path/to/Rules
# measures another Rules folder. How the generated regions work: Benchmarks/scripts/report.py.

BENCH_DIR ?= Benchmarks
BENCH_SWIFT ?= swift
BENCH_ARGS ?=
BENCH_PLAIN_ARGS ?= --workload

# --- make bench: every layer recorded as JSON, then the report -------------------------------

# Build directory of both packages for `make bench` (inside Benchmarks/ and at the top).
BENCH_SCRATCH ?= .build-report
BENCH_QUICK   ?=
# The quick subset leaves out the peers (their slow tools take about 6 minutes even for one
# short run); BENCH_LAYERS='peers' BENCH_QUICK=1 runs them once.
BENCH_LAYERS  ?= core roster rules $(if $(BENCH_QUICK),,peers )daemon mail mime
BENCH_RUN_ID  := $(shell date -u +%Y%m%dT%H%M%SZ)
BENCH_RESULTS ?= $(CURDIR)/Benchmarks/results/$(BENCH_RUN_ID)$(if $(BENCH_QUICK),-quick)
export BENCH_QUICK

# Per layer: full and quick settings.
BENCH_RUNS         ?= $(if $(BENCH_QUICK),1,5)
BENCH_ROUNDS       ?= $(if $(BENCH_QUICK),11,51)
BENCH_ROSTER_ARGS  ?= --rounds $(if $(BENCH_QUICK),5,21)
BENCH_RULES_ARGS   ?= $(if $(BENCH_QUICK),--runs 1 --no-callgrind,--runs 7)
BENCH_PEERS_ARGS   ?= $(if $(BENCH_QUICK),--runs 1,--runs 5) --seconds 0.6
BENCH_DAEMON_ARGS  ?= $(if $(BENCH_QUICK),--duration 2 --warmup 0.5 --repeat 1,--duration 10 --warmup 2 --repeat 3)
BENCH_MAIL_ARGS    ?= $(if $(BENCH_QUICK),--parallel 1$(comma)4 --rounds 1 --mails 300 --warmup 20 --startup-runs 30,)
BENCH_MIME_RUNS    ?= $(if $(BENCH_QUICK),1,3)

comma := ,
BENCH_BIN     = $(CURDIR)/$(BENCH_DIR)/$(BENCH_SCRATCH)/release
BENCH_RECORD  = python3 $(BENCH_DIR)/scripts/record.py --results $(BENCH_RESULTS) --target 'make $@$(if $(BENCH_QUICK), BENCH_QUICK=1)'
BENCH_PYTHON ?= /usr/bin/python3
# bench-report: by default the newest full results of each layer into docs/; with
# BENCH_REPORT_RESULTS=DIR only that folder's; with BENCH_QUICK=1 one folder (default the latest)
# written into itself (DIR/performance.md, DIR/images/), never into docs/.
BENCH_REPORT_RESULTS ?=
BENCH_REPORT_FOLDER = $(or $(BENCH_REPORT_RESULTS),$(CURDIR)/Benchmarks/results/latest)
BENCH_REPORT_ARGS ?= $(if $(BENCH_QUICK),--results $(BENCH_REPORT_FOLDER) --include-quick \
                       --out $(BENCH_REPORT_FOLDER)/performance.md --images $(BENCH_REPORT_FOLDER)/images,\
                       $(if $(BENCH_REPORT_RESULTS),--results $(BENCH_REPORT_RESULTS)))

.PHONY: bench bench-report bench-report-test bench-suites bench-plain bench-check bench-thresholds \
        bench-record-core bench-record-roster bench-record-rules bench-record-peers bench-record-daemon \
        bench-record-mail bench-record-mime bench-report-build

bench:
	@start=$$(date +%s); failed=""; \
	echo "bench: layers $(BENCH_LAYERS)$(if $(BENCH_QUICK), (quick subset)); results in $(BENCH_RESULTS)"; \
	$(BENCH_RECORD) --machine || exit 1; \
	for layer in $(BENCH_LAYERS); do \
	  $(MAKE) --no-print-directory bench-record-$$layer BENCH_RESULTS=$(BENCH_RESULTS) || failed="$$failed $$layer"; \
	done; \
	$(MAKE) --no-print-directory bench-report BENCH_REPORT_RESULTS=$(BENCH_RESULTS) || failed="$$failed report"; \
	echo "bench: took $$(( $$(date +%s) - start )) s; results in $(BENCH_RESULTS)"; \
	if [ -n "$$failed" ]; then echo "bench: FAILED:$$failed (see $(BENCH_RESULTS)/*.log)"; exit 1; fi

bench-report: bench-plot-deps
	$(BENCH_PYTHON) $(BENCH_DIR)/scripts/report.py $(BENCH_REPORT_ARGS)

bench-report-test:
	cd $(BENCH_DIR)/scripts && $(BENCH_PYTHON) -m unittest -v test_report

# The executables every layer needs, built once (release, $(BENCH_SCRATCH)).
bench-report-build: deps
	cd $(BENCH_DIR) && nice -n 5 $(BENCH_SWIFT) build -c release --scratch-path $(BENCH_SCRATCH) --product safepost-bench

bench-record-core: bench-report-build
	$(BENCH_RECORD) --layer core --runs $(BENCH_RUNS) -- \
	  $(BENCH_BIN)/safepost-bench --filter Core. --rounds $(BENCH_ROUNDS) --json {data}

bench-record-roster: bench-report-build
	$(BENCH_RECORD) --layer roster --runs $(BENCH_RUNS) -- \
	  $(BENCH_BIN)/safepost-bench --filter Scaling.Roster $(BENCH_ROSTER_ARGS) --json {data}

bench-record-rules:
	$(BENCH_RECORD) --layer rules -- $(MAKE) --no-print-directory bench-rules PEERS_SCRATCH=$(BENCH_SCRATCH) \
	  PEERS_RULES_ARGS='$(BENCH_RULES_ARGS) --out {data}'

bench-record-peers:
	$(BENCH_RECORD) --layer peers -- $(MAKE) --no-print-directory bench-peers PEERS_SCRATCH=$(BENCH_SCRATCH) \
	  PEERS_ARGS='$(BENCH_PEERS_ARGS) --out {dir}'

bench-record-daemon:
	$(BENCH_RECORD) --layer daemon -- $(MAKE) --no-print-directory bench-daemon LOAD_SCRATCH=$(BENCH_SCRATCH) \
	  LOAD_JSON={data} LOAD_ARGS='$(BENCH_DAEMON_ARGS)'

bench-record-mail:
	$(BENCH_RECORD) --layer mail --parse mailbench -- $(MAKE) --no-print-directory bench-mail \
	  MAIL_SCRATCH=$(BENCH_SCRATCH) MAIL_BENCH_SCRATCH=$(BENCH_SCRATCH) MAIL_BENCH_ARGS='$(BENCH_MAIL_ARGS)'

bench-record-mime:
	$(BENCH_RECORD) --layer mime --parse jmh --runs $(BENCH_MIME_RUNS) --cwd $(BENCH_DIR) -- nice -n 5 $(BENCH_SWIFT) package \
	  --scratch-path $(BENCH_SCRATCH) benchmark --target Mail --no-progress --format jmh --path {dir}

# --- package-benchmark suites and the allocation gate ----------------------------------------

bench-suites:
	cd $(BENCH_DIR) && $(BENCH_SWIFT) package benchmark --no-progress $(BENCH_ARGS)

bench-plain:
	cd $(BENCH_DIR) && $(BENCH_SWIFT) build -c release --product safepost-bench \
	  && ./.build/release/safepost-bench $(BENCH_PLAIN_ARGS)

# `thresholds check` fails (through `swift package`, exit 1) on a regression and also when
# allocations only improved (its "benchmarkThresholdImprovement" error): an improvement
# passes here, with a reminder to re-record the thresholds; anything else fails.
bench-check:
	@cd $(BENCH_DIR) && log=$$(mktemp) && \
	{ $(BENCH_SWIFT) package benchmark thresholds check --metric mallocCountTotal --no-progress $(BENCH_ARGS) 2>&1; \
	  echo $$? > $$log.status; } | tee $$log; \
	status=$$(cat $$log.status); \
	if [ $$status -ne 0 ] && grep -q 'benchmarkThresholdImprovement' $$log && ! grep -q 'WORSE than' $$log; then \
	  echo "bench-check: passed; allocations fell by more than 15 %: run 'make bench-thresholds' and commit Benchmarks/Thresholds"; \
	  status=0; \
	elif [ $$status -ne 0 ]; then \
	  echo "bench-check: FAILED (exit $$status): allocations grew by more than 15 %, thresholds missing, or the suite failed"; \
	else \
	  echo "bench-check: passed"; \
	fi; \
	rm -f $$log $$log.status; exit $$status

bench-thresholds:
	cd $(BENCH_DIR) && $(BENCH_SWIFT) package --allow-writing-to-package-directory \
	  benchmark thresholds update --metric mallocCountTotal --no-progress $(BENCH_ARGS)
