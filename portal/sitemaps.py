from django.contrib.sitemaps import Sitemap

from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from drugs.models import Condition, Drug, DrugClass


class RecordSitemap(Sitemap):
    model = None
    changefreq = "monthly"

    def items(self):
        return self.model.objects.live().order_by("pk")

    def location(self, obj):
        return obj.get_url()

    def lastmod(self, obj):
        return obj.last_published_at


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
