"""The chapters of the cahier des charges, one module each, in the order `document.CHAPTERS` gives.

Each module's `write(doc)` adds its chapter's blocks to the `OutlineBuilder` `doc`: what the
document says, never how it looks (that is `word.py`'s and `markdown.py`'s job).
"""
