"""Two ARIA roles Quarto gives where they may not be, dropped.

Quarto gives the navbar's collapse button role="menu", a role a button may not have (axe's aria-allowed-role); it
opens a list of links, not a menu. It gives the citation appendix's "cite this work as" entry role="listitem"
outside any list (axe's aria-required-parent).

Each of the two elements is found by what it is (the navbar-toggler button, the quarto-appendix-citeas entry),
and its start tag written again without the role. A button with role="menu", or a role="listitem" outside a list,
that is neither of them is Quarto's markup changed, and stops the render.
"""

from scripts.postrender.lighten.markup import MarkupChanged, start_tag

STEP = "aria_roles"
# An element with role="listitem" belongs in one of these (an element with role="list" counts too).
LISTS = {"ul", "ol", "menu"}


def is_navbar_button(element):
    return element.tag == "button" and "navbar-toggler" in element.classes and element.attrs.get("role") == "menu"


def is_cite_as_entry(element):
    return "quarto-appendix-citeas" in element.classes and element.attrs.get("role") == "listitem"


def without_role(element):
    return start_tag(element.tag, {name: value for name, value in element.attrs.items() if name != "role"})


def parent_of(element, elements):
    """The innermost element whose span holds element's, None at the top."""
    holding = [found for found in elements
               if found.start < element.start and found.end is not None and element.outer_end <= found.end]
    return max(holding, key=lambda found: found.start, default=None)


def in_a_list(element, elements):
    parent = parent_of(element, elements)
    return parent is not None and (parent.tag in LISTS or parent.attrs.get("role") == "list")


def stop_at_a_role_of_another_form(page, elements):
    """Quarto's markup changed where a misapplied role is left on an element this module does not recognise."""
    for element in elements:
        if element.tag == "button" and element.attrs.get("role") == "menu":
            raise MarkupChanged(STEP, page.path, f'the button {element.start_tag[:120]} still has role="menu"')
        if element.attrs.get("role") == "listitem" and not in_a_list(element, elements):
            raise MarkupChanged(STEP, page.path,
                                f'{element.start_tag[:120]} still has role="listitem" outside a list')


def rewrite(page):
    elements = page.elements()
    misapplied = [element for element in elements if is_navbar_button(element) or is_cite_as_entry(element)]
    page.splice([(element.start, element.start_tag_end, without_role(element)) for element in misapplied])
    stop_at_a_role_of_another_form(page, page.elements())
