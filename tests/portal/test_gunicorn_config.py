"""gunicorn.conf.py: how many workers production runs, and the one setup it refuses.

Without Redis each worker process would keep its own page cache, so a publish handled by
one worker would leave the others serving the old page."""

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def gunicorn(*args, **env):
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "WEB_CONCURRENCY"} and not key.startswith("GUNICORN_")
    }
    return subprocess.run(  # noqa: S603 - the project's own gunicorn, fixed arguments
        [str(GUNICORN), "--config", str(ROOT / "gunicorn.conf.py"), *args],
        cwd=ROOT,
        env={**environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def workers_and_threads(**env) -> tuple[int, int]:
    config = gunicorn("--print-config", **env).stdout
    values = dict(re.findall(r"^(workers|threads)\s+= (\d+)$", config, re.M))
    return int(values["workers"]), int(values["threads"])


def test_without_redis_one_worker_serves_with_four_threads():
    assert workers_and_threads() == (1, 4)


def test_with_redis_one_worker_per_core_plus_one():
    cores = len(os.sched_getaffinity(0))
    assert workers_and_threads(REDIS_URL="redis://127.0.0.1:6379/0") == (cores + 1, 2)
    assert workers_and_threads(REDIS_URL="redis://127.0.0.1:6379/0", WEB_CONCURRENCY="5") == (5, 2)


@pytest.mark.parametrize("asked", [{"WEB_CONCURRENCY": "3"}, {"args": ("-w", "3")}])
def test_several_workers_without_redis_are_refused_as_the_server_starts(asked):
    env = {k: v for k, v in asked.items() if k != "args"}
    done = gunicorn("--bind", "127.0.0.1:0", *asked.get("args", ()), **env)
    assert done.returncode != 0
    assert "3 workers need REDIS_URL" in done.stderr + done.stdout
