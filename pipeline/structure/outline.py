"""The body's outline and the tasks it assigns.

Documents laid out by Nghị định 30/2020 number their body: Roman sections (I., II.), Arabic items
(1., 2.; 1.1, 1.1.2), letters (a), b), đ) in the Vietnamese order), dashes and pluses. The
paragraphs of a section become a tree by their markers: a marker kind seen before closes the
items opened after it (a "2." after "1. … a) … - …" is the sibling of "1."), a new kind opens a
level below. Then each node is read as `../shared/spec/TASKS.md` says:

- a body heading ("2. Sở Tài chính:", "b) Công an tỉnh", "Đối với Ủy ban nhân dân các xã:",
  "Giao Sở Y tế:") gives its body to every duty under it;
- a heading sentence that ends in ":" only introduces its items;
- a leaf is a task; its agency and time lines ("Đơn vị chủ trì: …", "Thời gian hoàn thành: …")
  are its attributes, not tasks of their own;
- who acts comes from those lines, else from the sentence ("X chủ trì, phối hợp với Y",
  "Giao X …", "X phối hợp với Y …", a sentence whose subject is a body), else from the heading.

Sections about purpose, requirements, assessment and the like assign no work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.agencies.forms import COLLECTIVE
from pipeline.agencies.matcher import AgencyMatcher, distinct_refs
from pipeline.layout.lines import Paragraph
from pipeline.model import AgencyRef, Role, Task
from pipeline.vietnamese.dates import find_deadlines, time_cell
from pipeline.vietnamese.text import BULLET, DASH, fold, tidy

_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    # A decision's, a regulation's or a circular's article ("Điều 2. Công ty X chịu trách nhiệm:",
    # "Điều 3: …"): the top item of its body, its clauses "1." and points "a)" under it.
    ("article", re.compile(r"^Điều\s+(\d{1,3})\s*[.:]\s*(?=\S)")),
    ("roman", re.compile(r"^([IVX]{1,5})[.)]\s+(?=\S)")),
    ("multi", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+(?=\S)")),
    # OCR reads the period after a number as a comma ("1, Thời gian:", "1,2. Lịch …"); a
    # comma after a number starts a sentence only when a capital follows it.
    ("multi", re.compile(r"^(\d{1,2}(?:[.,]\d{1,2})+)[.,]\s+(?=[A-ZĐÀ-Ỹ])")),
    # "1.2" is a multi-level number, "5. 100% cán bộ …" an item that opens with a figure
    ("arabic", re.compile(r"^(\d{1,2})[.)](?:\s+(?=\S)|(?=[^\d\s]))")),
    ("arabic", re.compile(r"^(\d{1,2}),\s+(?=[A-ZĐÀ-Ỹ])")),
    ("letter", re.compile(r"^([a-zđ])[.)]\s+(?=\S)")),
    ("paren", re.compile(r"^\((\d{1,2})\)\s*(?=\S)")),  # "(1) …": items numbered under a heading
    ("dash", re.compile(rf"^{DASH}\s*(?=\S)")),
    ("plus", re.compile(r"^\+\s*(?=\S)")),
]
_AGENCY_LINE = re.compile(
    rf"^(?:[a-zđ]\)\s*|{BULLET}\s*)?(?:(?:Đơn vị|Cơ quan)\s+)?(chủ trì|phối hợp|thực hiện)(?:\s+thực hiện)?"
    r"\s*:\s*(.*)$",
    re.I | re.S,
)
_TIME_LINE = re.compile(
    rf"^(?:[a-zđ]\)\s*|{BULLET}\s*)?(?:Thời gian(?: thực hiện| hoàn thành)?|Thời hạn(?: hoàn thành)?|Tiến độ)"
    r"\s*:\s*(.*)$",
    re.I | re.S,
)
# Lines that describe an item without being its text or its agency: the leader in charge (a
# person) and what the item yields ("- Kết quả: Báo cáo …", "- Sản phẩm: …").
_ITEM_NOTE = re.compile(
    r"^(?:[-+–•]\s*)?(?:(?:Lãnh đạo|Người) (?:phụ trách|chỉ đạo|theo dõi)|Kết quả|Sản phẩm(?: đầu ra)?)\s*:",
    re.I,
)
# Items that give an event's arrangements ("1. Thời gian: 8 giờ ngày …", "2. Địa điểm: …",
# "3. Đối tượng: …", "Nội dung kiểm tra: …") or a procedure's steps ("Bước 1: …"): no work assigned.
# ("a) Nội dung báo cáo:" with nothing after its colon heads the items under it.)
_ARRANGEMENT = re.compile(
    r"^(?:(?:Thời gian|Địa điểm|Đối tượng|Thành phần|Hình thức|Nội dung|Lưu ý)\b[^:.;]{0,60}:\s*\S"
    r"|(?:Thời gian|Địa điểm|Đối tượng|Thành phần)(?:[ ,]+[\w/()]+){0,6}:?$"
    r"|Bước\s+\d+\b)"
)
# A line that announces the parts of something ("Hồ sơ gồm:", "… phê duyệt, gồm các nội dung sau:",
# "Nội dung học tập:"): what follows is what it contains (a report's parts, a course's topics, a
# dossier's papers), not work of its own.
_LISTS_PARTS = re.compile(
    r"(?:\b(?:bao gồm|gồm có|gồm)(?:\s+(?:các|những))?(?:\s+(?:nội dung|phần|tài liệu|giấy tờ|hồ sơ))?"
    r"(?:\s+(?:sau|như sau|sau đây))?|\bsau đây)\s*:$"
)
_CONTENTS_HEAD = re.compile(r"^(?:Nội dung|Thành phần|Hồ sơ|Tài liệu)\b[^:]{0,60}:$")
# Leaves that state no duty: a prohibition or a rule that applies by itself ("Nghiêm cấm …"), a
# receiving office's note of what reached it ("Sở Tư pháp nhận được Phiếu chuyển số …"), a
# contact to turn to ("Tiếp nhận vướng mắc: Ông Nguyễn Văn A, …; số điện thoại: …").
_NO_DUTY = re.compile(
    r"^(?:Nghiêm cấm\b|(?:[^.;:]{0,80}\s)?nhận được (?:Công văn|Phiếu chuyển|Văn bản|Thông báo|Quyết định|"
    r"Kế hoạch|Tờ trình|Công điện|Báo cáo)\b)"
)
_CONTACT = re.compile(r"(?:điện thoại|email|e-mail|ĐT|ĐTDĐ)\s*:", re.I)
_CONTACT_PERSON = re.compile(r"^[^.;()]{0,100}:\s*(?:Ông|Bà|[Đđ]ồng chí|Đ/c)\s+[A-ZĐ]")


# What students or the public must do or may expect ("Sinh viên tự đăng ký …", "Đối với sinh
# viên: …", "Sau ngày 07/3 sinh viên không …"), and what happens by itself ("… hệ thống sẽ tự hủy
# …"): a notice tells them, it assigns no office work (annotation guide, Not tasks).
_AUDIENCE = re.compile(
    r"^(?:Đối với\s+|(?:Sau|Trước|Từ|Kể từ)\s+(?:ngày\s+)?\d[\d/.-]*,?\s+)?(?:các\s+|những\s+)?"
    r"(?:sinh viên|học sinh|thí sinh|học viên|người học|người dân)\b",
    re.I,
)
_BY_ITSELF = re.compile(r"^[^.;]{0,80}\b(?:hệ thống|phần mềm)\b[^.;]{0,60}\bsẽ tự(?:\s+động)?\b")
_ASKS_OTHERS = re.compile(r"\b(?:[Yy]êu cầu|[Đđ]ề nghị|[Gg]iao)\s")


# A decision's own formulas (Nghị định 30/2020): when it enters into force and who sees to its
# execution ("Quyết định này có hiệu lực …", "Chánh Văn phòng … chịu trách nhiệm thi hành …").
_FORMULA = re.compile(
    r"\b(?:Quyết định|Thông tư(?: liên tịch)?|Nghị định|Quy chế|Quy định|Luật|Chỉ thị) này có hiệu lực\b"
    r"|\bchịu trách nhiệm thi hành\b|\bcăn cứ [Qq]uyết định(?: này)?(?: để)? thi hành\b"
    r"|\bthi hành (?:[Qq]uyết định|[Tt]hông tư(?: liên tịch)?|[Nn]ghị định) này\b"
    # an establishing decision's board ends by itself: "Ban … tự giải thể / hết nhiệm vụ sau khi …"
    r"|^[^.;]{0,80}\b(?:tự giải thể|hết nhiệm vụ|chấm dứt hoạt động)\b"
)


def _states_no_duty(text: str) -> bool:
    return bool(
        _NO_DUTY.match(text)
        or _FORMULA.search(text)
        or (_CONTACT_PERSON.match(text) and _CONTACT.search(text))
        or (_AUDIENCE.match(text) and not _ASKS_OTHERS.search(text))
        or _BY_ITSELF.match(text)
    )


# "- Nội dung: …" under an item: what the item covers.
_ITEM_CONTENT = re.compile(rf"^{DASH}\s*(Nội dung\s*:\s*\S.*)$", re.S)
_NUMBERED_KINDS = ("arabic", "letter", "paren", "multi2", "multi3", "multi4")
_ROLE_WORDS = {"chủ trì": Role.LEAD, "phối hợp": Role.PARTNER, "thực hiện": Role.DOES}
# Section titles (folded) whose items describe rather than assign.
_NOT_TASKS = (
    "muc dich", "yeu cau", "muc tieu", "quan diem", "nguyen tac", "can cu", "danh gia", "ket qua",
    "tinh hinh", "doi tuong", "pham vi", "kinh phi", "thanh phan", "chuong trinh", "thoi gian, dia diem",
    "dia diem", "noi dung tuyen truyen", "hinh thuc", "khau hieu", "thanh vien", "danh sach",
    "noi dung lam viec",  # a working session's agenda
)  # fmt: skip
_CLOSING = re.compile(
    r"^(?:Trên đây là|Nay thông báo|Trong quá trình (?:tổ chức )?thực hiện|Nhận được|"
    r"(?:Xin )?[Tt]rân trọng\b|Đính kèm\s*:|Gửi kèm\b|"
    r"Yêu cầu (?:Thủ trưởng|các)"
    r".{0,80}(?:nghiêm túc|triển khai) thực hiện\W*$|.{0,200}\./\.$)",
    re.S,
)
_NAMES_ACTOR = re.compile(
    r"^(?:Đối với|Giao|Đề nghị|Thủ trưởng|Chủ tịch|Giám đốc|"
    r"Các (?:sở|ban|cơ quan|đơn vị|phòng|xã|địa phương)|"
    r"Ủy ban|Uỷ ban|UBND|Sở |Phòng |Ban |Công an|Văn phòng|Trung tâm|Bộ |Cục |Chi cục|Kho bạc|Thanh tra|"
    r"Liên đoàn|Mặt trận|Hội |Đoàn |Trường (?!hợp)|Bệnh viện|Đài |Báo )"
)
_ASSIGNS = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s")
# "… yêu cầu các đơn vị …", "… đề nghị các bộ …", "… hướng dẫn các sở … thực hiện … như sau:" (a
# guidance letter's preamble; "hướng dẫn thực hiện …" names no one).
_ASKS = re.compile(r"\b(?:yêu cầu|đề nghị|hướng dẫn(?!\s+(?:thực hiện|triển khai|cụ thể)\b))\s+(.+)$", re.S)
_HEADING_PREFIX = re.compile(r"^(?:Giao(?:\s+cho)?|Đối với|Đề nghị|Yêu cầu)\s+", re.I)
_TITLES = re.compile(
    r"^(?:Thủ trưởng|Giám đốc|Chủ tịch|Trưởng|Người đứng đầu|Lãnh đạo|Chánh Văn phòng|Chánh Thanh tra)"
    r"\s+(?=\S)",
)
# Where the partners of "phối hợp với …" end: at the verb of the work, or the sentence's end.
_VERB = (
    r"tổ chức|thực hiện|triển khai|xây dựng|tham mưu|theo dõi|rà soát|hướng dẫn|kiểm tra|tổng hợp|"
    r"đôn đốc|báo cáo|nghiên cứu|đề xuất|chỉ đạo|tăng cường|đẩy mạnh|tiếp tục|khẩn trương|chuẩn bị|"
    r"hoàn thành|hoàn thiện|ban hành|lập|giải quyết|xử lý|cung cấp|phổ biến|tuyên truyền|quản lý|"
    r"đảm bảo|bảo đảm|thẩm định|trình|chịu trách nhiệm|theo chức năng|thống nhất|làm việc|giám sát"
)
_BODY_NAME = re.compile(
    r"^(?:Sở|Phòng|Ban|Trung tâm|Công an|Ủy ban|Uỷ ban|UBND|Văn phòng|Thanh tra|Chi cục|Cục|Bộ|Kho bạc|"
    r"Bảo hiểm|Hội đồng|Hội|Đoàn|Thành đoàn|Tỉnh đoàn|Huyện đoàn|Liên đoàn|Mặt trận|Bệnh viện|Trường|Đài|"
    r"Báo|Tổng công ty|Công ty|Chi nhánh|Ngân hàng|Điện lực|Viện|Bộ Chỉ huy|Ban Chỉ huy|Các)\s+\S"
)
_MEMBER = re.compile(r"^(?:Mời\s+)?(?:Ông|Bà|Đồng chí|Đ/c)\s+\S+\s+\S+.*,")
_STARTS_WITH_WORK = re.compile(rf"^(?:{_VERB}|giám sát|kiểm tra, giám sát|phối hợp|tham gia)\b", re.I)
_VERB_IN = re.compile(rf"\s(?:{_VERB}|phối hợp|chủ trì|có trách nhiệm)\b")
# Where a list of bodies ends: at the verb of the sentence or at its punctuation, not at a comma,
# which also separates the bodies of the list ("các cơ quan, đơn vị liên quan tổ chức …").
_LIST_END = rf"(?=,?\s+(?:{_VERB}|để|nhằm|theo)\b|[.;:]|$)"
_LEAD_SENTENCE = re.compile(
    rf"^(?:Giao(?:\s+cho)?\s+|Đề nghị\s+|Yêu cầu\s+)?(?P<lead>.+?),?\s+(?:là cơ quan\s+)?chủ trì"
    rf"(?:(?:,?\s*(?:và\s+)?(?:phối hợp|cùng)(?:\s+chặt chẽ)?(?:\s+với)?\s+(?P<partner>.+?)){_LIST_END}"
    rf"|(?=\s+(?:{_VERB})\b|[,.;:]|$))",
    re.S,
)
_PARTNER_SENTENCE = re.compile(
    rf"^(?:Giao(?:\s+cho)?\s+|Đề nghị\s+)?(?P<lead>.+?),?\s+(?:chủ động\s+)?phối hợp(?:\s+chặt chẽ)?\s+với\s+"
    rf"(?P<partner>.+?)(?=\s+(?:{_VERB})\b|,?\s+(?:để|nhằm|trong (?:công tác|việc|quá trình))\b|[.;:]|$)",
    re.S,
)
_GIAO = re.compile(rf"^(?:Giao(?:\s+cho)?|Đề nghị)\s+(?P<lead>.+?){_LIST_END}", re.S)


@dataclass(slots=True)
class Node:
    kind: str  # roman, arabic, multi<n>, letter, dash, plus, para
    label: str  # "II", "3", "1.2", "a", "" for dashes and paragraphs
    text: str  # without its marker
    paragraphs: list[Paragraph]
    children: list[Node] = field(default_factory=list)
    agency_lines: list[tuple[Role, str]] = field(default_factory=list)
    time_text: str = ""
    # An agency line printed after a block of dashes is read like a merged table cell: it gives
    # its roles to every dash of the block (kept on the block's heading).
    block_agency: list[tuple[Role, str]] = field(default_factory=list)


def marker(text: str) -> tuple[str, str, str]:
    """(kind, label, rest) of a paragraph's leading number or mark; kind "para" when none."""
    for kind, pattern in _MARKERS:
        m = pattern.match(text)
        if m:
            label = m[1].replace(",", ".") if m.groups() else ""
            if kind == "multi":
                kind = f"multi{label.count('.') + 1}"
            return kind, label, text[m.end() :].strip()
    return "para", "", text.strip()


