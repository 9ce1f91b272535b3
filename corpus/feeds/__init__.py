"""Feeds from the network: polite HTTP fetching, feed entries to article records, full text, OPML.

Ingestion only: nothing here knows about the index or the UI. `search/feeds.py` stores subscriptions
and runs refreshes with these parts.
"""
