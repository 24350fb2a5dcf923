# Vernelogg: `make run` sets up and opens the app; `make test` sets up and runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGE_STAMP := $(VENV)/.installed-package

# `make package`: the one-folder app in dist/Vernelogg/ (PyInstaller, packaging/vernelogg.spec).
# Rebuilt only when the code, the resources or the packaging files changed.
BUNDLE := dist/Vernelogg/Vernelogg
BUNDLE_INPUTS := pyproject.toml packaging/vernelogg.spec packaging/app_info.py packaging/launcher.py \
	$(shell find vernelogg resources -type f ! -path '*/__pycache__/*' ! -name '*.pyc' 2>/dev/null)

# The app's texts in nynorsk and English (docs/languages.md): gettext catalogues, compiled
# to .mo for the app and the bundle (the app reads the .po itself when none is compiled).
LOCALES := resources/translations
MO_FILES := $(LOCALES)/nn/LC_MESSAGES/vernelogg.mo $(LOCALES)/en/LC_MESSAGES/vernelogg.mo

.PHONY: run test test-postgres test-ahead lint format screenshots demo package icons translations catalogues install-desktop uninstall-desktop clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP) $(MO_FILES)
	$(BIN)/vernelogg

# The suite includes the slow packaging test (tests/packaging/test_bundle.py), which builds
# the app with PyInstaller: hence the `package` extra. With VERNELOGG_TEST_POSTGRES set to a
# server URL (.ci/run starts a throw-away server), every test that touches the database runs
# a second time on PostgreSQL; the first run is always on SQLite.
test: $(PACKAGE_STAMP) $(MO_FILES)
	env -u VERNELOGG_TEST_POSTGRES QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	@if [ -n "$$VERNELOGG_TEST_POSTGRES" ]; then \
		echo "== The tests that touch the database, again on PostgreSQL =="; \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow"; \
	else \
		echo "== VERNELOGG_TEST_POSTGRES is not set: the PostgreSQL run is left out =="; \
	fi
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Only the PostgreSQL run (needs VERNELOGG_TEST_POSTGRES).
test-postgres: $(PACKAGE_STAMP)
	@test -n "$$VERNELOGG_TEST_POSTGRES" || { echo "make test-postgres needs VERNELOGG_TEST_POSTGRES (a server URL)"; exit 2; }
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow"

# The fast tests again with the system clock three years ahead (libfaketime, Debian's
# `faketime`): the suite must not depend on the day it runs. .ci/run runs both.
AHEAD ?= +3y
test-ahead: $(PACKAGE_STAMP)
	@command -v faketime >/dev/null || { echo "make test-ahead needs faketime (apt-get install faketime)"; exit 2; }
	faketime -f '$(AHEAD)' \
		env -u VERNELOGG_TEST_POSTGRES QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: $(STAMP)
	rm -f /tmp/vernelogg-screens.sqlite*
	$(BIN)/vernelogg --db /tmp/vernelogg-screens.sqlite demo
	QT_QPA_PLATFORM=offscreen $(BIN)/vernelogg --db /tmp/vernelogg-screens.sqlite screenshots --out docs/screenshots

$(PACKAGE_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev,package]"
	touch $(PACKAGE_STAMP)

package: $(BUNDLE)

$(BUNDLE): $(PACKAGE_STAMP) $(MO_FILES) $(BUNDLE_INPUTS)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/vernelogg.spec
	touch $(BUNDLE)
	@du -sh dist/Vernelogg

$(LOCALES)/%/LC_MESSAGES/vernelogg.mo: $(LOCALES)/%/LC_MESSAGES/vernelogg.po $(STAMP)
	$(BIN)/pybabel compile --statistics -d $(LOCALES) -D vernelogg -l $*

# After adding or changing texts in the code: extract them (babel.cfg) into the template,
# merge it into the nynorsk and English catalogues (new texts arrive untranslated), and
# compile. tests/i18n/ fails until every text is translated.
catalogues: $(STAMP)
	$(BIN)/pybabel --quiet extract -F babel.cfg --sort-by-file --width=100 --project=Vernelogg \
		--copyright-holder=Vernelogg -o $(LOCALES)/vernelogg.pot vernelogg
	for lang in nn en; do \
		$(BIN)/pybabel --quiet update --no-fuzzy-matching --ignore-obsolete --width=100 \
			-i $(LOCALES)/vernelogg.pot -d $(LOCALES) -D vernelogg -l $$lang || exit 1; \
	done
	$(BIN)/pybabel compile --statistics -d $(LOCALES) -D vernelogg

# Recompile Qt's texts in bokmål after editing resources/translations/qtbase_nb.ts
# (by hand or in Qt Linguist: .venv/bin/pyside6-linguist).
translations: $(STAMP)
	$(BIN)/pyside6-lrelease -silent resources/translations/qtbase_nb.ts -qm resources/translations/qtbase_nb.qm

# Re-render resources/icons/ after editing resources/icons/vernelogg.svg.
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/render_icons.py

# Install the built app for this user: ~/.local/lib/vernelogg, menu entry and icons.
install-desktop: package
	packaging/linux/install.sh

uninstall-desktop:
	packaging/linux/install.sh --uninstall

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
