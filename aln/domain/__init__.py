"""The statute and the service's rules as pure Python: no Django, no I/O, no translations.

Every rule cites its source. Errors and outcomes are codes (enums); the interface layer turns
codes into translated sentences (see `aln/common/i18n.py`).
"""
