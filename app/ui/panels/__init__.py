"""Dockable panels and their registry."""
