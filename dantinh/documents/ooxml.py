"""The few WordprocessingML details python-docx has no API for (borders, table widths, fields),
written in the element order the schema requires so that Word opens the file without repair."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TBLPR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
)
PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
TRPR_ORDER = (
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
)

# Marks the template's table of figures (its "alt text" title), so the renderer can find the
# rendered copies of it whatever table style a deployment gives it.
DATA_TABLE_MARK = "dantinh:bang-so-lieu"


def set_child(parent, child, order: tuple[str, ...]) -> None:
    """Replace `parent`'s child of the same tag with `child`, at its place in `order`."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    names = [qn(name) for name in order]
    after = names[names.index(tag) + 1 :] if tag in names else []
    for el in parent:
        if el.tag in after:
            el.addprevious(child)
            return
    parent.append(child)


def element(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def bottom_border(ppr, size_eighths: int = 8, space: int = 1) -> None:
    """A solid bottom border (a rule under the paragraph's text) on a paragraph or style pPr."""
    pbdr = element("w:pBdr")
    pbdr.append(
        element("w:bottom", val="single", sz=str(size_eighths), space=str(space), color="auto")
    )
    set_child(ppr, pbdr, PPR_ORDER)


def no_borders(tbl_pr) -> None:
    borders = element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{edge}", val="nil"))
    set_child(tbl_pr, borders, TBLPR_ORDER)


def zero_cell_margins(tbl_pr) -> None:
    margins = element("w:tblCellMar")
    for edge in ("left", "right"):
        margins.append(element(f"w:{edge}", w="0", type="dxa"))
    set_child(tbl_pr, margins, TBLPR_ORDER)


def table_width(tbl_pr, twips: int) -> None:
    set_child(tbl_pr, element("w:tblW", w=str(twips), type="dxa"), TBLPR_ORDER)


def table_caption(tbl_pr, text: str) -> None:
    set_child(tbl_pr, element("w:tblCaption", val=text), TBLPR_ORDER)


def has_caption(tbl, text: str) -> bool:
    tbl_pr = tbl.tblPr
    caption = None if tbl_pr is None else tbl_pr.find(qn("w:tblCaption"))
    return caption is not None and caption.get(qn("w:val")) == text


def repeat_header_row(tr) -> None:
    """Repeat the row at the top of every page the table runs onto."""
    set_child(tr.get_or_add_trPr(), element("w:tblHeader"), TRPR_ORDER)


def cant_split(tr) -> None:
    """Keep a table row on one page."""
    set_child(tr.get_or_add_trPr(), element("w:cantSplit"), TRPR_ORDER)


def field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (e.g. PAGE) that Word and LibreOffice update when they lay out the page."""

    def fld_char(kind: str) -> None:
        paragraph.add_run()._r.append(element("w:fldChar", fldCharType=kind))

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


def preserve_spaces(run) -> None:
    """Keep runs of spaces in the text (a blank number "Số      -BC/…" must not collapse)."""
    for t in run._r.findall(qn("w:t")):
        t.set(qn("xml:space"), "preserve")
