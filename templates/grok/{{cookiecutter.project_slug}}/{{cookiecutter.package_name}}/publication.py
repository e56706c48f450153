"""Where the publisher starts walking a URL: at the application, not the root folder.

The Zope Toolkit publisher turns a URL into an object by *traversal*: it
takes the object its *publication* names as the start (the ZODB's root
folder, by default) and looks up one URL segment after the other from there.
The application is stored in that root folder under the name ``app``, so it
would answer at ``/app``. The publication below starts at the application
instead, which publishes it at ``/`` without an extra traversal step on every
request. It is Grok's own browser publication with ``getApplication`` changed
(and the checks below), chosen for browser requests (GET, POST, HEAD) by the ``publisher`` directive
in configure.zcml, which ranks it above Grok's.

It also narrows what a URL may name. The Zope Toolkit lets a URL segment
reach far beyond the site's pages: ``++etc++site`` (the component registry),
``++attribute++x`` (any attribute), ``++vh++`` (the host that links name),
``@@absolute_url`` (a helper view that is no page), and more. None of them
is a page of this site, and some failed with a 500 when anyone asked for
them, so they answer 404 like any other page that is not there.
"""

from grokcore.view.interfaces import IGrokView
from grokcore.view.publication import GrokBrowserFactory, GrokBrowserPublication
from zope.interface.interfaces import ComponentLookupError
from zope.publisher.interfaces import NotFound
from zope.site.interfaces import IRootFolder
from zope.traversing.namespace import nsParse

from .app import APP_NAME

# The ``++namespace++`` names a URL of this site may use: views (``@@name``
# is short for ``++view++name``), resources (``/@@/static``) and, only in
# developer mode, where it is registered at all, ``++debug++``.
NAMESPACES = frozenset({"view", "resource", "debug"})


def allowed(name: str) -> bool:
    """Whether a URL segment is a plain name or one in NAMESPACES."""
    namespace, _ = nsParse(name)
    return not namespace or namespace in NAMESPACES


class AppPublication(GrokBrowserPublication):
    def getApplication(self, request):
        stack = request.getTraversalStack()
        if stack and not allowed(stack[-1]):
            # Checked here too: Zope answers ``/++etc++process`` before any
            # traversal, from a registry this site does not have (a 500).
            raise NotFound(None, stack[-1], request)
        root = super().getApplication(request)
        # Before `migrate` has added the application, the root folder it is.
        app = root.get(APP_NAME) if IRootFolder.providedBy(root) else None
        return root if app is None else app

    def traverseName(self, request, ob, name):
        """One URL segment: a namespace other than NAMESPACES is not found."""
        if not allowed(name):
            raise NotFound(ob, name, request)
        found = super().traverseName(request, ob, name)
        namespace, view_name = nsParse(name)
        if namespace == "view" and view_name and not IGrokView.providedBy(found):
            # A view of the Toolkit's own, registered for every object, that is
            # no page of this site (@@absolute_url, @@widget_macros): only the
            # site's Grok views are pages. ``@@/...`` (no name) is the resources.
            raise NotFound(ob, name, request)
        return found

    def getDefaultTraversal(self, request, ob):
        """What to show for the object a URL ends at: 404 when it is no page.

        Traversal can end at an object that has no page to show (a view such
        as ``@@absolute_url``, a static folder's helper): Zope then finds no
        default view and raises ComponentLookupError, a 500. It is a URL
        that names nothing to show, so: Not Found.
        """
        try:
            return super().getDefaultTraversal(request, ob)
        except ComponentLookupError:
            raise NotFound(ob, "", request) from None


class AppBrowserFactory(GrokBrowserFactory):
    """What the ``publisher`` directive asks for: the request and publication classes."""

    def __call__(self):
        request, _ = super().__call__()
        return request, AppPublication
