# safepost — see README.md. `make run` and `make test` work on a fresh Debian 12 machine.
SWIFT        ?= swift
RULES        ?= Rules
APT_PACKAGES := libpcre2-dev pkg-config
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release run demo test eval rules-check clean
.DEFAULT_GOAL := build

# Install the system packages the build needs, only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing </dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

RUN_DIR      := $(CURDIR)/run
SOCKET       := $(RUN_DIR)/safepost.sock

# The main job: check the shipped Rules, then serve them with safepostd in the foreground
# on a socket inside the checkout (Ctrl-C stops it; the socket file is removed).
run: release
	.build/release/safepost rules check $(RULES)
	@mkdir -p $(RUN_DIR)
	@echo
	@echo "safepostd is starting on $(SOCKET). Try, from another terminal:"
	@echo "  curl -s --unix-socket $(SOCKET) http://safepost/v1/health"
	@echo "  curl -s --unix-socket $(SOCKET) -H 'Content-Type: text/plain' --data-binary 'Olly was so funny today' http://safepost/v1/check"
	@echo "  .build/release/safepost check --socket $(SOCKET) --jsonl --report examples/sample-drafts.jsonl"
	@echo
	.build/release/safepostd --config /dev/null --socket $(SOCKET) --rules $(RULES) --concerns $(RUN_DIR)/concerns.jsonl

# The sample drafts and the corpus score, in-process (no daemon).
demo: release
	.build/release/safepost check --rules $(RULES) --jsonl --report examples/sample-drafts.jsonl || [ $$? -eq 1 ]
	.build/release/safepost eval --rules $(RULES) Corpus/*.jsonl | head -n 16

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

eval: release
	.build/release/safepost eval --rules $(RULES) Corpus/*.jsonl

rules-check: release
	.build/release/safepost rules check $(RULES)

clean:
	rm -rf .build

-include mk/*.mk
