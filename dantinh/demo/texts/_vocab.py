"""Names and phrases the demo texts draw from. Companies, industrial parks, urban areas,
projects and web sites are invented; streets, rivers and villages are ordinary place names."""

# Communes of the former Hải Dương province (merged into Hải Phòng on 1/7/2025).
HAI_DUONG = frozenset(
    """
Thành Đông|Hải Dương|Lê Thanh Nghị|Tân Hưng|Việt Hoà|Chí Linh|Chu Văn An|Nguyễn Trãi|
Trần Hưng Đạo|Trần Nhân Tông|Lê Đại Hành|Nam Sách|Hợp Tiến|Trần Phú|Thái Tân|An Phú|Ái Quốc|
Kinh Môn|Bắc An Phụ|Nam An Phụ|Nhị Chiểu|Phạm Sư Mạnh|Trần Liễu|Nguyễn Đại Năng|Phú Thái|
Lai Khê|An Thành|Kim Thành|Thanh Hà|Hà Bắc|Nam Đồng|Hà Nam|Hà Tây|Hà Đông|Cẩm Giang|Tứ Minh|
Cẩm Giàng|Tuệ Tĩnh|Mao Điền|Kẻ Sặt|Bình Giang|Đường An|Thượng Hồng|Gia Lộc|Thạch Khôi|
Yết Kiêu|Gia Phúc|Trường Tân|Tứ Kỳ|Đại Sơn|Tân Kỳ|Chí Minh|Lạc Phượng|Nguyên Giáp|Vĩnh Lại|
Tân An|Ninh Giang|Hồng Châu|Khúc Thừa Dụ|Thanh Miện|Nguyễn Lương Bằng|Bắc Thanh Miện|Hải Hưng|
Nam Thanh Miện""".replace("\n", "").split("|")
)

COASTAL = frozenset(
    [
        "Đồ Sơn",
        "Nam Đồ Sơn",
        "Hải An",
        "Đông Hải",
        "Kiến Hải",
        "Hùng Thắng",
        "Tiên Minh",
        "Chấn Hưng",
        "Vĩnh Hải",
        "Vĩnh Thịnh",
        "Bạch Đằng",
        "Nam Triệu",
        "Lưu Kiếm",
        "Dương Kinh",
        "Cát Hải",
        "Bạch Long Vĩ",
    ]
)
THANH_HA = frozenset(["Thanh Hà", "Hà Bắc", "Hà Nam", "Hà Tây", "Hà Đông"])
CHI_LINH = frozenset(
    ["Chí Linh", "Chu Văn An", "Nguyễn Trãi", "Trần Hưng Đạo", "Trần Nhân Tông", "Lê Đại Hành"]
)
KINH_MON = frozenset(
    ["Kinh Môn", "Bắc An Phụ", "Nam An Phụ", "Nhị Chiểu", "Phạm Sư Mạnh", "Trần Liễu", "Phú Thái"]
)
DO_SON = frozenset(["Đồ Sơn", "Nam Đồ Sơn"])
CAT_HAI = frozenset(["Cát Hải"])
BACH_LONG_VI = frozenset(["Bạch Long Vĩ"])
SPECIAL = THANH_HA | CHI_LINH | KINH_MON | DO_SON | CAT_HAI | BACH_LONG_VI

