"""The site under load, on this machine's loopback: one command, figures printed.

    python bench/run.py                     # everything: about 8 minutes
    python bench/run.py --quick             # 3-second measures, 10-second load test
    python bench/run.py --lighthouse        # and Lighthouse (mobile) on four pages

See bench/README.md. In order:

1. checks for ``wrk`` and ``nginx`` (installs them with apt-get when run as root, else
   says what to install) and, with ``--lighthouse``, for Lighthouse in ``bench/node_modules``;
2. builds a throwaway database in a temporary folder (``/dev/shm`` when it exists), or
   with ``--postgres URL`` a throwaway PostgreSQL database: migrate, the plan, 5 000
   partners and 2 000 events when those apps provide sample data (``bench/prepare.py``),
   and runs ``collectstatic``;
3. starts gunicorn with the **production settings** on 127.0.0.1 (2 sync workers,
   ``--no-control-socket``), first with the page cache off (``PAGE_CACHE_SECONDS=0``);
4. saves the HTML of the home page and serves it with nginx from disk, on 127.0.0.1;
5. measures with ``wrk -t2 -c16 -d15s`` nginx, then each page uncached, then, with the
   page cache on, each page cached: requests per second, p50, p99, errors, and the ratio
   to nginx;
6. runs the load test against the cached site: 60 s at 64 connections over a mix of
   pages, with the gunicorn workers' memory (RSS) before and after;
7. (``--lighthouse``) runs Lighthouse (mobile) with Debian's Chromium on four pages;
8. prints everything, writes it to ``bench/results/run-<date>.json``, stops the servers
   and deletes the throwaway database (even on failure).
"""

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
RESULTS_DIR = BENCH_DIR / "results"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
LIGHTHOUSE = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"

# Wagtail's bakerydemo on this kind of machine (issue 10): req/s ranges per kind of page.
REFERENCE = {"home": (20, 40), "listing": (30, 58), "detail": (45, 88), "search": (12, 28)}
PAGE_KINDS = {
    "home": "home",
    "fiche": "detail",
    "agenda": "listing",
    "agenda_month": "listing",
    "directory": "listing",
    "directory_filtered": "listing",
    "event": "detail",
    "partner": "detail",
    "aid": "detail",
    "search": "search",
}
# Pages the page cache never stores (search results: each search is counted for the
# admin's report): their "cached" run renders them too.
NEVER_STORED = {"search"}
LABELS = {
    "nginx": "nginx (home page HTML from disk)",
    "home": "home",
    "fiche": "fiche",
    "agenda": "agenda (list)",
    "agenda_month": "agenda (month)",
    "directory": "directory",
    "directory_filtered": "directory, filtered",
    "event": "event",
    "partner": "partner",
    "aid": "aid scheme",
    "search": "search",
}
# The directory itself, and filtered: a filtered list is "noindex" on purpose (it must
# not be crawled in every combination), which Lighthouse's SEO audit counts against it.
LIGHTHOUSE_PAGES = ["home", "fiche", "agenda", "directory", "directory_filtered"]


def say(message):
    print(message, flush=True)


# --- tools -------------------------------------------------------------------------------


def ensure_tools(lighthouse):
    missing = [name for name in ("wrk", "nginx") if not shutil.which(name) and not Path(f"/usr/sbin/{name}").exists()]
    if missing:
        if os.geteuid() == 0 and shutil.which("apt-get"):
            say(f"» apt-get install {' '.join(missing)}")
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
            packages = ["nginx-light" if name == "nginx" else name for name in missing]
            subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env)
        else:
            sys.exit(f"Missing: {', '.join(missing)}. Install them (Debian: apt-get install wrk nginx-light).")
    if lighthouse:
        if not Path(CHROMIUM).exists():
            sys.exit("Lighthouse needs Debian's Chromium: apt-get install chromium.")
        if not LIGHTHOUSE.exists():
            say("» npm ci (Lighthouse, bench/package-lock.json)")
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH_DIR, check=True)


def nginx_binary():
    return shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the throwaway site --------------------------------------------------------------------


