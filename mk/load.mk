# The daemon under load (included from the top-level Makefile). See docs/performance.md,
# "Daemon over the socket".
#
#   make bench-daemon          release safepostd and safepost-load, then 1, 8 and 64 keep-alive
#                              connections with short drafts and 4 KB emails (3 interleaved runs,
#                              medians printed last, and written to $(LOAD_JSON) for
#                              Benchmarks/scripts/plot.py's latency plot)
#   make bench-daemon-memory   the same binaries, 64 connections of short drafts for 10 minutes,
#                              the daemon's RSS sampled every 10 s
#   make bench-daemon-floor    the same load against a do-nothing responder inside safepost-load:
#                              what the socket round trip alone allows on this machine
#
# LOAD_ARGS adds or overrides options, e.g. LOAD_ARGS='--duration 5 --kind short'. LOAD_SCRATCH
# is the build directory of both packages (default .build). safepost-load checks every answer
# against a reference pass and exits 1 on any error.

LOAD_SWIFT   ?= swift
LOAD_SCRATCH ?= .build
LOAD_RULES   ?= $(CURDIR)/Rules
LOAD_ARGS    ?=
LOAD_JSON    ?= Benchmarks/load-latency.json
LOAD_BIN      = Benchmarks/$(LOAD_SCRATCH)/release/safepost-load
LOAD_DAEMON   = $(CURDIR)/$(LOAD_SCRATCH)/release/safepostd

.PHONY: bench-daemon bench-daemon-memory bench-daemon-floor load-build

load-build: deps
	$(LOAD_SWIFT) build -c release --scratch-path $(LOAD_SCRATCH) --product safepostd
	cd Benchmarks && $(LOAD_SWIFT) build -c release --scratch-path $(LOAD_SCRATCH) --product safepost-load

bench-daemon: load-build
	@uptime
	$(LOAD_BIN) --start-daemon $(LOAD_DAEMON) --rules $(LOAD_RULES) \
	  --concurrency 1,8,64 --kind short,email --duration 10 --warmup 2 --repeat 3 --json $(LOAD_JSON) $(LOAD_ARGS)
	@uptime

bench-daemon-memory: load-build
	@uptime
	$(LOAD_BIN) --start-daemon $(LOAD_DAEMON) --rules $(LOAD_RULES) --kind short --concurrency 64 \
	  --duration 5 --memory-run 600 --memory-concurrency 64 --sample-every 10 $(LOAD_ARGS)
	@uptime

bench-daemon-floor: load-build
	@uptime
	$(LOAD_BIN) --floor --concurrency 1,8,64 --kind short,email --duration 10 --warmup 2 --repeat 3 $(LOAD_ARGS)
	@uptime
