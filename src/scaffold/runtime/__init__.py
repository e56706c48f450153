"""Running generated projects: environments, processes, servers, and the contract's checks.

Everything here runs a project's code or talks to it over HTTP; `scaffold check`,
`compare --measure` and the end-to-end tests share it.
"""
