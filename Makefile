# ClaimSite — the two commands of the quick start are `make site` and `make test`.
SWIFT ?= swift
RELEASE_BIN = .build/release/claimsite

.PHONY: site test asan tsan setup release check browser-check kill-check bench fuzz lint clean

## Set up, build in release mode and build the example site in Content/ into Output/.
site: release
	$(RELEASE_BIN) build --site .

## Set up and run every test: the layout check (lint), the Swift tests, again under the address
## sanitizer, then the portal in a real browser and the HTML checker, then the kill test.
test: setup
	@$(MAKE) --no-print-directory lint
	$(SWIFT) test
	@$(MAKE) --no-print-directory asan
	@$(MAKE) --no-print-directory browser-check
	@$(MAKE) --no-print-directory kill-check

## The Swift tests built with the address sanitizer (in .build/asan). Leak detection is off: it
## reports the Swift runtime's and XCTest's one-time allocations that live until exit as leaks.
asan: setup
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build/asan

## The Swift tests built with the thread sanitizer (in .build/tsan); not part of `make test`.
tsan: setup
	$(SWIFT) test --sanitize=thread --scratch-path .build/tsan

## Build the example into a temporary folder and check it in headless Chromium (JavaScript off:
## tabs, pages, screenshots in test-output/screenshots/; JavaScript on: axe-core) and with the
## Nu HTML Checker. Installs Chromium, a Java runtime and a Python venv (.build/venv-portal) when missing.
browser-check: release
	./scripts/check-portal.sh

## Kill test: a 3,000-claim build killed with SIGKILL at 20 random moments leaves the whole old or
## the whole new output, and the next build takes over its lock and clears what it left.
kill-check: release
	@command -v python3 >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq python3) \
		|| { echo "kill-check: python3 is missing: apt-get install python3"; exit 1; }
	python3 scripts/check_kill.py $(RELEASE_BIN)

## Install the C libraries when missing (apt-get as root; otherwise print the command).
setup:
	@./scripts/setup.sh

release: setup
	$(SWIFT) build -c release --product claimsite

## Validate the example site without writing anything.
check: release
	$(RELEASE_BIN) check --site .

## Benchmark: 10,000 and 100,000 synthetic claims (JSON and YAML); writes BENCHMARKS.md. Never fails on time.
bench: release
	./scripts/bench.sh

## Fuzz the YAML and JSON readers, the front-matter splitter, Markdown and the template parser
## with libFuzzer, FUZZ_SECONDS each (default 60; FUZZ_SECONDS=600 make fuzz for longer). Not part
## of `make test`; the inputs of its past findings are (Tests/*/FuzzRegressions/).
fuzz: setup
	./scripts/fuzz.sh

## Check the layout of every Swift file against .swift-format (swift format, part of the
## toolchain) and that no line is longer than 120 characters; fails on any finding.
## `swift format --in-place --recursive Sources Tests Plugins Fuzz Package.swift` fixes most.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Plugins Fuzz Package.swift
	./scripts/line-length.sh

clean:
	rm -rf .build Output
