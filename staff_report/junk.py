"""Messages that are no question: counted apart, so they neither fill the groups nor lower the share understood.

Injection-looking strings are what the hostile-input tests send (tests/reliability/test_hostile_input.py): the
channels already make them harmless (bot/guard.py); here they are only told apart from questions to learn from.
"""

import re
from typing import Optional

INJECTION, ONE_CHARACTER, NO_LETTERS = "ressemble à une injection", "un seul caractère", "sans aucune lettre"
_INJECTION = re.compile(
    "|".join(
        (
            r"</?(script|img|svg|iframe|a|b|i|p|br|div|span|body|html|style|link|meta|object|embed|form|input|"
            r"video|audio|details|math)\b",  # an HTML tag: <script>, </b>, <img src=x …
            r"\bon[a-z]+\s*=|javascript\s*:",  # onerror=…, javascript:…
            r"'\s*;|;\s*--|\b(drop|truncate|delete\s+from)\s+table\b|\bunion\s+(all\s+)?select\b",  # SQL
            r"['\"]\s*or\s+['\"]?\w+['\"]?\s*=\s*['\"]?\w+",  # ' OR '1'='1, " OR 1=1
            r"\{\{|\{%|\$\{|#\{|<%|\$\(",  # templates and shell: {{, {%, ${, #{, <%=, $(
            r"(%[a-z]){3,}",  # format strings: %s%s%n
            r"\.\./|\.\.\\|/etc/passwd",  # path traversal
        )
    ),
    re.IGNORECASE,
)


def junk_reason(text: str) -> Optional[str]:
    """Why a typed message is junk (INJECTION, ONE_CHARACTER, NO_LETTERS), or None for a question to read."""
    text = text.strip()
    if _INJECTION.search(text):
        return INJECTION
    if len(text) == 1:
        return ONE_CHARACTER
    if not any(char.isalpha() for char in text):
        return NO_LETTERS
    return None
