"""Pieces that higher apps add to a lower app's screen, through Wagtail hooks.

A screen names a hook; every app that has something to show there registers
a function for it in its `wagtail_hooks.py`, with `order` deciding where:

    @hooks.register(MY_WAAKVLAM_SECTION, order=20)
    def my_certificates(request):
        return Section("courses/my_certificates.html", {...})  # or None

The screen renders each section's template with its context as `section`.
"""

from dataclasses import dataclass, field

from wagtail import hooks

# Mijn Waakvlam: `function(request)`.
MY_WAAKVLAM_SECTION = "waakvlam_my_waakvlam_section"


@dataclass(frozen=True)
class Section:
    template: str
    context: dict = field(default_factory=dict)


def sections(hook_name, *args):
    """What the functions registered for `hook_name` show for `args`, in
    their order; a function that returns None shows nothing."""
    found = (function(*args) for function in hooks.get_hooks(hook_name))
    return [section for section in found if section is not None]
