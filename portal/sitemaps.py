from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from drugs.models import Condition, Drug, DrugClass


class RecordSitemap(PageSitemap):
    """Live drug, class and condition records, with URLs on the same Wagtail Site as pages."""

    model = None
    changefreq = "monthly"

    def items(self):
        return self.model.objects.live().order_by("pk")


class DrugSitemap(RecordSitemap):
    model = Drug


class DrugClassSitemap(RecordSitemap):
    model = DrugClass


class ConditionSitemap(RecordSitemap):
    model = Condition


SITEMAPS = {
    "pages": PageSitemap,
    "drugs": DrugSitemap,
    "drug-classes": DrugClassSitemap,
    "conditions": ConditionSitemap,
}
