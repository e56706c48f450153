from __future__ import annotations

import pytest

from scaffold.errors import InvalidAnswerError, InvalidNameError
from scaffold.names import check_answer_value, derive, validate_name


@pytest.mark.parametrize(
    ("name", "package", "title"),
    [
        ("blog-demo", "blog_demo", "Blog Demo"),
        ("myapp", "myapp", "Myapp"),
        ("My Site", "my_site", "My Site"),
        ("shop_front", "shop_front", "Shop Front"),
    ],
)
def test_derive_package_and_title(name: str, package: str, title: str) -> None:
    names = derive(name)
    assert (names.slug, names.package, names.title) == (name, package, title)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        ("{{ 7*7 }}", "template code"),
        ("{% if %}", "template code"),
        ("a/b", "plain directory name"),
        ("..", "plain directory name"),
        ("../escape", "plain directory name"),
        (".hidden", "plain directory name"),
        ("9lives", "valid Python package name"),
        ("caf\u00e9!", "valid Python package name"),
        ("class", "keyword"),
        ("email", "standard-library module 'email'"),
        ("test", "would shadow"),
        ("tests", "'tests'"),
        ("wsgi", "'wsgi'"),
    ],
)
def test_invalid_names_say_why(name: str, reason: str) -> None:
    with pytest.raises(InvalidNameError, match=reason):
        validate_name(name)


def test_framework_names_are_reserved_with_a_suggestion() -> None:
    with pytest.raises(InvalidNameError, match=r"framework's module 'flask'.*'flask_app'"):
        validate_name("flask", ("flask", "werkzeug"))


def test_invalid_name_suggests_a_valid_one() -> None:
    with pytest.raises(InvalidNameError, match="Try 'app_9lives'"):
        validate_name("9lives")


@pytest.mark.parametrize("value", ["{{ 7*7 }}", "{% raw %}", 'say "hi"', "back\\slash", "a\nb"])
def test_answers_that_would_be_code_are_refused(value: str) -> None:
    with pytest.raises(InvalidAnswerError):
        check_answer_value("description", value)


def test_plain_answers_pass() -> None:
    check_answer_value("author", "Ada Lovelace <ada@example.org>")


@pytest.mark.parametrize(
    ("name", "package"),
    [("über", "uber"), ("Straße", "strasse"), ("café-app", "cafe_app"), ("Ñandú", "nandu")],
)
def test_a_package_name_keeps_the_letters_of_name(name: str, package: str) -> None:
    assert validate_name(name).package == package


def test_letters_with_no_ascii_form_are_refused_with_a_sentence() -> None:
    with pytest.raises(InvalidNameError, match="does not give a valid Python package name"):
        validate_name("漢字")
