"""Where the publisher starts walking a URL: at the application, not the root folder.

The Zope Toolkit publisher turns a URL into an object by *traversal*: it
takes the object its *publication* names as the start (the ZODB's root
folder, by default) and looks up one URL segment after the other from there.
The application is stored in that root folder under the name ``app``, so it
would answer at ``/app``. The publication below starts at the application
instead, which publishes it at ``/`` without an extra traversal step on every
request. It is Grok's own browser publication with that one method changed,
chosen for browser requests (GET, POST, HEAD) by the ``publisher`` directive
in configure.zcml, which ranks it above Grok's.
"""

from grokcore.view.publication import GrokBrowserFactory, GrokBrowserPublication
from zope.site.interfaces import IRootFolder

from .app import APP_NAME


class AppPublication(GrokBrowserPublication):
    def getApplication(self, request):
        root = super().getApplication(request)
        # Before `migrate` has added the application, the root folder it is.
        app = root.get(APP_NAME) if IRootFolder.providedBy(root) else None
        return root if app is None else app


class AppBrowserFactory(GrokBrowserFactory):
    """What the ``publisher`` directive asks for: the request and publication classes."""

    def __call__(self):
        request, _ = super().__call__()
        return request, AppPublication
