"""Checks that higher apps register, so groups never imports them: before a
user becomes a group's trainer, every check may say what is missing."""

_trainer_checks = []


def register_trainer_check(function):
    """`function(user, group)` returns a list of reasons (empty: fine)."""
    _trainer_checks.append(function)
    return function


def trainer_problems(user, group):
    problems = []
    for check in _trainer_checks:
        problems.extend(check(user, group))
    return problems
