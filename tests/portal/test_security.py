"""Security headers, the Content Security Policy, production cookie flags and the throttling of
admin sign-ins. (tests/browser/test_admin_csp.py checks in Chromium that nothing breaks.)"""

import datetime

import pytest
from axes.models import AccessAttempt

from django.test import Client, RequestFactory
from django.utils import timezone

from drugs.models import Condition, Drug, DrugClass
from portal.security.login import client_ip
from portal.security.middleware import SecurityHeadersMiddleware
from tests.html import soup, text
from tests.portal.test_settings import manage

LOCKED = "Too many failed sign-in attempts"
WRONG = "Your username and password didn't match"
PUBLIC_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}


def policy(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} twice in {header}"
        directives[name] = set(sources)
    return directives


def public_urls() -> list[str]:
    from pages.models import ArticlePage, HomePage

    return [
        HomePage.objects.get().url,
        ArticlePage.objects.get(slug="immunomodulators").url,
        Drug.objects.order_by("pk").first().get_url(),
        Condition.objects.order_by("pk").first().get_url(),
        DrugClass.objects.order_by("pk").first().get_url(),
        "/drugs/",
        "/conditions/?letter=A",
        "/search/?q=immunomodulators",
        "/no-such-page/",
    ]


# Public pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_send_the_strict_policy_and_the_other_headers(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert policy(response) == PUBLIC_POLICY, url
        assert "nonce-" not in response["Content-Security-Policy"], url
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_public_pages_hold_no_inline_script_or_style(client):
    """What the strict policy would block: inline <script> (JSON-LD data excepted), <style>,
    style="" and on…="" attributes, javascript: links."""
    for url in public_urls():
        page = soup(client.get(url))
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (url, script)
        assert page.find_all("style") == [], url
        for tag in page.find_all(True):
            assert "style" not in tag.attrs, (url, str(tag)[:120])
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert handlers == [], (url, str(tag)[:120])
            assert not str(tag.get("href", "")).lower().startswith("javascript:"), url


@pytest.mark.django_db
def test_the_autocomplete_and_static_files_carry_the_policy_too(client):
    response = client.get("/search/autocomplete/?q=imm")
    assert response.status_code == 200
    assert policy(response) == PUBLIC_POLICY
    svg = client.get("/static/icons/logo.svg")
    assert svg.status_code == 200
    assert policy(svg) == PUBLIC_POLICY


# The admin ----------------------------------------------------------------------------------


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "root", "root@example.org", "root-password-2026"
    )


def admin_policy_expected() -> dict[str, set[str]]:
    expected = {name: set(sources) for name, sources in PUBLIC_POLICY.items()}
    expected["script-src"] |= {"'unsafe-inline'"}
    expected["style-src"] |= {"'unsafe-inline'"}
    expected["img-src"] |= {"blob:"}
    return expected


@pytest.mark.django_db
def test_the_admin_gets_the_public_policy_plus_only_its_documented_extras(client, superuser):
    assert policy(client.get("/admin/login/")) == admin_policy_expected()
    client.force_login(superuser)
    for url in ("/admin/", "/admin/pages/", "/admin/snippets/drugs/drug/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy(response) == admin_policy_expected(), url
        assert "unsafe-eval" not in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        # No third-party requests from the admin: no Gravatar avatars.
        assert "gravatar" not in response.content.decode()


@pytest.mark.django_db
def test_only_the_preview_may_be_framed_and_only_by_the_admin_itself(client, superuser, article):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{article.pk}/edit/preview/?in_preview_panel=true")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response)["frame-ancestors"] == {"'self'"}
    # The editor around it may not be framed by anyone.
    editor = client.get(f"/admin/pages/{article.pk}/edit/")
    assert editor["X-Frame-Options"] == "DENY"
    assert policy(editor)["frame-ancestors"] == {"'none'"}


def test_a_view_that_allows_same_origin_framing_gets_frame_ancestors_self():
    from django.http import HttpResponse

    def view(request):
        response = HttpResponse("ok")
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    response = SecurityHeadersMiddleware(view)(RequestFactory().get("/anything/"))
    directives = policy(response)
    assert directives["frame-ancestors"] == {"'self'"}
    assert directives["script-src"] == {"'self'"}


def test_wagtail_preview_stand_in_requests_are_left_to_the_real_request():
    from django.http import HttpResponse

    request = RequestFactory().get("/drugs/")
    request.is_dummy = True  # what Wagtail's make_preview_request marks its stand-in with
    response = SecurityHeadersMiddleware(lambda r: HttpResponse("ok"))(request)
    assert "Content-Security-Policy" not in response


# Production settings ------------------------------------------------------------------------


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "security-test-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "ALLOWED_HOSTS": "health.example.org",
}


def test_production_cookies_are_secure_http_only_and_same_site_lax():
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_SAMESITE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "AXES_ENABLED",
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_TIME",
    ]
    script = "from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    result = manage("shell", "--no-imports", "-c", script, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    values = dict(zip(names, result.stdout.split("\n"), strict=False))
    assert values["SESSION_COOKIE_SECURE"] == "True"
    assert values["SESSION_COOKIE_HTTPONLY"] == "True"
    assert values["SESSION_COOKIE_SAMESITE"] == "'Lax'"
    assert values["CSRF_COOKIE_SECURE"] == "True"
    assert values["CSRF_COOKIE_SAMESITE"] == "'Lax'"
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000
    assert values["AXES_ENABLED"] == "True"
    assert values["AXES_FAILURE_LIMIT"] == "5"
    assert values["AXES_COOLOFF_TIME"] == repr(datetime.timedelta(minutes=15))


