"""The expectations table covers exactly the resolver's URL patterns."""

import pytest

from .expectations import STAFF, table_problems
from .resolver import project_routes, url_patterns

pytestmark = pytest.mark.database_free


def test_every_url_pattern_has_an_expectation_and_no_entry_is_stale():
    assert table_problems(url_patterns(), project_routes=project_routes()) == []


def test_a_new_url_fails_with_where_to_add_it():
    patterns = [("geheim/<int:pk>/", "geheim")]
    (problem,) = table_problems(patterns, own_urls={}, prefix_rules={})
    assert "'geheim/<int:pk>/'" in problem and "OWN_URLS" in problem


def test_a_project_admin_url_is_not_covered_by_wagtails_prefix_rule():
    patterns = [("admin/meetings/nieuw-scherm/", "meetings:new_screen")]
    (problem,) = table_problems(patterns, own_urls={}, prefix_rules={"admin/": STAFF})
    assert "admin/meetings/nieuw-scherm/" in problem


def test_a_view_of_the_project_below_allauths_prefix_must_be_listed():
    patterns = [("account/2fa/eigen/", "eigen")]
    (problem,) = table_problems(
        patterns,
        own_urls={},
        prefix_rules={"account/": STAFF},
        project_routes={"account/2fa/eigen/"},
    )
    assert "account/2fa/eigen/" in problem


def test_a_stale_entry_fails():
    (problem,) = table_problems([], own_urls={"weg/": STAFF}, prefix_rules={})
    assert "'weg/'" in problem and "remove it" in problem
