"""Packaging tests: the self-test run as a user runs it, the resource lookup of the frozen
layout, and workspaces across versions. The shell fixtures are the UI tests' own."""

from tests.ui.conftest import isolated, make_shell  # noqa: F401
