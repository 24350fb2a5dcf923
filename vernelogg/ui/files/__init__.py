"""The database file and what leaves it: e-mail drafts (Send til ansvarlig, Send innkalling)."""
