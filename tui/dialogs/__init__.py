"""Modal dialogs: small questions (split, search, go to, import, yes/no) and the export dialog."""
