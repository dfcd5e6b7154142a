"""Reading specs: YAML and TOML files → positions → validated raw tree → `Spec`."""

from .spec import DEFAULT_MAX_FILE_SIZE, LoadResult, Suppression, find_entry, load_spec

__all__ = ["DEFAULT_MAX_FILE_SIZE", "LoadResult", "Suppression", "find_entry", "load_spec"]