class Workspace:
    """Temporary folder, database and environment of one run; ``close()`` removes them."""

    def __init__(self, postgres_url):
        root = "/dev/shm" if Path("/dev/shm").is_dir() else None
        self.path = Path(tempfile.mkdtemp(prefix="predess-bench-", dir=root))
        self.path.chmod(0o755)  # nginx's workers read the saved page as "nobody"
        self.drop_sql = None
        self.postgres_admin = None
        if postgres_url:
            import psycopg

            parts = urlsplit(postgres_url)
            self.postgres_admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
            name = f"predess_bench_{os.getpid()}"
            with psycopg.connect(self.postgres_admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
                connection.execute(f'CREATE DATABASE "{name}"')
            self.drop_sql = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
            self.database_url = urlunsplit(parts._replace(path=f"/{name}"))
        else:
            self.database_url = f"sqlite:///{self.path / 'bench.sqlite3'}"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_REPLICA_URL", "SENTRY_DSN")
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="predess.settings.production",
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=self.database_url,
            # Plain HTTP on the loopback: no redirect to HTTPS.
            SECURE_SSL_REDIRECT="false",
            MEDIA_ROOT=str(self.path / "media"),
            PRIVATE_MEDIA_ROOT=str(self.path / "private-media"),
            STATIC_ROOT=str(self.path / "static"),
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )

    def close(self):
        if self.drop_sql:
            import psycopg

            with psycopg.connect(self.postgres_admin, autocommit=True) as connection:
                connection.execute(self.drop_sql)
        shutil.rmtree(self.path, ignore_errors=True)


def run_checked(args, env, **kwargs):
    result = subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, **kwargs)
    if result.returncode:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
    return result


class Server:
    """A process started in its own process group, stopped with it."""

    def __init__(self, args, env, log_path, cwd=BASE_DIR):
        self.log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def wait_for(url, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    sys.exit(f"{url} did not answer; see {server.log.name}")


def start_gunicorn(workspace, port, page_cache_seconds, memo_seconds=300):
    env = {**workspace.env, "PAGE_CACHE_SECONDS": str(page_cache_seconds), "PAGE_MEMO_SECONDS": str(memo_seconds)}
    args = [
        GUNICORN,
        "predess.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--worker-class",
        "sync",
        "--no-control-socket",
        "--log-level",
        "warning",
    ]
    server = Server(args, env, workspace.path / f"gunicorn-{page_cache_seconds}.log")
    wait_for(f"http://127.0.0.1:{port}/healthz", server)
    return server


def start_nginx(workspace, port, html):
    root = workspace.path / "nginx"
    (root / "html").mkdir(parents=True)
    (root / "html" / "index.html").write_bytes(html)
    for path in (root, root / "html"):
        path.chmod(0o755)
    (root / "html" / "index.html").chmod(0o644)
    config = root / "nginx.conf"
    config.write_text(
        f"""
worker_processes 2;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; }}
    default_type text/html;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root}/html;
        location / {{ try_files /index.html =404; }}
    }}
}}
"""
    )
    server = Server([nginx_binary(), "-p", str(root), "-c", str(config)], os.environ.copy(), root / "stdout.log")
    wait_for(f"http://127.0.0.1:{port}/", server, timeout=15)
    return server


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


# --- measures ------------------------------------------------------------------------------


def wrk(url, *, threads, connections, seconds, paths=None):
    env = {**os.environ}
    if paths:
        env["BENCH_PATHS"] = "\n".join(paths)
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "2s",
            "-s",
            str(BENCH_DIR / "report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON "))
    data = json.loads(line.removeprefix("BENCH_JSON "))
    errors = data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50_ms": data["p50_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
        "requests": data["requests"],
        "errors": errors,
        "timeouts": data["timeout"],
        "non_2xx": data["status"],
        "socket_errors": {k: data[k] for k in ("connect", "read", "write")},
    }


def worker_pids(master_pid):
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master_pid:
                pids.append(int(entry.name))
    return sorted(pids)


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def check_pages(base, pages):
    """Every page answers 200 (no redirect, no error) before it is measured."""
    for name, path in pages.items():
        status, _headers, _body = fetch(base + path)
        if status != 200:
            sys.exit(f"{name} ({path}) answered {status}")


# --- Lighthouse ------------------------------------------------------------------------------


def lighthouse(url, workspace, name):
    output = workspace.path / f"lighthouse-{name}.json"
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            "--form-factor=mobile",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    report = json.loads(output.read_text())
    scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
    failed = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    return {"scores": scores, "not_perfect": failed}


# --- report ----------------------------------------------------------------------------------


def target_for(name):
    kind = PAGE_KINDS.get(name)
    return (3 * REFERENCE[kind][0], 3 * REFERENCE[kind][1]) if kind else None


