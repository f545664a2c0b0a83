"""StreamField blocks for health library pages.

Every block has an icon, a description for editors and a template under templates/blocks/.
Blocks that name medical records (classes, drugs, routes, conditions) render the records'
own names, brands and summaries, so nothing is retyped; their choosers fetch the records
for a whole page in a fixed number of queries, however many blocks name them."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify

from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


# A class block lists at most this many of its drugs (and of each sub-class's), then links
# to the class page for the rest: a class of a hundred drugs is a list, not an article.
CLASS_DRUGS_SHOWN = 12


class PrefetchingChooserBlock(SnippetChooserBlock):
    """A snippet chooser that fetches, in bulk, the relations its template needs."""

    def bulk_to_python(self, values):
        objects = super().bulk_to_python(values)
        self.prefetch([obj for obj in objects if obj is not None])
        return objects

    def prefetch(self, objects):
        pass


class DrugClassChooserBlock(PrefetchingChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("drugs.DrugClass", **kwargs)

    def prefetch(self, objects):
        """Each class's live sub-classes; the first CLASS_DRUGS_SHOWN live drugs filed
        under each class and sub-class, alphabetically, with their brand names; and how many
        live drugs each one's own page lists (its sub-classes' included, each drug once).
        Three queries for any article. The drugs are read as plain rows, not instances."""
        from drugs.models import Drug, DrugClass, ListedDrug

        if not objects:
            return
        children: dict[int, list] = {}
        for child in DrugClass.objects.live().filter(parent__in={o.pk for o in objects}):
            children.setdefault(child.parent_id, []).append(child)
        for drug_class in objects:  # in the classes' own order (sort order, then name)
            drug_class.live_children = children.get(drug_class.pk, [])
        classes = [*objects, *(child for c in objects for child in c.live_children)]
        under = Q()
        for tree_path in {c.tree_path for c in classes}:
            under |= Q(drugclass__tree_path__startswith=tree_path)
        rows = (
            Drug.classes.through.objects.filter(under, drug__live=True, drugclass__live=True)
            .order_by(Lower("drug__generic_name"), "drug_id")
            .values_list(
                "drugclass_id",
                "drugclass__tree_path",
                "drug_id",
                "drug__generic_name",
                "drug__slug",
            )
        )
        listed: dict[int, list] = {}
        members: dict[int, set] = {c.pk: set() for c in classes}
        for class_id, tree_path, drug_id, generic_name, slug in rows:
            shown = listed.setdefault(class_id, [])
            if class_id in members and len(shown) < CLASS_DRUGS_SHOWN:
                shown.append(ListedDrug(drug_id, generic_name, slug))
            for drug_class in classes:  # the class page lists its sub-classes' drugs too
                if tree_path.startswith(drug_class.tree_path):
                    members[drug_class.pk].add(drug_id)
        for drug_class in classes:
            drug_class.live_drugs = listed.get(drug_class.pk, [])
            drug_class.live_drug_count = len(members[drug_class.pk])
            drug_class.more_drugs = drug_class.live_drug_count - len(drug_class.live_drugs)
        Drug.attach_brand_lists([drug for c in classes for drug in c.live_drugs])


class DrugChooserBlock(PrefetchingChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("drugs.Drug", **kwargs)

    def prefetch(self, objects):
        from drugs.models import Drug

        Drug.attach_brand_lists(objects)


class SectionHeadingMixin:
    """Gives a block an in-page anchor from its heading, for the table of contents."""

    @staticmethod
    def anchor_for(value) -> str:
        return slugify(value.get("anchor") or "") or slugify(value.get("heading", "")) or "section"


class DrugClassBlock(blocks.StructBlock):
    drug_class = DrugClassChooserBlock(help_text="The class, from the drug class records.")
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        required=False,
        help_text="What this article says about the class. Leave empty to use the record's summary.",
    )
    show = blocks.ChoiceBlock(
        choices=[
            ("drugs", "Its drugs, with brand names"),
            ("subclasses", "Its sub-classes, each with its drugs"),
            ("none", "Nothing more"),
        ],
        default="drugs",
    )
    list_intro = blocks.CharBlock(
        required=False, max_length=80, help_text="Words before the list, e.g. 'Types include:'."
    )

    def get_context(self, value, parent_context=None):
        drug_class = value.get("drug_class")
        if drug_class is not None and not hasattr(drug_class, "live_drugs"):
            # A preview from the edit form builds values one by one, without the bulk fetch.
            self.child_blocks["drug_class"].prefetch([drug_class])
        if drug_class is not None:
            self._name_for_page_cache(drug_class)
        return super().get_context(value, parent_context)

    @staticmethod
    def _name_for_page_cache(drug_class):
        """The page shows this class's drugs and sub-classes: it changes when they do. A
        drug's publish bumps `members:` of each of its classes and their ancestors, so the
        drugs need no tag of their own (an article may list a hundred)."""
        from portal.cache import tags

        children = getattr(drug_class, "live_children", [])
        tags.add_objects(drug_class, *children)
        tags.add(*(f"members:drugs.drugclass:{c.pk}" for c in [drug_class, *children]))

    class Meta:
        icon = "tag"
        template = "blocks/drug_class.html"
        label = "Drug class"
        description = (
            "A drug class from the records, with its sub-classes or drugs and their brands."
        )


class DrugListBlock(blocks.StructBlock):
    intro = blocks.CharBlock(required=False, max_length=120, help_text="e.g. 'Examples include:'")
    drugs = blocks.ListBlock(DrugChooserBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/drug_list.html"
        label = "Drug list"
        description = "A list of drugs from the records, each with its brand names."


class RouteItemBlock(blocks.StructBlock):
    route = SnippetChooserBlock("drugs.Route")
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        required=False,
        help_text="Article-specific detail. Leave empty to use the route's own description.",
    )

    class Meta:
        icon = "arrow-right"


class RouteListBlock(blocks.StructBlock):
    intro = blocks.CharBlock(required=False, max_length=120)
    routes = blocks.ListBlock(RouteItemBlock(), min_num=1)

    class Meta:
        icon = "arrows-up-down"
        template = "blocks/route_list.html"
        label = "Routes of administration"
        description = "Ways of receiving a medicine, from the route records."


class ConditionListBlock(blocks.StructBlock):
    intro = blocks.CharBlock(required=False, max_length=120)
    conditions = blocks.ListBlock(SnippetChooserBlock("drugs.Condition"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/condition_list.html"
        label = "Condition list"
        description = "Conditions from the records, each linking to its own page."


class NoteBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="A note from us", max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        template = "blocks/note.html"
        label = "Note from us"
        description = "A highlighted closing note in the library's own voice."


class ContentStreamBlock(blocks.StreamBlock):
    """What may go inside a section."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph.html",
        description="Text, with bullet or numbered lists and links.",
    )
    subheading = blocks.CharBlock(
        max_length=120,
        icon="title",
        template="blocks/subheading.html",
        description="A smaller heading inside a section.",
    )
    drug_class = DrugClassBlock()
    drug_list = DrugListBlock()
    route_list = RouteListBlock()
    condition_list = ConditionListBlock()
    note = NoteBlock()
    call_to_action = SnippetChooserBlock(
        "pages.CallToAction",
        icon="mail",
        template="blocks/call_to_action.html",
        description="A reusable call to action, such as a phone line.",
    )
    advert = SnippetChooserBlock(
        "pages.Advert",
        icon="doc-empty",
        template="blocks/advert.html",
        description="An advert slot; the site's non-endorsement disclaimer shows with it.",
    )


