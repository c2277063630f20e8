//! Who is asking: the signed-in user as the views see it, and the roles.

use serde::{Deserialize, Serialize};

pub const BAD_LOGIN: &str = "Email hoặc mật khẩu không đúng.";
pub const BUSY: &str = "Máy chủ đang bận, vui lòng thử lại sau giây lát.";
pub const TOO_MANY: &str = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.";

/// The login session cookie's name.
pub const LOGIN_SESSION_COOKIE: &str = "hdnd_phien";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Writes and corrects content.
    Editor,
    /// Also manages accounts.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "editor" => Some(Role::Editor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Vietnamese name for the interface.
    pub fn label(self) -> &'static str {
        match self {
            Role::Editor => "Biên tập viên",
            Role::Admin => "Quản trị viên",
        }
    }

    /// Every role may edit content.
    pub fn can_edit(self) -> bool {
        true
    }

    pub fn can_manage_users(self) -> bool {
        self == Role::Admin
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    pub id: i64,
    pub email: String,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_only_admins_manage_users() {
        for role in [Role::Editor, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert!(role.can_edit());
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Admin.can_manage_users());
        assert!(!Role::Editor.can_manage_users());
    }
}
