"""Screens of the alliance-reader app."""
