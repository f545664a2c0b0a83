from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.admin_search import SafeSearchSnippetViewSet

from .models import Advert, CallToAction


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


class PageFurnitureViewSetGroup(SnippetViewSetGroup):
    menu_label = "Page furniture"
    menu_icon = "snippet"
    menu_order = 210
    items = (CallToActionViewSet, AdvertViewSet)
