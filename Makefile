# One task runner. `make test` is what CI runs (.ci/run).
PY ?= python3

.PHONY: install demo test test-fast lint bench-extract bench-load

install:
	$(PY) -m pip install -q -e '.[dev]'

demo: install
	kg demo

test:
	bash scripts/test.sh

test-fast: install
	$(PY) -m pytest -q -m "not neo4j and not browser"

lint:
	ruff check .

bench-extract: install
	$(PY) benchmarks/extract.py 5000

bench-load: install
	$(PY) benchmarks/load.py --size 1000000
