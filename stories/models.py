"""Models of the stories app."""
