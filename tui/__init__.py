"""The terminal front end: the Textual app and the command line.

`tui.cli` must stay importable without Textual so the scriptable subcommands start fast.
"""
