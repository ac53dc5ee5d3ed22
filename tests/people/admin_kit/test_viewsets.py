"""A viewset has no screen for what its policy never permits: no delete
screen for records kept for good, no edit or history for records changed
only by their own actions, no add, edit or delete for computed ones."""

import pytest
from django.urls import NoReverseMatch, reverse


@pytest.mark.parametrize(
    ("viewset", "missing", "present"),
    [
        ("meetings", ["delete", "usage"], ["add", "edit", "history", "inspect", "cancel"]),
        ("enrolments", ["add", "edit", "delete", "history", "usage"], ["inspect", "promote"]),
        ("savings_circles", ["delete", "usage"], ["add", "edit"]),
        ("completions", ["add", "edit", "delete", "history", "usage"], ["inspect"]),
        ("competency_records", ["edit", "delete", "history", "usage"], ["add", "inspect"]),
        ("volunteer_profiles", ["delete"], ["add", "edit", "inspect"]),
    ],
)
def test_only_the_screens_of_permitted_actions_exist(viewset, missing, present):
    def exists(name):
        arguments = [] if name == "add" else [1]
        try:
            reverse(f"{viewset}:{name}", args=arguments)
        except NoReverseMatch:
            return False
        return True

    assert [name for name in missing if exists(name)] == []
    assert [name for name in present if not exists(name)] == []
