from wagtail.models import Site


def site_root_url(request=None) -> str:
    """The root URL of the Wagtail Site serving this request (or the default site), so that
    canonical links, JSON-LD and the sitemap name one host for pages and records alike."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else ""
