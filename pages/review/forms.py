"""The forms a medical reviewer fills in for a task action (MedicalReviewTask's modal forms).

Each keeps Wagtail's field name, `comment`, which the task stores on its task state: an
approval's note becomes the public stamp's "What changed at this review" (finish.py), and a
request for changes is what the author is shown and emailed. Their labels say who reads
them."""

from django import forms


def _text_box(**fields) -> forms.CharField:
    return forms.CharField(widget=forms.Textarea({"rows": 3}), **fields)


class ApproveWithNoteForm(forms.Form):
    comment = _text_box(
        label="Note for readers",
        required=False,
        help_text=(
            "Shown on the public page beside the review stamp, after “What changed at this "
            "review:”. Say what changed, in words a reader understands."
        ),
    )


class RequestChangesForm(forms.Form):
    comment = _text_box(
        label="What needs to change",
        help_text=(
            "The author sees this when they reopen the page or record in the editor, and "
            "by email. Readers never see it."
        ),
    )


class HandoverForm(forms.Form):
    comment = _text_box(
        label="Message to the other reviewers",
        required=False,
        help_text="Included in the email each of them receives.",
    )
