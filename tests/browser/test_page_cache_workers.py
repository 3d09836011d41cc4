"""The page cache with several gunicorn workers and the local-memory cache.

Each worker keeps its own copy of the pages; the content generation lives in the
database, so a publication made anywhere (here: a ``manage.py`` process, like another
worker or the admin) makes every worker render the page again on its next request.
"""

import subprocess
import urllib.request

import pytest

from .conftest import GUNICORN, _free_port, _run_manage, _wait_until_up

pytestmark = pytest.mark.browser

RENAME = """
from fiches.models import FichePage
fiche = FichePage.objects.get(number="1.1", locale__language_code="fr")
print(fiche.title)
fiche.title = {title!r}
fiche.save_revision().publish()
"""


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Page-Cache"), response.read().decode()


@pytest.fixture
def cached_site(server_env, server_database, tmp_path):
    env = {**server_env, "PAGE_CACHE_SECONDS": "300", "CACHE_KEY_PREFIX": f"{server_env['CACHE_KEY_PREFIX']}-workers"}
    env.pop("REDIS_URL", None)  # local memory: one cache per worker, as on a single machine
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                GUNICORN,
                "predess.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "3",
                "--no-control-socket",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(f"{url}/", process, log_path)
            yield url, env
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_a_publication_reaches_every_worker_at_once(cached_site):
    url, env = cached_site
    axis_url = url + "/fiches/axe-1-dynamiser-et-soutenir-lentrepreneuriat/"
    states = [get(axis_url)[0] for _ in range(30)]  # every worker has it now
    assert states.count("hit") >= 20, states
    new_title = "Titre publié pendant que les pages sont en cache"
    original = _run_manage(env, "shell", "-c", RENAME.format(title=new_title)).stdout.strip()
    try:
        for _ in range(30):
            assert new_title in get(axis_url)[1]
    finally:
        _run_manage(env, "shell", "-c", RENAME.format(title=original))
    assert all(original in get(axis_url)[1] for _ in range(10))
