"""The app's screens: documents (where a day starts), the alignment editor, the query screen."""
