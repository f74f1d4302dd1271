# make run: set up + chat in the terminal. make test: set up + every check and test. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
# settings.env: MODEL, the ports and the exported variables, each unless already set in the environment.
$(foreach setting,$(shell grep -E '^[A-Z_0-9]+=' settings.env),$(eval $(firstword $(subst =, ,$(setting))) ?= $(word 2,$(subst =, ,$(setting)))))
export RASA_TELEMETRY_ENABLED TF_CPP_MIN_LOG_LEVEL SQLALCHEMY_SILENCE_UBER_WARNING PYTHONHASHSEED
# Every YAML file under data/ (data/nlu/ is split by topic), so that an edit anywhere there retrains. Rasa reads
# data/nlu/'s files sorted by their name after the first "_", and the examples' order changes what DIET learns:
# nlu_<n>_<topic>.yml keeps one order whatever the disk (README, « Organisation »).
TRAINING_DATA := config.yml domain.yml $(shell find data -name '*.yml')
WEB_VENDOR := web/vendor/socket.io.min.js
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
REPORT_DB ?= var/tracker.db
# Rasa 3.6 needs Python 3.8-3.10: take python3.10 from PATH, else pyenv's.
PYTHON310 := $(firstword $(shell for p in python3.10 $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10); do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && echo $$p; done))

.PHONY: help setup train run serve serve-scale test test-unit lint check report bench profile reliability soak audit lock clean

help:
	@echo "make run    set up, train if needed, chat in the terminal"
	@echo "make serve  set up, train if needed, chat page on :8080, REST + socket.io on :5005, actions on :5055"
	@echo "make serve-scale  two Rasa servers (REST :5005, :5006) sharing PostgreSQL + Redis, actions :5055; docs/deploy.md"
	@echo "make test   set up, train if needed, run every check and test"
	@echo "make test-unit  the unit tests alone (no server, under a minute); make lint  ruff + mypy (pyproject.toml)"
	@echo "make report staff report on the conversations in $(REPORT_DB) (REPORT_DB=... for another)"
	@echo "make reliability  20 conversations x 50 messages on REST -> docs/reliability.md"
	@echo "make soak   30 minutes, 20 visitors on the two-server profile -> docs/reliability.md, docs/soak.png"
	@echo "make audit  pip-audit of requirements.lock (throwaway venv) -> reports/pip-audit.txt; see docs/security.md"
	@echo "make bench  measure accuracy, latency, memory, training, start-up -> docs/benchmarks.md (QUICK=1: smoke run)"
	@echo "make profile  py-spy on the Rasa server during one user's turns -> reports/bench/profile.md"

$(BIN)/.installed: requirements.lock constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 introuvable (Rasa 3.6 exige Python 3.8-3.10)."; exit 1; }
	@echo "==> Environnement Python ($(PYTHON310)) et paquets épinglés (quelques minutes la première fois)"
	$(PYTHON310) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	@touch $@

# The page's socket.io client comes from the npm registry (package-lock.json), never from a CDN.
$(WEB_VENDOR): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm introuvable : installez Node.js et npm (apt-get install -y npm)."; exit 1; }
	@echo "==> Client socket.io de la page web (npm ci)"
	npm ci --no-audit --no-fund
	mkdir -p $(@D)
	cp node_modules/socket.io-client/dist/socket.io.min.js $@

# Browser tests drive Debian's Chromium; Playwright never downloads a browser. The Noto fonts draw every script
# visitors may type, in the chat page and in the staff report (Latin, Arabic, Hebrew, Devanagari, CJK…), and 👍/👎.
# One file of each package stands for it: apt-get runs only when one is missing.
NOTO_FONTS := /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
	/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
$(CHROMIUM) $(NOTO_FONTS) &:
	@echo "==> Chromium et polices Noto (Debian) pour la page web et le rapport"
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y chromium fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji

setup: $(BIN)/.installed $(WEB_VENDOR) $(CHROMIUM) $(NOTO_FONTS)

$(MODEL): $(BIN)/.installed $(TRAINING_DATA)
	@echo "==> Entraînement du modèle (données ou configuration modifiées)"
	$(BIN)/rasa train --fixed-model-name grappes --out models
	@touch $@

train: $(MODEL)

check: $(BIN)/.installed
	$(BIN)/python -m bot.check

# No `check` prerequisite: run.sh checks knowledge/ itself, silently unless it is malformed (a quiet terminal).
run: $(MODEL)
	@scripts/run.sh

serve: $(MODEL) check $(WEB_VENDOR)
	@scripts/serve.sh

serve-scale: $(MODEL) check
	@scripts/serve_scale.sh

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test-unit: $(BIN)/.installed
	$(BIN)/python -m pytest -q -m unit

test: setup $(MODEL) check lint
	@echo "==> Tests unitaires et d'actions (pytest)"
	$(BIN)/python -m pytest -q tests
	@echo "==> Validation des données Rasa"
	$(BIN)/rasa data validate --fail-on-warnings
	@echo "==> Conversations de test (rasa test, aucune erreur de prédiction tolérée)"
	$(BIN)/rasa test core --e2e --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out reports/core
	@echo "==> NLU sur le jeu réservé (absent de l'entraînement)"
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu_holdout.yml --out reports/nlu
	$(BIN)/python scripts/nlu_score.py reports/nlu/intent_report.json

report: $(BIN)/.installed
	$(BIN)/python -m scripts.report --db $(REPORT_DB) --html reports/rapport.html

# Not part of `make test`: about 45 minutes on 2 cores; QUICK=1 checks the code in a few minutes (page in reports/).
bench: $(MODEL) check
	$(BIN)/python -m bench $(if $(QUICK),--quick)

profile: $(MODEL) check
	$(BIN)/python -m bench.profile

# The load test alone, its figures written into docs/reliability.md (`make test` writes them to reports/ only).
reliability: $(MODEL) check
	RELIABILITY_DOC=docs/reliability.md $(BIN)/python -m pytest -q tests/reliability/test_load.py

# Not part of `make test` either: SOAK_MINUTES (30) of traffic on `make serve-scale`'s stack, memory and latency
# over time; SOAK_MINUTES=3 checks the code.
SOAK_MINUTES ?= 30
soak: $(MODEL) check
	SOAK_MINUTES=$(SOAK_MINUTES) SOAK_DOC=$(if $(filter 30,$(SOAK_MINUTES)),docs) \
		$(BIN)/python -m pytest -q -s -p no:cacheprovider tests/reliability/test_soak.py

# pip-audit from a throwaway venv, never in the project's lock; findings and Rasa 3.6's pins: docs/security.md.
audit:
	$(PYTHON310) -m venv /tmp/grappes-audit && /tmp/grappes-audit/bin/pip install --quiet pip-audit
	mkdir -p reports
	/tmp/grappes-audit/bin/pip-audit -r requirements.lock --no-deps --disable-pip | tee reports/pip-audit.txt

lock:
	$(PYTHON310) -m venv /tmp/grappes-lock && /tmp/grappes-lock/bin/pip install -r requirements.txt -c constraints.txt
	{ echo "# Generated by: make lock"; /tmp/grappes-lock/bin/pip freeze --all; } > requirements.lock

clean:
	rm -rf models reports logs .rasa web/vendor
