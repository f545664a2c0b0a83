from django.conf import settings
from django.http import Http404
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from drugs import urls as drug_urls

from . import views
from .api import api_router
from .search import views as search_views
from .sitemaps import SITEMAPS


def no_such_document(request, document_id):
    """A document id no database column can hold (19 digits or more, up to thousands):
    Wagtail's own view would fail converting it, with a 500."""
    raise Http404("There is no such document.")


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    re_path(r"^documents/(?P<document_id>\d{19,})/", no_such_document),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("search/", search_views.search, name="search"),
    path("search/autocomplete/", search_views.autocomplete, name="search_autocomplete"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include(drug_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
