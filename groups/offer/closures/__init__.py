"""Closures: periods in which an organisation's groups do not meet (school
holidays, public holidays), and groups paused until further notice."""
