"""Registrations only: the personal data hooks."""

from wagtail import hooks

from people.privacy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA

from .privacy import erase_aftercare_data, export_aftercare_data

hooks.register(EXPORT_PERSONAL_DATA, export_aftercare_data)
hooks.register(ERASE_PERSONAL_DATA, erase_aftercare_data)
