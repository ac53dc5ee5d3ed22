"""The admin toolkit every app's Wagtail screens use: organisation scoping
and what may ever be done with a record (`policies`, `viewsets`), confirm-
and-do actions and service forms (`views`), columns and labels, the
formula-safe spreadsheet export (`exports`) and the report base (`reports`).
"""
