"""Admin for the medical records: one 'Medicines' menu with list, search, filters and an
inspect view for each record type. Listing search goes through Wagtail's search backend and
the models' own search_fields (brand names and synonyms included)."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from pages.review.takedown import RecordTakedownView
from portal.admin_search import SafeSearchSnippetViewSet

from .models import Condition, Drug, DrugClass, Route


class MedicalRecordViewSet(SafeSearchSnippetViewSet):
    """A record type that goes live through Medical review; Unpublish is the reviewers'
    emergency takedown, with its reason (pages/review/takedown.py)."""

    unpublish_view_class = RecordTakedownView


class DrugViewSet(MedicalRecordViewSet):
    model = Drug
    icon = "pick"
    menu_label = "Drugs"
    list_display = [
        "generic_name",
        Column("brand_list", label="Brand names"),
        Column("last_reviewed_on", label="Last reviewed", sort_key="last_reviewed_on"),
        "live",
    ]
    list_filter = ["classes", "routes", "live"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "generic_name",
        "slug",
        "summary",
        "description",
        "classes",
        "routes",
        "conditions",
        "last_reviewed_on",
        "next_review_due",
    ]
    copy_view_enabled = False
    ordering = ["generic_name"]


class DrugClassFilterSet(WagtailFilterSet):
    class Meta:
        model = DrugClass
        fields = ["parent", "live"]


class DrugClassViewSet(MedicalRecordViewSet):
    model = DrugClass
    icon = "tag"
    menu_label = "Drug classes"
    list_display = ["name", "parent", Column("last_reviewed_on", label="Last reviewed"), "live"]
    filterset_class = DrugClassFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "slug",
        "parent",
        "also_called",
        "summary",
        "description",
        "last_reviewed_on",
        "next_review_due",
    ]
    copy_view_enabled = False
    ordering = ["tree_path"]


class ConditionViewSet(MedicalRecordViewSet):
    model = Condition
    icon = "heart"
    menu_label = "Conditions"
    list_display = ["name", "icd10_code", Column("last_reviewed_on", label="Last reviewed"), "live"]
    list_filter = ["live"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "slug",
        "icd10_code",
        "summary",
        "description",
        "last_reviewed_on",
        "next_review_due",
    ]
    copy_view_enabled = False
    ordering = ["name"]


class RouteViewSet(SafeSearchSnippetViewSet):
    model = Route
    icon = "arrows-up-down"
    menu_label = "Routes"
    list_display = ["name", "schema_name", "sort_order"]
    inspect_view_enabled = True
    ordering = ["sort_order", "name"]


class MedicinesViewSetGroup(SnippetViewSetGroup):
    menu_label = "Medicines"
    menu_icon = "pick"
    menu_order = 200
    items = (DrugViewSet, DrugClassViewSet, ConditionViewSet, RouteViewSet)
