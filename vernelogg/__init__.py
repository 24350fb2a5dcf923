"""Vernelogg: records for Norwegian safety delegates (verneombud) and HMS leaders."""

__version__ = "0.1.0"
APP_NAME = "Vernelogg"
APP_ID = "no.vernelogg.Vernelogg"
