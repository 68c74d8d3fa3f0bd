"""Screens and dialogs of the interface."""
