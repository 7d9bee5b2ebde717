"""Pure Plan -> bytes exporters, kept free of I/O so the CLI decides where output goes."""
