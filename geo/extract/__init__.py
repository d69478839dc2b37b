"""Extracting incidents, bases and routes from one article (work in progress)."""
