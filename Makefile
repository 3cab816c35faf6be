# ClaimSite — the two commands of the quick start are `make site` and `make test`.
SWIFT ?= swift
RELEASE_BIN = .build/release/claimsite

.PHONY: site test setup release check clean

## Set up, build in release mode and build the example site in Content/ into Output/.
site: release
	$(RELEASE_BIN) build --site .

## Set up and run every test.
test: setup
	$(SWIFT) test

## Install the C libraries when missing (apt-get as root; otherwise print the command).
setup:
	@./scripts/setup.sh

release: setup
	$(SWIFT) build -c release --product claimsite

## Validate the example site without writing anything.
check: release
	$(RELEASE_BIN) check --site .

clean:
	rm -rf .build Output
