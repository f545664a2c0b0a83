"""Routes of administration: how a medicine gets into the body."""

from typing import NamedTuple


class RouteData(NamedTuple):
    slug: str
    name: str
    schema_name: str
    description: str


# In the order readers see them.
ROUTES = [
    RouteData(
        "iv-infusion",
        "IV infusion",
        "Intravenous",
        "The medicine drips slowly from a bag, through a thin tube, straight into a vein, "
        "usually while you sit in a clinic or hospital chair.",
    ),
    RouteData(
        "injection-under-the-skin",
        "Injection under the skin",
        "Subcutaneous",
        "A short, fine needle puts the medicine into the layer of fat just below your skin, "
        "and many people learn to do this themselves at home.",
    ),
    RouteData(
        "injection-into-a-muscle",
        "Injection into a muscle",
        "Intramuscular",
        "A nurse or doctor gives the medicine as a shot deep into a large muscle, such as "
        "the top of your arm or your buttock.",
    ),
    RouteData(
        "by-mouth",
        "By mouth",
        "Oral",
        "You swallow the medicine as a tablet, capsule or liquid.",
    ),
    RouteData(
        "on-the-skin",
        "On the skin",
        "Topical",
        "You spread a cream, gel or ointment thinly over the patch of skin being treated.",
    ),
    RouteData(
        "into-the-bladder",
        "Into the bladder",
        "Intravesical",
        "A nurse passes the medicine through a thin, soft tube (catheter) into your "
        "bladder, where it stays for a while before you pass it out when you urinate.",
    ),
]
