# liqsim — `make help` lists the targets.
SHELL := /bin/bash
SWIFT ?= swift
# chromium: the report tests open report.html in headless Chromium (they fail without it).
# python3-websockets, openssl: the record tests (a third-party client; a TLS certificate).
# zlib1g-dev: import reads zip and gzip archives. slurmctld slurmd slurm-client: the deploy test
# runs deploy/slurm-backtest.sh on a single-node Slurm it starts itself.
SYSTEM_PACKAGES := libzstd-dev libopenblas-dev liblapacke-dev libsqlite3-dev libssl-dev zstd pkg-config time tmux chromium python3-websockets openssl zlib1g-dev slurmctld slurmd slurm-client python3-venv
BIN := .build/release/liqsim
# Release binaries link the Swift runtime and Foundation statically: a command starts in
# ~15 ms of CPU instead of ~27 (no dynamic symbol binding of libswiftCore, Foundation and
# ICU at every start; docs/performance.md). Every release build uses the same flag, so
# building one product never relinks another's objects differently.
RELEASE := $(SWIFT) build -c release --static-swift-stdlib
FUZZ_SECONDS ?= 300

.DEFAULT_GOAL := help
.PHONY: help deps build release release-liqsim test check-report demo bench fuzz fuzz-capture lint clean clients

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

deps: ## Install the system packages liqsim links against (apt-get, only when missing)
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "liqsim: installing missing system packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps ## Debug build (every product: liqsim, liqsim-live, liqsim-bench)
	$(SWIFT) build

release: release-liqsim ## Optimized build: .build/release/liqsim and liqsim-live (record, serve, fetch)
	$(RELEASE) --product liqsim-live

# Without record/serve/fetch's NIO + TLS stack (about 60% of a clean release build): what demo runs.
release-liqsim: deps ## Optimized build of .build/release/liqsim alone (no record, serve, fetch)
	$(RELEASE) --product liqsim

# --explicit-target-dependency-import-check: an import a target does not declare fails the build.
test: deps ## Run the test suite (Swift Testing), including the report in headless Chromium
	$(SWIFT) test --explicit-target-dependency-import-check error

REPORT_CHECK := .build/report-check

check-report: deps ## Test report.html (renderer, result files, headless Chromium) and keep laptop/phone screenshots in .build/report-check/
	@mkdir -p $(REPORT_CHECK)
	LIQSIM_REPORT_PNG_DIR=$(CURDIR)/$(REPORT_CHECK) $(SWIFT) test --filter 'ReportRendererTests|ReportDirectoryTests|ReportBrowserTests'
	@echo "screenshots: $(REPORT_CHECK)/report-laptop.png $(REPORT_CHECK)/report-phone.png"

DEMO_CAPTURE := captures/demo/demo.lqc.zst
DEMO_SPEC := scenarios/synth/demo.yaml

demo: release-liqsim $(DEMO_CAPTURE) ## Backtest scenarios/cascade.yaml on the demo market and print the comparison table
	$(BIN) backtest scenarios/cascade.yaml
	@echo
	$(BIN) compare results/cascade --top 10
	@echo; echo "report: open the newest results/cascade/*/report.html in a browser"

# Regenerated when the scenario or the generator changes (deterministic: same bytes each time).
$(DEMO_CAPTURE): $(DEMO_SPEC) $(wildcard Sources/LiqsimSynth/*.swift Sources/LiqsimYAML/*.swift Sources/LiqsimExchanges/*/*Encoder*.swift Sources/LiqsimCapture/*.swift Sources/LiqsimCore/*.swift) | release-liqsim
	@mkdir -p captures/demo
	$(BIN) synth $(DEMO_SPEC) --out $(DEMO_CAPTURE) --truth captures/demo/demo-truth.jsonl --force

bench: deps ## Time replay against `zstd -dc` and a Python orjson reader (≥1M frames; memory at 10×), pipeline, synth, regime fits, the sweep against vectorbt (PyPI, in .build/bench-venv), backtests end to end, recorder ingest (serve → record), and the tape cache (build vs load)
	$(RELEASE) --product liqsim
	$(RELEASE) --product liqsim-live
	$(RELEASE) --product liqsim-bench
	.build/release/liqsim-bench --liqsim $(BIN)

fuzz: deps ## libFuzzer over every exchange decoder (FUZZ_SECONDS=300)
	./Fuzz/run.sh $(FUZZ_SECONDS)

fuzz-capture: deps ## libFuzzer over the capture reader: damaged and crafted captures (FUZZ_SECONDS=300)
	FUZZ_TARGET=capture ./Fuzz/run.sh $(FUZZ_SECONDS)

CLIENTS_VENV := .build/clients-venv
# Pinned: the versions docs/live.md's URL settings were checked against.
CLIENT_PACKAGES := ccxt==4.5.90 cryptofeed==2.4.1

clients: build ## ccxt and cryptofeed from PyPI (in a venv) against `serve --tls`: trades and liquidations equal replay's; pacing at 50x
	@test -x $(CLIENTS_VENV)/bin/python || python3 -m venv $(CLIENTS_VENV)
	@$(CLIENTS_VENV)/bin/python -c "import ccxt, cryptofeed" 2>/dev/null || $(CLIENTS_VENV)/bin/pip install -q $(CLIENT_PACKAGES)
	$(CLIENTS_VENV)/bin/python scripts/clients/check.py .build/debug/liqsim .build/clients-check

lint: ## File size, whitespace, no print() in libraries, pointer APIs only in fenced files, imports = Package.swift's graph
	./scripts/lint.sh

clean: ## Remove build output
	rm -rf .build
