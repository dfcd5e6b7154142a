"""W — wording: requirement text a vendor can answer "covered" to without committing to anything.

The four rules read the requirement text only — feature `title`, `scenario` and `acceptance`,
NFR `statement`, objective `title` and `metric` — never the context prose nor an objective's
`pain` (the frustration, quoted in the users' own words). Each looks the text up in a
bilingual lexicon kept as data in `lexicons/*.toml` (format in `lexicons/README.md`):

- W001 vague terms (« rapide », « intuitif », "user-friendly"…),
- W002 escape clauses (« si possible », « le cas échéant », "as appropriate"…),
- W003 open-ended lists (« etc. », « … », « notamment », "and so on"…),
- W004 « et/ou », "and/or".

Matching is case-, accent- and apostrophe-insensitive and on whole words; French and English
lexicons both apply to every text (a spec may mix languages). One finding per item and field,
listing every term found there, at the first term's line and column in the file (`locate`; the
field's key when the word cannot be found as written, e.g. an objective's metric given as
`{value, unit}`). W001 judges each clause on its own: a number in another sentence does not
excuse a vague term.

`terms` turns the lexicons into patterns and folds the texts; `locate` finds a word in its file;
`measured` says when a fit criterion excuses a vague term;
`checks` holds the rules.
"""

from __future__ import annotations

from .checks import compound_requirement, escape_clause, open_ended_list, rules, vague_term
from .terms import expand, lexicon, matcher, requirement_texts

__all__ = ["compound_requirement", "crmreq_register_rules", "escape_clause", "expand", "lexicon", "matcher",
           "open_ended_list", "requirement_texts", "rules", "vague_term"]

crmreq_register_rules = rules.hook
