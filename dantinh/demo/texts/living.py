"""Prices and living (gia_ca_doi_song), social welfare (an_sinh_xa_hoi), health (y_te),
education (giao_duc)."""

from ._base import HD, KN, KNTC, POS_HD, TT, VV, T
from ._vocab import THANH_HA

P = "gia_ca_doi_song"
A = "an_sinh_xa_hoi"
Y = "y_te"
E = "giao_duc"

TOPICS = [
    # ------------------------------------------------------------------ giá cả, đời sống
    T(
        P,
        HD,
        POS_HD,
        [
            "các hộ dân {tai} hưởng ứng cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”, tham gia "
            "phiên chợ hàng Việt về nông thôn do {doan_the} phối hợp tổ chức.",
            "nhiều hộ {tai} chuyển sang bán hàng trực tuyến, livestream giới thiệu đặc sản địa phương, giúp "
            "tăng thu nhập đáng kể.",
        ],
        sec="kinh_te_doanh_nghiep",
    ),
    T(
        P,
        TT,
        "lo_lang*2 ban_khoan",
        [
            "{dan} {cam} trước việc giá xăng dầu tăng trong các kỳ điều hành gần đây, kéo theo giá cước vận "
            "chuyển và nhiều mặt hàng thiết yếu tăng.",
            "người lao động có thu nhập thấp {tai} {cam} vì giá thuê phòng trọ, giá điện, nước tăng trong khi "
            "thu nhập không tăng.",
        ],
        auth="so_cong_thuong so_tai_chinh",
    ),
    T(
        P,
        TT,
        "lo_lang",
        [
            "nhiều hộ chăn nuôi {tai} {cam} khi giá lợn hơi giảm xuống khoảng {48-56}.000 đồng/kg trong khi "
            "giá thức ăn chăn nuôi vẫn ở mức cao, nhiều lứa nuôi bị lỗ.",
            "{dan} {cam} vì giá thịt lợn bán lẻ tại {cho} tăng lên {130-165}.000 đồng/kg, chi tiêu hằng ngày "
            "của các gia đình tăng theo.",
        ],
        sec="nong_nghiep",
    ),
    T(
        P,
        TT,
        "lo_lang ban_khoan",
        [
            "tiểu thương {cho} {cam} vì sức mua giảm, nhiều quầy hàng đóng cửa, thu nhập sụt giảm.",
            "{dan} {cam} vì giá vàng biến động mạnh, một số người dân mua tích trữ theo tâm lý đám đông.",
        ],
    ),
    T(
        P,
        TT,
        "lo_lang*2 ban_khoan",
        [
            "{dan} {cam} khi giá thực phẩm, hoa quả bắt đầu nhích lên vào dịp cuối năm; nhiều gia đình lo "
            "giá cả tăng mạnh dịp Tết.",
        ],
        season="tet",
    ),
    T(
        P,
        TT,
        "lo_lang buc_xuc",
        [
            "các gia đình có con đi học {tai} {cam} vì chi phí đầu năm học (sách giáo khoa, đồng phục, các "
            "khoản đóng góp) tăng.",
        ],
        season="nam_hoc",
        sec="giao_duc",
    ),
    T(
        P,
        TT,
        "buc_xuc lo_lang",
        [
            "sau {bao}, giá rau xanh tại {cho} tăng gấp 2–3 lần; {dan} {cam} vì chi phí sinh hoạt tăng.",
        ],
        season="bao",
        auth="so_cong_thuong",
    ),
    T(
        P,
        TT,
        "phan_khoi*2 vui_mung",
        [
            "{dan} {cam} khi giá lúa vụ {vu} cao hơn năm trước, năng suất khá, thu nhập của nông dân được "
            "cải thiện.",
        ],
        season="thu_hoach",
        where="nt dat",
        sec="nong_nghiep",
    ),
    T(
        P,
        TT,
        "dong_tinh tin_tuong",
        [
            "{dan} {cam} vì giá cả các mặt hàng thiết yếu trên thị trường cơ bản ổn định, nguồn cung dồi dào.",
            "{dan} {cam} trước thông tin điều chỉnh tăng lương cơ sở, lương hưu và trợ cấp bảo hiểm xã hội.",
        ],
    ),
    T(
        P,
        TT,
        "vui_mung*2 phan_khoi",
        [
            "nông dân trồng vải {tai} {cam} vì vải thiều được mùa, được giá, nhiều hộ thu lãi hàng trăm triệu "
            "đồng.",
            "{dan} {cam} khi vải thiều sớm được thương lái và doanh nghiệp xuất khẩu thu mua tận vườn.",
        ],
        season="vai",
        only=THANH_HA,
        w=4,
        sec="nong_nghiep",
    ),
    T(
        P,
        TT,
        "dong_tinh",
        [
            "các siêu thị, doanh nghiệp phân phối {tai} chuẩn bị nguồn hàng bình ổn giá phục vụ Tết, được "
            "Nhân dân {cam}.",
        ],
        season="tet",
    ),
    T(
        P,
        KN,
        "buc_xuc ban_khoan",
        [
            "{dan} phản ánh một số cửa hàng tại {cho} niêm yết giá không rõ ràng, bán hàng không rõ nguồn gốc.",
        ],
        asks=["tăng cường kiểm tra việc niêm yết giá và chất lượng hàng hóa"],
        auth="so_cong_thuong ubnd_xa",
    ),
    T(
        P,
        KN,
        "ban_khoan buc_xuc",
        [
            "cử tri {xa} phản ánh giá nước sạch sinh hoạt điều chỉnh tăng nhưng chất lượng nước, dịch vụ chưa "
            "tương xứng.",
        ],
        asks=["công khai lộ trình điều chỉnh giá, nâng cao chất lượng dịch vụ"],
        auth="dien_nuoc so_tai_chinh",
        sec="giao_thong_ha_tang",
    ),
    T(
        P,
        KN,
        "lo_lang buc_xuc",
        [
            "giá phân bón, thuốc bảo vệ thực vật, giống tăng trong khi giá nông sản thấp, người trồng lúa "
            "{tai} gần như không có lãi.",
            "nhiều hộ {tai} cho biết thu nhập từ sản xuất nông nghiệp thấp, lao động trẻ đi làm xa, ở nhà "
            "chủ yếu người già và trẻ nhỏ.",
        ],
        asks=[
            "có chính sách hỗ trợ giá vật tư, liên kết bao tiêu sản phẩm cho nông dân",
            "thu hút đầu tư, tạo thêm việc làm tại chỗ",
        ],
        auth="so_nong_nghiep_moi_truong so_tai_chinh",
        where="nt dat",
        sec="nong_nghiep",
    ),
    T(
        P,
        KN,
        "buc_xuc",
        [
            "tiểu thương {cho} phản ánh mức phí thuê ki-ốt, phí dịch vụ tại chợ sau khi chuyển đổi mô hình "
            "quản lý tăng cao.",
        ],
        asks=["xem xét lại mức thu, giữ ổn định cho tiểu thương"],
        auth="ubnd_xa so_cong_thuong",
    ),
    T(
        P,
        KN,
        "ban_khoan*2 lo_lang",
        [
            "các hộ kinh doanh {tai} lo ngại khi chuyển từ thuế khoán sang tự kê khai, chưa quen dùng hóa "
            "đơn điện tử, máy tính tiền.",
        ],
        asks=["cơ quan thuế tổ chức tập huấn, hướng dẫn cụ thể cho hộ kinh doanh"],
        auth="so_tai_chinh ubnd_xa",
        sec="kinh_te_doanh_nghiep thu_tuc_hanh_chinh",
    ),
    T(
        P,
        KN,
        "buc_xuc",
        [
            "công nhân thuê trọ {tai} phản ánh chủ nhà trọ thu tiền điện {4-5}.000 đồng/kWh, cao hơn giá quy "
            "định.",
        ],
        asks=["kiểm tra, hướng dẫn các chủ nhà trọ thu đúng giá điện sinh hoạt"],
        auth="so_cong_thuong ubnd_xa",
        sec="lao_dong_viec_lam",
        where="dat",
    ),
    T(
        P,
        KNTC,
        "buc_xuc",
        [
            "một số hộ kinh doanh tại {cho} gửi đơn khiếu nại việc ban quản lý chợ thu các khoản phí ngoài "
            "quy định.",
        ],
        auth="ubnd_xa thanh_tra",
    ),
    T(
        P,
        VV,
        "lo_lang",
        [
            "tin đồn khan hiếm xăng dầu lan truyền trên mạng khiến người dân {tai} đổ xô đi mua xăng, tại "
            "một số cửa hàng xảy ra ùn tắc, xô xát.",
        ],
        auth="so_cong_thuong cong_an",
        hot=0.3,
    ),
    # ------------------------------------------------------------------ an sinh xã hội
    T(
        A,
        HD,
        POS_HD,
        [
            "{doan_the} {xa} vận động hội viên, nhà hảo tâm xây “Mái ấm tình thương” cho hộ nghèo ở {thon}, "
            "trị giá {tr:60-120}.",
            "Quỹ “Vì người nghèo” {xa} trao {so:20-80} suất quà cho hộ nghèo, hộ cận nghèo và gia đình chính "
            "sách.",
            "Ủy ban MTTQ {xa} bàn giao nhà đại đoàn kết cho hộ khó khăn về nhà ở tại {thon}.",
        ],
    ),
    T(
        A,
        HD,
        POS_HD,
        [
            "nhân kỷ niệm Ngày Thương binh – Liệt sĩ 27/7, các đoàn thể và Nhân dân {tai} thăm hỏi, tặng quà "
            "gia đình chính sách, dọn dẹp, thắp nến tri ân tại nghĩa trang liệt sĩ.",
            "đoàn viên thanh niên {tai} tổ chức “Thắp nến tri ân” tại nghĩa trang liệt sĩ, chăm sóc "
            "{so:50-300} phần mộ.",
        ],
        season="27_7",
        hot=0.08,
    ),
    T(
        A,
        HD,
        POS_HD,
        [
            "{so:50-300} đoàn viên, hội viên và Nhân dân {tai} giúp các hộ bị thiệt hại do {bao} dọn dẹp nhà "
            "cửa, lợp lại mái tôn, chằng chống nhà ở.",
            "các đoàn thể {tai} quyên góp gạo, mì tôm, nước uống hỗ trợ hộ bị ngập sau {bao}, trị giá "
            "{tr:30-250}.",
        ],
        season="bao",
        hot=0.12,
    ),
    T(
        A,
        HD,
        POS_HD,
        [
            "Đoàn Thanh niên, Hội Liên hiệp Phụ nữ {xa} tổ chức “Trung thu cho em”, tặng {so:100-500} phần quà "
            "cho thiếu nhi, ưu tiên trẻ em có hoàn cảnh khó khăn.",
        ],
        season="trung_thu",
        sec="van_hoa_xa_hoi",
    ),
    T(
        A,
        HD,
        "dong_tinh phan_khoi -",
        [
            "Ủy ban MTTQ {xa} rà soát, lập danh sách hộ nghèo, hộ có hoàn cảnh khó khăn để vận động quà Tết, "
            "bảo đảm mọi nhà đều có Tết.",
        ],
        season="tet",
    ),
    T(
        A,
        TT,
        "dong_tinh tin_tuong",
        [
            "{dan} {cam} khi trợ cấp xã hội hằng tháng được chi trả qua tài khoản ngân hàng, nhanh chóng, "
            "thuận tiện.",
        ],
        sec="thu_tuc_hanh_chinh",
    ),
    T(
        A,
        TT,
        "vui_mung phan_khoi",
        [
            "người cao tuổi {tai} {cam} với chính sách hạ độ tuổi hưởng trợ cấp hưu trí xã hội xuống 75 tuổi.",
            "các hộ người có công {tai} {cam} khi được hỗ trợ sửa chữa nhà ở, nhiều căn nhà đã được bàn giao, "
            "đưa vào sử dụng.",
        ],
    ),
    T(
        A,
        TT,
        "tin_tuong phan_khoi",
        [
            "các gia đình chính sách {tai} {cam} trước sự quan tâm của cấp ủy, chính quyền trong dịp kỷ niệm "
            "Ngày Thương binh – Liệt sĩ.",
        ],
        season="27_7",
    ),
    T(
        A,
        TT,
        "tin_tuong*2 dong_tinh",
        [
            "{dan} {cam} trước sự chỉ đạo kịp thời của chính quyền trong việc sơ tán người dân khỏi khu vực "
            "nguy hiểm trước khi {bao} đổ bộ; không có thiệt hại về người.",
        ],
        season="bao",
        hot=0.1,
    ),
    T(
        A,
        TT,
        "lo_lang*2 buc_xuc",
        [
            "{bao} gây ngập sâu tại {noi}, {so:30-200} hộ phải sơ tán khẩn cấp; bà con {cam} vì nhiều hộ mất "
            "lương thực, tài sản.",
            "các hộ bị tốc mái, hư hỏng nhà cửa do {bao} {tai} {cam} vì chưa nhận được hỗ trợ trong khi mưa "
            "vẫn kéo dài.",
        ],
        season="bao",
        auth="ubnd_xa ubnd_tinh mttq_doan_the",
        hot=0.3,
    ),
    T(
        A,
        TT,
        "ban_khoan lo_lang",
        [
            "một số hộ cận nghèo {tai} {cam} vì sau khi áp dụng chuẩn nghèo mới, gia đình không còn thuộc "
            "diện được hỗ trợ mua thẻ bảo hiểm y tế.",
        ],
        auth="ubnd_xa so_y_te",
        sec="y_te",
    ),
    T(
        A,
        KN,
        "ban_khoan buc_xuc",
        [
            "một số người có công {tai} phản ánh hồ sơ đề nghị hưởng chế độ (thân nhân liệt sĩ, người bị "
            "nhiễm chất độc hóa học) nộp từ lâu nhưng chưa được giải quyết.",
            "cựu thanh niên xung phong, cựu chiến binh {tai} chưa được hưởng chế độ do thất lạc giấy tờ.",
        ],
        asks=[
            "rà soát, sớm giải quyết dứt điểm hồ sơ tồn đọng",
            "hướng dẫn thủ tục xác nhận, giải quyết chế độ",
        ],
        auth="so_noi_vu ubnd_xa",
    ),
    T(
        A,
        KN,
        "ban_khoan",
        [
            "người khuyết tật, người cao tuổi cô đơn {tai} cho rằng mức trợ cấp xã hội hằng tháng còn thấp so "
            "với giá cả hiện nay.",
        ],
        asks=["điều chỉnh tăng mức chuẩn trợ giúp xã hội"],
        auth="so_y_te ubnd_tinh",
        sec="gia_ca_doi_song",
    ),
    T(
        A,
        KN,
        "lo_lang",
        [
            "nhiều hộ nghèo {tai} có nhà ở xuống cấp, không bảo đảm an toàn khi có mưa bão.",
        ],
        asks=["hỗ trợ kinh phí sửa chữa, chằng chống nhà ở trước mùa mưa bão"],
        auth="ubnd_xa mttq_doan_the",
        season="bao_truoc",
    ),
    T(
        A,
        KN,
        "buc_xuc ban_khoan",
        [
            "việc bình xét hộ nghèo, cận nghèo {tai} chưa thật sự khách quan, một số hộ có điều kiện vẫn có "
            "tên trong danh sách.",
        ],
        asks=["công khai danh sách, rà soát lại theo đúng tiêu chí"],
        auth="ubnd_xa mttq_doan_the",
        sec="tham_nhung_tieu_cuc",
    ),
    T(
        A,
        KN,
        "ban_khoan",
        [
            "đối tượng bảo trợ xã hội {tai} phản ánh từ khi sắp xếp đơn vị hành chính, trợ cấp có tháng bị chậm, chưa rõ "
            "lịch chi trả.",
        ],
        asks=["bảo đảm chi trả đúng hạn, thông báo lịch chi trả cụ thể"],
        auth="ubnd_xa so_y_te",
        sec="thu_tuc_hanh_chinh",
    ),
    T(
        A,
        KN,
        "buc_xuc lo_lang",
        [
            "!{tat}: {so:15-120} hộ bị thiệt hại nhà ở, hoa màu do {bao}, đề nghị sớm có kinh phí hỗ trợ.",
            "việc thống kê thiệt hại sau {bao} {tai} còn chậm, một số hộ chưa được ghi nhận.",
        ],
        asks=["rà soát đầy đủ, công khai danh sách và mức hỗ trợ"],
        auth="ubnd_xa ubnd_tinh",
        season="bao",
    ),
    T(
        A,
        KNTC,
        "buc_xuc",
        [
            "công dân {tai} gửi đơn tố cáo cán bộ cơ sở lập danh sách khống để nhận tiền hỗ trợ khắc phục hậu "
            "quả {bao}.",
        ],
        auth="thanh_tra ubnd_xa",
        season="bao",
        sec="tham_nhung_tieu_cuc",
        hot=0.2,
    ),
    T(
        A,
        KNTC,
        "buc_xuc ban_khoan",
        [
            "một số hộ {tai} khiếu nại việc bị đưa ra khỏi danh sách hộ cận nghèo, cho rằng việc chấm điểm "
            "chưa đúng thực tế.",
        ],
        auth="ubnd_xa",
    ),
    # ------------------------------------------------------------------ y tế
    T(
        Y,
        HD,
        POS_HD,
        [
            "Hội Chữ thập đỏ {xa} tổ chức hiến máu tình nguyện, tiếp nhận {so:150-400} đơn vị máu.",
            "Trạm Y tế {xa} khám sàng lọc bệnh không lây nhiễm, cấp thuốc miễn phí cho {so:200-600} người "
            "cao tuổi.",
        ],
    ),
    T(
        Y,
        HD,
        POS_HD,
        [
            "Nhân dân {tai} hưởng ứng chiến dịch diệt bọ gậy, vệ sinh môi trường phòng chống sốt xuất huyết.",
        ],
        season="sot",
        sec="moi_truong",
    ),
    T(
        Y,
        TT,
        "phan_khoi*2 tin_tuong",
        [
            "{dan} {cam} với chủ trương miễn viện phí theo lộ trình, tiến tới mỗi người dân được khám sức "
            "khỏe định kỳ miễn phí.",
            "{dan} {cam} khi được khám sức khỏe miễn phí và lập hồ sơ sức khỏe điện tử trên VNeID.",
        ],
        sec="an_sinh_xa_hoi",
    ),
    T(
        Y,
        TT,
        "dong_tinh tin_tuong",
        [
            "người dân {tai} {cam} khi trạm y tế được đầu tư trang thiết bị, có bác sĩ khám chữa bệnh bảo hiểm "
            "y tế hằng ngày.",
        ],
    ),
    T(
        Y,
        TT,
        "lo_lang",
        [
            "{dan} {cam} trước số ca sốt xuất huyết tăng; địa phương đã ghi nhận {so:5-40} ca mắc, trong đó có "
            "trẻ em.",
        ],
        season="sot",
        auth="so_y_te ubnd_xa",
    ),
    T(
        Y,
        TT,
        "lo_lang*2 buc_xuc",
        [
            "{dan} {cam} về thực phẩm không rõ nguồn gốc bày bán tại {cho} và cổng trường học.",
            "{dan} {cam} trước thông tin xuất hiện bệnh dại trên đàn chó {tai}, có người bị chó cắn phải đi "
            "tiêm phòng.",
        ],
        auth="so_y_te ubnd_xa",
    ),
    T(
        Y,
        TT,
        "buc_xuc ban_khoan",
        [
            "người bệnh {tai} {cam} vì bệnh viện tuyến thành phố quá tải, phải chờ lâu; một số loại thuốc "
            "bảo hiểm y tế không có, phải tự mua ngoài.",
        ],
        auth="so_y_te bhxh",
    ),
    T(
        Y,
        TT,
        "mong_muon",
        [
            "người dân {tai} {cam} được tiêm vắc xin cho trẻ đầy đủ, kịp thời; một số loại vắc xin tiêm chủng "
            "mở rộng có thời điểm bị thiếu.",
        ],
        auth="so_y_te",
    ),
    T(
        Y,
        KN,
        "ban_khoan lo_lang",
        [
            "trạm y tế {xa} sau sắp xếp thiếu bác sĩ, cơ sở vật chất xuống cấp.",
            "!{tat}: trạm y tế chỉ có {2-4} cán bộ, không đủ người trực đêm.",
        ],
        asks=["bổ sung nhân lực, đầu tư nâng cấp trạm y tế"],
        auth="so_y_te ubnd_xa",
    ),
    T(
        Y,
        KN,
        "buc_xuc ban_khoan",
        [
            "người dân phản ánh thủ tục khám chữa bệnh bảo hiểm y tế, chuyển viện còn phiền hà.",
        ],
        asks=["đơn giản hóa thủ tục chuyển tuyến, liên thông dữ liệu khám chữa bệnh"],
        auth="so_y_te bhxh",
        sec="thu_tuc_hanh_chinh",
    ),
    T(
        Y,
        KN,
        "ban_khoan",
        [
            "nhiều hộ {tai} phản ánh mức đóng bảo hiểm y tế hộ gia đình tăng theo lương cơ sở, gây khó khăn "
            "cho hộ có thu nhập thấp.",
        ],
        asks=[
            "hỗ trợ một phần mức đóng cho hộ cận nghèo, hộ làm nông nghiệp có mức sống trung bình"
        ],
        auth="bhxh ubnd_tinh",
        sec="an_sinh_xa_hoi",
    ),
    T(
        Y,
        KN,
        "lo_lang",
        [
            "khu vực cổng trường học {tai} có nhiều hàng quà vặt không rõ nguồn gốc.",
            "cơ sở giết mổ gia súc nhỏ lẻ {tai} không bảo đảm vệ sinh thú y, an toàn thực phẩm.",
        ],
        asks=["tăng cường kiểm tra an toàn thực phẩm, xử lý nghiêm vi phạm"],
        auth="ubnd_xa so_y_te so_nong_nghiep_moi_truong",
    ),
    T(
        Y,
        KN,
        "lo_lang",
        [
            "sau đợt ngập do {bao}, nhiều hộ {tai} thiếu nước sạch, có nguy cơ phát sinh bệnh đường tiêu hóa, "
            "bệnh ngoài da.",
        ],
        asks=["cấp phát cloramin B, tổ chức phun khử khuẩn"],
        auth="so_y_te ubnd_xa",
        season="bao",
    ),
    T(
        Y,
        KN,
        "lo_lang buc_xuc",
        [
            "khu dân cư {tai} đã có ca sốt xuất huyết nhưng chưa được phun thuốc diệt muỗi.",
        ],
        asks=["phun hóa chất diệt muỗi diện rộng, giám sát ổ dịch"],
        auth="so_y_te ubnd_xa",
        season="sot",
    ),
    T(
        Y,
        KN,
        "ban_khoan",
        [
            "một số nhà thuốc {tai} bán thuốc kháng sinh không cần đơn, bán thuốc không rõ nguồn gốc qua mạng.",
        ],
        asks=["kiểm tra, chấn chỉnh hoạt động kinh doanh thuốc"],
        auth="so_y_te",
    ),
    T(
        Y,
        TT,
        "lo_lang ban_khoan",
        [
            "người cao tuổi {tai} {cam} vì phải ra bệnh viện tuyến trên lấy thuốc điều trị bệnh mãn tính hằng "
            "tháng, trong khi trạm y tế chưa cấp được.",
            "{dan} {cam} khi số trẻ mắc tay chân miệng, sốt virus tại các trường mầm non {tai} tăng.",
        ],
        auth="so_y_te bhxh",
    ),
    T(
        Y,
        KNTC,
        "buc_xuc",
        [
            "gia đình người bệnh {tai} gửi đơn phản ánh thái độ thiếu trách nhiệm của nhân viên y tế tại một "
            "bệnh viện trên địa bàn thành phố.",
        ],
        auth="so_y_te thanh_tra",
    ),
    T(
        Y,
        VV,
        "lo_lang*2 buc_xuc",
        [
            "xảy ra ngộ độc thực phẩm sau một bữa cỗ cưới tại {noi}, {so:20-90} người phải nhập viện.",
            "{so:30-120} công nhân {cty} có biểu hiện ngộ độc sau bữa ăn ca, phải đưa đi cấp cứu.",
        ],
        auth="so_y_te ubnd_xa",
        hot=0.7,
    ),
    T(
        Y,
        VV,
        "buc_xuc",
        [
            "người nhà một bệnh nhân tử vong ở {noi} tập trung đông người, căng băng rôn tại bệnh viện, cho "
            "rằng bệnh viện chậm cấp cứu.",
        ],
        auth="so_y_te cong_an",
    ),
    # ------------------------------------------------------------------ giáo dục
    T(
        E,
        HD,
        POS_HD,
        [
            "Hội Khuyến học {xa} tuyên dương, khen thưởng {so:40-150} học sinh đạt thành tích cao trong kỳ thi "
            "tốt nghiệp THPT và tuyển sinh đại học.",
        ],
        season="thi_kq",
    ),
    T(
        E,
        HD,
        POS_HD,
        [
            "Nhân dân và doanh nghiệp {tai} ủng hộ {so:100-400} suất học bổng, sách vở cho học sinh khó khăn "
            "trước thềm năm học mới.",
            "các chi hội khuyến học {tai} tặng xe đạp, cặp sách cho học sinh nghèo vượt khó.",
        ],
        season="nam_hoc",
    ),
    T(
        E,
        HD,
        POS_HD,
        [
            "Đoàn Thanh niên {xa} tổ chức “Tiếp sức mùa thi”, bố trí điểm nghỉ, nước uống miễn phí cho thí "
            "sinh và phụ huynh.",
        ],
        season="thi",
    ),
    T(
        E,
        HD,
        POS_HD,
        [
            "Nhân dân {tai} tổ chức các hoạt động tri ân thầy cô nhân Ngày Nhà giáo Việt Nam 20/11.",
        ],
        season="20_11",
    ),
    T(
        E,
        TT,
        "phan_khoi*2 dong_tinh",
        [
            "phụ huynh {tai} {cam} với chính sách miễn học phí cho học sinh từ mầm non đến hết THPT công lập.",
            "phụ huynh {tai} {cam} với việc tổ chức dạy học 2 buổi/ngày, học sinh có thêm thời gian học kỹ "
            "năng, thể thao.",
        ],
    ),
    T(
        E,
        TT,
        "vui_mung phan_khoi",
        [
            "{dan} {cam} khi {truong} được xây mới, khánh thành đúng dịp khai giảng năm học mới.",
        ],
        season="nam_hoc",
    ),
    T(
        E,
        TT,
        "tin_tuong dong_tinh",
        [
            "phụ huynh {tai} {cam} vì kỳ thi tốt nghiệp THPT diễn ra an toàn, nghiêm túc.",
        ],
        season="thi",
    ),
    T(
        E,
        TT,
        "buc_xuc ban_khoan",
        [
            "phụ huynh {tai} {cam} vì đầu năm học phải nộp nhiều khoản ngoài học phí: quỹ phụ huynh, tiền điều "
            "hòa, máy chiếu, tiền học thêm.",
        ],
        season="nam_hoc",
        auth="so_giao_duc ubnd_xa",
    ),
    T(
        E,
        TT,
        "ban_khoan lo_lang",
        [
            "phụ huynh, học sinh {tai} {cam} về kỳ thi tốt nghiệp THPT, nhất là việc quy đổi điểm, xét tuyển "
            "đại học năm nay có nhiều thay đổi.",
        ],
        season="thi",
    ),
    T(
        E,
        TT,
        "lo_lang ban_khoan",
        [
            "phụ huynh {tai} {cam} vì con không đỗ lớp 10 công lập do chỉ tiêu hạn chế, phải học trường tư "
            "thục với chi phí cao.",
        ],
        season="thi_kq",
        auth="so_giao_duc",
    ),
    T(
        E,
        TT,
        "ban_khoan",
        [
            "phụ huynh {tai} {cam} vì sau sắp xếp, một số điểm trường lẻ bị dồn ghép, học sinh phải đi học xa "
            "hơn.",
            "phụ huynh {cam} trước tình trạng học sinh {tai} đi xe máy điện không đội mũ bảo hiểm, chở ba.",
        ],
        auth="so_giao_duc ubnd_xa",
    ),
    T(
        E,
        KN,
        "ban_khoan lo_lang",
        [
            "{truong} thiếu phòng học, nhiều lớp sĩ số trên {42-50} học sinh.",
            "thiếu giáo viên tiếng Anh, tin học, giáo viên mầm non tại các trường {tai}.",
        ],
        asks=["đầu tư xây thêm phòng học, bổ sung giáo viên"],
        auth="so_giao_duc ubnd_xa so_noi_vu",
    ),
    T(
        E,
        KN,
        "buc_xuc",
        [
            "khu vực cổng {truong} giờ tan học ùn tắc, phụ huynh dừng đỗ xe tràn xuống lòng đường.",
        ],
        asks=["bố trí lực lượng phân luồng, làm điểm đón trả học sinh"],
        auth="ubnd_xa cong_an",
        sec="giao_thong_ha_tang",
    ),
    T(
        E,
        KN,
        "lo_lang",
        [
            "bếp ăn bán trú của {truong} chưa bảo đảm vệ sinh an toàn thực phẩm.",
            "nhà vệ sinh, công trình nước sạch tại {truong} xuống cấp.",
        ],
        asks=["kiểm tra, sửa chữa, bảo đảm điều kiện vệ sinh cho học sinh"],
        auth="so_giao_duc so_y_te ubnd_xa",
        sec="y_te",
    ),
    T(
        E,
        KN,
        "lo_lang",
        [
            "sau {bao}, mái tôn, tường rào, cây xanh tại {truong} bị hư hỏng.",
        ],
        asks=["khẩn trương sửa chữa để học sinh đi học trở lại"],
        auth="ubnd_xa so_giao_duc",
        season="bao",
    ),
    T(
        E,
        KN,
        "ban_khoan",
        [
            "phụ huynh đề nghị {truong} công khai các khoản thu, chi đầu năm học.",
            "phụ huynh {tai} phản ánh vẫn còn tình trạng giáo viên dạy thêm tại nhà cho chính học sinh lớp mình.",
        ],
        asks=["kiểm tra, xử lý theo quy định về dạy thêm, học thêm"],
        auth="so_giao_duc ubnd_xa",
        season="nam_hoc",
    ),
    T(
        E,
        KN,
        "ban_khoan",
        [
            "công nhân {tai} phản ánh thiếu trường mầm non, nhóm trẻ cho con công nhân, nhiều cháu phải gửi "
            "nhóm trẻ tự phát.",
        ],
        asks=["đầu tư trường mầm non gần khu công nghiệp, hỗ trợ nhóm trẻ độc lập đủ điều kiện"],
        auth="ubnd_xa so_giao_duc",
        sec="lao_dong_viec_lam",
        where="dat",
    ),
    T(
        E,
        KNTC,
        "buc_xuc",
        [
            "phụ huynh {tai} gửi đơn phản ánh hiệu trưởng {truong} thu, chi các khoản đóng góp không minh bạch.",
        ],
        auth="so_giao_duc thanh_tra",
        sec="tham_nhung_tieu_cuc",
    ),
    T(
        E,
        VV,
        "buc_xuc lo_lang",
        [
            "xảy ra vụ học sinh {truong} bị bạo lực học đường; clip lan truyền trên mạng xã hội gây bức xúc "
            "dư luận.",
        ],
        auth="so_giao_duc cong_an",
        sec="an_ninh_trat_tu",
        hot=0.5,
        ch="bao_chi_mang_xa_hoi",
    ),
]
