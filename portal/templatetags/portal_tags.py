import json
import re

from django import template
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()

# The same escapes Django's json_script uses, so no value can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Render a dict as a schema.org JSON-LD <script> element."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def site_root_url(context):
    """The Wagtail Site's root URL, for canonical links that name one host."""
    from portal.site_urls import site_root_url as root_url

    return root_url(context.get("request"))


def highlighter(query):
    """A function that escapes a text and wraps each word of the query in <mark>
    (case-insensitive), longer words first. The pattern is built once per query.

    Words are found in the text as written and each piece escaped afterwards: searching the
    escaped text would put marks inside its entities ('&<mark>amp</mark>;' for 'amp')."""
    from portal.search.query import terms

    words = sorted(set(terms(query or "")), key=len, reverse=True)
    if not words:
        return lambda value: escape(str(value or ""))
    pattern = re.compile("(" + "|".join(re.escape(word) for word in words) + ")", re.IGNORECASE)

    def mark(value) -> str:
        pieces = pattern.split(str(value or ""))  # the words found are at the odd positions
        return mark_safe(  # noqa: S308 (every piece is escaped)
            "".join(
                f"<mark>{escape(piece)}</mark>" if position % 2 else escape(piece)
                for position, piece in enumerate(pieces)
            )
        )

    return mark


SUMMARY_WORDS = 40


@register.simple_tag
def search_results(results, query):
    """The <li> items of a page of search results (engine.Result), the query's words marked.
    A tag, not a loop in the template: twenty results through the template language cost
    more than finding them in the results cache."""
    from pages.review import stamp

    mark = highlighter(query)
    today = stamp.today()
    days = {}  # results share few review dates; each is formatted once
    items = []
    for result in results:
        parts = [
            format_html(
                '<p class="search-results__kind">{}</p>'
                '<h3 class="article-list__title"><a href="{}">{}</a></h3>',
                result.kind_label,
                result.url,
                mark(result.title),
            )
        ]
        if result.extra:
            parts.append(format_html('<p class="search-results__extra">{}</p>', mark(result.extra)))
        if result.summary:
            summary = Truncator(result.summary).words(SUMMARY_WORDS, truncate=" …")
            parts.append(format_html('<p class="article-list__summary">{}</p>', mark(summary)))
        day = result.last_reviewed_on
        if day:
            # Past its next review date, it says so (pages/templatetags/review_tags.py).
            due = stamp.is_due(getattr(result, "next_review_due", None), today)
            if (day, due) not in days:
                days[day, due] = format_html(
                    '<p class="reviewed-tag{}">{} <time datetime="{}">{}</time>{}</p>',
                    " reviewed-tag--due" if due else "",
                    "Due for review (last reviewed" if due else "Reviewed",
                    date_format(day, "Y-m-d"),
                    date_format(day, "j F Y"),
                    ")" if due else "",
                )
            parts.append(days[day, due])
        items.append(
            format_html(
                '<li class="article-list__item">{}</li>',
                format_html_join("", "{}", ((part,) for part in parts)),
            )
        )
    return format_html_join("\n", "{}", ((item,) for item in items))


@register.simple_tag
def drug_name(drug):
    """'adalimumab (Humira®)': the generic name linking to the drug's page, then its brands.
    A tag, not an include: an article may list a hundred drugs, and an include costs a
    template render each."""
    brands = drug.brand_list
    if brands:
        return format_html(
            '<a href="{}">{}</a> <span class="brands">({})</span>',
            drug.get_url(),
            drug.generic_name,
            brands,
        )
    return format_html('<a href="{}">{}</a>', drug.get_url(), drug.generic_name)


@register.simple_tag
def record_link(record):
    """A drug, class or condition as a link: drugs with their brands (drug_name)."""
    if hasattr(record, "generic_name"):
        return drug_name(record)
    return format_html('<a href="{}">{}</a>', record.get_url(), record.name)


@register.simple_tag
def shows(*objects):
    """{% shows obj %}: names something the template shows but did not fetch (a reviewer, a
    policy page) among the cache tags of the page or content being rendered. Prints nothing."""
    from portal.cache import tags

    tags.add_shown(*(obj for obj in objects if obj is not None))
    return ""


class PageFragmentNode(template.Node):
    def __init__(self, nodelist, page):
        self.nodelist = nodelist
        self.page = page

    def render(self, context):
        from portal.cache import fragments

        page = self.page.resolve(context)
        return fragments.render(
            "content", page, context.get("request"), lambda: self.nodelist.render(context)
        )


@register.tag
def page_fragment(parser, token):
    """{% page_fragment page %}…{% endpage_fragment %}: content that depends only on the
    live page and what it cites, kept between requests (portal/cache/fragments.py)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the page")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, parser.compile_filter(bits[1]))
