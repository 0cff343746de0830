# Peers side by side, rule-count scaling and plots (issue 5; included from the top-level Makefile).
# See docs/performance.md.
#
#   make bench-peers     safepost-bench and pcre2grep, ripgrep, Python re, Hyperscan on the same
#                        exported workload and pattern/name lists, interleaved runs; installs what is
#                        missing (Debian, PyPI); writes Benchmarks/peers/results.md and results.json
#   make bench-scaling   the Scaling suite (roster 10–100,000 children, shipped Rules + 10/100/1,000
#                        generated rules) PEERS_SCALING_RUNS times; writes Benchmarks/peers/scaling.json
#   make bench-rules     the shipped Rules plus 0/10/100/1,000 generated rules through safepost-bench:
#                        instructions per draft (callgrind, if valgrind is there) and drafts/s in
#                        interleaved runs; writes Benchmarks/peers/rules-scaling.json
#   make bench-plots     PNGs in docs/images/ from those JSON files (and from $(BENCH_LATENCY_JSON),
#                        the daemon load generator's rows, when that file exists)
#
# Builds use their own scratch path ($(PEERS_SCRATCH) inside Benchmarks/), never Benchmarks/.build.
# PEERS_ARGS is passed to peers.py, e.g. PEERS_ARGS='--runs 9 --seconds 1'.

PEERS_SCRATCH      ?= .build-peers
PEERS_ARGS         ?=
PEERS_SCALING_RUNS ?= 3
PEERS_SCALING_ARGS ?=
PEERS_RULES_ARGS   ?=
BENCH_LATENCY_JSON ?= Benchmarks/load-latency.json

.PHONY: bench-peers bench-scaling bench-rules bench-plots bench-plot-deps

bench-peers:
	PEERS_SCRATCH=$(PEERS_SCRATCH) bash Benchmarks/peers/run.sh $(PEERS_ARGS)

bench-scaling:
	python3 Benchmarks/peers/scaling.py --runs $(PEERS_SCALING_RUNS) --scratch $(PEERS_SCRATCH) $(PEERS_SCALING_ARGS)

bench-rules:
	cd Benchmarks && nice -n 5 swift build -c release --scratch-path $(PEERS_SCRATCH) --product safepost-bench
	cd Benchmarks && nice -n 5 swift build -c release --scratch-path $(PEERS_SCRATCH) --product safepost-export
	python3 Benchmarks/peers/rules_scaling.py --bench Benchmarks/$(PEERS_SCRATCH)/release/safepost-bench \
	  --export Benchmarks/$(PEERS_SCRATCH)/release/safepost-export $(PEERS_RULES_ARGS)

# matplotlib from Debian (python3-matplotlib) for Debian's python3, or in the peers' venv
# (made with --system-site-packages, so it sees Debian's); installed when missing.
bench-plot-deps:
	@/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || { \
	  echo "installing python3-matplotlib"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-matplotlib </dev/null; }

bench-plots: bench-plot-deps
	/usr/bin/python3 Benchmarks/scripts/plot.py --latency $(BENCH_LATENCY_JSON)
