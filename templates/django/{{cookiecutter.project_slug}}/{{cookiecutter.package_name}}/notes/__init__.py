"""The notes app: a model, a form, views, templates and admin pages for short notes."""