# Villages, residential groups, residential areas.
VILLAGE_STEMS = """Đông|Đoài|Nam|Bắc|Thượng|Hạ|Trung|Tiền Phong|Quyết Tiến|Tân Lập|Hòa Bình|
Đại Thắng|Đồng Tâm|An Lạc|Phú Xá|Lương Xá|Kim Sơn|Hạ Đoạn|Đông Tạ|Trung Hành|Văn Tràng|Tiên Hội|
Cổ Am|Vĩnh Khê|Lôi Động|Phương Quất|Mỹ Xá|Kênh Đào|Xuân Áng|Bình Lãng|An Bình|Tân Hưng|Phúc Lâm|
Thanh Lãng|Đồng Lạc|Minh Đức|Đa Phúc|Lạc Dục|Ngọc Lâm|Đông Xá|Hòa Liễu|Cao Xá|Nhân Lý|Đại Điền|
Hà Lộ|Lý Sơn|Quý Cao|Phù Lưu|Khúc Giản|Đốc Hậu|Mỹ Lộc|An Thái|Tân Thành|Cẩm Khê|Thái Lai|
Hoàng Xá|Tràng Duệ|Nhuận Đông|Ngọc Chi|Vạn Tải|Đông Cao|La Khê|Mạc Xá|Hữu Chung|Phượng Hoàng|
Kim Đôi|Lộ Cương|Thị Xá|Văn Thai|Bằng Lai|Tam Đa|Hồng Thái|Phú Lương|Yên Lưu|Tiền Hải|Quảng Đạt|
Nghĩa Hưng|Thạch Lỗi|Đan Giáp|Vũ La|Phù Tải|Xuân La""".replace("\n", "").split("|")
TDP_STEMS = """Đông Hải|Cát Bi|Lạc Viên|An Đà|Máy Tơ|Đằng Lâm|Thành Tô|Cầu Tre|Hạ Lý|Đông Khê|
Vĩnh Niệm|Kênh Dương|Hàng Kênh|Dư Hàng|Ngọc Xuyên|Bắc Sơn|Quán Trữ|Tân Bình|Thanh Bình|Hải Tân|
Bình Hàn|Ngọc Châu|Cẩm Thượng|Tiền Trung|Văn Đẩu|Lãm Hà|Phù Liễn|Hòa Nghĩa|Đồng Hòa|Trần Thành|
Lê Lợi|Quang Trung|Trà Khê|Vạn Hương|Ngọc Sơn|Hợp Đức|Hưng Đạo|Minh Khai|Cộng Hòa|Bến Tắm""".replace(
    "\n", ""
).split("|")
ISLAND_STEMS = [
    "Hiền Hào",
    "Gia Luận",
    "Xuân Đám",
    "Trân Châu",
    "Việt Hải",
    "Phù Long",
    "Hoàng Châu",
    "Văn Phong",
    "Đồng Bài",
    "Nghĩa Lộ",
    "Cái Viềng",
    "Liên Minh",
    "Hải Sơn",
    "Lục Độ",
]

ROADS_HP_URBAN = [
    "đường Lạch Tray",
    "đường Tô Hiệu",
    "đường Nguyễn Văn Linh",
    "đường Trần Nguyên Hãn",
    "đường Hùng Vương",
    "đường Lê Thánh Tông",
    "đường Phạm Văn Đồng",
    "đường Ngô Gia Tự",
    "đường Thiên Lôi",
    "đường Lê Hồng Phong",
    "đường Đà Nẵng",
    "đường Trường Chinh",
    "đường Bùi Viện",
    "đường Mạc Đăng Doanh",
    "đường Nguyễn Bỉnh Khiêm",
    "đường Cát Bi",
]
ROADS_HD_URBAN = [
    "đường Thanh Niên",
    "đường Nguyễn Lương Bằng",
    "đường Lê Thanh Nghị",
    "đường Điện Biên Phủ",
    "đường Ngô Quyền",
    "đường Trần Hưng Đạo",
    "đường Nguyễn Văn Linh",
    "đường Trường Chinh",
    "đường Yết Kiêu",
    "đường Nguyễn Trãi",
]
ROADS_HP = [
    "Quốc lộ 5",
    "Quốc lộ 10",
    "Quốc lộ 37",
    "Quốc lộ 17B",
    "đường tỉnh 354",
    "đường tỉnh 355",
    "đường tỉnh 359",
    "đường tỉnh 361",
    "đường tỉnh 362",
    "đường tỉnh 353",
]
ROADS_HD = [
    "Quốc lộ 5",
    "Quốc lộ 37",
    "Quốc lộ 38",
    "Quốc lộ 18",
    "Quốc lộ 17B",
    "đường tỉnh 390",
    "đường tỉnh 391",
    "đường tỉnh 392",
    "đường tỉnh 394",
    "đường tỉnh 396",
]
ROADS_RURAL = [
    "đường trục xã",
    "đường liên thôn",
    "đường liên xã",
    "đường trục thôn",
    "đường ra cánh đồng",
    "đường đê",
]
RIVERS_HP = [
    "sông Cấm",
    "sông Lạch Tray",
    "sông Văn Úc",
    "sông Đa Độ",
    "sông Bạch Đằng",
    "sông Luộc",
    "sông Hóa",
    "sông Giá",
    "sông Thái Bình",
]
RIVERS_HD = [
    "sông Thái Bình",
    "sông Kinh Thầy",
    "sông Luộc",
    "sông Sặt",
    "sông Rạng",
    "sông Kinh Môn",
    "sông Gùa",
    "sông Cửu An",
]

