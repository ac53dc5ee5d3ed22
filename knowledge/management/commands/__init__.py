"""`manage.py import_whitepaper`."""
