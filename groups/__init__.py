"""The group engine, by sub-domain: `offer` (group pages, meetings, sign-up
with the waiting list, calendar feeds), `attendance` (attendance, attention
signals, reports) and `savings` (savings circles, their ledger and pay-out)."""
