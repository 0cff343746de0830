# safepost — see README.md. `make run` and `make test` work on a fresh Debian 12 machine.
SWIFT        ?= swift
RULES        ?= Rules
APT_PACKAGES := libpcre2-dev pkg-config
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release run test eval rules-check clean
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

# The main job: check the shipped Rules, screen the sample drafts and score the corpus.
run: release
	.build/release/safepost rules check $(RULES)
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
