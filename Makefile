# The two commands of the README: `make run` and `make test`.
# The logic lives in scripts/; each target is one line.
.PHONY: run test bootstrap e2e

# Build the release site and serve it with demo data at http://127.0.0.1:3000.
run:
	bash scripts/run.sh

# Rust tests, release build, then Playwright against a fresh temporary database.
test:
	bash scripts/test.sh

# Install the missing tools (Rust target, cargo-leptos, wasm-bindgen, npm, chromium, DSFR).
bootstrap:
	bash scripts/bootstrap.sh

# End-to-end tests only (skips cargo test); pass Playwright arguments with ARGS=...
e2e:
	SKIP_RUST_TESTS=1 bash scripts/test.sh $(ARGS)
