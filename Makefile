# The README's two commands: `make run` and `make test`. `make bench` runs the benchmarks.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
TOOLS_DIR ?= $(HOME)/.cache/forms-tools
export FORMS_TOOLS_DIR := $(TOOLS_DIR)
export PATH := $(TOOLS_DIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

WEB_DIST := forms-web/dist/index.html
WEB_SOURCES := $(shell find forms-web/src forms-core/src i18n -type f 2>/dev/null) \
	forms-web/index.html forms-web/style.css forms-web/embed.js forms-web/frame.js forms-web/prerender.js forms-web/Trunk.toml forms-web/Cargo.toml \
	forms-core/Cargo.toml Cargo.toml Cargo.lock

.PHONY: run test check-steps tools test-tools web server fmt-check clippy cargo-test \
	wasm-core wasm-size e2e bench clean

## make run: install what is missing, build the app and the server, serve on 127.0.0.1:8080,
## with the pay.egov.bg simulator standing in for every administration's payment provider.
run: tools web server
	FORMS_PAYMENT_SIMULATOR=$${FORMS_PAYMENT_SIMULATOR:-true} ./target/release/forms serve

## make test: every check, ending with one pass/fail line.
test:
	@start=$$(date +%s); \
	if $(MAKE) --no-print-directory check-steps; then \
		echo "make test: PASSED (fmt, clippy, cargo tests, wasm32 build and tests, wasm size, e2e) in $$(( $$(date +%s) - start )) s"; \
	else \
		echo "make test: FAILED (see the first error above)"; exit 1; \
	fi

check-steps: test-tools fmt-check clippy cargo-test wasm-core web wasm-size e2e

tools:
	.ci/tools.sh build

test-tools:
	.ci/tools.sh test

# trunk runs only when a source of the app changed, so a second `make run` starts in seconds.
web: $(WEB_DIST)
$(WEB_DIST): $(WEB_SOURCES)
	cargo fetch --target wasm32-unknown-unknown
	cd forms-web && trunk --offline=true build --release
	.ci/precompress.sh forms-web/dist
	touch $@

server:
	cargo build --release -p forms-server

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --all-targets -- -D warnings
	cargo clippy -p forms-web --target wasm32-unknown-unknown -- -D warnings

# The server suite runs on SQLite and on PostgreSQL: the machine's, or a throw-away cluster.
cargo-test:
	.ci/with-postgres.sh cargo test

# forms-core builds for the browser, and there (under node) its identifier vectors pass and its
# verdicts on 500 generated submissions per form hash to the same digest as natively.
wasm-core:
	cargo build -p forms-core --target wasm32-unknown-unknown
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		cargo test -p forms-core --target wasm32-unknown-unknown --test identifier_vectors --test parity

wasm-size:
	.ci/wasm-size.sh forms-web/dist

e2e:
	cargo build -p forms-server
	cd tests/e2e && npx playwright test

## make bench: ours beside ajv, Form.io and SurveyJS (validation, browser start-up), a keystroke
## on a 300-field form, server load on SQLite and PostgreSQL, parity on 10,000 submissions per
## form, criterion; tables on the terminal, results in bench/results/ (see docs/PERFORMANCE.md).
bench:
	bench/run.sh

clean:
	cargo clean
	rm -rf forms-web/dist tests/e2e/test-results tests/e2e/playwright-report
