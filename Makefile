# Hadir: the commands README.md names.
SWIFT ?= swift
PLUGIN = .build/debug/protoc-gen-hadir
PROTOS = $(wildcard proto/hadir/v1/*.proto)

.PHONY: run test generate check-generated deps build interop

# Installs what is missing, builds, creates the sample city database and starts the server.
run:
	./scripts/run.sh $(ARGS)

# Installs what is missing and runs every test.
test:
	./scripts/test.sh

deps:
	./scripts/deps.sh

build:
	$(SWIFT) build

# Regenerates the committed Swift code from proto/.
generate:
	./scripts/generate.sh

# Fails when the committed generated code differs from what proto/ gives now.
check-generated:
	./scripts/generate.sh --check

# Python, C and Swift clients against one hadir-server on 127.0.0.1 (installs what is missing).
interop:
	./clients/interop_test.sh
