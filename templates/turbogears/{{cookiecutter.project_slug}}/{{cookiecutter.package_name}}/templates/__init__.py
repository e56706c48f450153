"""Kajiki templates, found by dotted name (``package.templates.index``)."""
