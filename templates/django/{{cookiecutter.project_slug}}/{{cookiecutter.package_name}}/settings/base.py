"""Settings that are the same in every environment.

The values that change between your laptop and production (secret key, debug,
hosts, database, HTTPS) are read from environment variables in
``settings/__init__.py``, which starts by importing everything from here.
Reference: https://docs.djangoproject.com/en/stable/ref/settings/
"""

from pathlib import Path

import django

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

# Django 6.0 brought its own Content-Security-Policy middleware. Django 5.2, which
# Python 3.10 and 3.11 install, has none: there this project's own small one
# (middleware.py) sends the same header from the same SECURE_CSP setting.
CSP_MIDDLEWARE = (
    "django.middleware.csp.ContentSecurityPolicyMiddleware"
    if django.VERSION >= (6, 0)
    else "{{ cookiecutter.package_name }}.middleware.ContentSecurityPolicyMiddleware"
)

# Middleware wraps every request and response, in this order on the way in
# (and the reverse on the way out).
MIDDLEWARE = [
    # Security headers on every response (below), HTTPS redirect and HSTS.
    "django.middleware.security.SecurityMiddleware",
    # X-Frame-Options: DENY, so no other site can show these pages in a frame.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy (SECURE_CSP below).
    CSP_MIDDLEWARE,
    # HEAD gets the headers of GET and no body, under any WSGI server.
    "{{ cookiecutter.package_name }}.middleware.HeadWithoutBodyMiddleware",
    # Answers /static/... itself, before Django's URL routing, with any server.
    # The header middleware above stays outside it, so static files get the headers too.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Refuses a POST whose form lacks the page's CSRF token (cross-site forgery).
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
# Translation is off: the pages are in English only, and with it off Django
# skips looking up the active language for every URL it reverses and every
# string it would translate (its docs advise this for a site with no
# translations). Turn it on, with LocaleMiddleware, when you add some.
USE_I18N = False
USE_TZ = True

# Static files: the stylesheet in this package's static/ folder and the
# admin's own CSS and JavaScript, all under /static/.
STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# `python manage.py collectstatic` copies them all here (git-ignored), where
# WhiteNoise serves them in production. With DEBUG on, WhiteNoise finds them in
# their source folders instead (WHITENOISE_USE_FINDERS follows DEBUG).
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic also writes a gzip-compressed copy of each file, which
    # WhiteNoise sends to browsers that accept it. (WhiteNoise's
    # CompressedManifestStaticFilesStorage would also put a hash of the content
    # in each name, style.3f2a....css, so browsers could cache files forever.)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Security settings the same everywhere (HTTPS ones are in __init__.py).
# Cookies: HttpOnly keeps them from page scripts, SameSite=Lax from being sent
# with another site's POSTs. (Django's login() also starts a new session, so a
# session id planted before login is worthless afterwards.)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Headers: browsers must not guess content types, pages may not be framed, and
# other sites see only this site's origin as the referrer.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# The Content-Security-Policy: the browser loads scripts, styles, images and
# forms from this site only, and runs no inline script or style. The pages keep
# all styling in static/style.css to meet it.
SECURE_CSP = {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
}
# Request bodies: Django refuses (400) a form post larger than this, 1 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
