//! Where the portal is reached and whom to believe about the client: one notion of the public
//! URL (`PUBLIC_URL`) and of the reverse proxies in front (`TRUSTED_PROXIES`).
//!
//! - `X-Forwarded-For` and `X-Forwarded-Proto` are read only when the connection comes from a
//!   trusted proxy; from anybody else they are ignored (anyone can send them).
//! - The client's address (what login limits count by) is then the right-most address in
//!   `X-Forwarded-For` that is not itself a trusted proxy.
//! - Cookies are `Secure`, and HSTS is sent, when the public URL is https (without a public
//!   URL: when a trusted proxy says the request came over https).
//! - A write must come from a page of the public origin: the `Origin` (or `Referer`) must match
//!   its scheme, host and port.

use app::client::Client;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// A scheme, host and port: what the browser sends as `Origin`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub https: bool,
    pub host: String,
    pub port: u16,
}

impl Origin {
    /// Reads `scheme://host[:port][/path]`; only http and https.
    pub fn parse(url: &str) -> Option<Origin> {
        let uri: Uri = url.trim().parse().ok()?;
        let https = match uri.scheme_str()? {
            "https" => true,
            "http" => false,
            _ => return None,
        };
        let host = uri.host()?.to_ascii_lowercase();
        let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
        (!host.is_empty()).then_some(Origin { https, host, port })
    }

    /// `https://host` (with the port when it is not the scheme's own), for links.
    pub fn url(&self) -> String {
        let scheme = if self.https { "https" } else { "http" };
        if self.port == if self.https { 443 } else { 80 } {
            format!("{scheme}://{}", self.host)
        } else {
            format!("{scheme}://{}:{}", self.host, self.port)
        }
    }

    /// The origin of a request sent to `host` (a `Host` header value) over `https` or not.
    fn of_request(host: &str, https: bool) -> Option<Origin> {
        Origin::parse(&format!("{}://{host}", if https { "https" } else { "http" }))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("PUBLIC_URL không hợp lệ: {0:?} (ví dụ https://hdnd.binhduong.gov.vn)")]
    PublicUrl(String),
    #[error("TRUSTED_PROXIES có mục không hợp lệ: {0:?} (địa chỉ IP hoặc dải CIDR, cách nhau bằng dấu phẩy)")]
    Proxy(String),
}

/// The deployment as the HTTP layer sees it.
#[derive(Clone, Debug, Default)]
pub struct Site {
    /// The address readers use; None: whatever `Host` the request names.
    pub public: Option<Origin>,
    /// Proxies whose forwarding headers are believed.
    pub trusted_proxies: Vec<IpNet>,
}

impl Site {
    /// From `PUBLIC_URL` and `TRUSTED_PROXIES` (comma-separated addresses or CIDR ranges).
    pub fn from_settings(public_url: Option<&str>, trusted_proxies: Option<&str>) -> Result<Site, SiteError> {
        let public = match public_url.map(str::trim).filter(|s| !s.is_empty()) {
            Some(url) => Some(Origin::parse(url).ok_or_else(|| SiteError::PublicUrl(url.to_string()))?),
            None => None,
        };
        let trusted_proxies = trusted_proxies
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| SiteError::Proxy(item.to_string()))
            })
            .collect::<Result<_, _>>()?;
        Ok(Site { public, trusted_proxies })
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.trusted_proxies.iter().any(|net| net.contains(&ip))
    }

    /// Whether the portal is served over https (then cookies are `Secure` and HSTS is sent).
    pub fn is_https(&self) -> bool {
        self.public.as_ref().is_some_and(|p| p.https)
    }

    /// Who sent a request that reached us from `peer` (None when unknown, as in tests).
    pub fn client(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Client {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let via_proxy = peer.is_some_and(|p| self.trusts(p));
        let mut ip = peer;
        if via_proxy {
            let forwarded: Vec<IpAddr> = headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .collect();
            // Right to left: the first hop no trusted proxy vouches for is the client.
            if let Some(first) = forwarded.first() {
                ip = Some(forwarded.iter().rev().copied().find(|a| !self.trusts(*a)).unwrap_or(*first));
            }
        }
        let forwarded_https = via_proxy && text("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"));
        let secure = match &self.public {
            Some(public) => public.https,
            None => forwarded_https,
        };
        let base_url = self
            .expected_origin(text("host"), secure)
            .map_or_else(|| "http://localhost".to_string(), |origin| origin.url());
        Client { ip: ip.map_or_else(|| "?".to_string(), |ip| ip.to_string()), secure, base_url }
    }

    /// The origin pages of this site have, for a request sent to `host`.
    fn expected_origin(&self, host: Option<&str>, secure: bool) -> Option<Origin> {
        match &self.public {
            Some(public) => Some(public.clone()),
            None => Origin::of_request(host?, secure),
        }
    }

    /// Whether a write comes from a page of this site: its `Origin` (or, failing that, its
    /// `Referer`) has the public scheme, host and port.
    pub fn same_origin(&self, headers: &HeaderMap, client: &Client) -> bool {
        let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        let Some(sent) = text(header::ORIGIN).or_else(|| text(header::REFERER)).and_then(Origin::parse) else {
            return false;
        };
        self.expected_origin(text(header::HOST), client.secure).is_some_and(|expected| expected == sent)
    }
}

