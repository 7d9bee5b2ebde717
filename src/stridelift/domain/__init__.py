"""The pure core: no I/O, no frameworks, only the standard library (a test enforces this)."""
