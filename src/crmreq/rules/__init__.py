"""Built-in rules, one module per family of the PRODUCT.md §4 catalogue.

Each module declares a `RuleSet` and exposes its `crmreq_register_rules` hook: crmreq's own
rules are registered exactly as a third party's would be.
"""
