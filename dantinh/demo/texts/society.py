"""Security and order (an_ninh_trat_tu), culture and society (van_hoa_xa_hoi), religion and
belief (ton_giao_tin_nguong), ethnic affairs (dan_toc), and the rest (khac)."""

from ._base import HD, KN, KNTC, POS_HD, TT, VV, T
from ._vocab import CHI_LINH, DO_SON

S = "an_ninh_trat_tu"
V = "van_hoa_xa_hoi"
R = "ton_giao_tin_nguong"
D = "dan_toc"
X = "khac"

TOPICS = [
    # ------------------------------------------------------------------ an ninh, trật tự
    T(
        S,
        HD,
        POS_HD,
        [
            "mô hình “Camera an ninh” tại {noi} được Nhân dân hưởng ứng; các hộ tự nguyện đóng góp lắp "
            "{so:8-30} camera tại các ngõ, điểm giao nhau.",
            "tổ bảo vệ an ninh, trật tự ở cơ sở {tai} phối hợp công an tuần tra ban đêm, tình trạng trộm cắp "
            "giảm rõ rệt.",
        ],
    ),
    T(
        S,
        HD,
        POS_HD,
        [
            "các hộ gia đình {tai} ký cam kết không tàng trữ, sử dụng pháo nổ, không để con em tham gia đua xe "
            "trái phép.",
            "Nhân dân {tai} hưởng ứng phong trào “Toàn dân bảo vệ an ninh Tổ quốc”, cung cấp nhiều nguồn tin "
            "giúp công an phát hiện, xử lý vi phạm.",
        ],
    ),
    T(
        S,
        HD,
        "lo_lang*2 buc_xuc",
        [
            "thanh thiếu niên tụ tập đua xe, lạng lách trên {duong} vào đêm khuya, gây mất trật tự.",
            "một nhóm thanh niên {tai} thường xuyên tụ tập tại quán nước ven đường, gây gổ, đánh nhau.",
        ],
        auth="cong_an",
    ),
    T(
        S,
        TT,
        "phan_khoi*2 tin_tuong",
        [
            "{dan} {cam} khi Công an {xa} triệt phá ổ nhóm đánh bạc, cho vay lãi nặng hoạt động trên địa bàn.",
            "{dan} {cam} trước kết quả đợt cao điểm tấn công, trấn áp tội phạm; tình hình an ninh, trật tự {tai} "
            "ổn định.",
        ],
    ),
    T(
        S,
        TT,
        "lo_lang*2 ban_khoan",
        [
            "{dan} {cam} về tình trạng lừa đảo qua mạng: giả danh công an, nhân viên điện lực, ngân hàng yêu cầu "
            "cài ứng dụng lạ, chuyển tiền; một số người cao tuổi {tai} đã bị lừa.",
            "{so:2-6} người {tai} bị lừa chuyển tiền qua các hội nhóm “việc nhẹ lương cao”, đầu tư tài chính; "
            "{dan} {cam}.",
        ],
        auth="cong_an",
    ),
    T(
        S,
        TT,
        "lo_lang",
        [
            "phụ huynh {tai} {cam} trước tình trạng học sinh sử dụng thuốc lá điện tử, “bóng cười”, có nguy cơ "
            "dẫn tới sử dụng ma túy.",
        ],
        auth="cong_an so_giao_duc",
        sec="giao_duc",
    ),
    T(
        S,
        TT,
        "lo_lang buc_xuc",
        [
            "{dan} {cam} khi xuất hiện tờ rơi cho vay “tín dụng đen” dán tại cột điện, trạm biến áp.",
            "{dan} {cam} về việc các đối tượng đòi nợ thuê ném chất bẩn, sơn vào nhà dân.",
            "{dan} {cam} về tình trạng trộm cắp tài sản (xe máy, gia cầm, đồ điện) tại khu dân cư gia tăng.",
        ],
        auth="cong_an",
    ),
    T(
        S,
        TT,
        "lo_lang*2 buc_xuc",
        [
            "tai nạn giao thông trên {duong} đoạn qua {noi} xảy ra liên tiếp, {dan} {cam}.",
        ],
        auth="cong_an so_xay_dung",
        sec="giao_thong_ha_tang",
    ),
    T(
        S,
        TT,
        "ban_khoan lo_lang",
        [
            "{dan} {cam} trước thông tin trên mạng xã hội về việc bắt cóc trẻ em; qua xác minh, đây là thông tin "
            "sai sự thật.",
        ],
        auth="cong_an",
    ),
    T(
        S,
        TT,
        "lo_lang",
        [
            "tình trạng mua bán pháo nổ qua mạng xã hội có dấu hiệu gia tăng khi gần Tết, {dan} {cam}.",
        ],
        season="tet",
        auth="cong_an",
    ),
    T(
        S,
        KN,
        "buc_xuc lo_lang",
        [
            "tình trạng tụ tập sử dụng ma túy tại bãi đất trống, chân cầu {tai} chưa được xử lý triệt để.",
            "!{tat}: khu vực gầm cầu, bãi đất trống thường có đối tượng nghi sử dụng ma túy tụ tập, đề nghị công "
            "an tăng cường tuần tra.",
        ],
        asks=["tăng cường tuần tra, kiểm soát, xử lý các đối tượng"],
        auth="cong_an ubnd_xa",
    ),
    T(
        S,
        KN,
        "buc_xuc",
        [
            "một số quán cà phê, karaoke {tai} hoạt động quá giờ, có biểu hiện sử dụng ma túy.",
            "ô tô, xe tải đỗ dưới lòng {duong} vào ban đêm gây mất an toàn giao thông.",
        ],
        asks=["kiểm tra, xử lý theo quy định"],
        auth="cong_an ubnd_xa",
        where="dt",
    ),
    T(
        S,
        KN,
        "buc_xuc lo_lang",
        [
            "các nhóm đối tượng khai thác cát trái phép trên {song} đoạn qua {noi} vào ban đêm, gây sạt lở bờ sông.",
        ],
        asks=["kiểm tra, xử lý nghiêm các phương tiện khai thác cát trái phép"],
        auth="cong_an so_nong_nghiep_moi_truong",
        where="nt dat",
        sec="moi_truong",
    ),
    T(
        S,
        KN,
        "ban_khoan",
        [
            "công tác quản lý người lao động thuê trọ {tai} còn lỏng lẻo, nhiều người chưa khai báo tạm trú.",
        ],
        asks=["tăng cường kiểm tra, hướng dẫn chủ nhà trọ thực hiện khai báo"],
        auth="cong_an ubnd_xa",
        where="dat",
    ),
    T(
        S,
        KN,
        "lo_lang",
        [
            "có nhóm đối tượng lôi kéo người dân {tai} tham gia các ứng dụng đầu tư tài chính, sàn tiền ảo, "
            "hứa hẹn lợi nhuận cao.",
        ],
        asks=["cảnh báo, tuyên truyền rộng rãi, điều tra làm rõ"],
        auth="cong_an",
    ),
    T(
        S,
        KN,
        "buc_xuc",
        [
            "ngư dân {tai} phản ánh tàu cá nơi khác vào khai thác bằng nghề cấm (kích điện, lưới mắt nhỏ) ở "
            "vùng biển ven bờ.",
        ],
        asks=["tăng cường tuần tra, xử lý nghiêm các tàu vi phạm"],
        auth="so_nong_nghiep_moi_truong cong_an",
        where="bien",
        sec="nong_nghiep",
    ),
    T(
        S,
        KNTC,
        "buc_xuc lo_lang",
        [
            "công dân {tai} gửi đơn tố cáo một nhóm đối tượng cho vay lãi nặng, đe dọa, khủng bố tinh thần để "
            "đòi nợ.",
        ],
        auth="cong_an",
    ),
    T(
        S,
        VV,
        "lo_lang",
        [
            "xảy ra xô xát giữa hai nhóm thanh niên {tai}, có sử dụng hung khí, {2-4} người bị thương.",
            "có đối tượng dùng mạng xã hội đăng tải thông tin sai sự thật, xuyên tạc việc thu hồi đất {tai}, "
            "kích động người dân.",
        ],
        auth="cong_an",
        hot=0.4,
    ),
    T(
        S,
        VV,
        "buc_xuc lo_lang",
        [
            "vụ tai nạn giao thông nghiêm trọng trên {duong} đoạn qua {noi} làm {1-3} người tử vong; người dân "
            "tụ tập đông, yêu cầu lắp đèn tín hiệu, gờ giảm tốc.",
        ],
        auth="cong_an so_xay_dung",
        sec="giao_thong_ha_tang",
        hot=0.5,
    ),
    # ------------------------------------------------------------------ văn hóa, xã hội
    T(
        V,
        HD,
        POS_HD,
        [
            "Nhân dân {tai} hưởng ứng phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”, thực hiện nếp "
            "sống văn minh trong việc cưới, việc tang; {90-98}% hộ đạt danh hiệu “Gia đình văn hóa”.",
            "câu lạc bộ dưỡng sinh, dân vũ của người cao tuổi {tai} duy trì sinh hoạt thường xuyên, thu hút "
            "đông người tham gia.",
        ],
    ),
    T(
        V,
        HD,
        "phan_khoi*3 vui_mung*2",
        [
            "{thon} tổ chức Ngày hội Đại đoàn kết toàn dân tộc với nhiều hoạt động văn hóa, thể thao, trao quà "
            "cho hộ khó khăn; khoảng {so:200-800} người tham gia.",
            "Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư {tai} diễn ra sôi nổi, ấm cúng; nhiều gia đình "
            "tiêu biểu được biểu dương.",
        ],
        season="ddk",
        hot=0.15,
        w=1.5,
    ),
    T(
        V,
        HD,
        POS_HD,
        [
            "các thôn, tổ dân phố {tai} tổ chức đêm hội trăng rằm cho thiếu nhi, có múa lân, rước đèn, phá cỗ.",
        ],
        season="trung_thu",
    ),
    T(
        V,
        HD,
        POS_HD,
        [
            "Nhân dân {tai} treo cờ Tổ quốc, tổ chức các hoạt động kỷ niệm Cách mạng Tháng Tám và Quốc khánh 2/9.",
        ],
        season="qk",
    ),
    T(
        V,
        HD,
        POS_HD,
        [
            "lễ hội truyền thống đình {lang} được tổ chức trang trọng, tiết kiệm, đúng quy định.",
            "giải bóng đá, bóng chuyền hơi các thôn {tai} thu hút đông đảo thanh niên và Nhân dân cổ vũ.",
        ],
    ),
    T(
        V,
        HD,
        "phan_khoi*2 dong_tinh",
        [
            "Lễ hội Chọi trâu Đồ Sơn năm {nam} được tổ chức an toàn, văn minh; đông đảo Nhân dân, du khách về dự.",
        ],
        season="le_hoi_thu",
        only=DO_SON,
        w=5,
        hot=0.2,
    ),
    T(
        V,
        HD,
        "phan_khoi*2 dong_tinh",
        [
            "Nhân dân và du khách về dự Lễ hội mùa thu Côn Sơn – Kiếp Bạc đông; công tác bảo đảm an ninh, "
            "trật tự, vệ sinh môi trường được thực hiện tốt.",
        ],
        season="le_hoi_thu",
        only=CHI_LINH,
        w=4,
        sec="ton_giao_tin_nguong",
    ),
    T(
        V,
        TT,
        "phan_khoi vui_mung",
        [
            "{dan} {cam} khi nhà văn hóa {thon} được cải tạo, sân thể thao được lắp dụng cụ tập luyện ngoài trời.",
            "{dan} {cam} khi {xa} được công nhận đạt chuẩn nông thôn mới nâng cao.",
        ],
    ),
    T(
        V,
        TT,
        "buc_xuc ban_khoan",
        [
            "{dan} {cam} về tình trạng đám cưới, đám tang kéo dài, dùng loa đài công suất lớn đến khuya.",
            "{dan} {cam} vì sau khi sáp nhập thôn, tổ dân phố, nhà văn hóa chung quá tải, xa nơi ở.",
        ],
        auth="ubnd_xa",
    ),
    T(
        V,
        TT,
        "lo_lang",
        [
            "phụ huynh {tai} {cam} vì trẻ em nghiện điện thoại, mạng xã hội, xem nội dung độc hại.",
        ],
        sec="giao_duc",
    ),
    T(
        V,
        TT,
        "lo_lang",
        [
            "vụ đuối nước làm {2-3} trẻ em {tai} tử vong khi tắm ở {song} khiến Nhân dân rất thương tâm, {cam} "
            "về sự an toàn của trẻ dịp hè.",
        ],
        season="he",
        auth="ubnd_xa",
        hot=0.4,
    ),
    T(
        V,
        KN,
        "ban_khoan",
        [
            "nhà văn hóa {thon} xuống cấp, thiếu trang thiết bị.",
            "{tai} thiếu sân chơi, khu vui chơi công cộng cho trẻ em.",
        ],
        asks=[
            "hỗ trợ kinh phí sửa chữa, bổ sung trang thiết bị",
            "quy hoạch, đầu tư khu vui chơi cho thiếu nhi",
        ],
        auth="ubnd_xa so_van_hoa",
    ),
    T(
        V,
        KN,
        "ban_khoan",
        [
            "Nhân dân {tai} đề nghị tu bổ đình {lang}, di tích đã được xếp hạng cấp thành phố đang xuống cấp.",
        ],
        auth="so_van_hoa ubnd_xa",
    ),
    T(
        V,
        KN,
        "lo_lang",
        [
            "trẻ em {tai} tắm ao, hồ, sông không an toàn trong dịp hè.",
        ],
        asks=["mở lớp dạy bơi miễn phí, cắm biển cảnh báo tại khu vực nguy hiểm"],
        auth="ubnd_xa so_van_hoa",
        season="he",
    ),
    # ------------------------------------------------------------------ tôn giáo, tín ngưỡng
    T(
        R,
        HD,
        POS_HD,
        [
            "{giao_xu} ({xa}) tổ chức thánh lễ mừng lễ {le_cg} trang trọng, đúng quy định; bà con giáo dân tích "
            "cực tham gia các phong trào ở địa phương.",
            "chức sắc, tín đồ các tôn giáo {tai} hưởng ứng cuộc vận động “Toàn dân đoàn kết xây dựng đời sống "
            "văn hóa”, xây dựng xứ, họ đạo, chùa chiền văn minh, an toàn.",
        ],
    ),
    T(
        R,
        HD,
        POS_HD,
        [
            "{chua} ({xa}) tổ chức lễ Vu Lan báo hiếu, thu hút đông đảo Phật tử và Nhân dân; hoạt động diễn ra "
            "an toàn, tiết kiệm.",
        ],
        season="vu_lan",
        w=2,
    ),
    T(
        R,
        HD,
        POS_HD,
        [
            "chư tăng, Phật tử {chua} ({xa}) an cư kiết hạ đúng quy định, kết hợp các hoạt động từ thiện.",
        ],
        season="an_cu",
    ),
    T(
        R,
        HD,
        POS_HD,
        [
            "giáo dân {giao_xu} ({xa}) quyên góp {tr:30-200} ủng hộ đồng bào bị thiệt hại do {bao}.",
        ],
        season="bao",
        sec="an_sinh_xa_hoi",
    ),
    T(
        R,
        TT,
        "phan_khoi dong_tinh",
        [
            "bà con giáo dân {tai} {cam} khi chính quyền tạo điều kiện cấp giấy chứng nhận quyền sử dụng đất cho "
            "cơ sở thờ tự.",
        ],
        sec="dat_dai",
    ),
    T(
        R,
        TT,
        "lo_lang*2 ban_khoan",
        [
            "{dan} {cam} về việc một số người đến {thon} truyền đạo trái phép, lôi kéo người dân, nhất là phụ nữ "
            "và người trẻ.",
            "!dư luận {tai} {cam} về hiện tượng dâng sao giải hạn, đốt vàng mã quá nhiều tại một số cơ sở tín "
            "ngưỡng.",
        ],
        auth="so_dan_toc_ton_giao cong_an",
    ),
    T(
        R,
        KN,
        "ban_khoan",
        [
            "{giao_xu} ({xa}) kiến nghị xem xét cấp phép sửa chữa nhà thờ đã xuống cấp.",
            "một số hộ phản ánh am, miếu tự phát được xây dựng trên đất công tại {noi}.",
        ],
        asks=["kiểm tra, xử lý theo quy định về tín ngưỡng, tôn giáo"],
        auth="so_dan_toc_ton_giao ubnd_xa",
        sec="xay_dung_quy_hoach",
    ),
    T(
        R,
        VV,
        "lo_lang",
        [
            "tranh chấp đất đai giữa {giao_xu} với một số hộ dân liền kề {tai} có dấu hiệu phức tạp; giáo dân "
            "tập trung đông người tại khu đất.",
        ],
        auth="ubnd_xa so_dan_toc_ton_giao cong_an",
        sec="dat_dai",
        hot=0.6,
    ),
    # ------------------------------------------------------------------ dân tộc
    T(
        D,
        TT,
        "phan_khoi tin_tuong",
        [
            "đồng bào dân tộc thiểu số sinh sống {tai} {cam} khi được hỗ trợ thẻ bảo hiểm y tế, vay vốn ưu đãi "
            "phát triển sản xuất.",
            "người có uy tín trong đồng bào dân tộc thiểu số {tai} {cam} trước sự quan tâm thăm hỏi của cấp ủy, "
            "chính quyền.",
        ],
    ),
    T(
        D,
        HD,
        POS_HD,
        [
            "đồng bào Sán Dìu {tai} giữ gìn làn điệu hát soọng cô, tham gia liên hoan văn nghệ của {xa}.",
        ],
        only=CHI_LINH,
        w=4,
        sec="van_hoa_xa_hoi",
    ),
    T(
        D,
        HD,
        POS_HD,
        [
            "Công đoàn {kcn} gặp mặt, tặng quà công nhân là người dân tộc thiểu số từ các tỉnh miền núi phía "
            "Bắc đang làm việc tại {xa}.",
        ],
        where="dat",
        sec="lao_dong_viec_lam",
    ),
    T(
        D,
        TT,
        "ban_khoan",
        [
            "một số lao động là người dân tộc thiểu số làm việc tại {kcn} ({xa}) {cam} vì khó khăn về nhà ở, "
            "chưa quen phong tục, thủ tục tạm trú.",
        ],
        where="dat",
        auth="ubnd_xa",
    ),
    T(
        D,
        KN,
        "ban_khoan",
        [
            "con em đồng bào dân tộc thiểu số {tai} gặp khó khăn khi nhập học do thiếu giấy tờ hộ tịch.",
            "lao động người dân tộc thiểu số thuê trọ {tai} phản ánh chưa được hướng dẫn thủ tục tạm trú, bảo "
            "hiểm y tế.",
        ],
        asks=["hướng dẫn, hỗ trợ hoàn thiện giấy tờ cho đồng bào"],
        auth="ubnd_xa cong_an so_dan_toc_ton_giao",
    ),
    T(
        D,
        KN,
        "ban_khoan",
        [
            "một số hộ đồng bào dân tộc thiểu số kết hôn, sinh sống {tai} chưa được hưởng chính sách hỗ trợ "
            "vay vốn, đào tạo nghề.",
        ],
        asks=["rà soát, hướng dẫn các hộ tiếp cận chính sách dân tộc"],
        auth="so_dan_toc_ton_giao ubnd_xa",
    ),
    # ------------------------------------------------------------------ khác
    T(
        X,
        TT,
        "tin_tuong vui_mung",
        [
            "{dan} quan tâm theo dõi tình hình thời sự trong nước và quốc tế, {cam} trước vị thế ngày càng cao "
            "của đất nước.",
            "{dan} {cam} khi đội tuyển bóng đá Việt Nam thi đấu thành công, nhiều người tập trung cổ vũ.",
        ],
    ),
    T(
        X,
        TT,
        "ban_khoan",
        [
            "!dư luận {tai} quan tâm việc đổi tên đường, phố trùng tên sau khi hợp nhất Hải Phòng – Hải Dương, "
            "{cam} về thủ tục thay đổi địa chỉ.",
        ],
    ),
    T(
        X,
        TT,
        "lo_lang",
        [
            "nắng nóng gay gắt kéo dài, {dan} {cam} về sức khỏe người cao tuổi, trẻ nhỏ.",
        ],
        season="nong",
    ),
    T(
        X,
        TT,
        "lo_lang",
        [
            "đợt không khí lạnh đầu mùa, {dan} {cam} về sức khỏe người già và cây trồng vụ đông.",
        ],
        season="ret",
    ),
    T(
        X,
        TT,
        "ban_khoan",
        [
            "!dư luận {tai} bàn tán về các thông tin chưa được kiểm chứng trên mạng xã hội; nhiều người {cam} "
            "vì không biết nguồn tin nào chính thống.",
        ],
    ),
    T(
        X,
        HD,
        POS_HD,
        [
            "Nhân dân {tai} hưởng ứng Giờ Trái đất, tắt đèn, thiết bị điện không cần thiết.",
            "gia đình, dòng họ {tai} xây dựng quy ước “dòng họ khuyến học”, trao thưởng cho con cháu học giỏi.",
        ],
    ),
    T(
        X,
        KN,
        "buc_xuc ban_khoan",
        [
            "chó thả rông không rọ mõm trên đường, nơi công cộng {tai}.",
            "hệ thống loa truyền thanh cơ sở {tai} hỏng, người dân không nắm được thông tin.",
        ],
        asks=[
            "kiểm tra, xử lý, nhắc nhở các hộ nuôi chó",
            "sửa chữa, nâng cấp hệ thống truyền thanh cơ sở",
        ],
        auth="ubnd_xa",
    ),
]
