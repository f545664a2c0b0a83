from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.admin_search import SafeSearchSnippetViewSet

from .models import Advert, CallToAction, ReviewerProfile


class CallToActionViewSet(SafeSearchSnippetViewSet):
    model = CallToAction
    icon = "mail"
    menu_label = "Calls to action"
    list_display = ["title", "phone_number", "hours"]


class AdvertViewSet(SafeSearchSnippetViewSet):
    model = Advert
    icon = "doc-empty"
    menu_label = "Adverts"
    list_display = ["name", "sponsor", "active"]
    list_filter = ["active"]


class ReviewerProfileViewSet(SafeSearchSnippetViewSet):
    """How each medical reviewer is named on the stamps they give."""

    model = ReviewerProfile
    icon = "user"
    menu_label = "Reviewer profiles"
    list_display = ["display_name", "credentials", "user"]
    search_fields = ["display_name", "credentials", "user__username"]
    search_backend_name = None  # a small table: plain database search
    copy_view_enabled = False


class PageFurnitureViewSetGroup(SnippetViewSetGroup):
    menu_label = "Page furniture"
    menu_icon = "snippet"
    menu_order = 210
    items = (CallToActionViewSet, AdvertViewSet, ReviewerProfileViewSet)
