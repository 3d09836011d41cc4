"""scripts/audit.py fails the build on a known vulnerability, and only then."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def audit():
    spec = importlib.util.spec_from_file_location("audit", Path(settings.BASE_DIR) / "scripts" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(audit, monkeypatch, answers):
    monkeypatch.setattr(audit, "run_pip_audit", lambda arguments, label: answers.pop(0))
    monkeypatch.setattr("sys.argv", ["audit.py"])
    with pytest.raises(SystemExit) as exit_info:
        audit.main()
    return exit_info.value.code


def test_a_vulnerability_fails(audit, monkeypatch, capsys):
    vulnerable = [{"name": "django", "version": "3.2.0", "vulns": [{"id": "PYSEC-2021-1", "fix_versions": ["3.2.1"]}]}]
    assert run(audit, monkeypatch, [vulnerable, []]) == 1
    assert "VULNERABLE django 3.2.0: PYSEC-2021-1 (fixed in 3.2.1)" in capsys.readouterr().out


def test_unknown_versions_and_unreachable_service_are_reported_without_failing(audit, monkeypatch, capsys):
    skipped = [{"name": "wagtail", "skip_reason": "Dependency not found on PyPI"}]
    assert run(audit, monkeypatch, [skipped, None]) == 0
    out = capsys.readouterr().out
    assert "NOTHING WAS AUDITED" in out and "wagtail" in out


def test_clean(audit, monkeypatch):
    assert run(audit, monkeypatch, [[{"name": "django", "version": "5.2.19", "vulns": []}], []]) == 0
