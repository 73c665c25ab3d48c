"""Land, site clearance (dat_dai); construction, planning and urban order (xay_dung_quy_hoach)."""

from ._base import HD, KN, KNTC, POS_HD, TT, VV, T

F = "dat_dai"
Q = "xay_dung_quy_hoach"

TOPICS = [
    # ------------------------------------------------------------------ dat_dai: activities
    T(
        F,
        HD,
        POS_HD,
        [
            "{dan} tự nguyện bàn giao mặt bằng sớm cho {du_an}; đến nay đã có {so:20-120} hộ nhận tiền "
            "bồi thường, hỗ trợ và di chuyển tài sản, vật kiến trúc.",
            "nhiều hộ {tai} chủ động tháo dỡ công trình, di chuyển mồ mả, bàn giao mặt bằng cho "
            "{du_an} trước thời hạn; {so:15-60} hộ đã ký biên bản bàn giao.",
        ],
        hot=0.05,
    ),
    T(
        F,
        HD,
        POS_HD,
        [
            "{so:12-70} hộ dân {tai} hiến đất, tháo dỡ tường rào, công trình phụ để mở rộng {duong_lang}; "
            "tổng diện tích hiến khoảng {m:300-2500}².",
            "hưởng ứng phong trào xây dựng nông thôn mới, {dan} hiến {m:200-1500}² đất để làm "
            "{duong_lang}, không đòi hỏi bồi thường.",
        ],
        sec="giao_thong_ha_tang",
        where="nt",
    ),
    T(
        F,
        HD,
        POS_HD,
        [
            "mô hình “Dân vận khéo trong giải phóng mặt bằng” {tai} phát huy hiệu quả: tổ công tác kiên trì "
            "gặp từng hộ, {so:8-40} hộ còn vướng mắc đã đồng thuận nhận tiền bồi thường.",
            "Chi bộ {thon} phân công đảng viên phụ trách từng hộ trong diện thu hồi đất của {du_an}; "
            "nhờ vậy tiến độ bàn giao mặt bằng vượt kế hoạch.",
        ],
    ),
    # ------------------------------------------------------------------ dat_dai: moods
    T(
        F,
        TT,
        "dong_tinh*2 tin_tuong",
        [
            "{dan} {cam} trước việc {ubnd} tổ chức công khai phương án bồi thường, hỗ trợ, tái định cư "
            "của {du_an} tại nhà văn hóa, niêm yết đầy đủ đơn giá.",
            "các hộ có đất bị thu hồi {tai} {cam} vì mức bồi thường đất nông nghiệp theo bảng giá mới "
            "sát với giá thị trường hơn trước.",
        ],
    ),
    T(
        F,
        TT,
        "vui_mung*2 phan_khoi",
        [
            "{dan} {cam} khi được cấp giấy chứng nhận quyền sử dụng đất lần đầu sau nhiều năm chờ đợi; "
            "đợt này {xa} trao {so:15-90} giấy chứng nhận cho các hộ đủ điều kiện.",
            "{so:10-60} hộ {tai} có đất giãn dân được giao từ nhiều năm trước {cam} vì đã được cấp giấy "
            "chứng nhận quyền sử dụng đất.",
        ],
    ),
    T(
        F,
        TT,
        "phan_khoi tin_tuong",
        [
            "các hộ trong diện di dời của {du_an} {cam} vì khu tái định cư {tai} đã hoàn thiện điện, "
            "nước, đường nội bộ trước khi bốc thăm giao đất.",
        ],
    ),
    T(
        F,
        TT,
        "ban_khoan*2 buc_xuc",
        [
            "{dan} {cam} về giá bồi thường đất nông nghiệp của {du_an}, cho rằng mức giá thấp hơn nhiều "
            "so với giá chuyển nhượng thực tế trong khu vực.",
            "một số hộ {tai} {cam} vì đơn giá bồi thường cây trồng, vật nuôi trên đất thu hồi cho "
            "{du_an} chưa tương xứng với chi phí đã đầu tư.",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong ubnd_tinh",
    ),
    T(
        F,
        TT,
        "lo_lang buc_xuc",
        [
            "một số hộ dân {tai} {cam} vì đã bàn giao mặt bằng cho {du_an} từ năm {nam_truoc} nhưng đến "
            "nay chưa nhận đủ tiền hỗ trợ chuyển đổi nghề.",
            "các hộ bị thu hồi hết đất sản xuất {tai} {cam} về cuộc sống lâu dài khi tiền bồi thường đã "
            "tiêu dùng gần hết mà chưa tìm được việc làm mới.",
        ],
        auth="ubnd_xa so_noi_vu",
        sec="lao_dong_viec_lam",
    ),
    T(
        F,
        TT,
        "ban_khoan lo_lang",
        [
            "{dan} {cam} trước thông tin {du_an} có thể điều chỉnh ranh giới thu hồi, chưa rõ phần đất ở "
            "còn lại có đủ điều kiện xây dựng hay không.",
            "người dân {tai} {cam} khi nghe tin khu vực sắp thực hiện {du_an}, nhiều hộ không dám sửa "
            "chữa nhà, chuyển nhượng đất vì chưa rõ phạm vi thu hồi.",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
    ),
    T(
        F,
        TT,
        "ban_khoan buc_xuc",
        [
            "nhiều hộ {tai} {cam} vì thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất sau sắp xếp đơn vị "
            "hành chính kéo dài, phải bổ sung hồ sơ nhiều lần.",
            "{dan} {cam} về tình trạng đất dịch vụ, đất giãn dân đã nộp tiền từ nhiều năm trước nhưng vẫn "
            "chưa được cấp giấy chứng nhận.",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
        sec="thu_tuc_hanh_chinh",
    ),
    T(
        F,
        TT,
        "lo_lang ban_khoan",
        [
            "các hộ thuộc diện tái định cư của {du_an} {cam} vì khu tái định cư chưa xong hạ tầng, chưa rõ "
            "thời điểm bốc thăm giao đất, trong khi phải đi thuê nhà ở tạm.",
        ],
        auth="ubnd_xa ubnd_tinh",
    ),
    T(
        F,
        TT,
        "ban_khoan",
        [
            "!Dư luận {tai} bàn tán về giá đất tăng mạnh ở khu vực dự kiến quy hoạch khu công nghiệp, "
            "xuất hiện tình trạng “cò đất”, mua bán đất nông nghiệp qua giấy viết tay.",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
        sec="kinh_te_doanh_nghiep",
    ),
    # ------------------------------------------------------------------ dat_dai: recommendations
    T(
        F,
        KN,
        "buc_xuc ban_khoan",
        [
            "đoạn kênh tưới tiêu dài khoảng {m:50-400} tại cánh đồng {thon} bị san lấp trong quá trình thi "
            "công {du_an}, khiến khoảng {so:10-60} hộ không thể gieo cấy.",
            "{dan} phản ánh đơn vị thi công {du_an} đổ đất lấn sang ruộng lúa liền kề, làm ách tắc dòng "
            "chảy, {so:8-40} hộ bị ảnh hưởng sản xuất.",
        ],
        asks=[
            "yêu cầu chủ đầu tư khơi thông dòng chảy, hoàn trả mương tưới",
            "sớm kiểm tra, buộc đơn vị thi công khắc phục và bồi thường thiệt hại cho các hộ",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
        sec="nong_nghiep",
        where="nt",
    ),
    T(
        F,
        KN,
        "ban_khoan buc_xuc",
        [
            "{dan} phản ánh việc đo đạc, kiểm đếm diện tích đất thu hồi cho {du_an} có sai lệch so với "
            "bản đồ địa chính, một số thửa bị thiếu diện tích.",
            "cử tri {xa} cho rằng kết quả kiểm đếm tài sản trên đất của {du_an} chưa đầy đủ, một số công "
            "trình phụ, cây lâu năm bị bỏ sót.",
        ],
        asks=[
            "tổ chức đo đạc lại, công khai kết quả kiểm đếm với từng hộ",
            "rà soát, bổ sung phương án bồi thường trước khi phê duyệt",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
    ),
    T(
        F,
        KN,
        "lo_lang ban_khoan",
        [
            "{so:5-30} hộ dân {tai} bị thu hồi toàn bộ đất sản xuất nông nghiệp, đến nay lao động trong "
            "độ tuổi chưa có việc làm ổn định.",
        ],
        asks=[
            "có chính sách hỗ trợ đào tạo nghề, giới thiệu việc làm tại các khu công nghiệp cho lao "
            "động trong độ tuổi",
            "ưu tiên tuyển dụng lao động địa phương vào các doanh nghiệp của dự án",
        ],
        auth="ubnd_xa so_noi_vu",
        sec="lao_dong_viec_lam",
    ),
    T(
        F,
        KN,
        "ban_khoan",
        [
            "cử tri {xa} phản ánh phần đất còn lại sau thu hồi của một số hộ quá nhỏ, hình thể méo, không "
            "đủ điều kiện xây dựng.",
        ],
        asks=["thu hồi luôn phần diện tích còn lại hoặc cho hợp thửa với thửa liền kề"],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
    ),
    T(
        F,
        KN,
        "buc_xuc ban_khoan",
        [
            "việc cấp giấy chứng nhận quyền sử dụng đất cho các trường hợp đất giao trái thẩm quyền trước "
            "năm 1993 {tai} còn vướng mắc, nhiều hộ chờ đợi {3-10} năm.",
            "!{tat}: còn khoảng {so:20-90} hồ sơ cấp giấy chứng nhận đất ở có nguồn gốc giao trái thẩm "
            "quyền chưa được giải quyết.",
        ],
        asks=[
            "sớm có hướng dẫn cụ thể để giải quyết dứt điểm",
            "tháo gỡ vướng mắc, cấp giấy chứng nhận cho các hộ",
        ],
        auth="so_nong_nghiep_moi_truong ubnd_xa ubnd_tinh",
    ),
    T(
        F,
        KN,
        "ban_khoan lo_lang",
        [
            "việc di chuyển mồ mả trong phạm vi {du_an} {tai} chưa được thống nhất về mức hỗ trợ và địa "
            "điểm nghĩa trang mới.",
        ],
        asks=[
            "sớm bố trí quỹ đất nghĩa trang, công khai mức hỗ trợ di chuyển mộ",
            "tổ chức di chuyển mồ mả theo phong tục, chọn ngày phù hợp với tâm linh của Nhân dân",
        ],
        auth="ubnd_xa",
        sec="van_hoa_xa_hoi",
    ),
    T(
        F,
        KN,
        "buc_xuc ban_khoan",
        [
            "người dân {tai} phản ánh giá đất theo bảng giá mới tăng cao, khiến tiền sử dụng đất khi "
            "chuyển mục đích, cấp giấy chứng nhận tăng mạnh.",
            "nhiều hộ {tai} có nhu cầu chuyển mục đích đất vườn sang đất ở nhưng không đủ khả năng nộp "
            "tiền sử dụng đất theo bảng giá mới.",
        ],
        asks=[
            "xem xét điều chỉnh mức thu phù hợp với thu nhập của người dân",
            "cho phép ghi nợ tiền sử dụng đất đối với hộ khó khăn",
        ],
        auth="ubnd_tinh so_tai_chinh so_nong_nghiep_moi_truong",
        sec="gia_ca_doi_song",
    ),
    T(
        F,
        KN,
        "buc_xuc",
        [
            "!{tat}: {so:3-15} hộ chưa nhận tiền bồi thường {du_an} do vướng tranh chấp thừa kế.",
            "{so:3-12} hộ {tai} đã có quyết định thu hồi đất cho {du_an} nhưng tiền bồi thường chưa được chi "
            "trả do chưa xác định được người thừa kế.",
        ],
        asks=[
            "sớm hòa giải, hướng dẫn các hộ hoàn thiện hồ sơ thừa kế",
            "gửi tiền bồi thường vào tài khoản tạm giữ để không ảnh hưởng tiến độ",
        ],
        auth="ubnd_xa",
    ),
    T(
        F,
        KN,
        "buc_xuc lo_lang",
        [
            "{dan} phản ánh tình trạng một số hộ lấn chiếm đất công, đất hành lang bảo vệ {song} để xây "
            "dựng công trình trái phép.",
            "đất công ích {tai} bị một số hộ tự ý san lấp, dựng lán trại kinh doanh.",
        ],
        asks=[
            "kiểm tra, xử lý dứt điểm, tránh để kéo dài thành tiền lệ",
            "công khai kết quả xử lý vi phạm",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
        sec="xay_dung_quy_hoach",
    ),
    T(
        F,
        KN,
        "ban_khoan",
        [
            "người dân {tai} chưa rõ quy định về hạn mức công nhận đất ở, tách thửa theo Luật Đất đai mới.",
        ],
        asks=["tổ chức tuyên truyền, hướng dẫn cụ thể tại thôn, tổ dân phố"],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
        sec="thu_tuc_hanh_chinh",
    ),
    # ------------------------------------------------------------------ dat_dai: letters, incidents
    T(
        F,
        KNTC,
        "buc_xuc*2 ban_khoan",
        [
            "{so:3-12} hộ dân {tai} gửi đơn khiếu nại quyết định thu hồi đất thực hiện {du_an}, cho rằng "
            "việc xác định nguồn gốc đất chưa đúng.",
            "công dân {tai} khiếu nại quyết định phê duyệt phương án bồi thường của {du_an}, yêu cầu được "
            "bồi thường theo giá đất ở thay vì đất vườn.",
        ],
        asks=["xem xét lại nguồn gốc đất, tổ chức đối thoại với các hộ"],
        auth="ubnd_xa thanh_tra ubnd_tinh",
    ),
    T(
        F,
        KNTC,
        "buc_xuc",
        [
            "công dân {tai} gửi đơn tố cáo cán bộ địa chính {xa} (cũ) xác nhận sai nguồn gốc đất cho một "
            "số trường hợp để hưởng bồi thường.",
        ],
        auth="thanh_tra ubnd_xa",
        sec="tham_nhung_tieu_cuc",
        hot=0.1,
    ),
    T(
        F,
        KNTC,
        "buc_xuc ban_khoan",
        [
            "đơn thư tranh chấp ranh giới đất giữa các hộ liền kề {tai} có chiều hướng tăng; {2-8} vụ đã "
            "hòa giải ở cơ sở không thành.",
            "một nhóm hộ dân {tai} gửi đơn vượt cấp lên thành phố khiếu nại việc chậm chi trả tiền bồi "
            "thường {du_an}.",
        ],
        auth="ubnd_xa ubnd_tinh thanh_tra",
    ),
    T(
        F,
        VV,
        "buc_xuc lo_lang",
        [
            "khoảng {so:20-80} người dân {tai} tập trung tại công trường {du_an}, ngăn cản đơn vị thi công "
            "san lấp mặt bằng do chưa thống nhất giá bồi thường.",
            "{so:10-40} hộ dân {tai} dựng lều, căng băng rôn trên phần đất đã có quyết định thu hồi để phản "
            "đối phương án tái định cư của {du_an}.",
        ],
        auth="ubnd_xa ubnd_tinh cong_an",
        hot=0.6,
    ),
    T(
        F,
        VV,
        "lo_lang",
        [
            "có dấu hiệu một số đối tượng bên ngoài kích động, lôi kéo các hộ bị thu hồi đất {tai} không "
            "nhận tiền bồi thường, tập hợp chữ ký làm đơn tập thể.",
            "xuất hiện thông tin một số hộ {tai} thuê luật sư, liên kết với hộ ở địa phương khác để khiếu "
            "kiện đông người về {du_an}.",
        ],
        auth="cong_an ubnd_xa",
    ),
    # ------------------------------------------------------------------ xay_dung_quy_hoach
    T(
        Q,
        HD,
        POS_HD,
        [
            "hưởng ứng đợt ra quân lập lại trật tự đô thị, các hộ kinh doanh {tai} tự giác tháo dỡ mái che, "
            "biển quảng cáo lấn chiếm vỉa hè.",
            "các hộ dân {tai} tự nguyện lùi tường rào, chỉnh trang mặt tiền theo quy hoạch, tạo cảnh quan "
            "khang trang.",
        ],
        sec="giao_thong_ha_tang",
    ),
    T(
        Q,
        TT,
        "dong_tinh*2 tin_tuong",
        [
            "{dan} {cam} với chủ trương cải tạo, xây dựng lại các chung cư cũ xuống cấp, mong sớm có phương "
            "án bố trí tạm cư.",
        ],
        where="dt",
    ),
    T(
        Q,
        TT,
        "dong_tinh tin_tuong",
        [
            "{dan} {cam} khi quy hoạch chung {xa} được công bố công khai tại trụ sở và nhà văn hóa các thôn.",
            "{dan} {cam} trước việc thành phố triển khai nhà ở xã hội cho người thu nhập thấp, công nhân.",
        ],
    ),
    T(
        Q,
        TT,
        "lo_lang*2 ban_khoan",
        [
            "cư dân {chung_cu} {tai} {cam} vì nhiều mảng tường, ban công bong tróc, có nguy cơ sập đổ "
            "khi mưa lớn, gió to.",
        ],
        where="dt",
        auth="ubnd_xa so_xay_dung",
    ),
    T(
        Q,
        TT,
        "buc_xuc ban_khoan",
        [
            "{dan} {cam} về việc {kdt} chậm triển khai nhiều năm, đất bỏ hoang, cỏ mọc um tùm trong khi "
            "người dân trong vùng quy hoạch không được xây dựng, sửa chữa nhà.",
            "một số hộ {tai} {cam} vì không biết thửa đất của gia đình có nằm trong quy hoạch mở rộng "
            "đường hay không, không dám đầu tư xây dựng.",
        ],
        auth="ubnd_xa so_xay_dung ubnd_tinh",
    ),
    T(
        Q,
        KN,
        "buc_xuc lo_lang",
        [
            "tình trạng xây dựng nhà ở không phép, sai phép trên đất nông nghiệp {tai} diễn ra phức tạp.",
            "!{tat}: phát sinh {2-6} công trình xây dựng trái phép trên đất nông nghiệp, chưa bị xử lý.",
        ],
        asks=["tăng cường kiểm tra, xử lý nghiêm, không để phát sinh thêm công trình vi phạm"],
        auth="ubnd_xa so_xay_dung",
        sec="dat_dai",
    ),
    T(
        Q,
        KN,
        "buc_xuc",
        [
            "các công trình xây dựng {tai} để vật liệu tràn ra lòng đường, xe chở vật liệu làm rơi vãi đất cát.",
        ],
        asks=["yêu cầu chủ công trình che chắn, thu gom vật liệu, xử lý nghiêm vi phạm"],
        auth="ubnd_xa",
        sec="moi_truong",
    ),
    T(
        Q,
        KN,
        "lo_lang buc_xuc",
        [
            "thang máy {chung_cu} thường xuyên hỏng, hệ thống phòng cháy chữa cháy không bảo đảm.",
            "cư dân {chung_cu} phản ánh ban quản trị chưa công khai việc sử dụng quỹ bảo trì, nhiều hạng "
            "mục hư hỏng không được sửa.",
        ],
        asks=[
            "yêu cầu ban quản trị, đơn vị vận hành khắc phục",
            "yêu cầu ban quản trị công khai thu, chi quỹ bảo trì",
        ],
        auth="ubnd_xa so_xay_dung cong_an",
        where="dt",
    ),
    T(
        Q,
        KN,
        "buc_xuc ban_khoan",
        [
            "cư dân {kdt} {tai} phản ánh chủ đầu tư chậm bàn giao hạ tầng, chưa làm thủ tục cấp giấy chứng "
            "nhận sau nhiều năm nhận nhà.",
        ],
        asks=["đôn đốc chủ đầu tư hoàn thiện thủ tục cấp giấy chứng nhận cho cư dân"],
        auth="so_xay_dung so_nong_nghiep_moi_truong ubnd_tinh",
    ),
    T(
        Q,
        KN,
        "ban_khoan",
        [
            "nhiều hộ {tai} xin cấp phép sửa chữa, xây dựng nhà ở nhưng chưa được giải quyết do chưa có quy "
            "hoạch chi tiết.",
        ],
        asks=["sớm phê duyệt quy hoạch chi tiết để người dân yên tâm ổn định cuộc sống"],
        auth="ubnd_xa so_xay_dung",
    ),
    T(
        Q,
        KNTC,
        "buc_xuc",
        [
            "một số hộ {tai} gửi đơn phản ánh công trình nhà ở liền kề thi công làm nứt tường, lún móng nhà "
            "mình; hai bên chưa thống nhất mức bồi thường.",
            "công dân gửi đơn tố cáo việc chính quyền {xa} (cũ) để các hộ xây dựng trái phép trên đất công "
            "ích mà không xử lý.",
        ],
        auth="ubnd_xa thanh_tra",
    ),
    T(
        Q,
        VV,
        "buc_xuc",
        [
            "khoảng {so:40-200} cư dân {chung_cu} căng băng rôn, tập trung phản đối chủ đầu tư tăng phí "
            "dịch vụ và chưa bàn giao quỹ bảo trì.",
        ],
        auth="ubnd_xa so_xay_dung cong_an",
        where="dt",
    ),
]