class SectionBlock(SectionHeadingMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=160, help_text="Shown in the table of contents.")
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text="Optional in-page link name; made from the heading when empty.",
    )
    content = ContentStreamBlock()

    class Meta:
        icon = "doc-full"
        template = "blocks/section.html"
        label = "Section"
        description = "A titled section of the article, listed in its table of contents."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = self.anchor_for(value)
        return context


class EditorInputMixin:
    """Takes the body only as the editor's scripts post it; anything else is an error.

    Wagtail reads a StreamField from the request as those scripts write it: counts, orders,
    block types, chosen ids and Draftail's JSON. A crafted or garbled request that breaks one
    fails with a server error, and so does JSON that escapes a NUL or half a surrogate pair
    (PostgreSQL refuses to store either); a rich text link to a page id that is not a number
    is saved, after which the page no longer opens in the editor. Here each is an error on
    the body (which the form then shows empty, so the bad value is never drawn), and nothing
    is saved."""

    AGAIN = "Nothing was saved: reload the page to get the last saved version back."

    def value_from_datadict(self, data, files, prefix):
        try:
            value = super().value_from_datadict(data, files, prefix)
        except Exception:  # whatever the malformed request broke: it was not the editor's
            return UnreadableStream(self, f"The body could not be read. {self.AGAIN}")
        if any(_links_to_no_page(text) for text in _rich_texts(value)):
            return UnreadableStream(self, f"A link in the text goes to no page. {self.AGAIN}")
        if not all(_storable(text) for text in _strings(self.get_prep_value(value))):
            problem = f"The body holds characters that cannot be saved. {self.AGAIN}"
            return UnreadableStream(self, problem)
        return value

    def clean(self, value):
        if isinstance(value, UnreadableStream):
            raise blocks.StreamBlockValidationError(
                non_block_errors=[ValidationError(value.problem)]
            )
        return super().clean(value)


