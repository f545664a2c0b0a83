from pages.blocks import SectionHeadingMixin


def table_of_contents(stream) -> list[dict]:
    """In-page links for every section of a stream, in order: [{'anchor', 'heading'}]."""
    entries = []
    for block in stream:
        if block.block_type != "section":
            continue
        anchor = SectionHeadingMixin.anchor_for(block.value)
        entries.append({"anchor": anchor, "heading": block.value["heading"]})
    return entries
