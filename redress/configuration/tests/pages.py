"""Reading the settings pages as a screen reader user would."""

import re


def row_headings(page: str) -> list[str]:
    """The text of each row's heading cell in the page's tables, top to bottom."""
    cells = re.findall(r'<th scope="row"[^>]*>(.*?)</th>', page, re.DOTALL)
    return [re.sub(r"<[^>]+>", "", cell).replace("&gt;", ">").replace("&#x27;", "'").strip() for cell in cells]
