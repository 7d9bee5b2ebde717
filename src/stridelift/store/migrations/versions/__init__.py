"""Revisions, one file each; the chain starts at ``initial_0001``."""
