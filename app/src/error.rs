//! The one error type of the server-function layer, carried to the browser as JSON.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// The thing asked for does not exist (or is not public).
    #[error("Không tìm thấy nội dung yêu cầu.")]
    NotFound,
    /// The request was understood but its input is wrong; the text says what, in Vietnamese.
    #[error("{0}")]
    Invalid(String),
    /// Not signed in, or the login session has expired.
    #[error("Bạn cần đăng nhập (hoặc phiên đăng nhập đã hết hạn).")]
    Unauthorized,
    /// Signed in, but this role may not do that.
    #[error("Tài khoản của bạn không có quyền thực hiện thao tác này.")]
    Forbidden,
    /// The save started from an older version: someone else saved in between.
    #[error("Bài viết đã được người khác sửa trong lúc bạn soạn. Nội dung của bạn vẫn được giữ nguyên; hãy xem thay đổi của họ, hợp nhất rồi lưu lại.")]
    Conflict(Box<crate::editing::Conflict>),
    /// Too many attempts; try later.
    #[error("{0}")]
    TooMany(String),
    /// The server is at its limit for this kind of work; try again in a moment.
    #[error("{}", crate::auth::BUSY)]
    Busy,
    /// Something failed on the server; details are in the server log, not here.
    #[error("Máy chủ đang gặp sự cố, vui lòng thử lại sau.")]
    Server,
    /// The request did not reach the server or the answer could not be read.
    #[error("Không kết nối được với máy chủ ({0}).")]
    Transport(String),
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(e) | ServerFnErrorErr::Deserialization(e) => {
                ApiError::Invalid(format!("Dữ liệu gửi lên không hợp lệ: {e}"))
            }
            other => ApiError::Transport(other.to_string()),
        }
    }
}

impl ApiError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound => 404,
            ApiError::Invalid(_) => 400,
            ApiError::Unauthorized => 401,
            ApiError::Forbidden => 403,
            ApiError::Conflict(_) => 409,
            ApiError::TooMany(_) => 429,
            ApiError::Busy => 503,
            ApiError::Server | ApiError::Transport(_) => 500,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => ApiError::NotFound,
            other => {
                tracing::error!(error = %other, "database error");
                ApiError::Server
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<tantivy::TantivyError> for ApiError {
    fn from(e: tantivy::TantivyError) -> Self {
        tracing::error!(error = %e, "search index error");
        ApiError::Server
    }
}
