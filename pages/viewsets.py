from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Advert, CallToAction


class CallToActionViewSet(SnippetViewSet):
    model = CallToAction
    icon = "mail"
    menu_label = "Calls to action"
    list_display = ["title", "phone_number", "hours"]
    search_fields = ["title", "text", "phone_number"]


class AdvertViewSet(SnippetViewSet):
    model = Advert
    icon = "doc-empty"
    menu_label = "Adverts"
    list_display = ["name", "sponsor", "active"]
    list_filter = ["active"]
    search_fields = ["name", "sponsor", "text"]


class PageFurnitureViewSetGroup(SnippetViewSetGroup):
    menu_label = "Page furniture"
    menu_icon = "snippet"
    menu_order = 210
    items = (CallToActionViewSet, AdvertViewSet)
