from django.db import models


class SearchMiss(models.Model):
    """A search that found nothing, for editors to close the gap (Reports → Searches with no
    results). Popular searches are counted by Wagtail's search promotions."""

    query_string = models.CharField(max_length=255, unique=True)
    hits = models.PositiveIntegerField(default=1)
    last_searched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-hits", "query_string"]
        verbose_name = "search with no results"
        verbose_name_plural = "searches with no results"

    def __str__(self):
        return self.query_string