COMPANY_VN = [
    "Điện tử Quang Minh",
    "May mặc Hưng Phát",
    "Giày da Tân Thành",
    "Linh kiện Việt Tiến",
    "Bao bì Hải An Xanh",
    "Cơ khí Đông Phong",
    "Nhựa Hoàng Hà",
    "Thép Nam Cường",
    "Thực phẩm Sao Biển",
    "Dệt may Phú Lâm",
    "Gỗ nội thất Thành Đạt",
    "Dây cáp Minh Long",
    "Vật liệu mới Bình Minh",
    "Chế biến thủy sản Biển Xanh",
    "May xuất khẩu Hồng Lạc",
]
COMPANY_FDI = [
    "Kyoha Precision Việt Nam",
    "Minhwa Vina",
    "Taeryong Vina",
    "Evertex Hải Phòng",
    "Azura Footwear Việt Nam",
    "Orion Zen Vina",
    "Lotus Bay Garment",
    "Hanvi Electronics",
    "Delta Lumen Việt Nam",
    "Seokang Parts Vina",
    "Fuyu Cable Việt Nam",
    "Nanwei Furniture",
]
KCN_NAMES = [
    "Đông Hòa",
    "Nam Tràng",
    "Phú Cường",
    "Hải Long",
    "Tân Việt",
    "Bắc Thủy",
    "An Thịnh",
    "Hồng Phát",
    "Tiên Hải",
    "Việt Thành",
    "Cửa Sông",
    "Bắc Kinh Thầy",
]
KDT_NAMES = [
    "An Phát Residence",
    "Sao Mai Green",
    "Hồng Lạc Garden",
    "Vạn Hòa City",
    "Tân Phú Riverside",
    "Đông Phương Park",
    "Hải Âu Bay",
    "Ngọc Trai Villas",
]
PAGODAS = [
    "Phổ Chiếu",
    "Linh Quang",
    "Thiên Phúc",
    "Hưng Long",
    "Phúc Khánh",
    "Diên Phúc",
    "Thắng Phúc",
    "Quang Khánh",
    "Đại Bi",
    "Hoa Nghiêm",
    "Linh Ứng",
    "Bảo Quang",
]

FRONT_BODIES = [
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
    "Hội Nông dân",
    "Đoàn Thanh niên",
    "Hội Người cao tuổi",
    "Hội Chữ thập đỏ",
    "Ủy ban MTTQ Việt Nam",
]
CROPS = [
    "rau màu",
    "lúa chất lượng cao",
    "cà rốt",
    "hành, tỏi",
    "bí xanh",
    "dưa lưới trong nhà màng",
    "ớt xuất khẩu",
    "khoai tây",
    "rau an toàn",
    "lúa nếp cái hoa vàng",
]
PUBLIC_WORKS = [
    "tuyến đường bê tông liên thôn",
    "mương bê tông nội đồng",
    "nhà văn hóa thôn",
    "sân thể thao",
    "tường rào trường mầm non",
    "kè ao làng",
    "cống tiêu nội đồng",
]
POLLUTERS = [
    "cơ sở tái chế nhựa",
    "trang trại chăn nuôi lợn",
    "cơ sở sản xuất giấy",
    "cơ sở chế biến phế liệu",
    "cơ sở đúc nhôm",
    "xưởng sơn tĩnh điện",
    "cơ sở chế biến thủy sản",
    "lò đốt rác của xã",
    "xưởng tái chế dầu thải",
    "cơ sở nấu rượu, chăn nuôi",
]

