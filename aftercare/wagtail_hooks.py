"""Registrations only: the personal data hooks and the sections of Mijn Waakvlam."""

from wagtail import hooks

from people.privacy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA
from people.sections import MY_WAAKVLAM_SECTION

from .mine.section import my_aftercare
from .privacy import erase_aftercare_data, export_aftercare_data

hooks.register(EXPORT_PERSONAL_DATA, export_aftercare_data)
hooks.register(ERASE_PERSONAL_DATA, erase_aftercare_data)
hooks.register(MY_WAAKVLAM_SECTION, my_aftercare, order=12)
