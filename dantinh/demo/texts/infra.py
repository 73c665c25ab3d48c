"""Transport and infrastructure (giao_thong_ha_tang); environment (moi_truong)."""

from ._base import HD, KN, KNTC, POS_HD, TT, VV, T

G = "giao_thong_ha_tang"
M = "moi_truong"

TOPICS = [
    # ------------------------------------------------------------------ giao thông: activities
    T(
        G,
        HD,
        POS_HD,
        [
            "{dan} đóng góp ngày công, kinh phí làm đường bê tông ngõ xóm, lắp đèn chiếu sáng; tổng kinh "
            "phí Nhân dân đóng góp khoảng {tr:80-600}.",
            "các hộ {tai} góp tiền, góp công làm mới {m:300-1200} {duong_lang}, hoàn thành trước {ngay_toi}.",
        ],
    ),
    T(
        G,
        HD,
        POS_HD,
        [
            "Hội Cựu chiến binh {xa} vận động hội viên phát quang hành lang {duong}, chặt tỉa cành cây che "
            "khuất tầm nhìn tại các khúc cua.",
            "Công an {xa} phối hợp Đoàn Thanh niên ra quân tuyên truyền an toàn giao thông, tặng mũ bảo hiểm "
            "cho học sinh.",
        ],
    ),
    T(
        G,
        HD,
        POS_HD,
        [
            "mô hình “Thắp sáng đường quê” do Hội Liên hiệp Phụ nữ {xa} triển khai đã lắp {20-120} bóng đèn "
            "năng lượng mặt trời trên các tuyến đường liên thôn.",
        ],
        where="nt",
    ),
    T(
        G,
        HD,
        POS_HD,
        [
            "đoàn viên thanh niên {tai} ra quân khơi thông cống rãnh, chặt tỉa cây xanh, chằng chống biển "
            "quảng cáo trước mùa mưa bão.",
        ],
        season="bao_truoc",
    ),
    # ------------------------------------------------------------------ giao thông: moods
    T(
        G,
        TT,
        "phan_khoi*2 vui_mung",
        [
            "{dan} {cam} khi {duong} đoạn qua địa phương được nâng cấp, mở rộng, thông xe; việc đi lại, "
            "vận chuyển hàng hóa thuận lợi hơn.",
            "{dan} {cam} vì cây cầu mới bắc qua {song} được thông xe, rút ngắn đáng kể quãng đường vào "
            "trung tâm thành phố.",
        ],
    ),
    T(
        G,
        TT,
        "tin_tuong phan_khoi",
        [
            "{dan} {cam} trước việc thành phố đẩy nhanh tiến độ các dự án giao thông kết nối, nhất là "
            "{du_an_gt}, kỳ vọng thúc đẩy phát triển kinh tế địa phương.",
        ],
    ),
    T(
        G,
        TT,
        "vui_mung phan_khoi",
        [
            "người dân {tai} {cam} khi hệ thống nước sạch tập trung được đấu nối đến {so:50-400} hộ, chấm "
            "dứt tình trạng dùng nước giếng khoan nhiễm phèn.",
        ],
        where="nt",
        sec="y_te",
    ),
    T(
        G,
        TT,
        "dong_tinh*2 phan_khoi",
        [
            "việc mở tuyến xe buýt mới đi qua {xa} được Nhân dân {cam}, nhất là học sinh, người cao tuổi.",
            "{dan} {cam} khi ngành điện cải tạo lưới điện, thay dây, nâng công suất trạm biến áp; tình "
            "trạng điện yếu giờ cao điểm đã được khắc phục.",
        ],
    ),
    T(
        G,
        TT,
        "buc_xuc*2 ban_khoan",
        [
            "{dan} {cam} vì {duong} đang thi công nâng cấp nhưng kéo dài, mặt đường đào bới, bụi khi nắng, "
            "lầy lội khi mưa.",
            "{dan} {cam} vì {du_an_gt} đoạn qua địa phương chậm tiến độ, rào chắn chiếm một nửa mặt đường "
            "nhiều tháng nay.",
        ],
        auth="so_xay_dung ubnd_xa",
        sec="moi_truong",
    ),
    T(
        G,
        TT,
        "buc_xuc lo_lang",
        [
            "{dan} {cam} về tình trạng mất điện kéo dài trong những ngày nắng nóng, có hôm mất điện "
            "{3-8} giờ liên tục.",
            "trong đợt nắng nóng gay gắt, nhiều khu dân cư {tai} bị mất điện luân phiên; {dan} {cam}, nhất "
            "là các gia đình có người già, trẻ nhỏ.",
        ],
        auth="dien_nuoc so_cong_thuong",
        season="nong",
    ),
    T(
        G,
        TT,
        "buc_xuc lo_lang",
        [
            "nhiều hộ dân {tai} {cam} vì nước sinh hoạt thường xuyên yếu, mất nước vào giờ cao điểm, có lúc "
            "nước có màu vàng, mùi lạ.",
        ],
        auth="dien_nuoc",
        sec="y_te",
    ),
    T(
        G,
        TT,
        "lo_lang*2 buc_xuc",
        [
            "{dan} {cam} trước tình trạng xe tải trọng lớn chạy qua {duong} làm hư hỏng mặt đường, gây mất "
            "an toàn cho học sinh.",
        ],
        auth="cong_an so_xay_dung",
        sec="an_ninh_trat_tu",
        where="dat",
    ),
    T(
        G,
        TT,
        "buc_xuc lo_lang",
        [
            "{dan} {cam} vì mưa lớn do ảnh hưởng của {bao} khiến nhiều tuyến đường {tai} ngập sâu "
            "{30-70} cm, nước rút chậm.",
            "sau {bao}, nhiều tuyến phố {tai} ngập úng kéo dài; {dan} {cam} về năng lực tiêu thoát nước.",
        ],
        season="bao",
        where="dt",
        auth="so_xay_dung ubnd_xa",
    ),
    # ------------------------------------------------------------------ giao thông: recommendations
    T(
        G,
        KN,
        "buc_xuc ban_khoan",
        [
            "tuyến đường từ {thon} đi {thon2} dài khoảng {m:500-3000} xuống cấp nghiêm trọng, nhiều ổ gà, "
            "ổ voi.",
            "!{tat}: {duong_lang} dài {m:300-1500} hư hỏng nặng, mưa xuống là ngập bùn.",
        ],
        asks=[
            "sớm bố trí kinh phí sửa chữa, nâng cấp tuyến đường",
            "đưa tuyến đường vào kế hoạch đầu tư công năm tới",
        ],
        auth="ubnd_xa so_xay_dung",
        where="nt",
    ),
    T(
        G,
        KN,
        "buc_xuc lo_lang",
        [
            "hệ thống cống thoát nước trên {duong} đoạn qua {noi} thường xuyên bị tắc, mỗi khi mưa lớn nước "
            "tràn vào nhà dân.",
            "khu dân cư {tai} trũng thấp, mỗi trận mưa lớn nước ngập sâu, nhiều hộ phải kê cao đồ đạc.",
        ],
        asks=[
            "nạo vét, cải tạo hệ thống thoát nước",
            "đầu tư tuyến cống thoát nước mới cho khu dân cư",
        ],
        auth="ubnd_xa so_xay_dung",
        sec="moi_truong",
    ),
    T(
        G,
        KN,
        "lo_lang buc_xuc",
        [
            "nút giao giữa {duong} và đường vào {thon} chưa có đèn tín hiệu, đã xảy ra nhiều vụ va chạm.",
            "đoạn {duong} qua {noi} không có vạch kẻ đường, biển cảnh báo khu dân cư, xe chạy tốc độ cao.",
        ],
        asks=[
            "lắp đặt đèn tín hiệu, gờ giảm tốc và biển cảnh báo",
            "khảo sát, tổ chức lại giao thông tại điểm giao cắt",
        ],
        auth="so_xay_dung cong_an ubnd_xa",
        sec="an_ninh_trat_tu",
    ),
    T(
        G,
        KN,
        "lo_lang",
        [
            "cây cầu bắc qua kênh {lang} {tai} đã xuống cấp, lan can gãy, mặt cầu thủng nhiều chỗ, nguy hiểm "
            "cho người và phương tiện.",
            "cầu phao nối {xa} với bờ bên kia {song} xuống cấp, vào mùa nước lên đi lại rất nguy hiểm.",
        ],
        asks=[
            "kiểm định, sửa chữa hoặc xây mới cầu, trước mắt cắm biển hạn chế tải trọng",
            "sớm đầu tư xây dựng cầu cứng thay cầu phao",
        ],
        auth="so_xay_dung ubnd_xa ubnd_tinh",
        where="nt",
    ),
    T(
        G,
        KN,
        "buc_xuc",
        [
            "hệ thống đèn chiếu sáng công cộng trên {duong} đoạn qua {noi} hư hỏng nhiều bóng, về đêm tối tăm.",
        ],
        asks=["sửa chữa, thay thế bóng đèn hư hỏng", "bố trí kinh phí duy trì hệ thống chiếu sáng"],
        auth="ubnd_xa dien_nuoc",
    ),
    T(
        G,
        KN,
        "ban_khoan lo_lang",
        [
            "{so:30-200} hộ dân {tai} chưa được sử dụng nước sạch tập trung, vẫn dùng nước giếng khoan, "
            "nước mưa.",
        ],
        asks=[
            "đầu tư mở rộng mạng lưới cấp nước sạch",
            "có cơ chế hỗ trợ chi phí đấu nối cho hộ nghèo",
        ],
        auth="dien_nuoc ubnd_xa ubnd_tinh",
        where="nt",
        sec="y_te",
    ),
    T(
        G,
        KN,
        "buc_xuc ban_khoan",
        [
            "trạm biến áp tại {thon} thường xuyên quá tải vào giờ cao điểm, điện áp yếu, điều hòa, tủ lạnh "
            "không hoạt động được.",
            "tiền điện {thang_truoc} của nhiều hộ {tai} tăng cao bất thường, gấp 1,5–2 lần các tháng trước.",
        ],
        asks=[
            "nâng công suất trạm biến áp, cải tạo lưới điện",
            "ngành điện kiểm tra, giải thích rõ cách tính tiền điện",
        ],
        auth="dien_nuoc so_cong_thuong",
        sec="gia_ca_doi_song",
        season="nong",
    ),
    T(
        G,
        KN,
        "lo_lang",
        [
            "đường dây điện, cáp viễn thông {tai} chằng chịt, nhiều đoạn võng thấp, tiềm ẩn nguy cơ mất an toàn.",
        ],
        asks=[
            "chỉnh trang, hạ ngầm hệ thống cáp",
            "yêu cầu các nhà mạng thu hồi cáp không sử dụng",
        ],
        auth="ubnd_xa dien_nuoc",
        where="dt",
    ),
    T(
        G,
        KN,
        "lo_lang buc_xuc",
        [
            "sau {bao}, nhiều cây xanh trên {duong} bị gãy đổ, một số cột điện nghiêng; một số khu vực "
            "{tai} vẫn chưa có điện trở lại.",
            "!{tat}: sau bão còn {so:40-300} hộ mất điện, cây đổ chắn ngang đường chưa được thu dọn.",
        ],
        asks=["ngành điện khẩn trương khôi phục lưới điện, thu dọn cây đổ"],
        auth="dien_nuoc ubnd_xa",
        season="bao",
        hot=0.08,
    ),
    T(
        G,
        KN,
        "lo_lang",
        [
            "mưa lớn do ảnh hưởng của {bao} làm sạt lở khoảng {m:20-150} mái đê {song} đoạn qua {noi}.",
            "!{tat}: đê {song} xuất hiện {2-5} điểm thẩm lậu, sạt trượt mái sau đợt mưa lớn do {bao}.",
        ],
        asks=["khẩn trương gia cố, xử lý sạt lở trước khi có đợt lũ tiếp theo"],
        auth="so_nong_nghiep_moi_truong ubnd_xa",
        season="bao",
        where="nt",
        sec="nong_nghiep",
        hot=0.2,
    ),
    T(
        G,
        KN,
        "lo_lang",
        [
            "tuyến đê biển đoạn qua {noi} có nhiều vị trí kè bị sụt lún, bong tróc, nước biển tràn qua khi "
            "triều cường.",
        ],
        asks=["sớm đầu tư nâng cấp, kè kiên cố đoạn đê xung yếu"],
        auth="so_nong_nghiep_moi_truong ubnd_tinh",
        where="bien",
        sec="nong_nghiep",
    ),
    T(
        G,
        KN,
        "buc_xuc",
        [
            "cử tri đề nghị sớm hoàn thành, đưa vào sử dụng {du_an_gt} đoạn qua {xa} vì công trường dừng thi "
            "công nhiều tháng, bụi bặm, mất an toàn.",
            "!{tat}: đoạn {duong} qua khu dân cư có nhiều ổ gà, đề nghị vá sửa sớm.",
        ],
        auth="so_xay_dung ubnd_xa",
    ),
    T(
        G,
        KNTC,
        "buc_xuc",
        [
            "công dân gửi đơn phản ánh đơn vị thi công {du_an_gt} làm nứt, lún {so:3-15} nhà dân ven tuyến "
            "nhưng chưa được bồi thường.",
        ],
        asks=["tổ chức giám định, bồi thường thỏa đáng cho các hộ"],
        auth="so_xay_dung ubnd_xa",
    ),
    T(
        G,
        VV,
        "buc_xuc",
        [
            "khoảng {so:30-100} người dân {tai} chặn xe tải của đơn vị thi công {du_an_gt}, yêu cầu sửa "
            "chữa đoạn đường bị hư hỏng và phun nước chống bụi.",
        ],
        auth="ubnd_xa so_xay_dung cong_an",
    ),
    # ------------------------------------------------------------------ môi trường: activities
    T(
        M,
        HD,
        POS_HD,
        [
            "hưởng ứng phong trào “Chủ nhật xanh”, Đoàn Thanh niên và Nhân dân {tai} ra quân vệ sinh môi "
            "trường, thu gom rác thải, phát quang bụi rậm.",
            "{so:100-500} đoàn viên, hội viên và Nhân dân {tai} tham gia ra quân làm sạch bờ kênh, trồng "
            "{200-1500} cây xanh.",
        ],
    ),
    T(
        M,
        HD,
        POS_HD,
        [
            "Hội Liên hiệp Phụ nữ {xa} duy trì mô hình phân loại rác thải tại nguồn, đổi rác tái chế lấy "
            "quà; {so:100-600} hộ tham gia.",
            "hội viên nông dân {tai} thu gom vỏ bao bì thuốc bảo vệ thực vật trên đồng ruộng, tập kết đúng "
            "nơi quy định.",
        ],
    ),
    T(
        M,
        HD,
        POS_HD,
        [
            "sau {bao}, các đoàn thể và Nhân dân {tai} tổng vệ sinh, khơi thông cống rãnh, phun khử khuẩn "
            "môi trường.",
        ],
        season="bao",
        sec="y_te",
    ),
    # ------------------------------------------------------------------ môi trường: moods
    T(
        M,
        TT,
        "dong_tinh*2 phan_khoi",
        [
            "{dan} {cam} khi {ubnd} xử lý dứt điểm điểm tập kết rác tự phát cạnh {duong}, trồng cây xanh, "
            "lắp camera giám sát.",
            "{dan} {cam} việc thành phố kiểm soát chặt các cơ sở gây ô nhiễm, di dời cơ sở sản xuất ra khỏi "
            "khu dân cư.",
        ],
    ),
    T(
        M,
        TT,
        "buc_xuc*2 lo_lang",
        [
            "{dan} {cam} vì mùi hôi từ {cs_o_nhiem} phát tán vào khu dân cư, nhất là vào ban đêm và sáng sớm.",
            "{dan} {cam} trước tình trạng rác thải tồn đọng nhiều ngày tại các điểm tập kết do đơn vị thu "
            "gom chậm vận chuyển, bốc mùi, ruồi nhặng.",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
    ),
    T(
        M,
        TT,
        "buc_xuc lo_lang",
        [
            "{dan} {cam} về việc xe chở vật liệu xây dựng, xe chở đất không che chắn, gây bụi trên {duong}.",
            "bụi từ các công trình đang thi công và bãi tập kết vật liệu khiến {dan} {cam}, nhất là những "
            "ngày hanh khô.",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong cong_an",
    ),
    T(
        M,
        TT,
        "lo_lang buc_xuc",
        [
            "bà con nuôi trồng thủy sản {tai} {cam} khi nước {song} đoạn qua địa phương có dấu hiệu ô nhiễm, "
            "cá chết rải rác.",
        ],
        where="nt",
        sec="nong_nghiep",
        auth="so_nong_nghiep_moi_truong",
    ),
    # ------------------------------------------------------------------ môi trường: recommendations
    T(
        M,
        KN,
        "buc_xuc*2 lo_lang",
        [
            "{cs_o_nhiem} tại {noi} xả nước thải chưa qua xử lý ra kênh thủy lợi, nước có màu đen, bốc mùi.",
            "!{tat}: {cs_o_nhiem} xả thải ra mương tiêu, nước đen kịt, cá chết.",
        ],
        asks=["kiểm tra, xử lý nghiêm cơ sở vi phạm, yêu cầu đầu tư hệ thống xử lý nước thải"],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
    ),
    T(
        M,
        KN,
        "buc_xuc lo_lang",
        [
            "bãi rác tạm {tai} quá tải, rác chưa được xử lý kịp, nước rỉ rác chảy ra ruộng.",
            "điểm tập kết rác cạnh nhà văn hóa {thon} tồn đọng nhiều ngày, bốc mùi hôi.",
        ],
        asks=[
            "sớm vận chuyển rác về khu xử lý tập trung",
            "tăng tần suất thu gom, bố trí lại điểm tập kết",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
    ),
    T(
        M,
        KN,
        "buc_xuc ban_khoan",
        [
            "tình trạng đốt rơm rạ sau thu hoạch {tai} gây khói mù, ảnh hưởng sinh hoạt và sức khỏe người dân.",
        ],
        asks=["tuyên truyền, hướng dẫn Nhân dân xử lý rơm rạ bằng chế phẩm sinh học"],
        auth="ubnd_xa",
        season="thu_hoach",
        where="nt dat",
    ),
    T(
        M,
        KN,
        "buc_xuc",
        [
            "các trang trại chăn nuôi lợn xen kẽ khu dân cư {tai} xả chất thải ra môi trường gây mùi hôi.",
        ],
        asks=["yêu cầu các hộ chăn nuôi làm hầm biogas, di dời trang trại ra khu quy hoạch"],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
        where="nt",
        sec="nong_nghiep",
    ),
    T(
        M,
        KN,
        "buc_xuc lo_lang",
        [
            "bãi tập kết cát, trạm trộn bê tông ven {song} đoạn qua {noi} gây bụi, tiếng ồn cả ban đêm.",
        ],
        asks=["kiểm tra, xử lý hoặc di dời các bến bãi không phép"],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
    ),
    T(
        M,
        KN,
        "buc_xuc",
        [
            "hệ thống thoát nước khu dân cư {tai} ứ đọng, nước thải sinh hoạt tràn ra đường, bốc mùi.",
        ],
        asks=["nạo vét kênh mương, cải tạo hệ thống thoát nước"],
        auth="ubnd_xa so_xay_dung",
        sec="giao_thong_ha_tang",
    ),
    T(
        M,
        KN,
        "lo_lang ban_khoan",
        [
            "rác thải trôi dạt dọc bờ biển {tai} sau các đợt triều cường, ảnh hưởng cảnh quan và hoạt động "
            "du lịch.",
        ],
        asks=["tổ chức thu gom thường xuyên, có phương án xử lý rác thải trên biển"],
        auth="ubnd_xa so_nong_nghiep_moi_truong",
        where="bien",
        sec="kinh_te_doanh_nghiep",
    ),
    T(
        M,
        KN,
        "ban_khoan",
        [
            "cử tri {xa} phản ánh mức phí thu gom rác thải sinh hoạt mới cao hơn trước nhưng tần suất thu "
            "gom không tăng.",
        ],
        asks=[
            "rà soát, điều chỉnh mức thu cho phù hợp",
            "công khai cách tính giá dịch vụ thu gom rác",
        ],
        auth="ubnd_xa so_tai_chinh",
        sec="gia_ca_doi_song",
    ),
    T(
        M,
        KN,
        "buc_xuc",
        [
            "tiếng ồn từ các quán karaoke, cơ sở kinh doanh dịch vụ {tai} kéo dài đến khuya, ảnh hưởng giấc "
            "ngủ của người dân.",
        ],
        asks=["kiểm tra, xử lý theo quy định"],
        auth="ubnd_xa cong_an",
        where="dt",
        sec="an_ninh_trat_tu",
    ),
    T(
        M,
        KN,
        "lo_lang",
        [
            "nhiều ao tù, vũng nước đọng, bãi phế liệu {tai} là nơi muỗi sinh sản.",
        ],
        asks=["phát động chiến dịch diệt bọ gậy, vệ sinh môi trường phòng chống sốt xuất huyết"],
        auth="ubnd_xa so_y_te",
        season="sot",
        sec="y_te",
    ),
    T(
        M,
        KN,
        "buc_xuc lo_lang",
        [
            "bụi từ các mỏ khai thác đá, nhà máy xi măng {tai} phủ kín mái nhà, cây trồng; nhiều hộ phải "
            "đóng cửa cả ngày.",
        ],
        asks=["kiểm tra, quan trắc môi trường, yêu cầu doanh nghiệp lắp thiết bị lọc bụi"],
        auth="so_nong_nghiep_moi_truong ubnd_xa",
        only=[
            "Kinh Môn",
            "Bắc An Phụ",
            "Nam An Phụ",
            "Nhị Chiểu",
            "Phạm Sư Mạnh",
            "Trần Liễu",
            "Phú Thái",
        ],
        w=4,
    ),
    T(
        M,
        KNTC,
        "buc_xuc",
        [
            "tập thể hộ dân {tai} gửi đơn phản ánh {cs_o_nhiem} gây ô nhiễm kéo dài, đã kiến nghị nhiều lần "
            "nhưng chưa được xử lý triệt để.",
        ],
        auth="so_nong_nghiep_moi_truong ubnd_xa thanh_tra",
    ),
    T(
        M,
        VV,
        "buc_xuc lo_lang",
        [
            "khoảng {so:40-150} người dân {tai} tập trung chặn xe chở rác vào khu xử lý rác thải, phản đối ô "
            "nhiễm mùi, nước rỉ rác.",
            "người dân {tai} tụ tập trước cổng {cs_o_nhiem} yêu cầu dừng hoạt động sau khi phát hiện cá chết "
            "hàng loạt ở kênh tiêu.",
        ],
        auth="ubnd_xa so_nong_nghiep_moi_truong ubnd_tinh",
        hot=0.6,
    ),
]
