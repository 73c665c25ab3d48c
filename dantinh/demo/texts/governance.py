"""Administrative procedures and public services (thu_tuc_hanh_chinh), party building and the
political system (xay_dung_dang_chinh_quyen), corruption and waste (tham_nhung_tieu_cuc)."""

from ._base import HD, KN, KNTC, POS_HD, TT, VV, T

H = "thu_tuc_hanh_chinh"
D = "xay_dung_dang_chinh_quyen"
C = "tham_nhung_tieu_cuc"

TOPICS = [
    # ------------------------------------------------------------------ thủ tục hành chính
    T(
        H,
        HD,
        POS_HD,
        [
            "Đoàn Thanh niên {xa} lập tổ công nghệ số cộng đồng, hướng dẫn {so:100-500} lượt người dân kích "
            "hoạt tài khoản định danh điện tử mức 2, sử dụng VNeID và nộp hồ sơ trực tuyến.",
            "đoàn viên thanh niên {tai} hỗ trợ người cao tuổi cài đặt ứng dụng VNeID, tích hợp thẻ bảo hiểm "
            "y tế, giấy phép lái xe.",
        ],
    ),
    T(
        H,
        HD,
        POS_HD,
        [
            "Trung tâm Phục vụ hành chính công {xa} tổ chức “Ngày thứ bảy vì Nhân dân”, tiếp nhận hồ sơ cả "
            "ngày nghỉ để giải quyết hồ sơ tồn đọng.",
            "Công an {xa} tổ chức cấp căn cước lưu động tại nhà văn hóa {thon} cho người già, người bệnh "
            "không đi lại được.",
        ],
    ),
    T(
        H,
        TT,
        "tin_tuong*2 dong_tinh",
        [
            "{dan} {cam} với cách phục vụ tại Trung tâm Phục vụ hành chính công {xa}: cán bộ hướng dẫn tận tình, "
            "hồ sơ được giải quyết đúng hẹn.",
            "người dân {tai} {cam} khi làm thủ tục đăng ký khai sinh, thường trú, cấp phiếu lý lịch tư pháp "
            "trên VNeID mà không phải đến trụ sở.",
        ],
    ),
    T(
        H,
        TT,
        "dong_tinh*2 tin_tuong",
        [
            "{tg_hai_cap}, {dan} {cam} vì nhiều thủ tục được giải quyết ngay tại xã, không phải lên huyện như "
            "trước.",
            "{dan} {cam} với mô hình chính quyền địa phương hai cấp, cho rằng bộ máy gần dân, sát dân hơn.",
        ],
        sec="xay_dung_dang_chinh_quyen",
    ),
    T(
        H,
        TT,
        "dong_tinh tin_tuong",
        [
            "{tg_hai_cap}, {dan} {cam} với cách làm việc của bộ máy chính quyền {cap_xa} mới.",
        ],
        season="hai_cap",
        w=2,
        sec="xay_dung_dang_chinh_quyen",
    ),
    T(
        H,
        TT,
        "ban_khoan*2 lo_lang",
        [
            "người cao tuổi {tai} {cam} vì nhiều thủ tục chuyển sang làm trực tuyến trong khi bản thân không "
            "sử dụng được điện thoại thông minh.",
            "{dan} {cam} về việc phải điều chỉnh địa chỉ trên giấy tờ (căn cước, giấy chứng nhận quyền sử dụng "
            "đất, đăng ký kinh doanh) sau khi thay đổi tên đơn vị hành chính.",
        ],
        auth="ubnd_xa cong_an",
    ),
    T(
        H,
        TT,
        "ban_khoan buc_xuc",
        [
            "Nhân dân các thôn xa trung tâm {xa} {cam} vì phải đi xa hơn {5-15} km để làm thủ tục tại trụ sở "
            "mới sau sắp xếp đơn vị hành chính.",
        ],
        where="nt",
        auth="ubnd_xa",
        sec="xay_dung_dang_chinh_quyen",
    ),
    T(
        H,
        TT,
        "buc_xuc ban_khoan",
        [
            "một số người dân {tai} {cam} về thái độ của một số cán bộ bộ phận một cửa: hướng dẫn chưa rõ, yêu "
            "cầu bổ sung hồ sơ nhiều lần.",
            "{dan} {cam} khi hệ thống dịch vụ công trực tuyến có thời điểm bị lỗi, chậm, không nộp được hồ sơ.",
        ],
        auth="ubnd_xa ubnd_tinh",
    ),
    T(
        H,
        TT,
        "mong_muon",
        [
            "{dan} {cam} được hướng dẫn cụ thể khi làm thủ tục trên môi trường số, nhất là thanh toán trực "
            "tuyến phí, lệ phí.",
        ],
        auth="ubnd_xa",
    ),
    T(
        H,
        KN,
        "buc_xuc ban_khoan",
        [
            "cử tri {xa} phản ánh thời gian giải quyết hồ sơ đăng ký biến động đất đai, tách thửa còn kéo dài, "
            "có hồ sơ quá hạn {1-3} tháng.",
            "!{tat}: {so:10-60} hồ sơ đất đai quá hạn giải quyết, người dân đi lại nhiều lần.",
        ],
        asks=["rút ngắn thời gian, thông báo công khai tiến độ xử lý hồ sơ"],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
        sec="dat_dai",
    ),
    T(
        H,
        KN,
        "ban_khoan",
        [
            "Trung tâm Phục vụ hành chính công {xa} thiếu chỗ ngồi chờ, máy lấy số thường xuyên hỏng, đầu tuần "
            "rất đông.",
        ],
        asks=["bổ sung trang thiết bị, bố trí thêm quầy tiếp nhận"],
        auth="ubnd_xa",
    ),
    T(
        H,
        KN,
        "ban_khoan",
        [
            "nhiều người dân {tai} chưa biết cách tích hợp giấy tờ, cập nhật thông tin trên VNeID.",
            "phụ huynh {tai} phản ánh việc làm căn cước cho trẻ em phải chờ lâu tại điểm cấp.",
        ],
        asks=[
            "tăng cường hướng dẫn trực tiếp tại thôn, tổ dân phố",
            "bố trí cấp căn cước lưu động tại trường học",
        ],
        auth="cong_an ubnd_xa mttq_doan_the",
    ),
    T(
        H,
        KN,
        "buc_xuc",
        [
            "cử tri {xa} phản ánh vẫn có nơi yêu cầu người dân nộp bản sao có chứng thực các giấy tờ đã có "
            "trong cơ sở dữ liệu quốc gia về dân cư.",
        ],
        asks=["thực hiện đúng quy định cắt giảm giấy tờ, khai thác dữ liệu dùng chung"],
        auth="ubnd_xa ubnd_tinh",
    ),
    T(
        H,
        KN,
        "ban_khoan buc_xuc",
        [
            "người dân {tai} phản ánh cán bộ địa chính, tư pháp mới tiếp nhận công việc, chưa nắm hồ sơ lưu trữ "
            "của các xã cũ nên giải quyết chậm.",
        ],
        asks=["khẩn trương bàn giao, số hóa hồ sơ lưu trữ của các xã cũ"],
        auth="ubnd_xa so_noi_vu",
        sec="xay_dung_dang_chinh_quyen",
    ),
    T(
        H,
        KN,
        "ban_khoan",
        [
            "người dân không rõ địa điểm tiếp nhận hồ sơ sau khi trụ sở {xa} cũ ngừng hoạt động.",
            "!{tat}: hồ sơ đăng ký khai sinh, thường trú trực tuyến trả kết quả chậm; cổng dịch vụ công hay lỗi.",
        ],
        asks=[
            "bố trí điểm tiếp nhận hồ sơ tại trụ sở cũ, thông báo rộng rãi cho Nhân dân",
            "khắc phục lỗi hệ thống, trả kết quả đúng hạn",
        ],
        auth="ubnd_xa",
    ),
    T(
        H,
        KN,
        "ban_khoan",
        [
            "các hộ kinh doanh {tai} phản ánh thủ tục đăng ký hộ kinh doanh, cấp giấy chứng nhận cơ sở đủ điều "
            "kiện an toàn thực phẩm còn phức tạp.",
        ],
        asks=["đơn giản hóa, cho phép thực hiện hoàn toàn trực tuyến"],
        auth="ubnd_xa so_y_te",
        sec="kinh_te_doanh_nghiep",
    ),
    T(
        H,
        KNTC,
        "buc_xuc",
        [
            "công dân {tai} gửi đơn phản ánh cán bộ bộ phận một cửa gây khó khăn, gợi ý nộp thêm tiền để hồ "
            "sơ được giải quyết nhanh.",
        ],
        auth="thanh_tra ubnd_xa co_quan_dang",
        sec="tham_nhung_tieu_cuc",
        hot=0.1,
    ),
    T(
        H,
        KNTC,
        "buc_xuc ban_khoan",
        [
            "công dân {tai} khiếu nại việc {ubnd} trả lại hồ sơ cấp giấy chứng nhận quyền sử dụng đất mà không "
            "nêu rõ lý do.",
        ],
        auth="ubnd_xa thanh_tra",
        sec="dat_dai",
    ),
    # ------------------------------------------------------------------ xây dựng Đảng, chính quyền
    T(
        D,
        HD,
        POS_HD,
        [
            "cán bộ, đảng viên và Nhân dân {tai} tích cực học tập, quán triệt Nghị quyết Đại hội XIV của Đảng "
            "và Nghị quyết Đại hội Đảng bộ thành phố nhiệm kỳ 2025–2030.",
            "Chi bộ {thon} duy trì sinh hoạt chuyên đề, mời đại diện Nhân dân dự để lắng nghe ý kiến về các "
            "công trình dân sinh.",
        ],
    ),
    T(
        D,
        HD,
        POS_HD,
        [
            "đồng chí Bí thư Đảng ủy, Chủ tịch UBND {xa} trực tiếp đối thoại với Nhân dân, giải quyết dứt "
            "điểm {2-6} kiến nghị tồn đọng.",
        ],
    ),
    T(
        D,
        TT,
        "dong_tinh*2 tin_tuong",
        [
            "{dan} {cam} với việc sắp xếp, tinh gọn bộ máy, đánh giá chính quyền {cap_xa} mới hoạt động ổn "
            "định, cán bộ gần dân hơn.",
            "{dan} {cam} trước kết quả Đại hội XIV của Đảng, kỳ vọng vào giai đoạn phát triển mới của đất nước.",
        ],
    ),
    T(
        D,
        TT,
        "ban_khoan*2 lo_lang",
        [
            "một số cán bộ, công chức xã cũ được bố trí về {xa} {cam} vì phải đi làm xa, khối lượng công việc "
            "lớn, chế độ phụ cấp chưa rõ.",
            "người hoạt động không chuyên trách ở thôn, tổ dân phố {tai} {cam} vì phụ cấp thấp trong khi nhiệm "
            "vụ ngày càng nhiều.",
        ],
        auth="so_noi_vu ubnd_xa",
        sec="lao_dong_viec_lam",
    ),
    T(
        D,
        TT,
        "ban_khoan",
        [
            "{dan} {cam} trước thông tin sắp xếp, sáp nhập thôn, tổ dân phố quy mô nhỏ; nhiều người lo về tên "
            "gọi, tài sản chung, nhà văn hóa.",
            "một số cán bộ nghỉ việc theo chính sách tinh giản {tai} {cam} vì chậm nhận chế độ.",
        ],
        auth="ubnd_xa so_noi_vu",
    ),
    T(
        D,
        KN,
        "buc_xuc ban_khoan",
        [
            "cử tri phản ánh trụ sở các xã cũ {tai} sau sắp xếp bỏ trống, xuống cấp, gây lãng phí.",
        ],
        asks=["sớm có phương án sử dụng trụ sở dôi dư làm trường học, trạm y tế, nhà văn hóa"],
        auth="ubnd_xa ubnd_tinh",
        sec="tham_nhung_tieu_cuc",
    ),
    T(
        D,
        KN,
        "ban_khoan",
        [
            "một số đảng viên cao tuổi {tai} phản ánh sau khi sáp nhập chi bộ, địa điểm sinh hoạt xa, đi lại khó "
            "khăn.",
            "Nhân dân phản ánh việc tiếp công dân định kỳ của lãnh đạo {xa} có tháng chưa thực hiện đúng lịch.",
        ],
        asks=[
            "bố trí địa điểm sinh hoạt phù hợp",
            "thực hiện nghiêm lịch tiếp công dân, công khai lịch tiếp",
        ],
        auth="co_quan_dang ubnd_xa",
    ),
    T(
        D,
        KNTC,
        "buc_xuc",
        [
            "đơn phản ánh một cán bộ {xa} có biểu hiện hách dịch, vi phạm quy tắc ứng xử khi tiếp dân.",
        ],
        auth="co_quan_dang ubnd_xa thanh_tra",
    ),
    # ------------------------------------------------------------------ tham nhũng, tiêu cực, lãng phí
    T(
        C,
        TT,
        "tin_tuong*2 dong_tinh",
        [
            "{dan} {cam} trước quyết tâm của Đảng, Nhà nước trong phòng, chống tham nhũng, lãng phí, tiêu cực; "
            "nhiều vụ án lớn được xử lý nghiêm.",
            "{dan} {cam} với chủ trương xử lý dứt điểm các dự án chậm tiến độ, tồn đọng kéo dài gây lãng phí.",
        ],
    ),
    T(
        C,
        TT,
        "buc_xuc ban_khoan",
        [
            "{dan} {cam} vì một số công trình xây dựng bằng vốn ngân sách {tai} chậm tiến độ, nhanh xuống cấp sau "
            "khi đưa vào sử dụng.",
            "{dan} {cam} trước việc trụ sở, nhà văn hóa, trường học cũ sau sắp xếp để không, xuống cấp, gây "
            "lãng phí tài sản công.",
        ],
        auth="ubnd_xa thanh_tra",
    ),
    T(
        C,
        KN,
        "ban_khoan",
        [
            "cử tri {xa} đề nghị công khai các khoản huy động đóng góp của Nhân dân để làm đường, xây nhà văn hóa.",
            "người dân {tai} phản ánh {cong_trinh} vừa nghiệm thu đã bong tróc, nứt vỡ.",
        ],
        asks=["kiểm tra chất lượng, làm rõ trách nhiệm của nhà thầu và đơn vị giám sát"],
        auth="ubnd_xa thanh_tra so_xay_dung",
    ),
    T(
        C,
        KNTC,
        "buc_xuc*2 ban_khoan",
        [
            "công dân {tai} tố cáo trưởng thôn thu tiền đóng góp của các hộ nhưng không công khai chi tiêu.",
            "đơn tố cáo cán bộ địa chính {xa} nhận tiền để hợp thức hóa đất lấn chiếm.",
            "đơn tố cáo việc cho thuê đất công ích {tai} trái quy định, tiền thu không nộp ngân sách.",
            "một nhóm cử tri {xa} gửi đơn phản ánh việc chấm thầu một số gói thầu xây dựng có dấu hiệu “quân "
            "xanh, quân đỏ”.",
        ],
        auth="thanh_tra ubnd_xa co_quan_dang",
    ),
    T(
        C,
        VV,
        "buc_xuc",
        [
            "mạng xã hội lan truyền thông tin cán bộ {xa} nhận tiền của người dân để “chạy” hồ sơ, gây bức "
            "xúc dư luận; vụ việc đang được xác minh.",
        ],
        auth="thanh_tra co_quan_dang cong_an",
        hot=0.5,
        ch="bao_chi_mang_xa_hoi",
    ),
]
