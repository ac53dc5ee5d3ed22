"""The coordinator's admin screens for meetings and sign-ups."""
