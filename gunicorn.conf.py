"""Gunicorn settings for serving the portal in production.

    DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=... ALLOWED_HOSTS=... \\
        .venv/bin/gunicorn                  # or: make serve

Gunicorn reads ./gunicorn.conf.py by default; every value here can be changed from the
environment (below) or overridden on the command line. The figures behind the worker
defaults are below; bench/load_bench.py measures the whole setup ("Load benchmark" in
bench/README.md).

| variable | meaning | default |
| --- | --- | --- |
| HOST, PORT | address to listen on | 127.0.0.1, 8000 |
| WEB_CONCURRENCY | worker processes (more than 1 needs REDIS_URL) | CPU cores + 1; 1 without REDIS_URL |
| GUNICORN_WORKER_CLASS | sync or gthread | gthread |
| GUNICORN_THREADS | threads per worker | 2 (gthread; 4 without REDIS_URL), 1 (sync) |
| GUNICORN_TIMEOUT | seconds before a stuck worker is killed and replaced | 30 |
| GUNICORN_MAX_REQUESTS | requests before a worker is replaced (0: never) | 2000 |
| GUNICORN_ACCESS_LOG | access log file, "-" for stdout, "" for none | - |
| FORWARDED_ALLOW_IPS | proxies trusted for X-Forwarded-Proto/For ("*": any) | 127.0.0.1,::1 |
| GUNICORN_CONTROL_SOCKET | path of gunicorn's control socket (gunicornc) | none (off) |
"""

import os


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "portal.wsgi:application"  # defaults to portal.settings.production

bind = [f"{os.environ.get('HOST', '').strip() or '127.0.0.1'}:{_env_int('PORT', 8000)}"]

# Workers: gthread, one process per core plus one, two threads each. The portal is CPU-bound
# (templates, ORM) and a process runs Python on one core at a time, so processes beyond the
# cores buy little; the extra one covers a worker busy restarting or waiting on PostgreSQL.
# Two threads let a worker overlap one request's database wait with another's Python, and
# gthread keeps connections alive, which sync cannot. Measured on 2 cores (bench/load_bench;
# five interleaved 5 s slices per setup, medians, a busy machine): the static file, then a
# random mix of the benchmark's eight pages at 8 connections with the page cache on (search
# is never cached, so the mix is CPU-bound too):
#   sync 5 workers:       586 static req/s at 1.40 CPU ms each; mixed cached pages p95 1.3 s
#   gthread 5 x 2:        891 req/s at 1.23 ms; p95 1.6 s; 416 MB of workers (Pss)
#   gthread 3 x 2:        861 req/s at 0.97 ms; p95 0.8 s; 262 MB
#   gthread 2 x 4:        933 req/s at 1.07 ms; p95 0.7 s; 186 MB, but 157 MB in one worker
# Uncached throughput was the same within noise for all four (the CPUs are the limit).
# The CPUs this process may run on (a container's cpuset), not the host's count; a CPU quota
# is not visible here, so set WEB_CONCURRENCY under one.
_cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
# Without REDIS_URL each process has a cache of its own (Django's local memory), and a
# publish handled by one worker would invalidate that worker's pages only: the others would
# go on serving the old page for up to PAGE_CACHE_SECONDS. So without Redis there is one
# worker, with four threads, and asking for more (WEB_CONCURRENCY or -w) is refused as the
# server starts (on_starting, below).
SHARED_CACHE = bool(os.environ.get("REDIS_URL", "").strip())
workers = _env_int("WEB_CONCURRENCY", (_cpus or 1) + 1 if SHARED_CACHE else 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "").strip() or "gthread"
# (gunicorn turns sync into gthread when threads > 1, so sync gets one thread.)
_threads = (2 if SHARED_CACHE else 4) if worker_class == "gthread" else 1
threads = _env_int("GUNICORN_THREADS", _threads)

# Load Django once in the master, then fork: workers start fast and share the code's memory
# (copy on write). A deploy restarts the master (a HUP reloads only the configuration).
preload_app = True

# Recycle each worker after about 2,000 requests, bounding any slow leak; the jitter keeps
# the workers from all restarting at once.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

timeout = _env_int("GUNICORN_TIMEOUT", 30)  # a request stuck this long has its worker replaced
graceful_timeout = 30  # on shutdown or restart, in-flight requests get this long to finish
keepalive = 5  # seconds an idle keep-alive connection stays open (gthread only)

# The proxy in front (which terminates TLS) is trusted for X-Forwarded-Proto; Django's
# SECURE_PROXY_SSL_HEADER reads it. Only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1,::1"

# The worker heartbeat file in memory, not on a disk that may stall (gunicorn's FAQ).
if os.path.isdir("/dev/shm"):  # noqa: S108 - gunicorn's heartbeat files, not our data
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# gunicorn 25+ opens a control socket at a per-user default path; two servers on one machine
# would fight over it. Opt in with a path of your own.
if os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip():
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"].strip()
else:
    control_socket_disable = True

# Logs on stdout and stderr, for the process manager. The access log adds the request's
# duration in milliseconds and the X-Cache header (HIT or MISS from the page cache).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-").strip() or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms cache=%({x-cache}o)s'
)


def on_starting(server):
    """Refuse several workers without a shared cache, however they were asked for."""
    if server.cfg.workers > 1 and not SHARED_CACHE:
        server.log.error(
            "%d workers need REDIS_URL. Without Redis each worker keeps its own page cache, "
            "and a publish would reach one worker's pages only. Set REDIS_URL, or run one "
            "worker (WEB_CONCURRENCY=1).",
            server.cfg.workers,
        )
        raise SystemExit(1)


def pre_fork(server, worker):
    """Close any database connection the master opened while loading the app, so no two
    workers ever share one socket to PostgreSQL."""
    from django.db import connections

    connections.close_all()
