"""Hostile values in the admin's drug, drug class and condition forms: the editor gets the
form back with error messages, or a saved draft, never a server error; and the live record,
its public page and its earlier revisions are untouched."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wagtail.test.utils.form_data import querydict_from_html

from drugs.models import Condition, Drug, DrugClass
from tests.drugs.snippets import snippet_url as url
from tests.fuzz import FUZZ, KNOWN_BAD, hostile_text, isolated, post_form, query_string
from tests.html import soup

pytestmark = pytest.mark.django_db

# The fields an editor (or a crafted request) can fill in each form, including the inline
# brand name and synonym rows, the choosers and the formsets' management counts.
FIELDS = {
    Drug: [
        "generic_name",
        "slug",
        "summary",
        "description",
        "brand_names-0-name",
        "brand_names-0-mark",
        "brand_names-0-id",
        "brand_names-INITIAL_FORMS",  # (a huge TOTAL_FORMS is valid: 2,000 rows, slow to draw)
        "classes",
        "routes",
        "conditions",
    ],
    DrugClass: ["name", "slug", "also_called", "parent", "sort_order", "summary", "description"],
    Condition: [
        "name",
        "slug",
        "icd10_code",
        "summary",
        "description",
        "synonyms-0-name",
        "synonyms-0-id",
        "synonyms-INITIAL_FORMS",
    ],
}
SLUGS = {Drug: "adalimumab", DrugClass: "tnf-inhibitors", Condition: "rheumatoid-arthritis"}

field_value = st.one_of(hostile_text, st.sampled_from(KNOWN_BAD))

# Each admin request renders a whole editor, so fewer examples than the public fuzz tests.
ADMIN_FUZZ = settings(FUZZ, max_examples=10)


def form_data(client, form_url):
    """The form exactly as the admin renders it (less the blank row templates)."""
    data = querydict_from_html(client.get(form_url).content.decode(), form_id="w-editor-form")
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    return data


def hostile(data, changes):
    """The form data with hostile values in some fields; a value can also be repeated."""
    data = data.copy()
    for name, values in changes.items():
        data.setlist(name, values)
    return data


def assert_errors_shown_or_draft_saved(response):
    """A 200 is the form again with its errors; a 302 means a draft was saved."""
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        page = soup(response)
        assert page.select(".error-message, .help-critical, .w-field__errors, .messages .error"), (
            "the form came back without saying what is wrong"
        )


def changes_for(model):
    return st.dictionaries(
        st.sampled_from(FIELDS[model]),
        st.lists(field_value, min_size=1, max_size=2),
        min_size=1,
        max_size=3,
    )


@pytest.mark.parametrize("model", [Drug, DrugClass, Condition])
def test_hostile_edits_never_lose_the_live_record(editor, client, model):
    obj = model.objects.get(slug=SLUGS[model])
    public_before = client.get(obj.get_url()).content
    revisions_before = set(obj.revisions.values_list("pk", flat=True))
    data = form_data(editor, url(model, "edit", obj.pk))

    @ADMIN_FUZZ
    @given(changes=changes_for(model))
    @example(changes={FIELDS[model][0]: ["<script>alert(1)</script>"]})
    @example(changes={FIELDS[model][0]: ["a\x00b"], "slug": ["../../etc"]})
    @example(changes={"summary": ["\ud800 lone surrogate"], "slug": ["-1"]})
    @example(changes={FIELDS[model][4]: ["dup", "dup"], "description": ["x" * 100_000]})
    def fuzz(changes):
        with isolated():
            response = post_form(editor, url(model, "edit", obj.pk), hostile(data, changes))
            assert_errors_shown_or_draft_saved(response)
            live = model.objects.get(pk=obj.pk)
            assert live.live
            assert live.slug == obj.slug
            assert revisions_before <= set(live.revisions.values_list("pk", flat=True))
            if response.status_code == 302:
                # The saved draft opens again in the editor and the listing.
                assert editor.get(url(model, "edit", obj.pk)).status_code == 200
                assert editor.get(url(model, "list")).status_code == 200
            assert client.get(obj.get_url()).content == public_before

    fuzz()


@pytest.mark.parametrize("model", [Drug, DrugClass, Condition])
def test_hostile_new_records_are_refused_or_kept_as_drafts(editor, client, model):
    data = form_data(editor, url(model, "add"))

    @ADMIN_FUZZ
    @given(changes=changes_for(model), name=field_value)
    @example(changes={"slug": ["ok-slug"], "summary": ["<img src=x onerror=alert(1)>"]}, name="n")
    @example(changes={"slug": ["a\x00"]}, name="\x00")
    def fuzz(changes, name):
        with isolated():
            count = model.objects.count()
            response = post_form(
                editor, url(model, "add"), hostile(data, {FIELDS[model][0]: [name], **changes})
            )
            assert_errors_shown_or_draft_saved(response)
            if response.status_code == 302:
                created = model.objects.latest("pk")
                assert model.objects.count() == count + 1
                assert not created.live  # a draft: only medical review publishes
                assert client.get(created.get_url()).status_code == 404
                assert editor.get(url(model, "edit", created.pk)).status_code == 200
                assert editor.get(url(model, "inspect", created.pk)).status_code == 200
            else:
                assert model.objects.count() == count

    fuzz()


LIST_PARAMS = {
    Drug: ["q", "classes", "routes", "live", "p", "ordering", "locale"],
    DrugClass: ["q", "parent", "live", "p", "ordering"],
    Condition: ["q", "live", "p", "ordering"],
}


@pytest.mark.parametrize("model", [Drug, DrugClass, Condition])
def test_hostile_listing_filters(editor, model):
    @FUZZ
    @given(query=query_string(LIST_PARAMS[model]))
    @example(query="classes=-1&classes=abc&live=maybe&p=-1&ordering=__class__")
    @example(query="parent=9999999999999999999999&p=1e9&ordering=-tree_path,%00")
    def fuzz(query):
        with isolated():
            assert editor.get(f"{url(model, 'list')}?{query}").status_code in (200, 302, 400, 404)

    fuzz()


# Regressions found by the fuzz tests above.


@pytest.mark.parametrize("parent", [" ", "0-9", "'", "1e9", "9" * 30])
def test_a_parent_that_is_not_a_class_id_is_an_error_not_a_crash(editor, parent):
    """Wagtail's chooser looked the posted parent up as an id to redraw the form."""
    tnf = DrugClass.objects.get(slug="tnf-inhibitors")
    data = form_data(editor, url(DrugClass, "edit", tnf.pk))
    response = post_form(
        editor, url(DrugClass, "edit", tnf.pk), hostile(data, {"parent": [parent]})
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    tnf.refresh_from_db()
    assert tnf.parent.slug == "biologics"


def test_the_parent_chooser_still_shows_the_chosen_class(editor):
    tnf = DrugClass.objects.get(slug="tnf-inhibitors")
    page = soup(editor.get(url(DrugClass, "edit", tnf.pk)))
    assert page.select_one('input[name="parent"]')["value"] == str(tnf.parent_id)
    assert "Biologics" in page.select_one("[data-chooser-title], .chooser__title").get_text()


@pytest.mark.parametrize("model, rows", [(Drug, "brand_names"), (Condition, "synonyms")])
def test_two_rows_with_one_name_are_an_error(editor, model, rows):
    obj = model.objects.get(slug=SLUGS[model])
    data = form_data(editor, url(model, "edit", obj.pk))
    total = int(data[f"{rows}-TOTAL_FORMS"])
    extra = {
        f"{rows}-TOTAL_FORMS": [str(total + 1)],
        f"{rows}-{total}-name": [data[f"{rows}-0-name"]],
        f"{rows}-{total}-id": [""],
        f"{rows}-{total}-ORDER": [str(total + 1)],
        f"{rows}-{total}-DELETE": [""],
    }
    if model is Drug:
        extra[f"{rows}-{total}-mark"] = ["®"]
    response = post_form(editor, url(model, "edit", obj.pk), hostile(data, extra))
    assert response.status_code == 200
    assert "Please correct the duplicate" in response.content.decode()


@pytest.mark.parametrize("model, rows", [(Drug, "brand_names"), (Condition, "synonyms")])
@pytest.mark.parametrize("row_id", [" ", "x", "²", None])
def test_a_row_id_that_is_not_a_number_is_an_error(editor, client, model, rows, row_id):
    """django-modelcluster read the id as it came (a ValueError), or failed without it."""
    obj = model.objects.get(slug=SLUGS[model])
    public_before = client.get(obj.get_url()).content
    data = form_data(editor, url(model, "edit", obj.pk))
    if row_id is None:
        del data[f"{rows}-0-id"]
    else:
        data[f"{rows}-0-id"] = row_id
    latest = obj.get_latest_revision()
    response = post_form(editor, url(model, "edit", obj.pk), data)
    assert response.status_code == 200
    assert "A row here could not be read" in response.content.decode()
    assert model.objects.get(pk=obj.pk).get_latest_revision() == latest
    assert client.get(obj.get_url()).content == public_before


@pytest.mark.parametrize("chosen", ["9223372036854775808", str(10**30), "-9223372036854775809"])
def test_an_id_no_database_holds_is_an_invalid_choice(editor, chosen):
    """On SQLite, Django's `pk__in` check of the choice failed with OverflowError."""
    drug = Drug.objects.get(slug=SLUGS[Drug])
    data = form_data(editor, url(Drug, "edit", drug.pk))
    response = post_form(editor, url(Drug, "edit", drug.pk), hostile(data, {"classes": [chosen]}))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    list_url = url(Drug, "list")
    assert editor.get(f"{list_url}?classes={chosen}").status_code == 200


@pytest.mark.parametrize(
    "model, query, ordering",
    [
        (Drug, "humi", "generic_name"),
        (Drug, "humi", "-last_reviewed_on"),
        (Drug, "humi", ""),
        (DrugClass, "tnf", "name"),
        (Condition, "arthritis", "-name"),
    ],
)
def test_searching_then_sorting_a_listing(editor, model, query, ordering):
    """Wagtail passed the sort to the search backend, which can sort by FilterFields only."""
    response = editor.get(url(model, "list"), {"q": query, "ordering": ordering})
    assert response.status_code == 200
    assert SLUGS[model].split("-")[0] in response.content.decode().lower()


def test_a_huge_initial_row_count_is_answered_at_once(editor):
    """Our row id check counted up to the posted INITIAL_FORMS, which nothing caps: this
    request used to run until the worker ran out of memory. Now the form is answered, and
    the synonyms the editor really sent are kept."""
    condition = Condition.objects.get(slug=SLUGS[Condition])
    synonyms = sorted(condition.synonyms.values_list("name", flat=True))
    data = form_data(editor, url(Condition, "edit", condition.pk))
    data["synonyms-INITIAL_FORMS"] = str(10**8)
    response = post_form(editor, url(Condition, "edit", condition.pk), data)
    assert response.status_code in (200, 302)
    assert sorted(condition.synonyms.values_list("name", flat=True)) == synonyms
