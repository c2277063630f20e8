//! The audit log as administrators read it: what was done (one `Action` per kind of write),
//! by whom, when, to what, and from which address.

use serde::{Deserialize, Serialize};

/// Entries a page of the log shows.
pub const AUDIT_PAGE_SIZE: u32 = 50;

/// Who wrote from the command line on the server rather than through the portal.
pub const COMMAND_LINE: &str = "dòng lệnh";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    LogIn,
    LogOut,
    Create,
    Save,
    Restore,
    Trash,
    Untrash,
    Upload,
    Attach,
    Detach,
    Purge,
    CleanFiles,
    SetMembership,
    RemoveMembership,
    AddAccount,
    DisableAccount,
    EnableAccount,
    ResetPassword,
    Setting,
    ResendMail,
}

impl Action {
    pub const ALL: [Action; 20] = [
        Action::LogIn,
        Action::LogOut,
        Action::Create,
        Action::Save,
        Action::Restore,
        Action::Trash,
        Action::Untrash,
        Action::Upload,
        Action::Attach,
        Action::Detach,
        Action::Purge,
        Action::CleanFiles,
        Action::SetMembership,
        Action::RemoveMembership,
        Action::AddAccount,
        Action::DisableAccount,
        Action::EnableAccount,
        Action::ResetPassword,
        Action::Setting,
        Action::ResendMail,
    ];

    /// As stored.
    pub fn key(self) -> &'static str {
        match self {
            Action::LogIn => "login",
            Action::LogOut => "logout",
            Action::Create => "create",
            Action::Save => "save",
            Action::Restore => "restore",
            Action::Trash => "trash",
            Action::Untrash => "untrash",
            Action::Upload => "upload",
            Action::Attach => "attach",
            Action::Detach => "detach",
            Action::Purge => "purge",
            Action::CleanFiles => "clean_files",
            Action::SetMembership => "set_membership",
            Action::RemoveMembership => "remove_membership",
            Action::AddAccount => "add_account",
            Action::DisableAccount => "disable_account",
            Action::EnableAccount => "enable_account",
            Action::ResetPassword => "reset_password",
            Action::Setting => "setting",
            Action::ResendMail => "resend_mail",
        }
    }

    pub fn parse(key: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.key() == key)
    }

    /// For the log's readers.
    pub fn label(self) -> &'static str {
        match self {
            Action::LogIn => "Đăng nhập",
            Action::LogOut => "Đăng xuất",
            Action::Create => "Tạo mới",
            Action::Save => "Lưu",
            Action::Restore => "Khôi phục phiên bản",
            Action::Trash => "Chuyển vào thùng rác",
            Action::Untrash => "Lấy lại từ thùng rác",
            Action::Upload => "Tải ảnh lên",
            Action::Attach => "Đính kèm tệp",
            Action::Detach => "Gỡ tệp đính kèm",
            Action::Purge => "Xóa vĩnh viễn tệp",
            Action::CleanFiles => "Dọn tệp không dùng",
            Action::SetMembership => "Đặt thành viên cơ quan",
            Action::RemoveMembership => "Bỏ thành viên cơ quan",
            Action::AddAccount => "Tạo tài khoản",
            Action::DisableAccount => "Khóa tài khoản",
            Action::EnableAccount => "Mở khóa tài khoản",
            Action::ResetPassword => "Đặt lại mật khẩu",
            Action::Setting => "Đổi thiết lập",
            Action::ResendMail => "Gửi lại thư",
        }
    }
}

/// One line of the log, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// "Thứ 2, 20/06/2022 08:00" in Asia/Ho_Chi_Minh.
    pub when: String,
    /// RFC 3339, for `<time datetime>`.
    pub iso: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub ip: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: u64,
    pub page: u32,
    pub total_pages: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_by_key_and_have_labels() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.key()), Some(a));
            assert!(!a.label().is_empty());
        }
        assert_eq!(Action::parse("drop"), None);
    }
}
