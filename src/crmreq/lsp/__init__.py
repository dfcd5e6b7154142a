"""The language server (`crmreq lsp`): lint as you type, ids you can follow, in any editor.

A front end over the library, like the CLI: the loader reads the editor's unsaved buffers instead
of the files (`load_spec(overlay=…)`), `Session` and `Linter` lint the whole spec in process, and
the loaded model's positions give the ids' definitions and references."""
