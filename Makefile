# Two commands set up a fresh machine:  `make run` (the app on the demo session)
# and `make test` (every check CI runs). Both install what is missing first.

VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export LANG ?= C.UTF-8

.PHONY: run test check pytest bench screenshots clean bundle bundle-check release icons room soak

$(STAMP): pyproject.toml packaging/install-system-deps.sh
	bash packaging/install-system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## The app on the built-in demo session (a throw-away database).
run: $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  $(PY) -m facilitator_app --demo; \
	else \
	  echo "No display: opening both windows on a virtual X display (xvfb-run)."; \
	  xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) -m facilitator_app --demo; \
	fi

## The room's page on the demo session, headless, on loopback (prints the join link and code).
room: $(STAMP)
	$(PY) -m facilitator_app --demo room-serve --room 127.0.0.1:0 --phase timeline

## Every check: lint, format, types, import contracts, then the whole test suite.
test: $(STAMP) check pytest

check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

## The crash harness at length: 2,000 SIGKILLs of scripted meetings (docs/reliability.md).
soak: $(STAMP)
	$(PY) -m tests.reliability.crash_harness --kills 2000

## Performance figures, each as a ratio to its floor measured in the same run.
bench: $(STAMP)
	$(PY) benchmarks/run.py

## README / AppStream screenshots of the demo session.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots.py

## A one-folder bundle that runs without Python, and its .tar.gz + .sha256 (packaging/README.md).
bundle: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bundle]'
	bash packaging/build_bundle.sh $(PY)

## The bundle run as a user runs it: no venv, no checkout, a throw-away home.
bundle-check:
	bash packaging/bundle_check.sh

## Tests, then wheel + sdist + bundle, each smoke-tested, with checksums in dist/SHA256SUMS.
release: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bundle]'
	bash packaging/release.sh $(PY)

## The PNG icon sizes, from the SVG.
icons: $(STAMP)
	$(PY) packaging/render_icons.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
