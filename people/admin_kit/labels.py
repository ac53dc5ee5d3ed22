"""Labels the admin takes from the models, so screens and models use one
wording."""

from django.utils.text import capfirst


def field_label(model, name):
    """A model field's own (translated) name, capitalised."""
    return capfirst(model._meta.get_field(name).verbose_name)
