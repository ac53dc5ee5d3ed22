"""The coordinator's Wagtail screens for volunteers; registered in
volunteers.wagtail_hooks."""
