"""The minimal py4web app: one action, answered as JSON because it returns a dict."""

from py4web import action


@action("health")
def health():
    return dict(status="ok", framework="web2py")
