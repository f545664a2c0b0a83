"""Footer actions taken in the editor: an approval the rules refuse there keeps the edit.

Wagtail's editors save the form as a revision and then run the chosen workflow action. If
the reviewer changed the content while choosing Approve, that revision holds their own
writing, and the task refuses to approve it. Raised as a PermissionDenied, that would show
"Sorry, you do not have permission" over a saved draft. Instead the editor marks the user
before the action runs; the task records its refusal on the user, and afterwards the
reviewer is brought back to the editor with their edit saved and the reason."""

from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.models import Page

from .handover import edit_path
from .models import EDITOR_ACTION, REFUSED


def _mark(request):
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        setattr(request.user, EDITOR_ACTION, True)


def _refusal(request, obj):
    reason = getattr(request.user, REFUSED, "")
    if not reason:
        return None
    delattr(request.user, REFUSED)
    messages.error(request, f"Not approved: your changes were saved as a draft. {reason}")
    return redirect(edit_path(obj.specific if isinstance(obj, Page) else obj))


@hooks.register("before_edit_page")
def mark_page_action(request, page):
    _mark(request)


@hooks.register("before_edit_snippet")
def mark_snippet_action(request, instance):
    _mark(request)


@hooks.register("after_edit_page")
def refused_page_action(request, page):
    return _refusal(request, page)


@hooks.register("after_edit_snippet")
def refused_snippet_action(request, instance):
    return _refusal(request, instance)