NEWS_SITES = [
    "tinnhanhcangbien.vn",
    "nhipsongdatcang.vn",
    "dothiduyenhai.vn",
    "bantinphosong.vn",
    "diendancudan.net",
    "thoisuvungbien.vn",
    "doisongcangthi.com.vn",
    "tinmoivungduyenhai.vn",
]
FB_GROUPS = ["cudan", "hoinguoidan", "chotot", "thongtin", "camera-giao-thong-", "tin-nong-"]

# Moods as they read inside a sentence ("Nhân dân {cam} trước việc …").
MOOD_WORDS = {
    "vui_mung": ["vui mừng", "rất vui mừng", "hồ hởi, vui mừng"],
    "phan_khoi": ["phấn khởi", "rất phấn khởi", "phấn khởi, hồ hởi"],
    "dong_tinh": ["đồng tình, ủng hộ", "đồng tình", "nhất trí, đồng tình cao"],
    "tin_tuong": ["tin tưởng", "tin tưởng, đánh giá cao", "yên tâm, tin tưởng"],
    "mong_muon": ["mong muốn", "mong mỏi"],
    "ban_khoan": ["băn khoăn", "còn băn khoăn", "băn khoăn, chưa thực sự yên tâm"],
    "lo_lang": ["lo lắng", "lo ngại", "lo lắng, bất an"],
    "buc_xuc": ["bức xúc", "rất bức xúc", "bức xúc, không đồng tình"],
}

# Channel lead-ins (a frame follows them).
LEADS = {
    "doi_thoai_tiep_xuc": [
        "Tại buổi tiếp xúc cử tri ở {xa}, ",
        "Qua hội nghị đối thoại giữa lãnh đạo {xa} với Nhân dân, ",
        "Tại hội nghị tiếp xúc cử tri trước kỳ họp HĐND thành phố, ",
        "Qua đối thoại trực tiếp tại {noi}, ",
        "Tại buổi tiếp xúc, đối thoại với Nhân dân {noi}, ",
    ],
    "cot_can_uy_tin": [
        "Qua nắm bắt tại {noi}, ",
        "Theo phản ánh của người có uy tín ở {thon}, ",
        "Qua đội ngũ cốt cán ở {thon}, ",
        "Theo thông tin từ tổ dân vận {thon}, ",
        "Một số đảng viên {tai} cho biết, ",
        "Qua nắm bắt từ {doan_the} {xa}, ",
    ],
    "to_cong_tac": [
        "Qua nắm bắt của tổ công tác tại {noi}, ",
        "Tổ công tác của Ban Dân vận xuống {noi} ghi nhận: ",
        "Qua đợt đi cơ sở tại {noi}, ",
        "Tổ công tác {xa} đi cơ sở ghi nhận, ",
    ],
    "hoi_nghi_kiem_tra_khao_sat": [
        "Qua khảo sát tại {noi}, ",
        "Tại hội nghị giao ban công tác dân vận {thang}, {xa} báo cáo: ",
        "Qua giám sát của Ủy ban MTTQ {xa}, ",
        "Qua kiểm tra thực tế tại {noi}, ",
        "Tại hội nghị giao ban của Đảng ủy {xa} với bí thư chi bộ và {truong_thon}, ",
    ],
    "van_ban_bao_cao": [
        "Theo báo cáo của UBND {xa}, ",
        "Theo báo cáo của Đảng ủy {xa}, ",
        "Theo báo cáo của Ủy ban MTTQ {xa}, ",
        "Theo báo cáo tuần của Ban Dân vận Đảng ủy {xa}, ",
        "Theo báo cáo của {doan_the} {xa}, ",
    ],
    "bao_chi_mang_xa_hoi": [
        "Theo thông tin đăng tải trên mạng xã hội, ",
        "Theo phản ánh trên một trang tin điện tử, ",
        "Một bài viết trên nhóm Facebook của cư dân {noi} cho biết ",
        "Qua theo dõi báo chí, mạng xã hội, ",
        "Một video lan truyền trên TikTok phản ánh ",
        "Trên nhóm Zalo của cư dân {thon}, nhiều ý kiến cho biết ",
    ],
    "du_luan_xa_hoi": [
        "Dư luận {tai} quan tâm: ",
        "Qua nắm bắt dư luận xã hội {tai}, ",
        "Theo dư luận xã hội ở {noi}, ",
        "Dư luận trong Nhân dân {xa} cho biết, ",
    ],
    "phoi_hop_dan_van": [
        "Qua phối hợp triển khai công tác dân vận với {doan_the} {xa}, ",
        "Thông qua mô hình “Dân vận khéo” tại {noi}, ",
        "Qua phối hợp với chính quyền {xa} thực hiện công tác dân vận, ",
    ],
}
POLICE_LEAD = "Theo báo cáo của Công an {xa}, "

