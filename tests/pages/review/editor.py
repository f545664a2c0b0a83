"""The admin's editor as a browser submits it: the form's own fields, scraped from the page,
posted with the footer action a person chooses. Used for records, whose forms are plain
HTML; a page's StreamField is drawn by JavaScript, so pages are walked in tests/browser/."""

from bs4 import BeautifulSoup

from tests.drugs.snippets import snippet_url


def editor_fields(response) -> dict[str, list[str]]:
    """Every value the editor form would submit, as the browser would send it."""
    form = BeautifulSoup(response.content, "html.parser").find("form", id="w-editor-form")
    assert form is not None, "no editor form on the page"
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or "__prefix__" in name or field.find_parent("template"):
            continue
        if field.name == "select":
            values = [
                o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")
            ]
        elif field.name == "textarea":
            values = [field.text.removeprefix("\n")]
        elif field.get("type") in ("checkbox", "radio"):
            values = [field.get("value", "on")] if field.has_attr("checked") else []
        elif field.get("type") in ("submit", "button", "image", "file"):
            continue
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data


def edit_url(obj) -> str:
    return snippet_url(type(obj), "edit", obj.pk)


def footer(client, obj, action, workflow_action=None, **changes):
    """Open the record's editor, change the named fields, and choose a footer action:
    'submit', 'workflow-action' (with `workflow_action` such as 'approve'), 'cancel-workflow',
    or None for Save draft. Returns the response, redirects followed."""
    url = edit_url(obj)
    data = editor_fields(client.get(url))
    for name, value in changes.items():
        data[name] = [value]
    if action:
        data[f"action-{action}"] = ["1"]
    if workflow_action:
        data["workflow-action-name"] = [workflow_action]
    return client.post(url, data, follow=True)
