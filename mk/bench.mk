# Benchmarks (included from the top-level Makefile). See docs/performance.md.
#
#   make bench              run every package-benchmark suite (release build) and print the results
#   make bench-plain        the same workloads through the plain safepost-bench executable (medians)
#   make bench-check        gate on allocations: fail if a benchmark's p90 mallocCountTotal is more
#                           than 15 % above its threshold in Benchmarks/Thresholds (times are not gated)
#   make bench-thresholds   re-record Benchmarks/Thresholds after an intended change (then commit them)
#
# Benchmarks/ is a nested Swift package with its own .build; the main build never compiles it.
# BENCH_ARGS is passed to `swift package benchmark`, e.g. BENCH_ARGS='--target Core' or
# BENCH_ARGS='--filter Scaling'. SAFEPOST_RULES=/path/to/Rules measures another Rules folder.

BENCH_DIR ?= Benchmarks
BENCH_SWIFT ?= swift
BENCH_ARGS ?=
BENCH_PLAIN_ARGS ?= --workload

.PHONY: bench bench-plain bench-check bench-thresholds

bench:
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
