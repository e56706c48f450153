"""The starter contract's routes, tested through WebTest.

Every starter whose tests use WebTest runs this same file: the ``client``
fixture in conftest.py wraps this framework's WSGI application in
``webtest.TestApp``. Tests of what is particular to the framework are in
test_app.py.
"""


def test_index_shows_project_name_and_stylesheet(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.content_type == "text/html"
    assert "{{ cookiecutter.project_name }}" in response.text
    assert "/static/style.css" in response.text


def test_index_greets_by_name(client):
    response = client.get("/", params={"name": "Ada"})
    assert "Hello, Ada" in response.text


def test_index_escapes_name(client):
    response = client.get("/", params={"name": "<b>x</b>"})
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text
    assert "<b>x</b>" not in response.text


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.content_type == "application/json"
    assert response.json == {"status": "ok", "framework": "{{ cookiecutter._scaffold.key }}"}


def test_stylesheet(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.content_type == "text/css"


def test_unknown_path_is_404(client):
    # WebTest fails a test on an unexpected 4xx unless `status` names it.
    client.get("/no-such-page", status=404)


def test_static_path_cannot_escape(client):
    client.get("/static/../pyproject.toml", status=404)
    client.get("/static/%2e%2e/wsgi.py", status=404)
    client.get("/static/..%2f..%2fwsgi.py", status=404)
