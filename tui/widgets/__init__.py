"""Widgets the screens are built of: bead table, edit panel, minimap, quality panel, text lines."""
