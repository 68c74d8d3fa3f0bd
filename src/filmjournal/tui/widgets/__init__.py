"""Widgets of the interface: one module per pane, plus shared pieces."""