/// Works out the client of every request and puts it into the request's extensions (server
/// functions read it through `app::client::current`); then refuses, with 403, any request that
/// could change something (anything but GET/HEAD/OPTIONS) from a page of another site. The one
/// exception is the one-click unsubscribe of RFC 8058, which mail providers POST from their
/// own servers: it uses no cookie, and the signed token in its address is its authority.
pub async fn identify(State(site): State<Arc<Site>>, mut req: Request, next: Next) -> Response {
    use axum::http::Method;
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
    let client = site.client(peer, req.headers());
    let reads_only = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || req.uri().path() == app::subscriptions::ONE_CLICK_PATH;
    if !reads_only && !site.same_origin(req.headers(), &client) {
        let body = serde_json::to_string(&app::error::ApiError::Forbidden).unwrap_or_default();
        return (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    req.extensions_mut().insert(client);
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    fn ip(s: &str) -> Option<IpAddr> {
        s.parse().ok()
    }

    #[test]
    fn links_in_mail_use_the_public_address_or_the_request_host() {
        let public = Site::from_settings(Some("https://hdnd.binhduong.gov.vn"), None).unwrap();
        let h = headers(&[("host", "evil.example")]);
        assert_eq!(public.client(ip("198.51.100.9"), &h).base_url, "https://hdnd.binhduong.gov.vn");
        let dev = Site::from_settings(None, None).unwrap();
        let h = headers(&[("host", "127.0.0.1:3000")]);
        assert_eq!(dev.client(ip("127.0.0.1"), &h).base_url, "http://127.0.0.1:3000");
        assert_eq!(dev.client(ip("127.0.0.1"), &HeaderMap::new()).base_url, "http://localhost");
    }

    #[test]
    fn settings_are_parsed_or_refused() {
        let site = Site::from_settings(Some("https://hdnd.binhduong.gov.vn"), Some("127.0.0.1, 10.0.0.0/8")).unwrap();
        assert_eq!(site.public, Some(Origin { https: true, host: "hdnd.binhduong.gov.vn".into(), port: 443 }));
        assert_eq!(site.trusted_proxies.len(), 2);
        assert!(site.is_https());
        assert!(Site::from_settings(Some("ftp://x"), None).is_err());
        assert!(Site::from_settings(None, Some("10.0.0.0/33")).is_err());
        assert!(Site::from_settings(None, Some("proxy.local")).is_err());
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let site = Site::from_settings(None, Some("10.0.0.0/8")).unwrap();
        let h = headers(&[("x-forwarded-for", "203.0.113.7, 10.0.0.5"), ("x-forwarded-proto", "https")]);
        let through_proxy = site.client(ip("10.0.0.1"), &h);
        assert_eq!(through_proxy.ip, "203.0.113.7");
        assert!(through_proxy.secure);
        // The same headers from anyone else are ignored.
        let direct = site.client(ip("198.51.100.9"), &h);
        assert_eq!((direct.ip.as_str(), direct.secure), ("198.51.100.9", false));
        // A client cannot pick its address by prepending to the header: the right-most
        // untrusted hop counts.
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.7")]);
        assert_eq!(site.client(ip("10.0.0.1"), &h).ip, "203.0.113.7");
    }

    #[test]
    fn the_public_url_decides_secure_cookies() {
        let site = Site::from_settings(Some("https://hdnd.example"), Some("127.0.0.1")).unwrap();
        // Even when the proxy forgets X-Forwarded-Proto.
        assert!(site.client(ip("127.0.0.1"), &HeaderMap::new()).secure);
        let plain = Site::from_settings(Some("http://localhost:3000"), Some("127.0.0.1")).unwrap();
        assert!(!plain.client(ip("127.0.0.1"), &headers(&[("x-forwarded-proto", "https")])).secure);
    }

    #[test]
    fn origins_must_match_scheme_host_and_port() {
        let site = Site::from_settings(Some("https://hdnd.example"), None).unwrap();
        let client = site.client(None, &HeaderMap::new());
        let from =
            |origin: &'static str| site.same_origin(&headers(&[("host", "hdnd.example"), ("origin", origin)]), &client);
        assert!(from("https://hdnd.example"));
        assert!(from("https://HDND.example:443"));
        assert!(!from("http://hdnd.example"), "the scheme counts");
        assert!(!from("https://hdnd.example:8443"), "the port counts");
        assert!(!from("https://evil.example"));
        assert!(!from("null"));
        // Without a public URL: the Host the request names, over plain http unless a trusted
        // proxy says otherwise.
        let local = Site::default();
        let client = local.client(ip("127.0.0.1"), &HeaderMap::new());
        let h = |origin: &'static str| headers(&[("host", "127.0.0.1:3000"), ("origin", origin)]);
        assert!(local.same_origin(&h("http://127.0.0.1:3000"), &client));
        assert!(!local.same_origin(&h("https://127.0.0.1:3000"), &client));
        assert!(!local.same_origin(&h("http://127.0.0.1:3001"), &client));
        assert!(!local.same_origin(&headers(&[("host", "127.0.0.1:3000")]), &client), "no Origin, no Referer");
        let referer = headers(&[("host", "127.0.0.1:3000"), ("referer", "http://127.0.0.1:3000/dang-nhap?x=1")]);
        assert!(local.same_origin(&referer, &client));
    }
}
