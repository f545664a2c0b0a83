"""The site around the article: the home page, library sections, policy pages, snippets and
the portal settings, all in our own words."""

from typing import NamedTuple

from . import article

ORGANISATION_NAME = "Open Health Library"

HOME = {
    "title": "Health library",
    "intro": (
        "Clear, medically reviewed information about conditions, medicines and treatments, "
        "written in plain language and free for everyone to read."
    ),
}


class SectionData(NamedTuple):
    slug: str
    title: str
    intro: str
    a_to_z: str


DRUGS_SECTION = "drugs-devices-supplements"

SECTIONS = [
    SectionData(
        "diseases-conditions",
        "Diseases & conditions",
        "Read about a condition: what causes it, the signs to look out for, and how it is "
        "found and treated.",
        "conditions",
    ),
    SectionData(
        DRUGS_SECTION,
        "Drugs, devices & supplements",
        "Plain-language guides to medicines, medical devices and supplements: what they are "
        "for, how to take them and what to watch for.",
        "drugs",
    ),
    SectionData(
        "treatments-procedures",
        "Treatments & procedures",
        "Find out what happens during a treatment or procedure, how to get ready and what "
        "recovery is like.",
        "drug_classes",
    ),
]


class SnippetData(NamedTuple):
    """A snippet's lookup field (its title or name) and the rest of its fields."""

    key: str
    fields: dict


CALLS_TO_ACTION = [
    SnippetData(
        article.CANCER_LINE,
        {
            "text": (
                "Talk to one of our cancer nurses about a diagnosis, a treatment or what to "
                "expect next."
            ),
            # A fictional number from the range reserved for examples.
            "phone_number": "555.010.0123",
            "hours": "Weekdays 8am to 6pm",
        },
    ),
]

ADVERTS = [
    SnippetData(
        article.FLU_ADVERT,
        {
            "sponsor": ORGANISATION_NAME,
            "text": (
                "Our walk-in flu vaccination clinics are open this fall. A yearly flu shot "
                "matters most for people whose immune system is weakened by illness or by "
                "medicine."
            ),
            "url": "https://example.org/flu-clinics",
            "link_text": "Find a clinic",
            "active": True,
        },
    ),
    SnippetData(
        article.MEDICINES_ADVERT,
        {
            "sponsor": ORGANISATION_NAME,
            "text": (
                "Taking several medicines? Book a free, private check-up with one of our "
                "pharmacists to go through them together."
            ),
            "url": "https://example.org/medicines-check-up",
            "link_text": "Book a check-up",
            "active": True,
        },
    ),
]

ADVERT_DISCLAIMER = (
    "Advertising helps pay for this free library. We do not endorse products or services "
    "offered by other organizations."
)


def _section(heading: str, *paragraphs: str, bullets: tuple[str, ...] = ()) -> dict:
    html = "".join(f"<p>{text}</p>" for text in paragraphs)
    if bullets:
        html += "<ul>" + "".join(f"<li>{item}</li>" for item in bullets) + "</ul>"
    content = [{"type": "paragraph", "value": html}]
    return {"type": "section", "value": {"heading": heading, "anchor": "", "content": content}}


class ContentPageData(NamedTuple):
    slug: str
    title: str
    intro: str
    body: list


EDITORIAL_PROCESS = ContentPageData(
    "editorial-process",
    "Our editorial process",
    "Everything in the Open Health Library is written to be clear, accurate and fair. This "
    "is how we make sure of it.",
    [
        _section(
            "Who writes our content",
            "Our articles are written by health writers and editors whose job is to explain "
            "medicine in everyday words. We aim for language a 12-year-old could follow, "
            "without leaving out anything an adult needs to know.",
        ),
        _section(
            "Medical review",
            "Before anything is published, a qualified health professional who knows the "
            "subject, such as a doctor, nurse or pharmacist, checks it line by line. We base "
            "what we say on current research, clinical guidelines and the official "
            "prescribing information for medicines, never on advertising.",
        ),
        _section(
            "Review dates you can see",
            "Every article, and every medicine, drug class and condition page, shows the date "
            "it was last medically reviewed, so you can tell at a glance how current it is.",
        ),
        _section(
            "Keeping information up to date",
            "We review every page again at least once every three years. We review it sooner "
            "when new research, a new treatment or a safety warning means it needs to "
            "change. Each review is recorded, and the date on the page moves on.",
        ),
        _section(
            "Independence",
            "Adverts help pay for the library, but advertisers never see, shape or approve "
            "what we write. Adverts are always labeled and kept apart from our articles.",
        ),
        _section(
            "Tell us what you think",
            "If you spot a mistake, or something is hard to follow, please tell us. Our "
            "editors read every message, and your feedback helps us improve.",
        ),
        {
            "type": "note",
            "value": {
                "heading": "Not a substitute for care",
                "text": (
                    "<p>Our library is here to help you understand your health. It cannot "
                    "replace advice from your own doctor or care team, who know you and your "
                    "medical history.</p>"
                ),
            },
        },
    ],
)

ADVERTISING_POLICY = ContentPageData(
    "advertising-policy",
    "Advertising policy",
    "Adverts help keep the Open Health Library free for everyone. This page explains how we "
    "choose them and how we keep them separate from our health information.",
    [
        _section(
            "Why we carry adverts",
            "Writing and medically reviewing health information costs money. Advertising "
            "covers part of that cost, so that no one has to pay to read our pages.",
        ),
        _section(
            "How you can spot an advert",
            "Every advert is labeled as an advert and set apart from the article around it. "
            "A short note beside it explains that we do not endorse other organizations' "
            "products or services.",
        ),
        _section(
            "What we will not advertise",
            "We turn down adverts for:",
            bullets=(
                "Tobacco, vaping products and alcohol",
                "Gambling",
                "Products that make health claims without good evidence",
                "Anything that is illegal or unsafe",
            ),
        ),
        _section(
            "Our content comes first",
            "Advertisers have no say in what we write. Our writers and reviewers do not know "
            "which adverts will appear beside an article, and an advert never changes a "
            "medical fact or a review date.",
        ),
        _section(
            "Our own services",
            "Some adverts tell you about services we run ourselves, such as flu vaccination "
            "clinics. They are labeled in exactly the same way.",
        ),
    ],
)

CONTENT_PAGES = [EDITORIAL_PROCESS, ADVERTISING_POLICY]