ASK_LEADS = {
    "mong_muon": [
        "Nhân dân mong muốn",
        "Bà con mong muốn",
        "Người dân mong",
        "Cử tri mong muốn",
        "Nhân dân đề nghị",
    ],
    None: [
        "Nhân dân đề nghị",
        "Đề nghị",
        "Cử tri kiến nghị",
        "Người dân đề nghị",
        "Bà con kiến nghị",
        "Nhân dân kiến nghị",
    ],
}
MOOD_SENTENCES = {
    "buc_xuc": [
        "Tình trạng này kéo dài nhiều tháng, gây bức xúc trong Nhân dân.",
        "Người dân đã nhiều lần phản ánh nhưng chưa được giải quyết dứt điểm nên rất bức xúc.",
        "Việc chậm khắc phục khiến bà con bức xúc.",
        "Nhiều người bức xúc vì cho rằng trách nhiệm chưa được làm rõ.",
    ],
    "ban_khoan": [
        "Nhiều hộ còn băn khoăn vì chưa được giải thích rõ.",
        "Bà con băn khoăn không biết bao giờ vấn đề mới được xử lý.",
        "Người dân băn khoăn về trách nhiệm của các cơ quan liên quan.",
    ],
    "lo_lang": [
        "Người dân lo lắng tình trạng trên ảnh hưởng đến sức khỏe, đời sống.",
        "Bà con lo ngại nếu không sớm xử lý sẽ phát sinh hậu quả nghiêm trọng hơn.",
        "Nhiều hộ lo lắng, nhất là các gia đình có người già, trẻ nhỏ.",
    ],
}
TAILS = {
    "kien_nghi": [
        "Nội dung này cử tri đã kiến nghị tại kỳ tiếp xúc trước.",
        "Ban Dân vận {cap_xa} đã nắm tình hình, báo cáo cấp ủy chỉ đạo giải quyết.",
        "UBND {cap_xa} đã tiếp nhận, giao bộ phận chuyên môn kiểm tra.",
        "Kiến nghị đã được chuyển đến cơ quan có thẩm quyền.",
    ],
    "tam_trang-": [
        "Cần tiếp tục theo dõi, nắm bắt tình hình.",
        "Ban Dân vận {cap_xa} tiếp tục theo dõi, tham mưu cấp ủy chỉ đạo tháo gỡ.",
        "Tâm trạng này cần được quan tâm, giải thích kịp thời.",
    ],
    "tam_trang+": [
        "Dư luận đánh giá tích cực.",
        "Đây là kết quả được Nhân dân đánh giá cao.",
        "Niềm tin của Nhân dân đối với cấp ủy, chính quyền được củng cố.",
    ],
    "hoat_dong+": [
        "Hoạt động được Nhân dân đồng tình, hưởng ứng.",
        "Đây là cách làm hay cần nhân rộng.",
        "Mô hình góp phần tăng cường khối đại đoàn kết ở khu dân cư.",
        "Phong trào lan tỏa mạnh trong cộng đồng.",
    ],
    "hoat_dong-": [
        "Lực lượng chức năng đã vào cuộc xử lý.",
        "Cần tiếp tục theo dõi, có biện pháp ngăn chặn.",
    ],
    "khieu_nai_to_cao": [
        "Đơn đã được chuyển cơ quan có thẩm quyền xem xét, giải quyết theo quy định.",
        "Đây là đơn thư kéo dài, đã được trả lời nhưng công dân chưa đồng ý.",
        "Ban Tiếp công dân đã tiếp nhận, hướng dẫn công dân theo quy định.",
        "Nội dung đơn đang được xác minh.",
    ],
    "vu_viec": [
        "Ban Dân vận {cap_xa} đã phối hợp với UBND, Ủy ban MTTQ nắm tình hình, tuyên truyền, vận động người dân.",
        "Lực lượng chức năng đã có mặt, tình hình hiện cơ bản được kiểm soát.",
        "Vụ việc có nguy cơ trở thành điểm nóng nếu không được giải quyết kịp thời.",
        "Chính quyền đã tổ chức đối thoại, người dân tạm thời giải tán; cần tiếp tục theo dõi.",
        "Cấp ủy, chính quyền {cap_xa} đã thành lập tổ công tác bám nắm tình hình.",
    ],
}

