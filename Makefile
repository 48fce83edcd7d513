# The README's commands. Everything is in scripts/dev.py; PYTHON picks the interpreter (>= 3.10).
PYTHON ?= python3
DEV = $(PYTHON) scripts/dev.py

.PHONY: setup test demo reset-demo bench

setup:
	@$(DEV) setup

test:
	@$(DEV) test $(ARGS)

demo:
	@$(DEV) demo

reset-demo:
	@$(DEV) reset-demo

bench:
	@$(DEV) setup && for script in bench/*.py; do .venv/bin/python $$script || exit 1; done
