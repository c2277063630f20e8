//! Who is on the other end of a request, as the server's HTTP layer worked it out (server
//! only): the client's address (behind a trusted reverse proxy, the one it forwarded) and
//! whether the portal is reached over HTTPS. The server puts one into every request's
//! extensions; server functions read it here.

/// The requesting client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    /// The address login limits count by.
    pub ip: String,
    /// Whether cookies must be `Secure` (the portal is reached over HTTPS).
    pub secure: bool,
    /// Where readers reach the portal, for links in mail: `PUBLIC_URL`, or the scheme and
    /// `Host` of the request (`http://127.0.0.1:3000`), without a trailing slash.
    pub base_url: String,
}

impl Client {
    /// When the HTTP layer did not say (as in tests that call the app directly).
    pub fn unknown() -> Client {
        Client { ip: "?".to_string(), secure: false, base_url: "http://localhost".to_string() }
    }
}

/// The client of the request being answered.
pub async fn current() -> Client {
    leptos_axum::extract::<axum::Extension<Client>>()
        .await
        .map(|axum::Extension(c)| c)
        .unwrap_or_else(|_| Client::unknown())
}
