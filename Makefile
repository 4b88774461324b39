# sitrep: the two commands of the README, and their parts.
#
#   make demo   extract the seed article's events (the main job, for now)
#   make test   vet, format check, unit tests, and the ACLED evaluation
#               against the floors in eval/floors.txt

GO      ?= go
SHARED  ?= ../shared
ACLED   := $(wildcard $(SHARED)/data/acled/*.csv)

.PHONY: demo test vet fmt unit eval build bench

build:
	$(GO) build -o sitrep ./cmd/sitrep

demo: build
	./sitrep extract --published 2024-12-06 $(SHARED)/brief/seed-article.txt

test: vet fmt unit eval

vet:
	$(GO) vet ./...

fmt:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi

unit:
	$(GO) test ./...

# The evaluation needs ../shared/data; without it there is nothing to score.
eval: build
	@if [ -z "$(ACLED)" ]; then echo "eval: no ACLED files under $(SHARED)/data/acled: skipped"; \
	else ./sitrep eval acled --floors eval/floors.txt $(ACLED); fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./extract ./gazetteer ./geoparse ./actors ./text
