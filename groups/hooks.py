"""The Wagtail hooks through which higher apps add to the groups app, so it
never imports them.

- TRAINER_PROBLEMS: `function(user, group)` returns reasons (a list of
  sentences) why `user` may not become a trainer of `group`; empty when fine.
- GROUP_PAGE_SECTION: `function(request, page)` returns a
  `people.sections.Section` for the group page, or None; `order` places it
  (10 sign-up, 20 meetings, 50 about, 70 practical facts: see
  groups.wagtail_hooks).
"""

from wagtail import hooks

TRAINER_PROBLEMS = "waakvlam_trainer_problems"
GROUP_PAGE_SECTION = "waakvlam_group_page_section"


def trainer_problems(user, group):
    return [
        problem for check in hooks.get_hooks(TRAINER_PROBLEMS) for problem in check(user, group)
    ]
