# liqsim — `make help` lists the targets.
SHELL := /bin/bash
SWIFT ?= swift
SYSTEM_PACKAGES := libzstd-dev libopenblas-dev liblapacke-dev libsqlite3-dev libssl-dev zstd pkg-config time tmux python3-websockets openssl
BIN := .build/release/liqsim
FUZZ_SECONDS ?= 300

.DEFAULT_GOAL := help
.PHONY: help deps build release test demo bench fuzz lint clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

deps: ## Install the system packages liqsim links against (apt-get, only when missing)
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "liqsim: installing missing system packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps ## Debug build
	$(SWIFT) build

release: deps ## Optimized build (.build/release/liqsim)
	$(SWIFT) build -c release --product liqsim

test: deps ## Run the test suite (Swift Testing)
	$(SWIFT) test

DEMO_CAPTURE := captures/demo/demo.lqc.zst
DEMO_SPEC := scenarios/synth/demo.yaml

demo: release $(DEMO_CAPTURE) ## Replay real frames, then watch the demo market's 14:00 long cascade at 20x
	$(BIN) replay captures/real --speed 50x --max-gap 1s --format log
	@echo
	@echo "== captures/demo: 24 h of synthetic BTCUSDT/ETHUSDT on three exchanges; the 14:00 cascade at 20x =="
	$(BIN) replay captures/demo --from 2026-01-01T13:59:30Z --to 2026-01-01T14:03:00Z --speed 20x --format log

# Regenerated when the scenario or the generator changes (deterministic: same bytes each time).
$(DEMO_CAPTURE): $(DEMO_SPEC) $(wildcard Sources/LiqsimSynth/*.swift Sources/LiqsimExchanges/*/*Encoder*.swift Sources/LiqsimCapture/*.swift Sources/LiqsimCore/*.swift) | release
	@mkdir -p captures/demo
	$(BIN) synth $(DEMO_SPEC) --out $(DEMO_CAPTURE) --truth captures/demo/demo-truth.jsonl --force

bench: deps ## Build a ≥1M-frame capture, time replay against `zstd -dc`, and recorder ingest (serve → record)
	$(SWIFT) build -c release --product liqsim
	$(SWIFT) build -c release --product liqsim-bench
	.build/release/liqsim-bench --liqsim $(BIN)

fuzz: deps ## libFuzzer over every exchange decoder (FUZZ_SECONDS=300)
	./Fuzz/run.sh $(FUZZ_SECONDS)

lint: ## Check formatting rules that the compiler does not
	./scripts/lint.sh

clean: ## Remove build output
	rm -rf .build
