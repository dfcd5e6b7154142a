"""Exports: the vendor pack (DOCX, XLSX, CSV, Markdown, JSON). Heavy libraries load lazily."""
