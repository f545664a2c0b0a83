from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        max_length=120,
        default="Open Health Library",
        help_text="Used in review stamps, the footer and structured data.",
    )
    editorial_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from every review stamp.",
    )
    advert_disclaimer = models.TextField(
        default=(
            "Adverts help fund this free library. We do not endorse products or services "
            "from other organisations."
        ),
        help_text="Shown beside every advert.",
    )
    advertising_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the advert disclaimer.",
    )
    footer_call_to_action = models.ForeignKey(
        "pages.CallToAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A phone line shown in every page's footer.",
    )

    STAMP_NAMED = "named"
    STAMP_INSTITUTIONAL = "institutional"
    stamp_style = models.CharField(
        max_length=20,
        choices=[
            (STAMP_NAMED, "Named: 'Reviewed by Dr A. Okafor, MD on 10 May 2023'"),
            (
                STAMP_INSTITUTIONAL,
                "Institutional: 'Last reviewed by a medical professional of … on 10 May 2023'",
            ),
        ],
        default=STAMP_INSTITUTIONAL,
        help_text="How review stamps name the reviewer on public pages.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=36,
        help_text="How long a review stays in date. Page types may set their own.",
    )

    # Every page shows these, so fetch them with the settings row in one query.
    select_related = ["editorial_policy_page", "advertising_policy_page", "footer_call_to_action"]

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("stamp_style"), FieldPanel("review_interval_months")],
            heading="Medical review",
        ),
        MultiFieldPanel(
            [FieldPanel("editorial_policy_page"), FieldPanel("footer_call_to_action")],
            heading="Trust",
        ),
        MultiFieldPanel(
            [FieldPanel("advert_disclaimer"), FieldPanel("advertising_policy_page")],
            heading="Advertising",
        ),
    ]

    class Meta:
        verbose_name = "portal settings"
