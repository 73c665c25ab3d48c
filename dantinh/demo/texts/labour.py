"""Labour and employment (lao_dong_viec_lam), economy and business (kinh_te_doanh_nghiep),
agriculture, fisheries and rural life (nong_nghiep)."""

from ._base import HD, KN, KNTC, POS_HD, TT, VV, T
from ._vocab import BACH_LONG_VI, CAT_HAI, DO_SON

L = "lao_dong_viec_lam"
K = "kinh_te_doanh_nghiep"
N = "nong_nghiep"

TOPICS = [
    # ------------------------------------------------------------------ lao động, việc làm
    T(
        L,
        HD,
        POS_HD,
        [
            "phiên giao dịch việc làm tại {xa} thu hút {so:200-800} lượt người lao động; nhiều doanh nghiệp "
            "trong {kcn} tuyển dụng trực tiếp.",
            "Công đoàn {kcn} trao “Mái ấm Công đoàn” cho đoàn viên có hoàn cảnh khó khăn, hỗ trợ {tr:50-80} "
            "mỗi căn.",
        ],
        where="dat",
    ),
    T(
        L,
        HD,
        POS_HD,
        [
            "công đoàn các doanh nghiệp trong {kcn} đăng ký “Chuyến xe mùa xuân”, tặng vé xe miễn phí cho "
            "{so:200-900} công nhân về quê ăn Tết.",
            "{cty} phối hợp công đoàn tổ chức “Tết sum vầy”, tặng quà cho {so:150-600} công nhân khó khăn.",
        ],
        season="tet",
        where="dat",
    ),
    T(
        L,
        TT,
        "phan_khoi*2 vui_mung",
        [
            "công nhân {cty} {cam} khi doanh nghiệp thông báo tăng lương từ {thang}, bổ sung phụ cấp nhà ở, "
            "đi lại.",
            "{dan} {cam} vì nhiều lao động địa phương được tuyển vào làm việc tại {kcn}, thu nhập ổn định "
            "{7-12} triệu đồng/tháng.",
        ],
        where="dat",
    ),
    T(
        L,
        TT,
        "phan_khoi vui_mung",
        [
            "người lao động {kcn} {cam} khi doanh nghiệp công bố mức thưởng Tết dự kiến bằng {1-3} tháng lương.",
        ],
        season="thuong",
        where="dat",
    ),
    T(
        L,
        TT,
        "dong_tinh phan_khoi",
        [
            "người lao động {tai} {cam} khi thành phố khởi công dự án nhà ở xã hội cho công nhân gần {kcn}.",
        ],
        where="dat",
        sec="xay_dung_quy_hoach",
    ),
    T(
        L,
        TT,
        "lo_lang*2 ban_khoan",
        [
            "công nhân {cty} {cam} vì doanh nghiệp thiếu đơn hàng, cắt giảm giờ làm thêm, thu nhập giảm.",
            "người lao động {kcn} {cam} trước thông tin doanh nghiệp có thể cắt giảm lao động cuối năm do đơn "
            "hàng xuất khẩu giảm.",
        ],
        where="dat",
        auth="so_noi_vu mttq_doan_the",
    ),
    T(
        L,
        TT,
        "ban_khoan lo_lang",
        [
            "công nhân {cty} {cam} vì chưa có thông báo về thưởng Tết, trong khi nhiều doanh nghiệp khác đã "
            "công bố.",
        ],
        season="thuong",
        where="dat",
        auth="mttq_doan_the so_noi_vu",
    ),
    T(
        L,
        TT,
        "buc_xuc",
        [
            "công nhân {cty} {cam} về chất lượng bữa ăn ca: khẩu phần ít, thức ăn kém chất lượng.",
            "công nhân {cty} {cam} vì nhà xưởng nóng, thiếu quạt làm mát trong những ngày nắng nóng đỉnh điểm.",
        ],
        where="dat",
        auth="mttq_doan_the so_noi_vu",
        sec="y_te",
    ),
    T(
        L,
        TT,
        "lo_lang",
        [
            "nhiều lao động tự do {tai} {cam} vì việc làm thời vụ ít, thu nhập bấp bênh.",
        ],
    ),
    T(
        L,
        KN,
        "buc_xuc*2 lo_lang",
        [
            "công nhân {cty} phản ánh doanh nghiệp chậm đóng bảo hiểm xã hội {3-9} tháng, ảnh hưởng quyền lợi "
            "khám chữa bệnh, thai sản của {so:50-400} người lao động.",
            "!{tat}: {cty} nợ bảo hiểm xã hội của {so:40-300} lao động.",
        ],
        asks=["yêu cầu doanh nghiệp đóng đủ số tiền nợ, có biện pháp xử lý dứt điểm"],
        auth="bhxh so_noi_vu",
        where="dat",
    ),
    T(
        L,
        KN,
        "buc_xuc",
        [
            "người lao động {cty} phản ánh doanh nghiệp trả lương chậm {1-2} tháng, không thông báo rõ lý do.",
        ],
        asks=["kiểm tra, yêu cầu doanh nghiệp trả lương đúng hạn"],
        auth="so_noi_vu mttq_doan_the",
        where="dat",
    ),
    T(
        L,
        KN,
        "ban_khoan",
        [
            "lao động trung niên {tai} khó tìm việc tại các khu công nghiệp vì doanh nghiệp chỉ tuyển dưới 35 tuổi.",
            "nhiều lao động {tai} bị ký hợp đồng thời vụ liên tục, không được đóng bảo hiểm.",
        ],
        asks=[
            "mở lớp đào tạo nghề, tạo việc làm tại chỗ cho lao động trung niên",
            "kiểm tra việc giao kết hợp đồng lao động tại các doanh nghiệp",
        ],
        auth="so_noi_vu ubnd_xa bhxh",
    ),
    T(
        L,
        KN,
        "buc_xuc ban_khoan",
        [
            "công nhân phản ánh đường vào {kcn} giờ tan ca ùn tắc, thiếu đèn chiếu sáng, tiềm ẩn tai nạn.",
        ],
        asks=["mở rộng đường, lắp đèn chiếu sáng, bố trí lực lượng phân luồng giờ cao điểm"],
        auth="so_xay_dung ubnd_xa cong_an",
        where="dat",
        sec="giao_thong_ha_tang",
    ),
    T(
        L,
        KN,
        "ban_khoan",
        [
            "người lao động mất việc {tai} phản ánh thủ tục hưởng trợ cấp thất nghiệp còn chậm.",
        ],
        asks=["rút ngắn thời gian giải quyết, hướng dẫn nộp hồ sơ trực tuyến"],
        auth="so_noi_vu bhxh",
        sec="thu_tuc_hanh_chinh",
    ),
    T(
        L,
        KN,
        "ban_khoan lo_lang",
        [
            "thanh niên {tai} mong muốn được tư vấn, hỗ trợ vay vốn đi làm việc ở nước ngoài theo hợp đồng, "
            "tránh bị lừa qua các công ty môi giới không phép.",
        ],
        auth="so_noi_vu",
        sec="an_ninh_trat_tu",
    ),
    T(
        L,
        KNTC,
        "buc_xuc",
        [
            "tập thể {so:20-150} người lao động {cty} gửi đơn khiếu nại việc doanh nghiệp nợ lương, bảo hiểm "
            "xã hội rồi chủ doanh nghiệp bỏ trốn.",
        ],
        auth="so_noi_vu cong_an bhxh",
        where="dat",
        hot=0.3,
    ),
    T(
        L,
        VV,
        "buc_xuc*2 lo_lang",
        [
            "khoảng {so:200-1500} công nhân {cty} tại {kcn} ngừng việc tập thể, yêu cầu tăng lương, cải thiện "
            "bữa ăn ca và thưởng chuyên cần.",
            "công nhân {cty} ngừng việc do doanh nghiệp nợ lương {2-3} tháng; người đại diện doanh nghiệp "
            "không liên lạc được.",
        ],
        auth="so_noi_vu mttq_doan_the ubnd_xa",
        where="dat",
        hot=0.7,
    ),
    T(
        L,
        VV,
        "buc_xuc",
        [
            "{so:100-600} công nhân {cty} tập trung trước cổng công ty phản đối việc công ty thông báo không "
            "thưởng Tết.",
        ],
        auth="so_noi_vu mttq_doan_the",
        season="thuong",
        where="dat",
        hot=0.7,
    ),
    # ------------------------------------------------------------------ kinh tế, doanh nghiệp
    T(
        K,
        HD,
        POS_HD,
        [
            "các doanh nghiệp trên địa bàn {xa} ủng hộ {tr:100-800} cho Quỹ “Vì người nghèo” và xây nhà đại "
            "đoàn kết.",
        ],
        sec="an_sinh_xa_hoi",
    ),
    T(
        K,
        TT,
        "phan_khoi*2 tin_tuong",
        [
            "{dan} {cam} trước việc thành phố thu hút nhiều dự án FDI lớn vào {kcn}, kỳ vọng tạo thêm việc làm "
            "cho lao động địa phương.",
            "{dan} {cam} với chủ trương xây dựng Khu thương mại tự do Hải Phòng, kỳ vọng thành phố phát triển "
            "mạnh.",
        ],
        sec="lao_dong_viec_lam",
    ),
    T(
        K,
        TT,
        "ban_khoan*2 lo_lang",
        [
            "các hộ kinh doanh {tai} {cam} vì việc chuyển từ thuế khoán sang tự kê khai, sử dụng hóa đơn điện "
            "tử còn nhiều vướng mắc.",
            "tiểu thương {tai} {cam} vì khó cạnh tranh với hàng bán trên sàn thương mại điện tử giá rẻ.",
        ],
        auth="so_tai_chinh",
    ),
    T(
        K,
        TT,
        "lo_lang",
        [
            "{dan} {cam} về việc nhiều doanh nghiệp nhỏ trên địa bàn giải thể, tạm dừng hoạt động.",
        ],
        sec="lao_dong_viec_lam",
    ),
    T(
        K,
        TT,
        "phan_khoi vui_mung",
        [
            "các hộ kinh doanh du lịch ở Cát Bà {cam} khi lượng khách tăng mạnh dịp hè, phòng nghỉ kín chỗ "
            "cuối tuần.",
        ],
        season="he",
        only=CAT_HAI,
        w=4,
    ),
    T(
        K,
        TT,
        "lo_lang ban_khoan",
        [
            "các hộ kinh doanh dịch vụ du lịch {tai} {cam} vì lượng khách dịp hè giảm, nhiều nhà nghỉ vắng khách.",
        ],
        season="he",
        only=DO_SON,
        w=4,
    ),
    T(
        K,
        KN,
        "ban_khoan",
        [
            "doanh nghiệp nhỏ và vừa {tai} phản ánh khó tiếp cận vốn vay ưu đãi, thủ tục vay còn phức tạp.",
            "các doanh nghiệp trong {ccn} phản ánh hạ tầng cụm công nghiệp chưa hoàn thiện (đường nội bộ, xử lý "
            "nước thải).",
        ],
        asks=["có cơ chế hỗ trợ tiếp cận tín dụng, hoàn thiện hạ tầng cho doanh nghiệp"],
        auth="so_tai_chinh so_cong_thuong ubnd_xa",
        where="dat",
    ),
    T(
        K,
        KN,
        "ban_khoan",
        [
            "hợp tác xã {tai} gặp khó khăn trong tiêu thụ sản phẩm OCOP.",
        ],
        asks=["hỗ trợ xúc tiến thương mại, đưa sản phẩm lên sàn thương mại điện tử"],
        auth="so_cong_thuong ubnd_xa",
        sec="nong_nghiep",
    ),
    T(
        K,
        KN,
        "buc_xuc",
        [
            "các hộ kinh doanh du lịch ở Cát Bà phản ánh tình trạng chèo kéo khách, tự ý tăng giá dịch vụ "
            "dịp cao điểm, ảnh hưởng hình ảnh địa phương.",
        ],
        asks=["tăng cường kiểm tra, xử lý nghiêm các trường hợp vi phạm"],
        auth="ubnd_xa so_van_hoa",
        only=CAT_HAI,
        w=3,
    ),
    # ------------------------------------------------------------------ nông nghiệp, nông thôn
    T(
        N,
        HD,
        POS_HD,
        [
            "nông dân {tai} hưởng ứng dồn điền đổi thửa, tự nguyện chỉnh trang đồng ruộng để đưa cơ giới hóa "
            "vào sản xuất.",
            "Hội Nông dân {xa} xây dựng mô hình trồng {cay} theo hướng hữu cơ, liên kết tiêu thụ với doanh nghiệp.",
        ],
        where="nt dat",
    ),
    T(
        N,
        HD,
        POS_HD,
        [
            "Nhân dân {tai} ra quân nạo vét kênh mương nội đồng, chuẩn bị cho vụ {vu}.",
            "Nhân dân {tai} tích cực đóng góp xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu: chỉnh "
            "trang hàng rào, trồng hoa ven đường, lắp đèn chiếu sáng.",
        ],
        where="nt dat",
        sec="van_hoa_xa_hoi",
    ),
    T(
        N,
        HD,
        POS_HD,
        [
            "bà con {tai} chủ động gia cố bờ ao, chằng chống lồng bè, thu hoạch sớm thủy sản đến kỳ trước khi "
            "{bao} đổ bộ.",
            "ngư dân {tai} đưa tàu thuyền vào nơi neo đậu an toàn, chấp hành nghiêm lệnh cấm biển trước {bao}.",
        ],
        season="bao",
        where="bien",
    ),
    T(
        N,
        TT,
        "phan_khoi*2 vui_mung",
        [
            "nông dân {tai} {cam} vì lúa vụ {vu} được mùa, năng suất ước đạt {62-72} tạ/ha.",
        ],
        season="thu_hoach",
        where="nt dat",
    ),
    T(
        N,
        TT,
        "phan_khoi dong_tinh",
        [
            "nông dân {tai} {cam} khi sản phẩm OCOP của xã được công nhận 4 sao, mở rộng thị trường tiêu thụ.",
            "{dan} {cam} khi thành phố hỗ trợ tích tụ ruộng đất, phát triển vùng sản xuất hàng hóa tập trung.",
        ],
        where="nt dat",
        sec="kinh_te_doanh_nghiep",
    ),
    T(
        N,
        TT,
        "lo_lang*2 ban_khoan",
        [
            "người nuôi trồng thủy sản {tai} {cam} vì nước mặn xâm nhập sâu, độ mặn tăng cao, cá nuôi chết "
            "rải rác.",
        ],
        where="nt",
        sec="moi_truong",
        auth="so_nong_nghiep_moi_truong",
    ),
    T(
        N,
        TT,
        "lo_lang",
        [
            "nông dân {tai} {cam} vì {ha:10-120} lúa mùa bị ngập úng sau mưa lớn do {bao}, có nguy cơ mất trắng.",
            "các hộ nuôi trồng thủy sản {tai} {cam} vì nhiều ao đầm bị tràn bờ do {bao}, cá tôm thất thoát.",
        ],
        season="bao",
        where="nt dat",
        auth="so_nong_nghiep_moi_truong ubnd_xa",
        hot=0.1,
    ),
    T(
        N,
        TT,
        "lo_lang ban_khoan",
        [
            "người chăn nuôi {tai} {cam} trước nguy cơ dịch tả lợn châu Phi tái phát, nhiều hộ bán chạy lợn.",
            "nhiều hộ {tai} {cam} vì tình trạng bỏ ruộng không cấy do thu nhập thấp, diện tích bỏ hoang ngày "
            "càng nhiều.",
        ],
        where="nt dat",
        auth="so_nong_nghiep_moi_truong",
    ),
    T(
        N,
        TT,
        "ban_khoan",
        [
            "ngư dân {tai} {cam} về các quy định chống khai thác hải sản bất hợp pháp (lắp thiết bị giám sát "
            "hành trình, ghi nhật ký khai thác) làm tăng chi phí.",
        ],
        where="bien",
        auth="so_nong_nghiep_moi_truong",
    ),
    T(
        N,
        KN,
        "lo_lang ban_khoan",
        [
            "hệ thống trạm bơm {tai} xuống cấp, không đủ công suất tiêu úng khi có mưa lớn.",
        ],
        asks=["đầu tư nâng cấp trạm bơm, nạo vét kênh tiêu"],
        auth="so_nong_nghiep_moi_truong ubnd_xa",
        where="nt dat",
        sec="giao_thong_ha_tang",
    ),
    T(
        N,
        KN,
        "buc_xuc lo_lang",
        [
            "khoảng {ha:3-20} lúa của các hộ {tai} bị lép hạt, nghi do giống kém chất lượng.",
        ],
        asks=["kiểm tra, xác định nguyên nhân, yêu cầu đơn vị cung ứng giống bồi thường"],
        auth="so_nong_nghiep_moi_truong ubnd_xa",
        season="thu_hoach",
        where="nt dat",
    ),
    T(
        N,
        KN,
        "lo_lang",
        [
            "bờ bao các đầm nuôi thủy sản ven biển {tai} bị sạt lở, cống lấy nước hư hỏng.",
            "ngư dân {tai} kiến nghị hỗ trợ vay vốn ưu đãi để đóng mới, cải hoán tàu cá, lắp thiết bị giám "
            "sát hành trình.",
        ],
        asks=["hỗ trợ kinh phí gia cố bờ bao, cống lấy nước"],
        auth="so_nong_nghiep_moi_truong ubnd_xa",
        where="bien",
    ),
    T(
        N,
        KN,
        "ban_khoan",
        [
            "chuột, ốc bươu vàng gây hại lúa trên diện rộng {tai}.",
            "nông dân {tai} phản ánh chưa có thị trường tiêu thụ ổn định cho {cay}, thường bị tư thương ép giá.",
        ],
        asks=[
            "hướng dẫn biện pháp phòng trừ, hỗ trợ thuốc",
            "kết nối doanh nghiệp bao tiêu sản phẩm",
        ],
        auth="so_nong_nghiep_moi_truong ubnd_xa",
        where="nt dat",
    ),
    T(
        N,
        KN,
        "lo_lang",
        [
            "ngư dân {tai} đề nghị nạo vét luồng lạch, mở rộng khu neo đậu tránh trú bão vì khu neo đậu hiện "
            "quá tải mỗi khi có bão.",
        ],
        auth="so_nong_nghiep_moi_truong ubnd_tinh",
        season="bao",
        where="bien",
    ),
    T(
        N,
        KN,
        "ban_khoan",
        [
            "hộ chăn nuôi {tai} chưa được hỗ trợ tiêm phòng vắc xin cho đàn gia súc, gia cầm.",
        ],
        asks=["tổ chức tiêm phòng đợt bổ sung, hỗ trợ vắc xin cho hộ chăn nuôi nhỏ"],
        auth="so_nong_nghiep_moi_truong ubnd_xa",
        where="nt",
    ),
    T(
        N,
        KN,
        "lo_lang",
        [
            "ngư dân Bạch Long Vĩ phản ánh giá dầu, chi phí chuyến biển tăng, sản lượng khai thác giảm.",
            "các hộ trên đảo {xa} kiến nghị tăng chuyến tàu vận tải, bảo đảm hàng hóa thiết yếu trong mùa mưa bão.",
        ],
        asks=["có chính sách hỗ trợ nhiên liệu, bảo hiểm cho ngư dân bám biển"],
        auth="so_nong_nghiep_moi_truong ubnd_tinh",
        only=BACH_LONG_VI,
        w=6,
    ),
    T(
        N,
        KNTC,
        "buc_xuc",
        [
            "một số hộ {tai} gửi đơn về việc hợp tác xã dịch vụ nông nghiệp thu phí thủy lợi nội đồng không "
            "đúng quy định.",
        ],
        auth="ubnd_xa thanh_tra",
        where="nt dat",
        sec="tham_nhung_tieu_cuc",
    ),
    T(
        N,
        VV,
        "buc_xuc lo_lang",
        [
            "tranh chấp mặt nước nuôi trồng thủy sản giữa các hộ {tai} với đơn vị thuê đầm đã xảy ra xô xát.",
            "khoảng {so:30-90} hộ nuôi trồng thủy sản {tai} phản đối việc thu hồi đầm để thực hiện {du_an}, "
            "kéo ra hiện trường ngăn cản khảo sát.",
        ],
        auth="ubnd_xa cong_an so_nong_nghiep_moi_truong",
        where="bien",
        sec="dat_dai",
        hot=0.6,
    ),
]
