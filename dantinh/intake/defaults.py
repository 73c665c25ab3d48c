"""The default taxonomies of SPEC §13. Codes are stable; names are what users read."""

FIELDS = [
    (
        "dat_dai",
        "Đất đai, thu hồi đất, bồi thường, GPMB",
        "Đất đai, thu hồi đất, bồi thường, giải phóng mặt bằng, giấy chứng nhận quyền sử dụng đất",
    ),
    ("moi_truong", "Môi trường", "Ô nhiễm, rác thải, nước, không khí, tiếng ồn"),
    ("y_te", "Y tế", "Khám chữa bệnh, bệnh viện, bảo hiểm y tế, dịch bệnh, an toàn thực phẩm"),
    ("giao_duc", "Giáo dục", "Trường lớp, học phí, giáo viên, thi cử"),
    ("giao_thong_ha_tang", "Giao thông, hạ tầng", "Đường sá, giao thông, cầu, điện, nước sạch"),
    (
        "lao_dong_viec_lam",
        "Lao động, việc làm",
        "Việc làm, tiền lương, đình công, ngừng việc, nợ bảo hiểm xã hội",
    ),
    (
        "an_sinh_xa_hoi",
        "An sinh xã hội, chính sách",
        "Trợ cấp, hộ nghèo, người có công, lương hưu, cứu trợ thiên tai",
    ),
    ("gia_ca_doi_song", "Giá cả, đời sống", "Giá cả, chi phí sinh hoạt, thu nhập"),
    (
        "thu_tuc_hanh_chinh",
        "Thủ tục hành chính, dịch vụ công",
        "Thủ tục, dịch vụ công, thái độ của cán bộ",
    ),
    (
        "tham_nhung_tieu_cuc",
        "Tham nhũng, tiêu cực, lãng phí",
        "Tham nhũng, sai phạm, lãng phí tài sản công",
    ),
    ("an_ninh_trat_tu", "An ninh, trật tự", "Tội phạm, lừa đảo, tệ nạn xã hội, trật tự công cộng"),
    ("ton_giao_tin_nguong", "Tôn giáo, tín ngưỡng", "Hoạt động tôn giáo, tín ngưỡng"),
    ("dan_toc", "Dân tộc", "Công tác dân tộc, vùng đồng bào dân tộc thiểu số"),
    (
        "nong_nghiep",
        "Nông nghiệp, nông thôn",
        "Trồng trọt, chăn nuôi, thủy sản, đời sống nông thôn",
    ),
    (
        "xay_dung_quy_hoach",
        "Xây dựng, quy hoạch, đô thị",
        "Xây dựng, quy hoạch, trật tự đô thị, nhà ở",
    ),
    ("van_hoa_xa_hoi", "Văn hóa, xã hội", "Văn hóa, lễ hội, xã hội, gia đình"),
    (
        "xay_dung_dang_chinh_quyen",
        "Xây dựng Đảng, chính quyền",
        "Xây dựng Đảng, hệ thống chính trị, cán bộ, sắp xếp tổ chức bộ máy",
    ),
    ("kinh_te_doanh_nghiep", "Kinh tế, doanh nghiệp", "Kinh tế, doanh nghiệp, đầu tư"),
    ("khac", "Khác", "Các nội dung khác"),
]

KINDS = [
    (
        "hoat_dong",
        "Hoạt động của Nhân dân",
        "Hưởng ứng phong trào, hoạt động tín ngưỡng, tôn giáo, dân tộc, hoạt động có sức lan tỏa",
    ),
    ("tam_trang", "Tâm trạng, tư tưởng, dư luận", ""),
    ("kien_nghi", "Kiến nghị, bức xúc", ""),
    ("khieu_nai_to_cao", "Đơn thư khiếu nại, tố cáo", ""),
    ("vu_viec", "Dấu hiệu vụ việc phức tạp, điểm nóng", ""),
]

MOODS = [
    ("vui_mung", "Vui mừng", "positive"),
    ("phan_khoi", "Phấn khởi", "positive"),
    ("dong_tinh", "Đồng tình", "positive"),
    ("tin_tuong", "Tin tưởng", "positive"),
    ("mong_muon", "Mong muốn", "neutral"),
    ("ban_khoan", "Băn khoăn", "negative"),
    ("lo_lang", "Lo lắng", "negative"),
    ("buc_xuc", "Bức xúc", "negative"),
]

