"""Two app servers (gunicorn) against one PostgreSQL database and one Redis: a review
approval through one is seen by readers of the other at once, and when PostgreSQL refuses
connections, cached pages still serve and the rest get a clear 503.

Runs in the suite's PostgreSQL pass (DATABASE_URL=postgres://...; it makes its own
throwaway database on that server) and needs Redis on 127.0.0.1 (as in .ci/run); skipped
without them, except under CI=true, where their absence fails the run."""

import contextlib
import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import _free_port

ROOT = Path(__file__).resolve().parents[2]
PG = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/11"


def _reachable() -> str:
    try:
        import psycopg
        import redis

        psycopg.connect(f"{PG}/postgres", connect_timeout=2).close()
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001
        return str(error)
    return ""


def _sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


@pytest.fixture(scope="module")
def servers():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://...)")
    problem = _reachable()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL and Redis are needed: {problem}")
        pytest.skip(f"PostgreSQL and Redis are needed: {problem}")
    import redis

    name = f"portal_two_{secrets.token_hex(4)}"
    _sql(f"CREATE DATABASE {name}")
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"{PG}/{name}",
        "REDIS_URL": REDIS_URL,
        "TEST_PAGE_CACHE_SECONDS": "600",
        "TEST_FRAGMENT_CACHE_SECONDS": "3600",
        "TEST_ROUTE_CACHE_SECONDS": "60",
        "DB_CONN_MAX_AGE": "0",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": "",
    }

    def manage(*args, stdin=None):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            input=stdin,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    processes = []
    try:
        manage("migrate", "--no-input")
        manage("load_demo_content")
        urls = []
        for _ in range(2):
            port = _free_port()
            processes.append(
                subprocess.Popen(
                    [str(ROOT / ".venv/bin/gunicorn"), "--bind", f"127.0.0.1:{port}"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            _wait(url)
        yield urls, manage, name
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)
        with contextlib.suppress(Exception):
            _sql(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        _sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        redis.Redis.from_url(REDIS_URL).flushdb()


def _wait(url: str) -> None:
    for _ in range(150):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url + "/robots.txt", timeout=2)  # noqa: S310
            return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class Browser:
    """Just enough of a browser for the Wagtail admin: cookies and CSRF tokens."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, path: str, fields: dict):
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf()}).encode()
        request = urllib.request.Request(  # noqa: S310 (our own http:// server)
            self.base + path, data=data, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=20) as response:
            return response.status, response.read().decode()

    def sign_in(self, username: str, password: str) -> None:
        self.opener.open(self.base + "/admin/login/", timeout=20).read()
        self.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
        assert any(c.name == "sessionid" for c in self.jar), "signed in"


SUBMIT = """
from pages.models import ArticlePage
from django.contrib.auth import get_user_model
from django.urls import reverse
from pages.review.rules import current_workflow_state
author = get_user_model().objects.get(username="author")
page = ArticlePage.objects.get(slug="immunomodulators")
draft = page.get_latest_revision_as_object()
draft.title = "Immunomodulators, approved on server A"
draft.save_revision(user=author)
page.get_workflow().start(page, author)
state = current_workflow_state(page).current_task_state
print(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]))
"""


def test_an_approval_on_one_server_is_seen_on_the_other_at_once(servers):
    (server_a, server_b), manage, _ = servers
    article = "/diseases-conditions/immunomodulators/"
    status, _, _ = get(server_b + article)
    if status == 404:
        article = "/drugs-devices-supplements/immunomodulators/"
    assert get(server_b + article)[0] == 200
    assert get(server_b + article)[1]["X-Cache"] == "HIT"  # B keeps it in the shared cache

    approve_path = manage("shell", stdin=SUBMIT).strip().splitlines()[-1]
    reviewer = Browser(server_a)
    reviewer.sign_in("reviewer", "reviewer-demo-2026")
    status, _ = reviewer.post(approve_path, {"comment": ""})
    assert status == 200

    status, headers, body = get(server_b + article)
    assert status == 200
    assert headers["X-Cache"] == "MISS"
    assert "Immunomodulators, approved on server A" in body
    assert "Immunomodulators, approved on server A" in get(server_b + "/")[2]


def test_with_postgresql_refusing_connections_cached_pages_serve_and_others_get_503(servers):
    (server_a, server_b), _, name = servers
    cached = ["/drugs/adalimumab/", "/conditions/"]
    for url in cached:
        get(server_b + url)
    _sql(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")  # superusers too
    # `name` is our own portal_two_<hex>, not input.
    _sql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")  # noqa: S608
    try:
        for url in cached:
            status, headers, _ = get(server_b + url)
            assert (status, headers.get("X-Cache")) == (200, "HIT"), url
        status, headers, body = get(server_b + "/drugs/methotrexate/")
        assert status == 503
        assert "briefly unavailable" in body
        assert not re.search(r"Traceback|OperationalError|psycopg", body)
    finally:
        _sql(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
