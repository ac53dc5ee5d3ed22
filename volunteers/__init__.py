"""Volunteer profiles, the competency framework, records with evidence and
expiry, role requirements and the qualification overview."""
