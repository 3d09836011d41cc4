"""Known vulnerabilities in the pinned requirements, with pip-audit (PyPI's advisory data).

    .venv/bin/python scripts/audit.py                    # requirements.txt, requirements-dev.txt
    .venv/bin/python scripts/audit.py other-requirements.txt

Fails (exit 1) when a pinned package has a known vulnerability. Two audits: the pins as
written (``--no-deps``: exactly these versions) and the installed virtualenv (the
dependencies of the pins too). Packages that the advisory service cannot look up (a
version it does not know, a private package) are listed but do not fail the build, and
neither does an unreachable service: both are reported clearly, since then nothing was
checked.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300


def run_pip_audit(arguments, label):
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "audit.json"
        command = [
            sys.executable,
            "-m",
            "pip_audit",
            "--progress-spinner=off",
            "--format=json",
            f"--output={output}",
            *arguments,
        ]
        try:
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"!! pip-audit ({label}): no answer from the vulnerability service in {TIMEOUT} s: NOT AUDITED.")
            return None
        if not output.exists() or not output.read_text().strip():
            detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
            print(f"!! pip-audit ({label}) could not reach its vulnerability service: NOT AUDITED ({detail}).")
            return None
        return json.loads(output.read_text())["dependencies"]


def report(dependencies, label):
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = len(dependencies) - len(skipped)
    print(f"» pip-audit ({label}): {audited} of {len(dependencies)} packages audited, {len(vulnerable)} vulnerable.")
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"   VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixes})")
    if dependencies and not audited:
        print(f"!! NOTHING WAS AUDITED ({label}): the vulnerability service knows none of these versions.")
    if skipped:
        names = ", ".join(f"{d['name']}" for d in skipped)
        print(f"!! {len(skipped)} packages could not be audited (unknown to PyPI's advisory data): {names}")
    return bool(vulnerable)


def main():
    files = sys.argv[1:] or ["requirements.txt", "requirements-dev.txt"]
    requirement_args = [argument for name in files for argument in ("--requirement", name)]
    audits = [(["--no-deps", "--disable-pip", *requirement_args], "pinned requirements")]
    if not sys.argv[1:]:
        audits.append((["--local"], "installed virtualenv"))
    failed = False
    for arguments, label in audits:
        dependencies = run_pip_audit(arguments, label)
        if dependencies is not None:
            failed |= report(dependencies, label)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
