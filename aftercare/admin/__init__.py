"""The coordinator's side of aftercare in the Wagtail admin ("Nazorg"):
plans, the overdue list, the organisation's settings and the report, all
scoped to the coordinator's own organisations (people.admin_kit)."""