def print_table(results, nginx):
    say("")
    say(
        f"{'page':26} {'uncached req/s':>14} {'p50':>8} {'p99':>8} {'× nginx':>8}   {'cached req/s':>12} "
        f"{'p50':>7} {'p99':>7} {'× nginx':>8}  target uncached (3× reference)"
    )
    say(f"{LABELS['nginx']:26} {nginx['rps']:14.0f} {nginx['p50_ms']:7.2f}ms {nginx['p99_ms']:6.2f}ms")
    for name, figures in results.items():
        uncached, cached = figures.get("uncached"), figures.get("cached")
        line = f"{LABELS.get(name, name):26}"
        for measure in (uncached, cached):
            if measure is None:
                line += f" {'—':>14} {'':8} {'':8} {'':8}  "
                continue
            ratio = measure["rps"] / nginx["rps"]
            line += f" {measure['rps']:14.0f} {measure['p50_ms']:6.1f}ms {measure['p99_ms']:6.1f}ms {ratio:8.2%}  "
        target = target_for(name)
        if target and uncached:
            verdict = (
                "met"
                if uncached["rps"] >= target[1]
                else ("met (low end)" if uncached["rps"] >= target[0] else "MISSED")
            )
            line += f" ≥ {target[0]}–{target[1]}: {verdict}"
        if cached and name in NEVER_STORED:
            line += "; cached: never stored (each search is counted), computed every time"
        elif cached:
            line += f"; cached ≥ 5 % of nginx: {'met' if cached['rps'] >= 0.05 * nginx['rps'] else 'MISSED'}"
        errors = sum(m["errors"] for m in (uncached, cached, figures.get("cold")) if m)
        if errors:
            line += f"; {errors} ERRORS"
        say(line)
    if any("cold" in figures for figures in results.values()):
        say("")
        say("Rendered with nothing kept between requests (page cache and memo off: site, menu,")
        say("counts and vocabularies read again on every request), against the same targets:")
        say(f"{'page':26} {'cold req/s':>14} {'p50':>8} {'p99':>8}  target (3× reference)")
        for name, figures in results.items():
            cold = figures.get("cold")
            if cold is None:
                continue
            line = f"{LABELS.get(name, name):26} {cold['rps']:14.0f} {cold['p50_ms']:6.1f}ms {cold['p99_ms']:6.1f}ms"
            target = target_for(name)
            if target:
                verdict = (
                    "met" if cold["rps"] >= target[1] else ("met (low end)" if cold["rps"] >= target[0] else "missed")
                )
                line += f"  ≥ {target[0]}–{target[1]}: {verdict}"
            say(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15, help="seconds per measure (15)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--load-duration", type=int, default=60, help="seconds of the load test (60)")
    parser.add_argument("--load-connections", type=int, default=64)
    parser.add_argument("--partners", type=int, default=5000)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server: a throwaway database is made there")
    parser.add_argument("--pages", help="comma-separated page kinds to measure (default: all that exist)")
    parser.add_argument("--quick", action="store_true", help="3 s measures, 10 s load test, 500/200 samples")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (mobile) on four pages")
    parser.add_argument("--no-load-test", action="store_true")
    parser.add_argument("--no-cold", action="store_true", help="skip the measures with the memo off too")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.load_duration = 3, 10
        args.partners, args.events = min(args.partners, 500), min(args.events, 200)

    ensure_tools(args.lighthouse)
    workspace = Workspace(args.postgres)
    servers = []
    started = time.monotonic()
    report = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "database": "postgresql" if args.postgres else "sqlite",
        "wrk": f"-t{args.threads} -c{args.connections} -d{args.duration}s",
        "machine": {"cpus": os.cpu_count(), "load_before": os.getloadavg()},
    }
    try:
        port, nginx_port = free_port(), free_port()
        say(f"» Throwaway site in {workspace.path} ({report['database']}): migrate, plan, sample data…")
        prepared = run_checked(
            [
                PYTHON,
                "bench/prepare.py",
                "--partners",
                str(args.partners),
                "--events",
                str(args.events),
                "--port",
                str(port),
            ],
            workspace.env,
        )
        sys.stderr.write(prepared.stderr)
        found = json.loads(prepared.stdout.strip().splitlines()[-1])
        pages = {name: path for name, path in found["pages"].items() if path}
        missing = [name for name, path in found["pages"].items() if not path]
        if args.pages:
            wanted = args.pages.split(",")
            pages = {name: path for name, path in pages.items() if name in wanted}
        report["pages"], report["missing_pages"], report["mix"] = pages, missing, found["mix"]
        if missing:
            say(f"   not measured (their app is not installed yet or has no such page): {', '.join(missing)}")
        say("» collectstatic")
        run_checked([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], workspace.env)

        base = f"http://127.0.0.1:{port}"
        say(f"» gunicorn, production settings, page cache OFF, on {base}")
        gunicorn = start_gunicorn(workspace, port, page_cache_seconds=0)
        servers.append(gunicorn)
        check_pages(base, pages)
        _status, _headers, home_html = fetch(base + "/")
        say(f"» nginx serving the home page's HTML ({len(home_html)} bytes) from disk")
        nginx = start_nginx(workspace, nginx_port, home_html)
        servers.append(nginx)
        measure = {"threads": args.threads, "connections": args.connections, "seconds": args.duration}
        report["nginx"] = wrk(f"http://127.0.0.1:{nginx_port}/", **measure)
        say(f"   nginx: {report['nginx']['rps']:.0f} req/s")
        nginx.stop()
        servers.remove(nginx)

        results = {name: {} for name in pages}
        for name, path in pages.items():
            results[name]["uncached"] = wrk(base + path, **measure)
            say(f"   uncached {name}: {results[name]['uncached']['rps']:.0f} req/s")
        gunicorn.stop()
        servers.remove(gunicorn)

        if not args.no_cold:
            say("» gunicorn, production settings, page cache OFF and memo OFF (nothing kept between requests)")
            gunicorn = start_gunicorn(workspace, port, page_cache_seconds=0, memo_seconds=0)
            servers.append(gunicorn)
            for name, path in pages.items():
                results[name]["cold"] = wrk(base + path, **measure)
                say(f"   cold {name}: {results[name]['cold']['rps']:.0f} req/s")
            gunicorn.stop()
            servers.remove(gunicorn)

        say("» gunicorn, production settings, page cache ON (300 s)")
        gunicorn = start_gunicorn(workspace, port, page_cache_seconds=300)
        servers.append(gunicorn)
        for path in [*pages.values(), *found["mix"]]:
            for _ in range(4):  # both workers
                fetch(base + path)
        for name, path in pages.items():
            _status, headers, _body = fetch(base + path)
            results[name]["cache_header"] = headers.get("X-Page-Cache")
            results[name]["cached"] = wrk(base + path, **measure)
            say(f"   cached {name}: {results[name]['cached']['rps']:.0f} req/s ({results[name]['cache_header']})")
        report["results"] = results

        if not args.no_load_test:
            workers = worker_pids(gunicorn.process.pid)
            before = {pid: rss_kib(pid) for pid in workers}
            say(f"» Load test: {args.load_duration} s, {args.load_connections} connections, {len(found['mix'])} pages")
            load = wrk(
                base + "/",
                threads=args.threads,
                connections=args.load_connections,
                seconds=args.load_duration,
                paths=found["mix"],
            )
            after = {pid: rss_kib(pid) for pid in worker_pids(gunicorn.process.pid)}
            growth = {pid: (after.get(pid, 0) - before[pid]) / before[pid] for pid in before}
            load["rss_kib_before"], load["rss_kib_after"] = before, after
            load["rss_growth_max"] = max(growth.values()) if growth else None
            load["workers_replaced"] = sorted(set(after) - set(before))
            report["load_test"] = load

        if args.lighthouse:
            report["lighthouse"] = {}
            for name in LIGHTHOUSE_PAGES:
                if name in pages:
                    say(f"» Lighthouse (mobile): {name}")
                    # Lighthouse sometimes fails to record its trace (NO_NAVSTART): one more try,
                    # then the failure is reported with the other figures instead of losing them.
                    for attempt in (1, 2):
                        try:
                            report["lighthouse"][name] = lighthouse(base + pages[name], workspace, name)
                            break
                        except subprocess.CalledProcessError as exc:
                            say(f"   Lighthouse failed on {name} (try {attempt}): exit {exc.returncode}")
                            report["lighthouse"][name] = {"error": f"exit {exc.returncode}"}
    finally:
        for server in servers:
            server.stop()
        workspace.close()

    report["elapsed_s"] = round(time.monotonic() - started)
    print_table(report["results"], report["nginx"])
    if "load_test" in report:
        load = report["load_test"]
        say(
            f"\nLoad test: {load['requests']} requests in {args.load_duration} s ({load['rps']:.0f} req/s), "
            f"p50 {load['p50_ms']:.1f} ms, p99 {load['p99_ms']:.1f} ms; errors {load['errors']} "
            f"(timeouts {load['timeouts']}, non-2xx {load['non_2xx']}); worker RSS "
            + ", ".join(
                f"{load['rss_kib_before'][pid] / 1024:.0f}→{load['rss_kib_after'].get(pid, 0) / 1024:.0f} MiB"
                for pid in load["rss_kib_before"]
            )
            + f" (max growth {load['rss_growth_max']:.1%}, target < 10 %)"
        )
    for name, result in report.get("lighthouse", {}).items():
        if "error" in result:
            say(f"Lighthouse {LABELS[name]}: failed twice ({result['error']})")
            continue
        scores = result["scores"]
        say(
            f"Lighthouse {LABELS[name]}: performance {scores.get('performance')}, accessibility "
            f"{scores.get('accessibility')}, best practices {scores.get('best-practices')}, SEO {scores.get('seo')}"
            + (f" — below 100: {', '.join(result['not_perfect'])}" if result["not_perfect"] else "")
        )
    if report["missing_pages"]:
        say(f"Not measured: {', '.join(report['missing_pages'])}")
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"run-{report['database']}-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2, default=str))
    say(f"\n{path.relative_to(BASE_DIR)} ({report['elapsed_s']} s)")


if __name__ == "__main__":
    main()
