"""Built-in rules, one module per family of the PRODUCT.md §4 catalogue (a package when the
family has several jobs: `rgpd`, `wording`).

Each family declares a `RuleSet` and exposes its `crmreq_register_rules` hook: crmreq's own
rules are registered exactly as a third party's would be.
"""
