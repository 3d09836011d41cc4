"""Front-end budget and static files: small pages, long-cached hashed files."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests.production import run_manage, run_python

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024  # bytes, gzip: HTML + CSS + JS (+ fonts: none, system fonts)


def gzipped_size(data):
    return len(gzip.compress(data, 9))


def assets_of(html):
    """Render-relevant static files of a page: stylesheets (screen), scripts, fonts."""
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"(?: media="([^"]+)")?', html)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    return [href for href, media in links if media != "print"] + scripts


def static_file(url):
    path = finders.find(url.removeprefix("/static/").split("?")[0])
    assert path, url
    with open(path, "rb") as handle:
        return handle.read()


@pytest.mark.parametrize("url", ["/", "/en/", "/fiches/"])
def test_page_weight_under_60_kb_gzip(client, url):
    html = client.get(url).content
    assets = assets_of(html.decode())
    assert any(a.endswith(".css") for a in assets)
    total = gzipped_size(html) + sum(gzipped_size(static_file(a)) for a in assets)
    assert total < BUDGET, f"{url}: {total} bytes gzip"
    assert "@font-face" not in static_file(next(a for a in assets if a.endswith(".css"))).decode()


def test_system_fonts_only():
    css = static_file("/static/css/site.css").decode()
    assert "system-ui" in css or "-apple-system" in css
    assert "@font-face" not in css and "fonts.googleapis" not in css


STATIC = """
from django.test import Client
from django.templatetags.static import static
url = static("css/site.css")
client = Client()
plain = client.get(url, HTTP_HOST="predess.example.org", secure=True)
brotli = client.get(url, HTTP_HOST="predess.example.org", secure=True, HTTP_ACCEPT_ENCODING="br, gzip")
gz = client.get(url, HTTP_HOST="predess.example.org", secure=True, HTTP_ACCEPT_ENCODING="gzip")
result = [url, plain.status_code, plain["Cache-Control"], brotli.get("Content-Encoding"), gz.get("Content-Encoding")]
print(json.dumps(result))
"""


def test_static_files_are_hashed_compressed_and_cached_for_a_year(tmp_path):
    result = run_manage(tmp_path, "collectstatic", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    url, status, cache_control, brotli, gz = run_python(tmp_path, STATIC, PAGE_CACHE_SECONDS=0)
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
    assert status == 200
    assert "max-age=315360000" in cache_control and "immutable" in cache_control
    assert (brotli, gz) == ("br", "gzip")