class UnreadableStream(blocks.StreamValue):
    """An empty body standing for one that could not be taken from the request."""

    def __init__(self, stream_block, problem: str):
        super().__init__(stream_block, [])
        self.problem = problem


def _rich_texts(value):
    """Every rich text value in a block value, however deeply nested."""
    if isinstance(value, RichText):
        yield value
    elif isinstance(value, blocks.StreamValue):
        for child in value:
            yield from _rich_texts(child.value)
    elif isinstance(value, dict):  # a StructValue
        for item in value.values():
            yield from _rich_texts(item)
    elif isinstance(value, list | ListValue):
        for item in value:
            yield from _rich_texts(item)


def _strings(prep_value):
    """Every string in a block value as stored (JSON-like lists and dicts)."""
    if isinstance(prep_value, str):
        yield prep_value
    elif isinstance(prep_value, dict):
        for item in prep_value.values():
            yield from _strings(item)
    elif isinstance(prep_value, list):
        for item in prep_value:
            yield from _strings(item)


def _storable(text: str) -> bool:
    return "\x00" not in text and not any("\ud800" <= char <= "\udfff" for char in text)


def _links_to_no_page(text: RichText) -> bool:
    for tag in FIND_A_TAG.finditer(text.source or ""):
        attrs = extract_attrs(tag.group(1))
        page_id = attrs.get("id", "")
        if attrs.get("linktype") == "page" and not (page_id.isascii() and page_id.isdigit()):
            return True
    return False


class UniqueAnchorsMixin:
    """Two sections with one anchor would make a table-of-contents link jump to the wrong
    place, so the editor is told which section to rename."""

    def clean(self, value):
        value = super().clean(value)
        seen = set()
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "section":
                continue
            anchor = SectionHeadingMixin.anchor_for(child.value)
            if anchor in seen:
                field = "anchor" if child.value.get("anchor") else "heading"
                errors[index] = blocks.StructBlockValidationError(
                    block_errors={
                        field: ValidationError(
                            "Another section already uses this heading or anchor; "
                            "give this section a different one."
                        )
                    }
                )
            seen.add(anchor)
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


class ArticleStreamBlock(EditorInputMixin, UniqueAnchorsMixin, blocks.StreamBlock):
    section = SectionBlock()
    note = NoteBlock()
    call_to_action = ContentStreamBlock.base_blocks["call_to_action"]
    advert = ContentStreamBlock.base_blocks["advert"]


class PageStreamBlock(EditorInputMixin, UniqueAnchorsMixin, blocks.StreamBlock):
    """For plain content pages such as the editorial policy."""

    section = SectionBlock()
    paragraph = ContentStreamBlock.base_blocks["paragraph"]
    note = NoteBlock()
    call_to_action = ContentStreamBlock.base_blocks["call_to_action"]
