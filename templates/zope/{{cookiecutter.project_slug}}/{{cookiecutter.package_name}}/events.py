"""What this package does at points of Zope's publication of a request.

Zope announces each step of a request as an event (ZPublisher.pubevents); a
*subscriber* registered in configure.zcml runs at that step.
"""

import transaction

from .middleware import SAFE_METHODS


def doom_safe_requests(event) -> None:
    """GET and HEAD never change the database: their transaction is doomed.

    Zope publishes every method of an object that has a docstring, whatever
    the HTTP method: a GET of ``/manage_addFolder?id=x`` would add a folder,
    and a link or an image on any other site can make a logged-in
    administrator's browser send one. A doomed transaction cannot commit: at
    the end of the request Zope aborts it instead (ZPublisher.WSGIPublisher),
    so whatever a GET changed is never saved. Forms that change something post.
    """
    if event.request.method in SAFE_METHODS:
        transaction.doom()
