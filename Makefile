# sitrep: the two commands of the README, and their parts.
#
#   make demo   the main job (until the map exists): the sample reports
#               and the seed article into an embedded database (demo.db),
#               then its incidents and who held what on 6 December 2024
#   make test   vet, format check, unit tests (the store suite on SQLite
#               and on a throwaway PostgreSQL when one is installed), and
#               the ACLED evaluation against the floors in eval/floors.txt

GO      ?= go
SHARED  ?= ../shared
ACLED   := $(wildcard $(SHARED)/data/acled/*.csv)

.PHONY: demo test vet fmt unit eval build bench

build:
	$(GO) build -o sitrep ./cmd/sitrep

DEMO_DB ?= demo.db

demo: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./sitrep ingest --db $(DEMO_DB) demo/corpus/syria-2024-12.jsonl
	@if [ -f $(SHARED)/brief/seed-article.txt ]; then \
		echo ./sitrep ingest --db $(DEMO_DB) --published 2024-12-06 $(SHARED)/brief/seed-article.txt; \
		./sitrep ingest --db $(DEMO_DB) --published 2024-12-06 $(SHARED)/brief/seed-article.txt; \
	else echo "demo: no seed article at $(SHARED)/brief: the sample reports alone"; fi
	./sitrep incidents --db $(DEMO_DB)
	./sitrep control --db $(DEMO_DB) --as-of 2024-12-06

test: vet fmt unit eval

vet:
	$(GO) vet ./...

fmt:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi

unit:
	scripts/with-postgres $(GO) test ./...

# The evaluation needs ../shared/data; without it there is nothing to score.
eval: build
	@if [ -z "$(ACLED)" ]; then echo "eval: no ACLED files under $(SHARED)/data/acled: skipped"; \
	else ./sitrep eval acled --floors eval/floors.txt $(ACLED); fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./extract ./gazetteer ./geoparse ./actors ./text
	scripts/with-postgres $(GO) test -run '^$$' -bench . -benchmem ./internal/sqlstore
