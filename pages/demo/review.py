"""The medical review stamp shared by the demo article and every record it names: they were
reviewed together, and are due for review again three years later."""

import datetime

REVIEWED_ON = datetime.date(2023, 5, 10)
NEXT_REVIEW_DUE = datetime.date(2026, 5, 10)
