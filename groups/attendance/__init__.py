"""Attendance: who came to which meeting, attention signals for people who
slip away, and the coordinators' attendance reports."""