# The filing line that ends every recipients list ("- Lưu: VT, …"), and the end mark of the text.
_FILING = re.compile(r"^[-+•–]?\s*Lưu\s*:?\s*VT\b")
_END_MARK = "./."


def _before_recipients(paras: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs before the recipients list and the signer's block, when the page's
    columns came interleaved and "Nơi nhận" was not read: the list ends with its filing line
    ("- Lưu: VT, …") and runs back over short lines (recipients, the signer's post and name)."""
    filing = next((i for i, p in enumerate(paras) if _FILING.match(p.text.strip())), None)
    if filing is None:
        return paras
    start = filing
    while start > 0 and _closing_line(paras[start - 1].text):
        start -= 1
    return paras[:start]


def _closing_line(text: str) -> bool:
    """A recipient ("- Sở Tư pháp;"), a line of the signer's block, or OCR's crumbs of a seal;
    not the body's last item (numbered, or ending in the end mark)."""
    kind = marker(text)[0]
    return _END_MARK not in text and (kind == "dash" or (kind == "para" and len(text) <= 80))


def build(paras: list[Paragraph]) -> list[Node]:
    """The tree of one section's paragraphs (the closing formula and what follows left out)."""
    roots: list[Node] = []
    stack: list[Node] = []
    last: Node | None = None  # what an unnumbered paragraph that goes on with it joins
    ended = False
    paras = _before_recipients(paras)
    for at, p in enumerate(paras):
        text = p.text.strip()
        if ended:
            break
        if not text:
            continue
        ended = ends = _END_MARK in text  # the body's last paragraph: the closing block follows
        if ends:
            text = text[: text.index(_END_MARK) + len(_END_MARK)]
            p = Paragraph(p.lines, text, p.pages)
        if stack and (agency := _AGENCY_LINE.match(text)):
            # A line with a dash of its own is one of the item's lines ("- Đơn vị chủ trì: …").
            block = _block_of(stack) if marker(text)[0] == "para" else None
            if block is not None:
                block.block_agency += _role_parts(agency[1], agency[2])
            else:
                stack[-1].agency_lines += _role_parts(agency[1], agency[2])
            stack[-1].paragraphs.append(p)
            continue
        if stack and _ITEM_NOTE.match(text):
            stack[-1].paragraphs.append(p)
            continue
        if stack and stack[-1].kind in _NUMBERED_KINDS and (said := _ITEM_CONTENT.match(text)):
            # "a. Chủ động tự kiểm tra … / - Nội dung: tập trung …": what the item covers, part of
            # its text; the agency and time lines after it are still the item's.
            stack[-1].text += " " + said[1]
            stack[-1].paragraphs.append(p)
            last = stack[-1]
            continue
        if stack and (when := _TIME_LINE.match(text)):
            stack[-1].time_text = _strip_end(when[1])
            stack[-1].paragraphs.append(p)
            continue
        kind, label, rest = marker(text)
        if kind == "roman" and label == "I" and _next_item_is_two(paras[at + 1 :]):
            kind = "arabic"  # OCR's I for the 1 of "1. …" before "2. …"
            label = "1"
        if kind == "para" and _CLOSING.match(text) and (stack or text.startswith("Trên đây") or ends):
            break
        if kind == "para":
            top = stack[-1] if stack else None
            if top is None:
                if text.endswith(":") and _ASSIGNS.match(text):
                    # "Giao Sở Nội vụ chủ trì, phối hợp với …:" before the first item says who
                    # does the items that follow it.
                    roots.append(Node("intro", "", rest, [p]))
                elif (about := _ABOUT_BODY.search(text)) and not text.startswith("Căn cứ"):
                    # "… ban hành Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ
                    # chức của Sở X": the duties its articles list are Sở X's.
                    roots.append(Node("addressed", "", about[1], [p]))
                elif _CONTENTS_HEAD.match(text) or _LISTS_PARTS.search(text):
                    roots.append(Node("contents", "", rest, [p]))
                elif text.endswith(":") and (asked := _ASKS.search(text)):
                    # "Để …, Chủ tịch UBND Thành phố yêu cầu các đơn vị khẩn trương thực hiện các
                    # nhiệm vụ sau:": whom the items are asked of, where they name no one.
                    roots.append(Node("addressed", "", asked[1][:1].upper() + asked[1][1:], [p]))
                elif (
                    roots
                    and roots[-1].kind == "prose"
                    and (rest[:1].islower() or rest[:1].isdigit())
                    and not roots[-1].text.rstrip().endswith(_SENTENCE_ENDS)
                ):
                    roots[-1].text += " " + rest  # a sentence the layout broke (at a page's end)
                    roots[-1].paragraphs.append(p)
                else:
                    # A paragraph before any item: a letter's or a section's duty when it asks a
                    # body to act (decided with the gazetteer, in `_walk`), else its preamble.
                    roots.append(Node("prose", "", rest, [p]))
                continue
            before = (last or top).text.rstrip()
            if rest[:1].islower() or (
                not (last is top and _heading_like(top)) and not before.endswith(_SENTENCE_ENDS)
            ):
                # It goes on with the text before: a line the layout could not join, a page
                # break inside a sentence.
                target = last if last is not None else top
                target.text += " " + rest
                target.paragraphs.append(p)
            elif (
                _heading_like(top)
                or _introduces(top)
                or any(c.kind == "para" for c in top.children)
                or (top.kind == "article" and last is top)
            ):
                last = Node("para", "", rest, [p])
                top.children.append(last)
            elif _NAMES_ACTOR.match(rest):
                # An unnumbered paragraph that names who acts is a duty of its own, beside the
                # item before it ("1. … / Đối với Phòng Giáo dục …").
                last = Node("note", "", rest, [p])
                (stack[-2].children if len(stack) > 1 else roots).append(last)
            elif (last or top).agency_lines or (last or top).time_text:
                # The item ended with its agency and time lines: a new sentence after them is not
                # its text (a closing request: "Yêu cầu các sở … nghiêm túc thực hiện …").
                continue
            else:
                target = last if last is not None else top
                target.text += " " + rest
                target.paragraphs.append(p)
            continue
        node = last = Node(kind, label, rest, [p])
        if any(n.kind == kind for n in stack):
            while stack and stack[-1].kind != kind:
                stack.pop()
            stack.pop()
        elif kind in ("roman", "article"):
            stack.clear()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


# The body a decision on functions is about (OCR may lose a mark: "quyên hạn", "tô chức").
_ABOUT_BODY = re.compile(
    r"\bban hành Quyết định(?: quy định)? chức năng, nhiệm vụ, quy\S* hạn(?: và cơ c\S* t\S* chức)?"
    r" của (.+?)\W*$",
    re.I | re.S,
)


def _next_item_is_two(paras: list[Paragraph]) -> bool:
    """Whether the next numbered paragraph is "2." (an Arabic item, not a Roman section)."""
    for p in paras:
        kind, label, _ = marker(p.text.strip())
        if kind not in ("para", "dash", "plus"):
            return kind == "arabic" and label == "2"
    return False


def _block_of(stack: list[Node]) -> Node | None:
    """The heading whose dash block an unmarked agency line closes: the line follows the last of
    two or more dashes, none of which had an agency line of its own."""
    top = stack[-1]
    if top.kind not in ("dash", "plus") or len(stack) < 2 or top.agency_lines:
        return None
    parent = stack[-2]
    dashes = [c for c in parent.children if c.kind == top.kind]
    if len(dashes) < 2 or any(c.agency_lines for c in dashes) or parent.agency_lines:
        return None
    return parent


def _introduces(node: Node) -> bool:
    return node.text.rstrip().endswith(":")


_SENTENCE_ENDS = (".", ";", ":", "!", "?", "…")


def _heading_like(node: Node) -> bool:
    """A short item without an end mark and nothing under it yet: a heading ("2. Sở Tài chính",
    "1. Công tác tuyên truyền") whose duties follow as paragraphs."""
    text = node.text.strip()
    return not node.children and len(text) <= 120 and not text.endswith(_SENTENCE_ENDS) and text[:1].isupper()


def _role_parts(role_word: str, rest: str) -> list[tuple[Role, str]]:
    """ "chủ trì: A; cơ quan phối hợp: B" on one line gives both parts."""
    parts = re.split(r";\s*(?:(?:đơn vị|cơ quan)\s+)?(phối hợp|chủ trì|thực hiện)\s*:\s*", rest, flags=re.I)
    out = [(_ROLE_WORDS[role_word.lower()], parts[0])]
    for i in range(1, len(parts) - 1, 2):
        out.append((_ROLE_WORDS[parts[i].lower()], parts[i + 1]))
    return [(r, _strip_end(t)) for r, t in out if t.strip()]


def _strip_end(text: str) -> str:
    return re.sub(r"\s*[;.,]+\s*$", "", text).strip()


# A sub-heading that starts so heads targets or requirements, not work.
_PURPOSE = ("muc dich", "yeu cau", "muc tieu", "chi tieu", "quan diem", "nguyen tac", "danh gia chung",
            "ket qua dat duoc", "tinh hinh")  # fmt: skip
# Words of a heading whose items are work, whatever else it names ("MỤC TIÊU, NHIỆM VỤ").
_TASK_WORDS = ("nhiem vu", "giai phap", "to chuc thuc hien", "phan cong", "trach nhiem")


def assigns_work(section: str) -> bool:
    """Whether a section's items are tasks: not those about purpose, requirements, results."""
    title = fold(re.sub(r"^[IVX]+\.\s*", "", section))
    if any(word in title for word in _TASK_WORDS):
        return True
    return not any(word in title for word in _NOT_TASKS)


# Articles that only promulgate, approve or establish ("Điều 1. Ban hành kèm theo Quyết định này
# …", "Điều 1. Phê duyệt Kế hoạch …", "Điều 1. Thành lập Ban …") assign no work; nor do those on
# a body's place and structure or on the text's force ("Điều 3. Cơ cấu tổ chức", "Điều 4. Hiệu lực").
_ENACTS = re.compile(
    r"^(?:Ban hành|Phê duyệt|Thành lập|Kiện toàn|Bãi bỏ|Công bố|Công nhận|Sửa đổi|Điều chỉnh|Hủy bỏ|Huỷ bỏ)\b"
)
_NO_WORK_ARTICLE = ("vi tri", "co cau to chuc", "bien che", "hieu luc", "dieu khoan thi hanh", "pham vi",
                    "doi tuong ap dung", "giai thich tu ngu")  # fmt: skip


def _article_assigns(node: Node) -> bool:
    text = node.text
    short = len(text) <= 80 and not text.rstrip().endswith((".", ";", ":"))
    if short and len(node.children) == 1 and node.children[0].kind == "para":
        # "Điều 1. Bãi bỏ toàn bộ Quyết định" titles the paragraph that says it again in full
        return not _ENACTS.match(node.children[0].text) and not fold(text).startswith(_NO_WORK_ARTICLE)
    if _ENACTS.match(text) or fold(text).startswith(_NO_WORK_ARTICLE):
        return False
    return not short or assigns_work(text)


# The kinds of legal normative documents, whose articles are rules of law: only a clause giving a
# named body follow-up work is a task ("Giao Bộ X hướng dẫn …", "Bộ X có trách nhiệm hướng dẫn …").
LAW_KINDS = ("Thông tư", "Thông tư liên tịch", "Nghị định", "Luật")
_FOLLOW_UP = re.compile(
    r"^(?:Giao|Đề nghị|Yêu cầu)\s"
    r"|\b(?:có trách nhiệm|chủ trì)(?:[^.;:]{0,40}?\s)?(?:hướng dẫn|tổ chức thực hiện|tổ chức triển khai|"
    r"triển khai|theo dõi|đôn đốc|tổng hợp|báo cáo|ban hành|xây dựng|sửa đổi)\b"
)


@dataclass(slots=True)
class _Context:
    section: str
    year: int | None
    matcher: AgencyMatcher
    locality: dict[str, str]
    addressed: list[AgencyRef] = field(default_factory=list)  # whom the preamble asks to act
    addressees: list[AgencyRef] = field(default_factory=list)  # the letter's "Kính gửi:"


def tasks_of(
    paras: list[Paragraph],
    section: str,
    year: int | None,
    matcher: AgencyMatcher,
    locality: dict[str, str],
    kind: str = "",
    addressees: list[AgencyRef] | None = None,
) -> list[Task]:
    """The tasks one section assigns, in printed order; `kind` is the document's kind (the
    header's "QUYẾT ĐỊNH", "THÔNG TƯ"): a law's rules assign no work; `addressees`: the bodies
    a letter is sent to ("Kính gửi:"), who act where it asks "Quý cơ quan" to."""
    if not assigns_work(section):
        return []
    ctx = _Context(section, year, matcher, locality, addressees=list(addressees or []))
    out: list[Task] = []
    run: list[Node] = []  # the items outside Roman parts, walked together (an intro leads them)
    # Each article's tasks, and whether they are its numbered clauses (not its paragraphs)
    articles: list[tuple[str, list[Task], bool]] = []
    roots = build(paras)
    for node in roots:
        if node.kind in ("roman", "article"):
            out += _walk(run, ctx, [], None)
            run = []
            if node.kind == "article":
                found = _walk([node], ctx, [], None)
                # (The "Nhiệm vụ và quyền hạn" article of a decision on a body's functions keeps
                # its number: "2.5", "2.16.b", as the annotation guide says.)
                numbered = any(c.kind != "para" for c in node.children)
                articles.append((node.label, found, numbered and not fold(node.text).startswith("nhiem vu")))
                out += found
            elif assigns_work(node.text):
                out += _walk(node.children, ctx, [], None)
            continue
        run.append(node)
    out += _walk(run, ctx, [], None)
    if not out:
        out = _request_tasks(roots, ctx)
    assigning = [a for a in articles if a[1]]
    if len(assigning) == 1 and assigning[0][2]:
        # The article number tells apart items that restart in each article; the one article
        # that assigns work numbers its clauses as printed ("1.a", not "1.1.a").
        label, found, _ = assigning[0]
        for t in found:
            if t.task_no.startswith(label + "."):
                t.task_no = t.task_no[len(label) + 1 :]
    if kind in LAW_KINDS:
        out = [t for t in out if _FOLLOW_UP.search(t.content) and t.agencies]
    return out


def _request_tasks(roots: list[Node], ctx: _Context) -> list[Task]:
    """A request whose items only give its arrangements ("… đề nghị Sở X đăng tải thông tin với
    nội dung như sau: 1. Thời gian: … 2. Nội dung: …"): the request is the task."""
    out = []
    for at, node in enumerate(roots):
        items = [n for n in roots[at + 1 :] if n.kind not in ("prose", "addressed", "intro", "contents")]
        if node.kind != "addressed" or not items:
            continue  # (a preamble's request before the sections that hold the items is no task)
        # whom it asks, or else those the letter is sent to
        if who := _sentence_roles(node.text, ctx) or ctx.addressees:
            whole = tidy(" ".join(p.text for p in node.paragraphs))
            out.append(_task(Node("prose", "", whole, node.paragraphs), [""], ctx, who))
    return out


def _walk(nodes: list[Node], ctx: _Context, path: list[str], heading: list[AgencyRef] | None) -> list[Task]:
    out: list[Task] = []
    dashes = 0
    parts_of: str | None = None  # the kind of the items a contents heading lists
    for index, node in enumerate(nodes):
        if node.kind == "intro":
            heading = _body_heading(node, ctx) or _sentence_roles(node.text, ctx) or heading
            continue
        if node.kind == "contents":
            parts_of = ""
            continue
        if node.kind == "addressed":
            ctx.addressed = _asked(node.text, ctx)
            continue
        if node.kind == "prose":
            if who := _prose_duty(node.text, ctx):
                out.append(_task(node, _number(path, ""), ctx, who))
            continue
        if parts_of is not None:
            if parts_of in ("", node.kind):
                parts_of = node.kind
                continue  # a part of what the contents heading announced
            parts_of = None
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        steps = following is not None and following.kind == "para" and _ARRANGEMENT.match(following.text)
        if node.kind == "para" and not node.children and node.text.rstrip().endswith(":") and not steps:
            # "Giao Sở Nội vụ:", "Giao Sở Tư pháp chủ trì, phối hợp với …:" before lettered
            # items: it is not a task, it says who does the items that follow it. (Before its
            # steps, "Bước 1: …", the sentence is the task itself.)
            named = _body_heading(node, ctx) or _sentence_roles(node.text, ctx)
            if named:
                heading = named
                continue
            if following is not None and following.kind != "para":
                # "Để …, Bộ Nội vụ đề nghị các bộ thực hiện một số nội dung sau:": whom the
                # items that follow are asked of, where they name no one.
                if asked := _ASKS.search(node.text):
                    ctx.addressed = _asked(asked[1], ctx) or ctx.addressed
                continue
        if _ARRANGEMENT.match(node.text) or _states_no_duty(node.text):
            continue
        if node.kind == "article" and not _article_assigns(node):
            continue
        if node.kind == "article" and node.children and all(c.kind == "para" for c in node.children):
            if not _introduces(node) and not _heading_like(Node(node.kind, "", node.text, [])):
                # "Điều 2. Ban X thực hiện …" then paragraphs: the article's sentence is its first
                # clause, the paragraphs the next ones, numbered by position ("2.1", "2.2").
                first = Node("para", "", node.text, node.paragraphs[:1], agency_lines=node.agency_lines,
                             time_text=node.time_text)  # fmt: skip
                node = Node(node.kind, node.label, "", node.paragraphs[:1], [first, *node.children])
                out += _walk(node.children, ctx, [node.label], heading)
                continue
        if not node.children and node.text.rstrip().endswith(":") and len(node.text.split()) <= 6:
            continue  # a label with nothing after it ("Số điện thoại liên hệ:"), a form's field
        if node.kind in ("dash", "plus", "para"):
            dashes += 1
            label = str(dashes)
        else:
            label = node.label  # "" for an unnumbered duty beside the items
        here = _number(path, label)
        body = _body_heading(node, ctx)
        if node.children and (remedies := _remedy_tasks(node, here, ctx, heading)) is not None:
            out += remedies
            continue
        if len(node.children) == 1 and node.children[0].kind == "para" and not _introduces(node):
            # A heading with one paragraph under it is one task, numbered like the heading.
            only = node.children[0]
            inherited = body if body is not None else (_sentence_roles(node.text, ctx) or heading)
            out.append(_task(only, here, ctx, inherited))
            continue
        if node.children and _is_task_with_details(node, body):
            whole = _with_parts(node) if _LISTS_PARTS.search(node.text) else node
            out.append(_task(whole, here, ctx, heading))
            continue
        if node.children:
            inherited = body if body is not None else (_sentence_roles(node.text, ctx) or heading)
            if node.block_agency:
                inherited = [r for role, t in node.block_agency
                             for r in ctx.matcher.parse_cell(t, role, ctx.locality)]  # fmt: skip
            if node.kind == "roman" and not assigns_work(node.text):
                continue
            if len(node.text) <= 80 and fold(node.text).startswith(_PURPOSE):
                continue  # "a) Mục tiêu", "2. Yêu cầu": what the items under it describe
            out += _walk(node.children, ctx, here, inherited)
        elif _MEMBER.match(node.text):
            continue  # "1. Ông Nguyễn Văn A, Phó Chủ tịch UBND, Trưởng ban": a member list
        elif node.kind in ("dash", "plus") and _only_names(node, ctx):
            continue  # "- Sở Tư pháp;": an addressee or recipient, no work
        elif body is None or not _introduces(node):
            # A bare body heading without duties under it is itself one task of that body.
            out.append(_task(node, here, ctx, body if body is not None else heading))
    return out


# A paragraph that asks others to act: "Chủ tịch UBND tỉnh giao Sở X …", "Đề nghị các khoa …",
# "Nhà trường yêu cầu …" (not "theo đề nghị của …", "yêu cầu về …", a noun, not the verb).
_ASKED = re.compile(r"(?:^|[\s,])(?P<verb>giao|đề nghị|yêu cầu)\s+(?!(?:của|về|tại|số|như|theo|cho)\b)", re.I)
# A letter's request to those it is sent to: "đề nghị Quý cơ quan …", "… đến Quý Cơ quan, đơn vị để
# nghiên cứu …".
_TO_ADDRESSEES = re.compile(
    r"\b(?:đề nghị|yêu cầu|đến|gửi)\s+[Qq]uý\s+(?:cơ quan|đơn vị|Sở|Ban|Ủy ban|UBND)", re.I
)
# A preamble's openings: legal bases, the document cited, what reached the office.
_PREAMBLE = re.compile(r"^(?:Căn cứ|Thực hiện|Theo|Nhằm|Ngày \d|Qua\s|Tiếp theo|Phúc đáp|Trả lời)\b")
# A paragraph is a duty by its form of assigning; under a heading of duties (Tổ chức thực hiện,
# Chế độ báo cáo) its subject acting is enough.
_ASSIGNING = re.compile(r"\b(?:chủ trì|có trách nhiệm|chịu trách nhiệm)\b")


def _prose_duty(text: str, ctx: _Context) -> list[AgencyRef]:
    """Who acts in an unnumbered paragraph before any item, when it assigns work; [] when it is
    the preamble, a closing formula, or asks no body (students, the public)."""
    text = text.strip()
    if (
        text.endswith(":")
        or text.upper() == text  # a heading in capitals ("DANH MỤC NHIỆM VỤ GIAO CÁC CƠ QUAN")
        or _PREAMBLE.match(text)
        or _CLOSING.match(text)
        or _ARRANGEMENT.match(text)
        or _states_no_duty(text)
    ):
        return []
    if ctx.addressees and _TO_ADDRESSEES.search(text):
        return ctx.addressees
    asked = _ASKED.search(text[:300])
    if asked:
        verb = asked["verb"].lower()
        rest = text[asked.end("verb") :].lstrip()
        # "Giao"/"Đề nghị" keep the assignment's form (the sentence after them names the actor).
        head = "Giao" if verb == "giao" else "Đề nghị"
        if found := _sentence_roles(f"{head} {rest}", ctx) or _subjects(rest[:1].upper() + rest[1:], ctx):
            return found  # (else the bodies it starts with, before a name the gazetteer lacks)
    duties = any(w in fold(ctx.section) for w in (*_TASK_WORDS, "che do bao cao"))
    if not duties and not _ASSIGNING.search(text):
        return []
    return _sentence_roles(text, ctx)


# A plan that remedies an inspection's findings prints each finding as an item, then its cause
# ("- Nguyên nhân: …"), its remedy ("- Giải pháp thực hiện: …", lines under it) and its time
# ("- Thời gian thực hiện: …"). The finding and its cause are no work; each line of the remedy is.
_CAUSE = re.compile(r"^Nguyên nhân\b[^:]{0,40}:", re.I)
_REMEDY = re.compile(r"^(?:Giải pháp|Biện pháp)(?:\s+(?:thực hiện|khắc phục))?\s*:\s*", re.I)
# A time line that also assigns work: "Đã khắc phục xong từ tháng 6/2024; giao Văn phòng … chủ trì …".
_ASSIGNED_IN_TIME = re.compile(r"[;,.]\s*((?:giao|Giao)\s.+)$", re.S)


def _remedy_tasks(
    node: Node, here: list[str], ctx: _Context, heading: list[AgencyRef] | None
) -> list[Task] | None:
    """The tasks of a finding's remedy, numbered by their line under the finding; None when the
    item is not a finding with its cause and remedy."""
    kids = node.children
    at = next((i for i, c in enumerate(kids) if _REMEDY.match(c.text)), None)
    if at is None or not any(_CAUSE.match(c.text) for c in kids[:at]):
        return None
    holder = next((n for n in _descendants(node) if n.time_text), None)
    time = holder.time_text if holder else ""
    assigned = _ASSIGNED_IN_TIME.search(time)
    if assigned:
        time = _strip_end(time[: assigned.start()])
    remedy = kids[at]
    rest = _REMEDY.sub("", remedy.text).strip()
    lines: list[Node] = []
    if rest.endswith(":"):  # "Giao các Trưởng phòng … chủ trì, thực hiện:" heads the lines under it
        intro = Node(remedy.kind, "", rest, remedy.paragraphs)
        heading = _body_heading(intro, ctx) or _sentence_roles(rest, ctx) or heading
    elif rest:
        lines.append(Node(remedy.kind, "", rest, remedy.paragraphs, agency_lines=remedy.agency_lines))
    for line in [*remedy.children, *kids[at + 1 :]]:
        lines += [line, *line.children]
    out = []
    for i, line in enumerate(lines, 1):
        leaf = Node(line.kind, "", line.text, line.paragraphs, agency_lines=line.agency_lines, time_text=time)
        out.append(_task(leaf, [*here, str(i)], ctx, heading))
    if assigned and holder:  # the time line is the last paragraph of the item that holds it
        clause = Node(node.kind, node.label, assigned[1], holder.paragraphs[-1:], time_text=time)
        out.append(_task(clause, here, ctx, None))
    return out


def _descendants(node: Node) -> list[Node]:
    return [node] + [d for c in node.children for d in _descendants(c)]


_MARKS = {"dash": "-", "plus": "+"}


def _with_parts(node: Node) -> Node:
    """An item that lists its parts ("… gồm các nội dung sau: + A; + B."), the parts in its text."""
    parts = [f"{_MARKS.get(c.kind, '')} {c.text}".strip() for c in node.children]
    paragraphs = node.paragraphs + [p for c in node.children for p in c.paragraphs]
    return Node(node.kind, node.label, " ".join([node.text, *parts]), paragraphs,
                agency_lines=node.agency_lines, time_text=node.time_text)  # fmt: skip


def _only_names(node: Node, ctx: _Context) -> bool:
    """A line that is only the names of bodies ("Các sở, ban, ngành tỉnh;", "UBND các xã."), as
    in a list of addressees or recipients."""
    text = _strip_end(node.text)
    if not text or len(text) > 160 or _VERB_IN.search(text):
        return False
    refs = ctx.matcher.parse_cell(text, Role.DOES, ctx.locality)
    return bool(refs) and all(r.known or r.generic for r in refs)


_CHECK_POINT = re.compile(
    r"^(?:Việc|Về|Tiêu chuẩn|Số lượng|Cơ cấu|Thành phần|Cách|Tư cách|Trách nhiệm|Những|Thời gian|Hồ sơ)\s"
)


def _is_task_with_details(node: Node, body: list[AgencyRef] | None) -> bool:
    """An item that is a whole sentence (not a heading, not ending in ":") with dash lines
    under it: the item is the task, the dashes its details (what to check, what to report)."""
    text = node.text.rstrip()
    sentence = len(text) > 60 and text.endswith((".", ";"))
    # "2. Giám sát việc lập danh sách cử tri" names work by its verb: the dashes are what to
    # look at; "2. Công tác tuyên truyền" names a topic, whose dashes are the tasks.
    # ("Tổ chức thực hiện" starts with a verb too, but heads the section's duties.)
    # Before a colon ("…, cụ thể:") the dashes are still what to look at when each names a point
    # to check ("- Việc niêm yết …", "- Tiêu chuẩn của người ứng cử …"), not work of its own.
    checklist = all(c.kind in ("dash", "plus") and _CHECK_POINT.match(c.text) for c in node.children)
    work = (
        (not text.endswith(":") or checklist)
        and bool(_STARTS_WITH_WORK.match(text))
        and len(text.split()) >= 6
        and not (fold(text).startswith("to chuc thuc hien") and len(text.split()) <= 6)
    )
    details = ("dash", "plus", "para") if work else ("dash", "plus")
    dashes_are_tasks = bool(node.block_agency)  # the block's agency line gives each dash its roles
    return (
        body is None
        and not dashes_are_tasks
        and (sentence or work or bool(_LISTS_PARTS.search(text)))
        and all(c.kind in details for c in node.children)
    )


def _number(path: list[str], label: str) -> list[str]:
    if path and label.startswith(path[-1] + "."):
        return [*path[:-1], label]  # "1.2" under "1." is numbered 1.2, not 1.1.2
    return [*path, label]


def _body_heading(node: Node, ctx: _Context) -> list[AgencyRef] | None:
    """The bodies a heading names, when the heading is only names ("2. Sở Tài chính:",
    "Đối với Ủy ban nhân dân các xã:", "Các Sở: Tài chính, Nội vụ"); None otherwise."""
    if _LISTS_PARTS.search(node.text.strip()):
        return None  # "Báo cáo … gồm các nội dung sau:" announces parts, it names no body
    text = node.text.strip().rstrip(":").strip()
    if not text or len(text) > 160 or text.endswith((".", ";")):
        return None
    return _names(text, ctx)


def _names(text: str, ctx: _Context) -> list[AgencyRef] | None:
    """The bodies a text is only the names of, None when it is more than names."""
    text = _TITLES.sub("", _HEADING_PREFIX.sub("", text))
    refs = ctx.matcher.parse_cell(text, Role.DOES, ctx.locality)
    # A body the gazetteer does not know yet still heads its duties when it reads as a body's
    # name ("5. Trung tâm Phục vụ hành chính công"); its name stays as printed, unknown.
    if (
        refs
        and all(r.known or _BODY_NAME.match(r.raw) or _named_like_body(r.raw) for r in refs)
        and not _VERB_IN.search(_unnamed(text, refs))
    ):
        return refs
    return None


# Words of a body's own name that are verbs elsewhere: "Ban Quản lý dự án đầu tư xây dựng",
# "Các tổ chức chính trị - xã hội", "Cán bộ phụ trách lĩnh vực giám sát …".
_NAME_VERBS = re.compile(r"\b(?:dự án đầu tư xây dựng|đầu tư xây dựng|lĩnh vực \w+)\b")


def _unnamed(text: str, refs: list[AgencyRef]) -> str:
    """The text without what the gazetteer vouches for: the known bodies' names and the kind
    words of collectives ("Các tổ chức chính trị - xã hội xã"), where a verb is part of a name."""
    for r in refs:
        if r.generic and (m := COLLECTIVE.match(r.raw)):
            text = text.replace(m["nouns"], " ", 1)
    return _NAME_VERBS.sub(" ", text)


def _named_like_body(raw: str) -> bool:
    """An unknown name that starts like one body's ("Phòng Công tác Sinh viên", "phòng Đào tạo"),
    with no predicate in it ("Sở X tiếp thu ý kiến" is a sentence); "Các …" that the gazetteer
    does not read as a collective is not a name ("Các nội dung yêu cầu")."""
    name = raw[:1].upper() + raw[1:]
    if name.startswith("Các ") or re.search(rf"\s(?:{_PREDICATE})\b", _NAME_VERBS.sub(" ", name)):
        return False
    return bool(_BODY_NAME.match(name) or _PROJECT_PARTY.match(name))


# The parties of a project, named by their role and the project ("Nhà đầu tư Dự án X", "Chủ
# đầu tư các công trình …"): they act like bodies in a project's conclusions.
_PROJECT_PARTY = re.compile(r"^(?:Nhà đầu tư|Chủ đầu tư|Nhà thầu)\s+\S")


def _lead_and_partners(text: str, ctx: _Context) -> list[AgencyRef]:
    """Lead and partners of "X chủ trì, phối hợp với Y …" or "X phối hợp với Y …" at the start."""
    for pattern in (_LEAD_SENTENCE, _PARTNER_SENTENCE, _PARTNER_NAMED):
        m = pattern.match(text)
        if not m:
            continue
        who = m["lead"]
        if ";" in who or _STARTS_WITH_WORK.match(who):
            continue  # "X xây dựng kế hoạch; tổ chức chủ trì …": the work, not who leads it
        if _VERB_IN.search(" " + _unnamed(who, [])):
            # "X xây dựng kế hoạch, phối hợp chặt chẽ với Y": X is the subject before its verb
            subject = _SUBJECT.match(who + " ")
            if not subject or "," in who[subject.end() :]:
                continue  # one clause of its own work only, not a list of works before "phối hợp"
            who = subject["lead"]
        lead = _bodies(who, Role.LEAD, ctx)
        if lead:
            partners = m["partner"]
            if not partners and (later := _LATER_PARTNER.match(text[m.end() :])):
                partners = later["partner"]  # "X chủ trì hướng dẫn …, phối hợp với Y nghiên cứu …"
            partner = _bodies(partners, Role.PARTNER, ctx) if partners else []
            return lead + partner
    return []


# "X phối hợp Sở Y …", "X phối hợp, hỗ trợ chính quyền địa phương, Sở Y trong …": "với" left out
# before a body's name.
_PARTNER_NAMED = re.compile(
    rf"^(?P<lead>[^.;:]+?),?\s+(?:chủ động\s+)?phối hợp(?:,\s*hỗ trợ)?\s+"
    r"(?P<partner>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]|chính quyền\s|các\s).+?)"
    rf"(?=,?\s+(?:{_VERB}|để|nhằm|theo|trong)\b|[.;:]|$)",
    re.S,
)
# The lead's own clause, then ", phối hợp với Y": not inside a condition ("… thì phối hợp với").
_LATER_PARTNER = re.compile(
    rf"^(?:(?!\b(?:thì|nếu|khi|trường hợp)\b)[^.;:])*?,\s*(?:và\s+)?phối hợp(?:\s+chặt chẽ)?\s+với\s+"
    rf"(?P<partner>.+?){_LIST_END}",
    re.S | re.I,
)


# Where the actor's clause may start after an opening clause: "Khi có kết quả …, giao X chủ trì",
# "Trên cơ sở báo cáo của …, X chủ trì, phối hợp …", "Đối với hạng mục …: Giao X …".
_CLAUSE = re.compile(r"(?:[,:;]\s+|\s(?=giao\s))")


_NAMED_FIRST = re.compile(r"^(?P<name>[^:;.]{3,120}):\s*\S")


# What a sentence's predicate starts with, after its subject: the work verbs and the words that
# open a predicate before them ("Trung tâm X thường xuyên …", "Phòng Đào tạo sẽ chuyển …").
_PREDICATE = (
    rf"{_VERB}|căn cứ|chủ động|có trách nhiệm|phối hợp|tham gia|chủ trì|trực tiếp|thường xuyên|sẽ|"
    r"tiếp thu|đẩy nhanh|hỗ trợ|cử|chuyển|tập trung|quán triệt|bố trí|cập nhật|nghiêm túc|rà soát|tiến hành|"
    r"liệt kê|gửi|nộp"
)
# A subject ends before its predicate, not inside a name ("Ban Quản lý dự án đầu tư xây dựng").
_SUBJECT = re.compile(rf"^(?P<lead>[^.;:]{{3,160}}?)(?<!đầu tư),?\s+(?=(?:{_PREDICATE})\b)")
_GIAO_ACTOR = re.compile(
    rf"^(?:Giao(?:\s+cho)?|Đề nghị)\s+(?P<lead>.+?)(?<!đầu tư)"
    rf"(?=,?\s+(?:{_PREDICATE}|để|nhằm|theo)\b|[.;:]|$)",
    re.S,
)
# An opening clause before the subject: "Căn cứ kết quả …, phòng Đào tạo trình …", "Sau khi …,".
_OPENING = re.compile(
    r"^(?:Căn cứ|Trên cơ sở|Sau khi|Khi|Kết thúc|Trong thời gian|Trong quá trình|Định kỳ|Hằng năm|Hàng năm|"
    r"Hằng quý|Hàng quý|Hằng tháng|Hàng tháng)\s[^.;:]{3,200}?,\s+"
)


# A short label before the sentence: "Liệt kê tài liệu: Các cơ quan, địa phương liệt kê …".
_LABEL = re.compile(r"^[^.;:,()]{3,60}:\s+")


def _sentence_roles(text: str, ctx: _Context) -> list[AgencyRef]:
    """Who acts, from the sentence: "X chủ trì, phối hợp với Y …", "X phối hợp với Y …",
    "Giao X …", the same after an opening clause, or a sentence whose subject is a body."""
    # "Giao" stays (it starts the assignment sentence); "Đối với", "Đề nghị" and titles go.
    kept = _HEADING_PREFIX.sub(lambda m: m[0] if m[0].lower().startswith("giao") else "", text)
    text = _TITLES.sub("", kept)
    if text != kept:
        text = text[:1].upper() + text[1:]  # "Thủ trưởng các sở …" is about "Các sở …"
    named = _NAMED_FIRST.match(text)
    if named and (found := _names(named["name"], ctx)):
        # "Phòng Kế hoạch: Tổng hợp …": the body before the colon acts; "Sở Y tế: Chủ trì, phối
        # hợp với Sở Tài chính …" names its partners too.
        rest = text[named.end() - 1 :].lstrip()
        if rest.startswith("Chủ trì") and (split := _lead_and_partners(f"{named['name']} c{rest[1:]}", ctx)):
            return split
        return found
    if found := _lead_and_partners(text, ctx):
        return found
    m = _GIAO_ACTOR.match(text)
    if m and (found := _bodies(m["lead"], Role.DOES, ctx)):
        return found
    if re.search(r"\b(?:chủ trì|phối hợp(?: chặt chẽ)? với|giao|[Đđ]ề nghị)\s", text[:400]):
        for clause in _CLAUSE.finditer(text[:400]):
            rest = text[clause.end() :]
            rest = rest[:1].upper() + rest[1:]
            if found := _lead_and_partners(rest, ctx):
                return found
            m = _GIAO_ACTOR.match(rest)
            if m and (found := _bodies(m["lead"], Role.DOES, ctx)):
                return found
    opening = _OPENING.match(text)
    label = None if opening else _LABEL.match(text)
    if opening or label:
        # The subject with its predicate after the clause, not a name inside it; the clause may
        # hold commas of its own ("Định kỳ 6 tháng, hằng năm, Sở X tổ chức …"); a short label
        # before the sentence ("Liệt kê tài liệu: Các cơ quan …") is no subject either.
        starts = [label.end()] if label else [c.end() for c in re.finditer(r",\s+", text[:240])]
        for start in starts:
            rest = text[start:]
            rest = rest[:1].upper() + rest[1:]  # "…, các cơ quan, đơn vị tổng hợp …"
            if _SUBJECT.match(rest) and (found := _subjects(rest, ctx)):
                return found
    return _subjects(text, ctx)


def _subjects(text: str, ctx: _Context) -> list[AgencyRef]:
    """The bodies a sentence starts with: "Sở Y tế tăng cường …", "Sở Tài chính, Sở Nội vụ
    theo chức năng …" (names joined by commas or "và")."""
    found = ctx.matcher.find_in_text(text[:200])
    if not found or not text.startswith(found[0].raw):
        # A collective, or a body the gazetteer does not know yet ("Các sở, ban, ngành tỉnh,
        # UBND cấp xã căn cứ …", "Phòng Công tác Sinh viên chuẩn bị …"): the names before the
        # sentence's verb.
        m = _SUBJECT.match(text)
        starts_named = m and (text.startswith(("Các ", "Ban ")) or _named_like_body(m["lead"]))
        return _bodies(m["lead"], Role.DOES, ctx) if m and starts_named else []
    out: list[AgencyRef] = []
    pos = 0
    for ref in found:
        at = text.find(ref.raw, pos)
        if at < 0 or (out and not re.fullmatch(r"\s*(?:,|;|và|,\s*và)\s*", text[pos:at])) or (not out and at):
            break
        out.append(ref)
        pos = at + len(ref.raw)
    return out


# A title before a later body of a list: "…, ngành và Chủ tịch Ủy ban nhân dân các xã".
_LISTED_TITLES = re.compile(rf"(?:(?<=,\s)|(?<=;\s)|(?<=\svà\s)){_TITLES.pattern[1:]}")


def _bodies(text: str, role: Role, ctx: _Context) -> list[AgencyRef]:
    text = _TITLES.sub("", re.sub(r"^(?:Giao(?:\s+cho)?|Đề nghị)\s+", "", text.strip()))
    text = _LISTED_TITLES.sub("", text)
    refs = ctx.matcher.parse_cell(text, role, ctx.locality)
    # A body the gazetteer does not know yet acts when it reads as a body's name ("Phòng Công
    # tác Sinh viên chủ trì …"); its name stays as printed, unknown.
    return refs if refs and all(r.known or r.generic or _named_like_body(r.raw) for r in refs) else []


def _with_lead(lines: list[tuple[Role, str]]) -> list[tuple[Role, str]]:
    """ "Đơn vị thực hiện: X" beside "Đơn vị phối hợp: Y" is the lead: X
    does the work, Y helps."""
    roles = {role for role, _ in lines}
    if Role.PARTNER in roles and Role.LEAD not in roles:
        return [(Role.LEAD if role is Role.DOES else role, text) for role, text in lines]
    return lines


def _asked(text: str, ctx: _Context) -> list[AgencyRef]:
    """Whom a request asks to act: a letter's "Kính gửi:" bodies, which name in full those it
    asks ("đề nghị Quý cơ quan", "đề nghị các bộ, tỉnh"); else the bodies the request names."""
    if ctx.addressees:
        return ctx.addressees
    return _sentence_roles(text[:1].upper() + text[1:], ctx)


def _task(node: Node, number: list[str], ctx: _Context, heading: list[AgencyRef] | None) -> Task:
    content = tidy(re.sub(r"\s*\./\.\s*$", ".", node.text))
    agencies: list[AgencyRef] = []
    for role, text in _with_lead(node.agency_lines):
        # "Đơn vị thực hiện: X chủ trì, phối hợp với Y" names the lead and the partners.
        split = _lead_and_partners(text, ctx) if role is Role.DOES else []
        agencies += split or ctx.matcher.parse_cell(text, role, ctx.locality)
    if not agencies and heading is not None:
        # A sub-item whose own subject is some of its heading's bodies takes those only ("5. Sở
        # Tài chính, Kho bạc Nhà nước tỉnh: a) Sở Tài chính hướng dẫn …").
        own = _sentence_roles(content, ctx)
        named = {r.name for r in heading}
        agencies = own if own and {r.name for r in own} < named else list(heading)
    if not agencies:
        agencies = _sentence_roles(content, ctx) or ctx.addressed
    deadline, period = time_cell(node.time_text, ctx.year)
    if deadline is None:
        dues = find_deadlines(content, ctx.year)
        deadline = dues[-1].date if dues else None
    task_no = ".".join(x for x in number if x) if number and number[-1] else ""
    paras = node.paragraphs
    return Task(
        seq=0,
        task_no=task_no,
        origin="text",
        section=ctx.section,
        content=content,
        period=period.label if period else "",
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        agencies=distinct_refs(agencies),
        agencies_raw="; ".join(t for _, t in node.agency_lines),
        time_text=node.time_text,
        deadline=deadline,
        pages=sorted({pg for p in paras for pg in p.pages}),
        confidence=round(sum(p.conf for p in paras) / len(paras), 1),
        cells=[(ln.page, ln.box) for p in paras for ln in p.lines],
    )
