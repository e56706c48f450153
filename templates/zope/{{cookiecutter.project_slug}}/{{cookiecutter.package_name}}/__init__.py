"""{{ cookiecutter.project_name }}: a Zope application.

This package holds the site's own code. Zope does not import it by itself:
the instance's etc/site.zcml includes its configure.zcml, which registers the
views and the static files with Zope's component registry.
"""

# The name pages show; views read it from here.
PROJECT_NAME = "{{ cookiecutter.project_name }}"
