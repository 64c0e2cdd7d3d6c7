"""Words of the made-up documents: places, signers, and the agencies as offices write them.

`CANON` maps every printed agency name the generator uses to its canonical name (OUTPUTS.md),
written out by hand so the truth does not lean on the matcher it is meant to test;
tests/test_corpus.py checks each pair against the gazetteer `models/agencies.csv`.
"""

from __future__ import annotations

from dataclasses import dataclass

CANON: dict[str, str] = {
    # district level
    "UBND huyện": "Ủy ban nhân dân huyện",
    "Phòng Nội vụ": "Phòng Nội vụ",
    "Phòng Nội vụ huyện": "Phòng Nội vụ",
    "Phòng TC-KH": "Phòng Tài chính - Kế hoạch",
    "Phòng Tài chính - Kế hoạch": "Phòng Tài chính - Kế hoạch",
    "Phòng GD&ĐT": "Phòng Giáo dục và Đào tạo",
    "Phòng Giáo dục và Đào tạo": "Phòng Giáo dục và Đào tạo",
    "Phòng VH&TT": "Phòng Văn hóa và Thông tin",
    "Phòng Văn hóa và Thông tin": "Phòng Văn hóa và Thông tin",
    "Phòng NN&PTNT": "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Nông nghiệp và PTNT": "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng LĐ-TB&XH": "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Tư pháp": "Phòng Tư pháp",
    "Phòng TN&MT": "Phòng Tài nguyên và Môi trường",
    "Phòng Tài nguyên và Môi trường": "Phòng Tài nguyên và Môi trường",
    "Phòng Y tế": "Phòng Y tế",
    "Phòng KT-HT": "Phòng Kinh tế - Hạ tầng",
    "Phòng Kinh tế và Hạ tầng": "Phòng Kinh tế - Hạ tầng",
    "Văn phòng HĐND và UBND huyện": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",
    "Công an huyện": "Công an huyện",
    "BCH Quân sự huyện": "Ban Chỉ huy Quân sự huyện",
    "Ban CHQS huyện": "Ban Chỉ huy Quân sự huyện",
    "Thanh tra huyện": "Thanh tra huyện",
    "Trung tâm Y tế huyện": "Trung tâm Y tế huyện",
    "Đài TT-TH huyện": "Đài Truyền thanh - Truyền hình huyện",
    "Trung tâm VH-TT&TT huyện": "Trung tâm Văn hóa, Thể thao và Truyền thông huyện",
    "UBMTTQ Việt Nam huyện": "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
    "Huyện đoàn": "Đoàn Thanh niên Cộng sản Hồ Chí Minh huyện",
    "Hội LHPN huyện": "Hội Liên hiệp Phụ nữ huyện",
    "BHXH huyện": "Bảo hiểm xã hội huyện",
    "Ban QLDA ĐTXD huyện": "Ban Quản lý dự án đầu tư xây dựng huyện",
    "UBND các xã, thị trấn": "Ủy ban nhân dân các xã, thị trấn",
    "Các cơ quan, đơn vị": "Các cơ quan, đơn vị",
    "Các cơ quan, đơn vị liên quan": "Các cơ quan, đơn vị liên quan",
    "Các đơn vị liên quan": "Các đơn vị liên quan",
    "Các trường học": "Các trường học",
    # commune level
    "UBND xã": "Ủy ban nhân dân xã",
    "Công an xã": "Công an xã",
    "Ban CHQS xã": "Ban Chỉ huy Quân sự xã",
    "Đoàn Thanh niên xã": "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",
    "Hội LHPN xã": "Hội Liên hiệp Phụ nữ xã",
    "UBMTTQ xã": "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    "Hội Nông dân xã": "Hội Nông dân xã",
    "Hội CCB xã": "Hội Cựu chiến binh xã",
    # province level
    "Các sở, ban, ngành": "Các sở, ban, ngành",
    "UBND các huyện, thành phố": "Ủy ban nhân dân các huyện, thành phố",
    "Sở Tài chính": "Sở Tài chính",
    "Sở Nội vụ": "Sở Nội vụ",
    "Sở NN&PTNT": "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở TT&TT": "Sở Thông tin và Truyền thông",
    "Sở Thông tin và Truyền thông": "Sở Thông tin và Truyền thông",
    "Sở Xây dựng": "Sở Xây dựng",
    "Sở GTVT": "Sở Giao thông vận tải",
    "Sở Y tế": "Sở Y tế",
    "Sở GD&ĐT": "Sở Giáo dục và Đào tạo",
    "Công an tỉnh": "Công an tỉnh",
    "Bộ CHQS tỉnh": "Bộ Chỉ huy Quân sự tỉnh",
    "Đài PT-TH tỉnh": "Đài Phát thanh và Truyền hình tỉnh",
}

