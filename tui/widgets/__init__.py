"""Dumb widgets: they show what the screen binds into them and post messages back."""
