"""Sections of "Mijn Waakvlam" that higher apps add (my groups, my
competencies), so this app never imports them."""

_sections = []


def register_section(*, template, context, order=100):
    """`context(request)` returns a dict for `template`, or None to hide it."""
    _sections.append((order, template, context))
    _sections.sort(key=lambda section: section[0])


def sections_for(request):
    shown = []
    for _order, template, context in _sections:
        data = context(request)
        if data is not None:
            shown.append({"template": template, **data})
    return shown
