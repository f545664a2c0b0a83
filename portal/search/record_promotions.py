"""Settings → Promoted records: editors promote a drug, drug class or condition for a search,
choosing it with the record's own chooser, beside Wagtail's Promoted search results (pages
and external links). Opened by `portal.*_recordpromotion` (portal/search/permissions.py)."""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from portal.models import RecordPromotion

KINDS = {"drug": "Drug", "drug_class": "Drug class", "condition": "Condition"}


class ShownColumn(Column):
    """Whether readers see the promotion now: only while its record is live."""

    def get_value(self, instance):
        record = instance.record
        if record is not None and record.live:
            return "Shown"
        return "Not shown: the record is not published"


class KindColumn(Column):
    def get_value(self, instance):
        return next((label for name, label in KINDS.items() if getattr(instance, name)), "")


class RecordPromotionViewSet(ModelViewSet):
    model = RecordPromotion
    name = "record_promotions"
    url_prefix = "search/promoted-records"
    icon = "pick"
    menu_label = "Promoted records"
    add_to_settings_menu = True
    menu_order = 901  # beside Wagtail's Promoted search results (900)
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["query_string"]
    search_backend_name = None  # the database's own matching: a handful of rows
    sort_order_field = "sort_order"
    list_display = [
        "query_string",
        Column("title", label="Promoted record"),
        KindColumn("kind", label="Type"),
        ShownColumn("shown", label="Shown to readers"),
    ]
    panels = [
        FieldPanel("query_string"),
        MultiFieldPanel(
            [FieldPanel("drug"), FieldPanel("drug_class"), FieldPanel("condition")],
            heading="Promote one record",
            help_text=(
                "Choose one drug, drug class or condition. Readers see it above the results "
                "while it is published; a page or a link is promoted under Promoted search "
                "results instead."
            ),
        ),
        FieldPanel("description"),
    ]
