"""Inviting someone to a role in an organisation by e-mail address."""
