"""Content-Security-Policy and Permissions-Policy on every response.

The public site gets the strict policy in settings.CONTENT_SECURITY_POLICY: only our own
scripts, styles and images, and no inline script or style at all. It has no nonce, so a
page stored by the full-page cache carries a policy that is still true when it is served
again. The Wagtail admin gets the same policy plus settings.CONTENT_SECURITY_POLICY_ADMIN_EXTRA
(see the comment there for why it needs more)."""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def admin_prefix() -> str | None:
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


def is_admin(request) -> bool:
    prefix = admin_prefix()
    return bool(prefix) and request.path_info.startswith(prefix)


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        update = dict(parts.update or {})
        if is_admin(request):
            for directive, sources in settings.CONTENT_SECURITY_POLICY_ADMIN_EXTRA.items():
                update[directive] = [*sources, *update.get(directive, [])]
        parts.update = update or None
        # A view that lets its own site frame it (Wagtail's live preview panel sets
        # X-Frame-Options: SAMEORIGIN) gets the same from the policy; every other response
        # keeps frame-ancestors 'none', which browsers obey over X-Frame-Options.
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            # Wagtail renders a preview by running the page through the middleware on a
            # stand-in request for its public URL. Leave the headers to the real admin
            # request around it, or the public frame-ancestors 'none' would blank the
            # editor's preview panel.
            return response
        response = super().process_response(request, response)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
