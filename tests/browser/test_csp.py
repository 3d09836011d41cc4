"""The strict Content-Security-Policy breaks nothing: no violation, no console error."""

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/", "/fiches/", "/plan-du-site/", "/connexion/", "/recherche/?q=emploi", "/partenaires/", "/concours/"]
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.parametrize("path", PAGES)
def test_no_csp_violation(page, path):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.add_init_script(LISTEN)
    response = page.goto(path)
    assert response.status in (200, 404), path
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    assert page.evaluate("window.__cspViolations") == []
    assert errors == []
    # site.js ran (it is a file, allowed by 'self'): the no-js class is gone.
    assert page.evaluate("document.documentElement.classList.contains('js')")
