"""Hardening that the whole site shares: response headers (Content Security Policy and
Permissions-Policy) and the throttling of admin sign-ins."""
