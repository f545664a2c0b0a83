"""Throttling of admin sign-ins with django-axes: which address a failure counts against,
and the page a locked-out sign-in gets.

Failures are counted per username *and* address (settings.AXES_LOCKOUT_PARAMETERS), so an
attacker guessing one editor's password cannot lock that editor out from everywhere else."""

import ipaddress

from django.conf import settings
from django.contrib import messages
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from wagtail.admin.views.account import LoginView


def client_ip(request) -> str | None:
    """The address a failed sign-in counts against.

    REMOTE_ADDR, unless settings.TRUSTED_PROXY_COUNT says how many reverse proxies stand in
    front of the portal. Then it is the address the outermost of them saw: each proxy appends
    the address it received the request from to X-Forwarded-For, so that one sits
    TRUSTED_PROXY_COUNT entries from the right. Anything further left was written by the
    client and is ignored, so a forged header cannot dodge the lock-out."""
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Not through all the proxies we expect (e.g. straight to the app server).
        return remote_addr
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's own sign-in page, with an empty form and one message that is the same
    whether or not the username exists (axes counts failures for unknown usernames too)."""
    view = LoginView()
    view.setup(request)
    messages.error(request, settings.AXES_COOLOFF_MESSAGE)
    context = view.get_context_data(form=view.get_form_class()(request))
    response = render(
        request,
        "security/login_locked_out.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    add_never_cache_headers(response)  # as Django's LoginView does for its own page
    return response
