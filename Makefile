# Two commands matter (see README): `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench bench-ui syscheck install clean

syscheck:
	@missing=""; \
	libs=$$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null ); \
	for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do \
	  echo "$$libs" | grep -q "$$lib" || missing="$$missing $$lib"; done; \
	[ -n "$$(ls /usr/share/fonts/truetype/dejavu/*.ttf /usr/share/fonts/truetype/liberation*/*.ttf 2>/dev/null)" ] \
	  || missing="$$missing fonts(dejavu|liberation)"; \
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || missing="$$missing python>=3.11"; \
	$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "Missing system packages:$$missing"; \
	  echo "On Debian/Ubuntu: sudo apt-get install -y python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation"; \
	  exit 1; fi

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory syscheck
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/readiness ui --port $(PORT)

test: lint
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# The guards (configured in pyproject.toml): lint and import sorting, types, and who may import whom.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run $(ARGS)

bench-ui: $(STAMP)
	$(BIN)/python -m benchmarks.ui $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
