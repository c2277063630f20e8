//! "Chính sách bảo mật": what the portal stores about visitors and for how long. The figures
//! come from the constants the code uses, so the page cannot drift from what is done.

use crate::components::breadcrumb::Breadcrumb;
use crate::mail::{RETRY_FOR_SECS, SENT_KEPT_DAYS};
use crate::model::Crumb;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

pub const PRIVACY_PATH: &str = "/chinh-sach-bao-mat";

#[component]
pub fn PrivacyView() -> impl IntoView {
    view! {
        <Title text="Chính sách bảo mật"/>
        <Meta name="description" content="Cổng thông tin lưu gì về người truy cập, để làm gì và trong bao lâu."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Chính sách bảo mật")]/>
        <article class="content-page privacy">
            <h1>"Chính sách bảo mật"</h1>
            <p>"Cổng thông tin chỉ lưu những gì cần để phục vụ bạn, không bán hay chia sẻ dữ liệu cho bên thứ ba, và không dùng dịch vụ theo dõi hay quảng cáo nào."</p>
            <h2>"Khi bạn đọc tin"</h2>
            <ul>
                <li>"Cookie " <code>"hdnd_khach"</code> ": một mã ngẫu nhiên, chỉ dùng để đếm lượt truy cập (không gắn với tên, email hay thiết bị của bạn). Cookie tồn tại một năm; bạn có thể xóa bất cứ lúc nào trong trình duyệt."</li>
                <li>"Địa chỉ IP của bạn được giữ trong bộ nhớ máy chủ tối đa một giờ để giới hạn số lượt đếm, không ghi vào cơ sở dữ liệu."</li>
            </ul>
            <h2>"Khi bạn gửi thư qua cổng thông tin"</h2>
            <ul>
                <li>"Chia sẻ bài viết qua email: cổng thông tin lưu địa chỉ của bạn, địa chỉ người nhận và lời nhắn để gửi thư. Thư được thử gửi trong tối đa "
                    {RETRY_FOR_SECS / 3600} " giờ; thư đã gửi được xóa sau " {SENT_KEPT_DAYS} " ngày."</li>
                <li>"Thư liên hệ: họ tên, email, tiêu đề và nội dung được chuyển đến Văn phòng qua email và lưu trong hàng đợi thư trong cùng thời hạn."</li>
                <li>"Câu hỏi, góp ý: họ tên, địa phương và nội dung được công khai khi câu hỏi được đăng. Email không bao giờ được công khai; nó chỉ dùng để gửi thư xác nhận và thư báo trả lời, và được lưu cùng câu hỏi. Tệp đính kèm (nếu có) được công khai cùng câu hỏi khi câu hỏi được đăng; trước đó chỉ Ban biên tập xem được. Câu hỏi không được xác nhận trong "
                    {crate::questions::CONFIRM_HOURS} " giờ bị xóa cùng tệp đính kèm."</li>
                <li>"Đăng ký nhận tin: chỉ lưu địa chỉ email, chủ đề theo dõi và tần suất nhận thư (cùng thời điểm đăng ký và mục tin cuối cùng đã gửi, để không gửi trùng). Đăng ký không được xác nhận trong "
                    {crate::subscriptions::CONFIRM_HOURS} " giờ bị xóa. Hủy đăng ký (đường dẫn ở cuối mỗi thư, hoặc nút hủy của chương trình thư) là xóa ngay địa chỉ khỏi chủ đề đó."</li>
                <li>"Để chống thư rác, mỗi yêu cầu gửi thư được ghi lại (địa chỉ gửi, địa chỉ nhận, địa chỉ IP, thời điểm) trong 24 giờ rồi xóa."</li>
            </ul>
            <h2>"Biên tập viên"</h2>
            <ul>
                <li>"Cookie " <code>"hdnd_phien"</code> " giữ phiên đăng nhập trong 12 giờ. Đường dẫn đặt lại mật khẩu dùng được một lần, trong 60 phút."</li>
                <li>"Mọi thao tác ghi của biên tập viên được ghi vào nhật ký thao tác kèm địa chỉ IP."</li>
            </ul>
            <h2>"Liên hệ về dữ liệu của bạn"</h2>
            <p>"Để hỏi hoặc yêu cầu xóa dữ liệu liên quan đến bạn, hãy dùng " <a href="/trang/lien-he">"trang Liên hệ"</a> "."</p>
        </article>
    }
}
