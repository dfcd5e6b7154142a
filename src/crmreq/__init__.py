"""crmreq — requirements-as-code for CRM projects.

Write the cahier des charges as YAML/TOML files, lint it (`crmreq lint`) and export the
vendor pack (`crmreq export`). The library is usable without the CLI:

    from crmreq.loader import load_spec
    from crmreq.lint import lint_paths
"""

__version__ = "0.1.0"
