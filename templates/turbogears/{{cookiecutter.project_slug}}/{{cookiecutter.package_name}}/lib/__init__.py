"""Code shared by the controllers and the templates."""
