# Shared by scripts/start and scripts/test: a virtualenv with the pinned requirements.
# Re-installs only when a requirements file changed, so a second run takes seconds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON_BIN="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "» Création de l'environnement virtuel (.venv)…"
    "$PYTHON_BIN" -m venv .venv
fi
STAMP=".venv/.requirements-$(cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
    echo "» Installation des dépendances…"
    if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
           .venv/bin/python -m pip install --disable-pip-version-check -r requirements-dev.txt; } > .venv/pip.log 2>&1; then
        cat .venv/pip.log >&2
        echo "!! L'installation des dépendances a échoué (journal : .venv/pip.log)." >&2
        exit 1
    fi
    rm -f .venv/.requirements-*
    touch "$STAMP"
fi
PY=.venv/bin/python
