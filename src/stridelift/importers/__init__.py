"""Importers: read files from outside (FIT activities, ...) into domain objects."""
