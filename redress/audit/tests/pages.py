"""Reading the audit trail table on a page as a complaints officer sees it."""

import html
import re


def _text(cell: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def trail(page: str) -> list[dict]:
    """Each entry of the page's audit trail: when, who, what, and its (field, before, after) changes."""
    table = page[page.index('id="audit-trail"') :]
    body = table[table.index("<tbody") : table.index("</tbody>")]
    entries = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
        when, who, what, field, before, after = (_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
        if what:
            entries.append({"when": when, "who": who, "what": what, "changes": []})
        if field:
            entries[-1]["changes"].append((field, before, after))
    return entries


def trail_text(page: str) -> str:
    table = page[page.index('id="audit-trail"') :]
    return _text(table[: table.index("</table>")])


def entry(page: str, what: str) -> dict:
    """The newest entry whose What is `what`."""
    matches = [e for e in trail(page) if e["what"] == what]
    assert matches, f"No entry {what!r} in {[e['what'] for e in trail(page)]}"
    return matches[0]