AUTHORITY_PHRASES = {
    "ubnd_xa": ["UBND {xa}", "chính quyền {cap_xa}", "UBND {cap_xa}"],
    "ubnd_tinh": ["UBND thành phố", "thành phố", "các sở, ngành thành phố"],
    "so_nong_nghiep_moi_truong": [
        "Sở Nông nghiệp và Môi trường",
        "ngành nông nghiệp và môi trường",
    ],
    "so_xay_dung": ["Sở Xây dựng", "ngành xây dựng"],
    "so_y_te": ["Sở Y tế", "ngành y tế"],
    "so_giao_duc": ["Sở Giáo dục và Đào tạo", "ngành giáo dục"],
    "so_noi_vu": ["Sở Nội vụ", "cơ quan quản lý nhà nước về lao động"],
    "so_tai_chinh": ["Sở Tài chính", "cơ quan tài chính, thuế"],
    "so_cong_thuong": ["Sở Công Thương", "lực lượng quản lý thị trường"],
    "so_van_hoa": ["Sở Văn hóa, Thể thao và Du lịch", "ngành văn hóa"],
    "so_dan_toc_ton_giao": ["Sở Dân tộc và Tôn giáo", "cơ quan quản lý nhà nước về tôn giáo"],
    "cong_an": ["Công an {xa}", "cơ quan công an", "lực lượng công an"],
    "thanh_tra": ["Thanh tra thành phố", "cơ quan thanh tra"],
    "bhxh": ["cơ quan bảo hiểm xã hội", "Bảo hiểm xã hội thành phố"],
    "dien_nuoc": ["ngành điện", "Công ty Điện lực"],
    "dien_nuoc/nuoc": ["công ty cấp nước", "đơn vị cấp nước"],
    "mttq_doan_the": ["Ủy ban MTTQ {xa}", "Mặt trận và các đoàn thể"],
    "mttq_doan_the/cd": ["công đoàn cơ sở", "Liên đoàn Lao động thành phố"],
    "co_quan_dang": ["Đảng ủy {xa}", "cấp ủy các cấp"],
    "khac": ["các cơ quan chức năng"],
}
