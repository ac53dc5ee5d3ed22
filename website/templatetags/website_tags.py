from django import template
from django.forms import CheckboxInput, CheckboxSelectMultiple, RadioSelect, Select, Textarea
from wagtail.models import Page, Site

from website.meta import meta_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Description and Open Graph data of the page in `context` (see
    website.meta)."""
    page = context.get("page")
    return meta_for(context.get("request"), page if isinstance(page, Page) else None)


@register.simple_tag(takes_context=True)
def menu_items(context):
    """The pages an editor marked 'show in menus' directly below the home
    page, as (title, url, current), read once per request."""
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_waakvlam_menu", None)
    if cached is None:
        site = Site.find_for_request(request)
        pages = site.root_page.get_children().live().public().in_menu() if site else []
        cached = []
        for page in pages:
            url = page.get_url(request=request)
            cached.append(
                {"title": page.title, "url": url, "current": request.path.startswith(url)}
            )
        request._waakvlam_menu = cached
    return cached


@register.filter
def utrecht_widget(bound_field):
    """Render a form field's widget with the NL Design System classes and the
    ARIA links to its description and error."""
    widget = bound_field.field.widget
    if isinstance(widget, (CheckboxInput,)):
        css = "utrecht-checkbox utrecht-checkbox--html-input"
    elif isinstance(widget, (RadioSelect, CheckboxSelectMultiple)):
        css = ""
    elif isinstance(widget, Select):
        css = "utrecht-select utrecht-select--html-select"
    elif isinstance(widget, Textarea):
        css = "utrecht-textarea utrecht-textarea--html-textarea"
    else:
        css = "utrecht-textbox utrecht-textbox--html-input"
    described_by = []
    attrs = {}
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        css += " utrecht-textbox--invalid" if "textbox" in css else ""
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if css:
        attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), css]))
    return bound_field.as_widget(attrs=attrs)


@register.filter
def fields_with_errors(form):
    return [field for field in form.visible_fields() if field.errors]
