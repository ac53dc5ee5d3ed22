"""Savings circles (spaarkringen): cycles, goals, the ledger and the pay-out."""
