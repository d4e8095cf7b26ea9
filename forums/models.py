"""Models of the forums app."""
