"""The anonymous page cache: whole responses for readers who are not signed in, kept in
Django's cache (Redis when REDIS_URL is set) and invalidated by tags.

- tags.py: what a response depends on (collected while it renders) and their versions;
- middleware.py: serving, storing, HTTP caching headers, and the 503 page when the
  database is down;
- invalidation.py: which tags a publish, unpublish, move or record change bumps."""
