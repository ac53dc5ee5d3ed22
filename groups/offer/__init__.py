"""The offer: group pages, meetings, enrolment with the waiting list, and
calendar feeds."""
