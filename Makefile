# sitrep: the two commands of the README, and their parts.
#
#   make demo   the main job: the bundled sample reports (demo/corpus) into
#               a temporary embedded database, then the map, timeline and
#               API at http://127.0.0.1:8080/ (DEMO_ADDR) until Ctrl-C
#   make test   vet, go.mod tidy, format check, unit tests (the store suite on SQLite
#               and on a throwaway PostgreSQL, the page in headless
#               Chromium when installed), and the evaluations against
#               their floors and baselines, checking that EVALUATION.md
#               holds what they print (make evaluation rewrites it)

GO      ?= go
SHARED  ?= ../shared

.PHONY: demo test vet fmt unit eval evaluation build bench fuzz

build:
	$(GO) build -o sitrep ./cmd/sitrep

DEMO_ADDR ?= 127.0.0.1:8080

demo: build
	./sitrep demo --addr $(DEMO_ADDR)

test: vet fmt unit eval

vet:
	$(GO) vet ./...
	$(GO) mod tidy -diff

fmt:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi

unit:
	scripts/with-postgres $(GO) test ./...

# The evaluation: every table of EVALUATION.md is the output of the
# command written above it (<!-- run: ... -->); scripts/evaluation runs
# them (floors and baselines are checked by the commands) and fails when
# the file differs from what they print now. Without ../shared/data there
# is nothing to score: it says so and passes.
eval: build
	SHARED=$(SHARED) $(GO) run ./scripts/evaluation -check

# Rewrite EVALUATION.md's tables from the commands above them.
evaluation: build
	SHARED=$(SHARED) $(GO) run ./scripts/evaluation

# Speed against the limit (scripts/speed: a byte-scan baseline, the
# extractor, ingest into SQLite and PostgreSQL, on the same text), then
# the packages' benchmarks.
bench:
	scripts/with-postgres $(GO) run ./scripts/speed
	$(GO) test -run '^$$' -bench . -benchmem ./extract ./gazetteer ./geoparse ./actors ./text
	scripts/with-postgres $(GO) test -run '^$$' -bench . -benchmem ./internal/sqlstore

# Every fuzz target in the repository (found by go test -list, so a new
# one is included), one after the other, FUZZTIME each; a crasher is
# written to the package's testdata/fuzz and stays as a regression test.
# FUZZ picks targets by an extended regexp over "package Name" lines
# (make fuzz FUZZ='/feed |FuzzExtract$', taken as written: $ is an
# anchor, not make's); FUZZFLAGS goes to go test
# (FUZZFLAGS=-parallel=1 leaves a core free).
FUZZTIME  ?= 10m
FUZZ      ?= .
FUZZFLAGS ?=

fuzz:
	@list=$$($(GO) test -list '^Fuzz' ./...) || { echo "$$list"; exit 1; }; \
	echo "$$list" | awk '/^Fuzz/ {n[++k]=$$1; next} /^ok/ {for (i=1; i<=k; i++) print $$2, n[i]; k=0}' | \
	grep -E -- '$(value FUZZ)' | \
	while read pkg name; do \
		echo "== $$name in $$pkg for $(FUZZTIME) ($$(date -u +%H:%M:%S))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -timeout 0 $(FUZZFLAGS) $$pkg </dev/null || exit 1; \
	done
