"""Registrations only: the personal data hooks, and the link from the
attention list to a plan."""

from wagtail import hooks

from groups.hooks import ATTENTION_SOURCE_URL
from people.privacy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA

from .attention import plan_admin_urls
from .privacy import erase_aftercare_data, export_aftercare_data

hooks.register(EXPORT_PERSONAL_DATA, export_aftercare_data)
hooks.register(ERASE_PERSONAL_DATA, erase_aftercare_data)
hooks.register(ATTENTION_SOURCE_URL, plan_admin_urls)
