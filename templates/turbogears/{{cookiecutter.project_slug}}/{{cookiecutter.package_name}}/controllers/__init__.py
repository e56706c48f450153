"""Controllers: the objects whose exposed methods answer the app's URLs."""
