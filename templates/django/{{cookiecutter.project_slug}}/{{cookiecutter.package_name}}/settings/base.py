"""Settings that are the same in every environment.

The values that change between your laptop and production (secret key, debug,
hosts, database, HTTPS) are read from environment variables in
``settings/__init__.py``, which starts by importing everything from here.
Reference: https://docs.djangoproject.com/en/stable/ref/settings/
"""

from pathlib import Path

# The package folder (templates, static files) and the project root beside it
# (manage.py, and the SQLite database by default).
PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent

# Shown in every page's title and heading (see context_processors.py).
PROJECT_NAME = "{{ cookiecutter.project_name }}"

# Apps are Django's building blocks: each brings models, views, templates,
# static files or admin pages. The django.contrib ones are the "batteries".
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves the static files (below); this line makes runserver
    # leave them to it, so development and production behave the same.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # The project's own app.
    "{{ cookiecutter.package_name }}.notes",
]

# Middleware wraps every request and response, in this order on the way in.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Answers /static/... itself, before Django's URL routing, with any server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Refuses a POST whose form lacks the page's CSRF token (cross-site forgery).
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "{{ cookiecutter.package_name }}.urls"
WSGI_APPLICATION = "{{ cookiecutter.package_name }}.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project-wide templates (base.html, index.html, registration/login.html);
        # APP_DIRS finds each app's own templates/ folder too.
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Each context processor adds variables to every template.
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "{{ cookiecutter.package_name }}.context_processors.project",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Where django.contrib.auth's login and logout views send people afterwards.
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files: the stylesheet in this package's static/ folder and the
# admin's own CSS and JavaScript, all under /static/.
STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# WhiteNoise serves the files straight from where they live, so no
# `collectstatic` step is needed. For a CDN or a front web server, set
# STATIC_ROOT, run `python manage.py collectstatic` and turn this off.
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
