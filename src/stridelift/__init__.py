"""stridelift: strength, core, balance and mobility training planned around a runner's season."""

__version__ = "0.1.0"
