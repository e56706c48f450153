"""The app's models: each class is a database table, each field a column.

After changing a model, run ``python manage.py makemigrations`` to write a
migration (a file under migrations/) and ``python manage.py migrate`` to apply it.
"""

from django.db import models


class Note(models.Model):
    # max_length limits the column, and the form built from it (forms.py): at most
    # 500 characters, stated on the page and refused beyond.
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField("created", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]  # newest first

    def __str__(self) -> str:
        return self.text
