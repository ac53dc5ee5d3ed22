"""Waakvlam's own outbox: every e-mail is a row that a django-q2 task (given
only the row's id) renders and sends, retried with back-off for days.

A row keeps the recipe of a message (template and a context of plain values
and references to records), never a rendered body: links with a token are
made again when the mail leaves (`context.SendTime`, `account_mail`).
"""