# The same body spelled another way in another office: a document picks one spelling per body.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "Phòng Nội vụ": ("Phòng Nội vụ", "Phòng Nội vụ huyện"),
    "Phòng TC-KH": ("Phòng TC-KH", "Phòng Tài chính - Kế hoạch"),
    "Phòng GD&ĐT": ("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo"),
    "Phòng VH&TT": ("Phòng VH&TT", "Phòng Văn hóa và Thông tin"),
    "Phòng NN&PTNT": ("Phòng NN&PTNT", "Phòng Nông nghiệp và PTNT"),
    "Phòng TN&MT": ("Phòng TN&MT", "Phòng Tài nguyên và Môi trường"),
    "Phòng KT-HT": ("Phòng KT-HT", "Phòng Kinh tế và Hạ tầng"),
    "BCH Quân sự huyện": ("BCH Quân sự huyện", "Ban CHQS huyện"),
    "Các cơ quan, đơn vị liên quan": ("Các cơ quan, đơn vị liên quan", "Các đơn vị liên quan"),
    "Sở TT&TT": ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
}


def spell(name: str, variant: int) -> str:
    """The `variant`-th office spelling of a body (the base spelling when it has no other)."""
    options = SPELLINGS.get(name, (name,))
    return options[variant % len(options)]


@dataclass(frozen=True)
class Place:
    province: str
    district: str  # name of the huyện
    communes: tuple[str, ...]
    code: str  # the initials used in document symbols, e.g. "BG"


PLACES = [
    Place("Lạng Sơn", "Bình Gia", ("Tân Văn", "Hồng Phong", "Hoa Thám"), "BG"),
    Place("Lạng Sơn", "Tràng Định", ("Đại Đồng", "Chi Lăng", "Kháng Chiến"), "TĐ"),
    Place("Cao Bằng", "Hòa An", ("Hồng Việt", "Bình Long", "Nam Tuấn"), "HA"),
    Place("Cao Bằng", "Trùng Khánh", ("Đình Phong", "Đàm Thủy", "Chí Viễn"), "TK"),
    Place("Hà Giang", "Vị Xuyên", ("Đạo Đức", "Phú Linh", "Ngọc Linh"), "VX"),
    Place("Quảng Trị", "Hải Lăng", ("Hải Ba", "Hải Quy", "Hải Thượng"), "HL"),
    Place("Thanh Hóa", "Nông Cống", ("Trường Sơn", "Thăng Long", "Công Liêm"), "NC"),
    Place("Nghệ An", "Diễn Châu", ("Diễn Kim", "Diễn Hải", "Diễn Thành"), "DC"),
    Place("Đồng Tháp", "Tam Nông", ("Phú Đức", "An Long", "Phú Thành A"), "TN"),
    Place("Bắc Kạn", "Chợ Đồn", ("Bằng Lũng", "Nam Cường", "Đồng Lạc"), "CĐ"),
]

SIGNERS = [
    "Hoàng Văn Minh", "Lương Thị Hạnh", "Nguyễn Văn Toàn", "Đinh Thị Thu Hà", "Lê Quang Vinh",
    "Trần Đức Thắng", "Vi Văn Sơn", "Nông Thị Huyền", "Phạm Minh Tuấn", "Hà Văn Khải",
    "Bế Thị Mai", "Lăng Văn Cường", "Triệu Thị Lan", "Đỗ Mạnh Hùng",
]

# How the signer block's last title line reads in the truth (metadata.signer_title).
TITLES = {
    "CHỦ TỊCH": "Chủ tịch",
    "PHÓ CHỦ TỊCH": "Phó Chủ tịch",
    "CHÁNH VĂN PHÒNG": "Chánh Văn phòng",
}

# Level words of issuers, longest first so "THỊ TRẤN" is not read as "THỊ".
UNITS = ("THÀNH PHỐ", "THỊ TRẤN", "THỊ XÃ", "HUYỆN", "TỈNH", "XÃ", "PHƯỜNG")
