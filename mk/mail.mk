# The mail filter's benchmarks (included from the top-level Makefile). See docs/performance.md.
#
#   make bench-mail         build safepost-mail-filter, safepost and safepostd (release) and
#                           safepost-mailbench, then run a seeded mix of ~4 KB and ~40 KB MIME mails
#                           through the filter, one process per mail, 1, 2, 4 and 8 at a time (as
#                           Postfix's pipe(8) would), against safepostd with the shipped Rules and a
#                           null sendmail (a static C program built with cc; MAIL_BENCH_ARGS=
#                           '--sendmail-kind swift' for the static Swift one): mails/s, latency
#                           percentiles, CPU per mail of the filter with its sendmail, of safepostd
#                           and of the harness itself, the ceiling that CPU sets on this machine,
#                           start-up time (also of `safepost mail-filter`); every exit status is
#                           checked against the mail's label (69 for block, 0 otherwise)
#   make bench-mail-floor   the same rounds with Benchmarks/scripts/mail-filter-floor.c (cc -O2
#                           -static) in the filter's place: the same system calls per mail in C with
#                           no language runtime, so what safepost-mail-filter costs above it is its
#                           runtime and checks; the floor a process-per-mail filter has here
#   make bench-mime         the package-benchmark suite Mail: MIME parsing MB/s and allocations
#
# MAIL_SCRATCH is the main package's build directory (default .build), MAIL_BENCH_SCRATCH the
# Benchmarks package's (default Benchmarks/.build); MAIL_BENCH_ARGS goes to safepost-mailbench,
# e.g. MAIL_BENCH_ARGS='--parallel 2,4 --rounds 5 --mails 4000'.

MAIL_SCRATCH       ?= .build
MAIL_BENCH_SCRATCH ?= .build
MAIL_BENCH_ARGS    ?=
MAIL_RELEASE        = $(abspath $(MAIL_SCRATCH))/release
MAIL_BENCH_RELEASE  = $(abspath Benchmarks/$(MAIL_BENCH_SCRATCH))/release

.PHONY: bench-mail bench-mail-floor bench-mime

bench-mail:
	$(SWIFT) build -c release --scratch-path $(MAIL_SCRATCH) --product safepost-mail-filter
	$(SWIFT) build -c release --scratch-path $(MAIL_SCRATCH) --product safepostd
	$(SWIFT) build -c release --scratch-path $(MAIL_SCRATCH) --product safepost
	cd Benchmarks && $(SWIFT) build -c release --scratch-path $(MAIL_BENCH_SCRATCH) --product safepost-mailbench
	$(MAIL_BENCH_RELEASE)/safepost-mailbench \
	  --filter $(MAIL_RELEASE)/safepost-mail-filter --safepostd $(MAIL_RELEASE)/safepostd \
	  --rules $(abspath $(RULES)) --compare '$(MAIL_RELEASE)/safepost mail-filter --help' $(MAIL_BENCH_ARGS)

bench-mail-floor:
	$(SWIFT) build -c release --scratch-path $(MAIL_SCRATCH) --product safepostd
	cd Benchmarks && $(SWIFT) build -c release --scratch-path $(MAIL_BENCH_SCRATCH) --product safepost-mailbench
	cc -O2 -static Benchmarks/scripts/mail-filter-floor.c -o $(MAIL_RELEASE)/mail-filter-floor
	$(MAIL_BENCH_RELEASE)/safepost-mailbench \
	  --filter $(MAIL_RELEASE)/mail-filter-floor --safepostd $(MAIL_RELEASE)/safepostd \
	  --rules $(abspath $(RULES)) --startup-runs 0 $(MAIL_BENCH_ARGS)

bench-mime:
	cd Benchmarks && $(SWIFT) package --scratch-path $(MAIL_BENCH_SCRATCH) benchmark --no-progress --target Mail
