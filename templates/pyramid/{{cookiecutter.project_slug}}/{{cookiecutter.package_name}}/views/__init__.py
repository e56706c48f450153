"""The views: functions that take a request and return a response (or a dict for a renderer).

``config.scan(".views")`` in ``main()`` finds each ``@view_config`` here and registers it.
"""
