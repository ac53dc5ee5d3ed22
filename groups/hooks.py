"""The Wagtail hooks through which higher apps add to the groups app, so it
never imports them.

- TRAINER_PROBLEMS: `function(user, group)` returns reasons (a list of
  sentences) why `user` may not become a trainer of `group`; empty when fine.
- TRAINER_LACKING: `function(user, group)` returns the short names of what
  `user` lacks to lead `group` (empty when qualified), or None when it has
  nothing to say about this kind of group; shown beside each name in the
  admin's choice of trainers.
- TRAINER_FLAGS: `function(groups)` returns {group id: [(trainer, [short
  names of what lapsed])]} for trainers whose qualification expired while
  they lead the group ("VOG (expired)"); shown on the group's edit page and,
  to the trainer themself, on Mijn Waakvlam. A group without a flag is left
  out. A fixed number of queries for any number of groups.
- GROUP_PAGE_SECTION: `function(request, page)` returns a
  `people.sections.Section` for the group page, or None; `order` places it
  (10 sign-up, 20 meetings, 50 about, 70 practical facts: see
  groups.wagtail_hooks).
"""

from wagtail import hooks

TRAINER_PROBLEMS = "waakvlam_trainer_problems"
TRAINER_LACKING = "waakvlam_trainer_lacking"
GROUP_PAGE_SECTION = "waakvlam_group_page_section"
TRAINER_FLAGS = "waakvlam_trainer_flags"
ATTENTION_SOURCE_URL = "waakvlam_attention_source_url"


def trainer_problems(user, group):
    return [
        problem for check in hooks.get_hooks(TRAINER_PROBLEMS) for problem in check(user, group)
    ]


def trainer_lacking(user, group):
    """What `user` lacks to lead `group`, by every registered check; None
    when no check knows this kind of group."""
    answers = [check(user, group) for check in hooks.get_hooks(TRAINER_LACKING)]
    answers = [answer for answer in answers if answer is not None]
    if not answers:
        return None
    return [name for answer in answers for name in answer]


def trainer_flags(groups):
    """{group id: [(trainer, [what lapsed])]} from every registered check."""
    flags = {}
    for check in hooks.get_hooks(TRAINER_FLAGS):
        for group_id, sentences in check(groups).items():
            flags.setdefault(group_id, []).extend(sentences)
    return flags


def attention_source_urls(signals):
    """{signal id: URL} for the group-less `signals`, by every registered
    function."""
    groupless = [signal for signal in signals if signal.group_id is None]
    urls = {}
    if groupless:
        for source in hooks.get_hooks(ATTENTION_SOURCE_URL):
            urls.update(source(groupless))
    return urls
