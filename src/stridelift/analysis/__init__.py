"""Numeric adapters (numpy) for the pure-Python domain: same answers, faster on long streams."""