def test_check_deploy_is_clean_with_the_hardening_in_place():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


# Sign-in throttling -------------------------------------------------------------------------

PASSWORD = "correct-horse-battery-2026"


@pytest.fixture
def axes_on(settings):
    """The suite runs with django-axes off (Django's test client signs in without a
    request); these tests turn it on, with the portal's real settings otherwise."""
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 0
    return settings


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def sign_in(username: str, password: str, ip: str = "203.0.113.10", client=None, **headers):
    client = client or Client()
    response = client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
        **headers,
    )
    return client, response


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def messages(response) -> list[str]:
    return [" ".join(item.get_text(" ").split()) for item in soup(response).select(".messages li")]


def lock_out(username: str, ip: str = "203.0.113.10"):
    for attempt in range(1, 6):
        _, response = sign_in(username, f"wrong-guess-{attempt}", ip)
        if attempt < 5:
            assert response.status_code == 200
            assert any(WRONG in message for message in messages(response)), messages(response)
    return response


@pytest.mark.django_db
def test_five_wrong_passwords_pause_sign_in_with_the_admin_sign_in_page(axes_on, editor):
    response = lock_out("editor")
    assert response.status_code == 429
    assert messages(response) == [
        "Too many failed sign-in attempts. For your security, signing in is paused: please "
        "wait 15 minutes before you try again."
    ]
    assert "no-cache" in response["Cache-Control"]
    page = soup(response)
    # Wagtail's own sign-in page, not a bare error text.
    assert page.title.get_text(strip=True).startswith("Sign-in paused")
    assert page.select_one("form.login-form input[name=username]") is not None
    assert page.select_one("link[href*='wagtailadmin/css/core.css']") is not None
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_the_right_password_is_refused_while_locked_out(axes_on, editor):
    lock_out("editor")
    client, response = sign_in("editor", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in text(response)
    assert not signed_in(client)


@pytest.mark.django_db
def test_other_users_and_other_addresses_are_not_locked_out(axes_on, editor, django_user_model):
    django_user_model.objects.create_superuser("colleague", "c@example.org", PASSWORD)
    lock_out("editor", ip="203.0.113.10")
    client, response = sign_in("colleague", PASSWORD, ip="203.0.113.10")
    assert response.status_code == 302
    assert signed_in(client)
    # The editor from their usual address is not locked out by someone guessing elsewhere.
    client, response = sign_in("editor", PASSWORD, ip="198.51.100.20")
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_the_lock_out_does_not_reveal_whether_the_username_exists(axes_on, editor):
    _, wrong_for_real_user = sign_in("editor", "wrong", ip="192.0.2.1")
    _, wrong_for_nobody = sign_in("nobody-by-this-name", "wrong", ip="192.0.2.1")
    assert messages(wrong_for_real_user) == messages(wrong_for_nobody)

    real = lock_out("editor")
    nobody = lock_out("nobody-by-this-name")
    assert real.status_code == nobody.status_code == 429
    assert messages(real) == messages(nobody)
    for response in (real, nobody):
        page = text(response).lower()
        for giveaway in ("account", "user does not exist", "unknown user", "no such user"):
            assert giveaway not in page


@pytest.mark.django_db
def test_sign_in_works_again_after_the_cool_off(axes_on, editor):
    lock_out("editor")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    client, response = sign_in("editor", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_a_successful_sign_in_forgets_earlier_failures(axes_on, editor):
    for attempt in range(4):
        sign_in("editor", f"wrong-{attempt}")
    _, response = sign_in("editor", PASSWORD)
    assert response.status_code == 302
    for attempt in range(4):
        _, response = sign_in("editor", f"wrong-again-{attempt}")
        assert response.status_code == 200


@pytest.mark.django_db
def test_the_session_cookie_is_http_only_and_same_site_lax(axes_on, editor):
    _, response = sign_in("editor", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_behind_a_proxy_a_forged_forwarded_for_does_not_dodge_the_lock_out(axes_on, editor):
    axes_on.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for attempt in range(5):
        # The client writes a new address of its own each time; the proxy appends the real one.
        _, response = sign_in(
            "editor",
            f"wrong-{attempt}",
            ip=proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.50",
        )
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.50"
    # Another reader behind the same proxy is not affected.
    client, response = sign_in("editor", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for", "expected"),
    [
        (0, "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # the header is ignored
        (1, "10.0.0.2", "192.0.2.66, 198.51.100.1", "198.51.100.1"),
        (2, "10.0.0.2", "192.0.2.66, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (1, "10.0.0.2", "", "10.0.0.2"),  # came straight to the app server
        (2, "10.0.0.2", "198.51.100.1", "10.0.0.2"),  # fewer hops than proxies
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(
    settings, proxies, remote_addr, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post(
        "/admin/login/", REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for
    )
    assert client_ip(request) == expected