CHANNELS = [
    ("doi_thoai_tiep_xuc", "Đối thoại, tiếp xúc cử tri", ""),
    ("phoi_hop_dan_van", "Phối hợp triển khai công tác dân vận", ""),
    (
        "hoi_nghi_kiem_tra_khao_sat",
        "Hội nghị, kiểm tra, giám sát, khảo sát",
        "Hội nghị, kiểm tra, giám sát, khảo sát, điều tra xã hội học",
    ),
    (
        "cot_can_uy_tin",
        "Cốt cán, người có uy tín, người dân",
        "Đội ngũ cốt cán, người có uy tín, người tiêu biểu, đảng viên, đoàn viên, hội viên, người dân",
    ),
    ("to_cong_tac", "Tổ công tác xuống cơ sở", ""),
    (
        "van_ban_bao_cao",
        "Văn bản, báo cáo của các cơ quan",
        "Văn bản, báo cáo của cấp ủy, chính quyền, lực lượng vũ trang, Mặt trận, đoàn thể",
    ),
    (
        "bao_chi_mang_xa_hoi",
        "Báo chí, mạng xã hội",
        "Báo chí, website, diễn đàn, mạng xã hội, phần mềm",
    ),
    ("du_luan_xa_hoi", "Dư luận xã hội", ""),
]

# Bodies that resolve recommendations after the 2025 reorganisation (no district level;
# merged departments).
AUTHORITIES = [
    ("ubnd_xa", "UBND cấp xã", "Ủy ban nhân dân xã, phường, đặc khu"),
    ("ubnd_tinh", "UBND tỉnh, thành phố", ""),
    (
        "so_nong_nghiep_moi_truong",
        "Sở Nông nghiệp và Môi trường",
        "Đất đai, môi trường, nông nghiệp, thủy lợi",
    ),
    ("so_xay_dung", "Sở Xây dựng", "Xây dựng, quy hoạch, giao thông, hạ tầng"),
    ("so_y_te", "Sở Y tế", "Y tế, bảo trợ xã hội"),
    ("so_giao_duc", "Sở Giáo dục và Đào tạo", ""),
    ("so_noi_vu", "Sở Nội vụ", "Lao động, việc làm, người có công, tổ chức bộ máy"),
    ("so_tai_chinh", "Sở Tài chính", "Giá cả, đầu tư, doanh nghiệp"),
    ("so_cong_thuong", "Sở Công Thương", "Thị trường, điện"),
    ("so_van_hoa", "Sở Văn hóa, Thể thao và Du lịch", ""),
    ("so_dan_toc_ton_giao", "Sở Dân tộc và Tôn giáo", ""),
    ("cong_an", "Công an", "An ninh, trật tự"),
    ("thanh_tra", "Thanh tra", "Khiếu nại, tố cáo, tham nhũng"),
    ("bhxh", "Bảo hiểm xã hội", ""),
    ("dien_nuoc", "Công ty điện lực, cấp nước", ""),
    ("mttq_doan_the", "Mặt trận Tổ quốc, đoàn thể", ""),
    ("co_quan_dang", "Cấp ủy, cơ quan Đảng", ""),
    ("khac", "Cơ quan khác", ""),
]


def seed(apps=None) -> None:
    """Create the default entries that do not exist yet; never overwrite a deployment's edits."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    tables = [
        ("Field", FIELDS),
        ("Kind", KINDS),
        ("Channel", CHANNELS),
        ("Authority", AUTHORITIES),
    ]
    for model_name, rows in tables:
        model = apps.get_model("intake", model_name)
        for order, (code, name, description) in enumerate(rows, start=1):
            model.objects.get_or_create(
                code=code, defaults={"name": name, "description": description, "order": order}
            )
    Mood = apps.get_model("intake", "Mood")
    for order, (code, name, valence) in enumerate(MOODS, start=1):
        Mood.objects.get_or_create(
            code=code, defaults={"name": name, "valence": valence, "order": order}
        )
