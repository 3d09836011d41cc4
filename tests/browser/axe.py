"""axe-core in the Playwright page (``axe-playwright-python``), with a readable failure."""

import pytest
from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()
MAX_NODES = 3


def axe_violations(page):
    """Every violation axe-core reports with its default rules (WCAG A/AA and best practices)."""
    return _AXE.run(page).response["violations"]


def format_violations(violations):
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(nodes)} node(s)] {violation['helpUrl']}"
        )
        for node in nodes[:MAX_NODES]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    target: {target}")
            lines.append(f"    html:   {node['html'][:300]}")
            summary = node.get("failureSummary")
            if summary:
                lines.append("    " + summary.replace("\n", "\n    "))
        if len(nodes) > MAX_NODES:
            lines.append(f"    … and {len(nodes) - MAX_NODES} more")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            f"axe-core: {len(violations)} violation(s) on {page.url}\n{format_violations(violations)}",
            pytrace=False,
        )
