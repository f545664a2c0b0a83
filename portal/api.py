"""Read-only content API (Wagtail API v2): live, public pages only, never drafts or content
in review."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet


class PortalPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, answering malformed parameters with a 400 rather than a
    server error: PostgreSQL refuses text with a NUL byte (?search=, ?locale=, ?html_path=),
    and the find view looks ?id= up without checking that it is a number."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequestError(f"{name!r}: query parameters cannot contain NUL bytes")
        page_id = request.GET.get("id")
        if page_id is not None and not (page_id.isascii() and page_id.isdigit()):
            raise BadRequestError("id must be a whole number")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
